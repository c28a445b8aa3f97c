import CLibXML2

/// Checks that an XML document (the Atom feed) is well-formed, with libxml2's XML parser.
public struct XMLValidator: Sendable {
    public init() {}

    public func validate(_ xml: String) -> [PageCheck.Problem] {
        var collector = ErrorCollector()
        let bytes = Array(xml.utf8)
        let document: xmlDocPtr? = withUnsafeMutablePointer(to: &collector) { collectorPointer in
            xmlSetStructuredErrorFunc(UnsafeMutableRawPointer(collectorPointer), collectStructuredXMLError)
            defer { xmlSetStructuredErrorFunc(nil, nil) }
            return bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { base in
                    xmlReadMemory(base, Int32(buffer.count), "feed.xml", "UTF-8", Int32(XML_PARSE_NONET.rawValue))
                }
            }
        }
        if let document { xmlFreeDoc(document) }
        if document == nil && collector.problems.isEmpty {
            return [.init(line: 1, message: "libxml2 could not parse the document")]
        }
        return collector.problems
    }
}

private func collectStructuredXMLError(_ context: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
    guard let context, let error else { return }
    let collector = context.assumingMemoryBound(to: ErrorCollector.self)
    let message = error.pointee.message.map { trimmed(String(cString: $0)) } ?? "unknown libxml2 error"
    collector.pointee.problems.append(
        .init(
            line: Int(error.pointee.line), column: error.pointee.int2 > 0 ? Int(error.pointee.int2) : nil,
            message: message))
}
