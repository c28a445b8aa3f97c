import CLibXML2

/// Checks that an XML document (the Atom feed) is well-formed, with libxml2's XML parser.
public struct XMLValidator: Sendable {
    public init() {}

    public func validate(_ xml: String) -> [PageCheck.Problem] {
        LibXML2Parse.read(xml, with: .xml, name: "feed.xml") { parse in
            if !parse.parsed && parse.problems.isEmpty {
                return [.init(line: 1, message: "libxml2 could not parse the document")]
            }
            return parse.problems.map { .init(line: $0.line, column: $0.column, message: $0.message) }
        }
    }
}
