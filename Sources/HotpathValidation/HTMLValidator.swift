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
        let bytes = Array(html.utf8)
        check.problems += TagBalance.check(bytes)
        check.problems += EntityCheck.check(bytes)
        LibXML2Parse.read(html, with: .html, name: "page.html") { parse in
            for problem in parse.problems {
                // XML_HTML_UNKNOWN_TAG: libxml2 2.9 knows only HTML4 elements.
                if problem.code == 801, let tag = unknownTagName(problem.message), HTMLElements.isKnown(tag) {
                    continue
                }
                check.problems.append(.init(line: problem.line, column: problem.column, message: problem.message))
            }
            if parse.parsed {
                DocumentWalk.collect(from: parse.root, into: &check)
            } else {
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

/// Collects ids and links from libxml2's tree, iteratively.
enum DocumentWalk {
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

    static func collect(from root: xmlNodePtr?, into check: inout PageCheck) {
        var stack: [xmlNodePtr] = []
        if let root { stack.append(root) }
        while let node = stack.popLast() {
            if node.pointee.type == XML_ELEMENT_NODE {
                let name = node.pointee.name.map { String(cString: $0) }?.lowercased() ?? ""
                let line = Int(xmlGetLineNo(node))
                var attribute = node.pointee.properties
                while let current = attribute {
                    let attributeName = current.pointee.name.map { String(cString: $0) }?.lowercased() ?? ""
                    if attributeName == "id" || attributeName == "href" || attributeName == "src"
                        || (attributeName == "name" && name == "a")
                    {
                        let value = attributeValue(current)
                        if attributeName == "id" || attributeName == "name" {
                            if attributeName == "id" {
                                check.ids.append(value)
                                check.idLines.append(line)
                            }
                        } else {
                            check.links.append(
                                .init(target: value, attribute: attributeName, element: name, line: line))
                        }
                    }
                    attribute = current.pointee.next
                }
            }
            // Push children in reverse so they are visited in document order.
            var children: [xmlNodePtr] = []
            var child = node.pointee.children
            while let current = child {
                children.append(current)
                child = current.pointee.next
            }
            stack.append(contentsOf: children.reversed())
        }
    }
}
