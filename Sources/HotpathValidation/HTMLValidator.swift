import CLibXML2

/// Validates one HTML5 page with libxml2 plus the checks libxml2's HTML4-era parser lacks.
///
/// libxml2 2.9 reports syntax errors (broken attributes, bad character references, stray end
/// tags) but calls every HTML5 element "invalid" and silently repairs unclosed elements. So:
/// its "Tag X invalid" is ignored for HTML5, SVG and MathML element names (and custom
/// elements), and `TagBalance` checks nesting the HTML5 way (void elements, optional end tags,
/// self-closing foreign elements). Entity names are checked against libxml2's HTML entity table,
/// and duplicate ids are reported. Links are collected for `LinkChecker`.
///
/// Thread safety: safe to call from many threads (see `LibXML2Parse`).
public struct HTMLValidator: Sendable {
    public init() {}

    public func validate(_ html: String) -> PageCheck {
        var check = PageCheck()
        var html = html
        html.withUTF8 { bytes in
            check.problems += TagBalance.check(bytes)
            check.problems += EntityCheck.check(bytes)
            var problems: [LibXML2Parse.Problem] = []
            let parsed = LibXML2Parse.scanHTML(bytes, name: "page.html", problems: &problems) { tag in
                DocumentWalk.collect(tag, into: &check)
            }
            for problem in problems {
                // XML_HTML_UNKNOWN_TAG: libxml2 2.9 knows only HTML4 elements.
                if problem.code == 801, let tag = unknownTagName(problem.message), HTMLElements.isKnown(tag) {
                    continue
                }
                check.problems.append(.init(line: problem.line, column: problem.column, message: problem.message))
            }
            if !parsed {
                check.problems.append(.init(line: 1, message: "libxml2 could not parse the page at all"))
            }
        }
        var linesByID: [String: [Int]] = [:]
        for (id, line) in zip(check.ids, check.idLines) {
            linesByID[id, default: []].append(line)
        }
        for (id, lines) in linesByID.sorted(by: { $0.key < $1.key }) where lines.count > 1 {
            // Reported where it is used again, with every line it is on.
            let where_ = lines.map(String.init).joined(separator: ", ")
            check.problems.append(
                .init(
                    line: lines[1],
                    message: "id \"\(id)\" is used \(lines.count) times (lines \(where_)); ids must be unique"))
        }
        check.problems.sort { ($0.line, $0.column ?? 0, $0.message) < ($1.line, $1.column ?? 0, $1.message) }
        return check
    }
}

private func unknownTagName(_ message: String) -> String? {
    guard message.hasPrefix("Tag "), message.hasSuffix(" invalid") else { return nil }
    return String(message.dropFirst(4).dropLast(8))
}

/// Collects ids and links from the start tags libxml2 reads.
enum DocumentWalk {
    /// Whether the C string `name` is `expected` (lowercase ASCII), ignoring ASCII case.
    static func named(_ name: UnsafePointer<xmlChar>?, _ expected: StaticString) -> Bool {
        guard let name else { return false }
        let bytes = expected.utf8Start
        for offset in 0..<expected.utf8CodeUnitCount {
            var byte = name[offset]
            if byte >= 65, byte <= 90 { byte += 32 }
            if byte != bytes[offset] { return false }
        }
        return name[expected.utf8CodeUnitCount] == 0
    }

    /// A libxml2 name as a lowercased string ("" for none).
    static func lowercased(_ name: UnsafePointer<xmlChar>?) -> String {
        guard let name else { return "" }
        let text = String(cString: name)
        return text.utf8.contains(where: { $0 >= 65 && $0 <= 90 }) ? text.lowercased() : text
    }

    /// An attribute's value: the text of its child nodes, without libxml2 allocating a copy.
    static func attributeValue(_ attribute: xmlAttrPtr) -> String {
        var value = ""
        var child = attribute.pointee.children
        while let node = child {
            if let content = node.pointee.content { value += String(cString: content) }
            child = node.pointee.next
        }
        return value
    }

    /// Keeps a start tag's ids and links.
    static func collect(_ tag: LibXML2Parse.StartTag, into check: inout PageCheck) {
        guard var attribute = tag.attributes else { return }
        while let name = attribute[0] {
            // Names compared as bytes, ignoring case: a page has thousands of attributes and only
            // ids and links matter here, so only their values become strings. A value libxml2
            // could not read is empty, as in its tree.
            if Self.named(name, "id") {
                check.ids.append(attribute[1].map { String(cString: $0) } ?? "")
                check.idLines.append(tag.line)
            } else if Self.named(name, "href") || Self.named(name, "src") {
                check.links.append(
                    .init(
                        target: attribute[1].map { String(cString: $0) } ?? "", attribute: Self.lowercased(name),
                        element: Self.lowercased(tag.name), line: tag.line))
            }
            attribute += 2
        }
    }
}
