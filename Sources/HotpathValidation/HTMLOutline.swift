import CLibXML2

/// Every element of an HTML page as libxml2's HTML parser sees it: its name, attributes and the
/// text directly inside it, in document order.
///
/// What a browser would make of the page, so a check can prove that text from a dump stayed
/// text: no `<script>` or `<img>` a template did not write, no `onerror` attribute, a name shown
/// whole inside its `<h1>`. Works on pages and on fragments (cmark-gfm's output) alike.
public struct HTMLOutline: Sendable {
    public struct Attribute: Sendable, Equatable {
        public var name: String
        public var value: String
    }

    public struct Element: Sendable {
        /// Lowercased, as HTML compares them.
        public var name: String
        public var attributes: [Attribute]
        /// The text of the element's own text children (not of its descendants'), joined.
        public var text: String
        public var line: Int

        public func attribute(_ name: String) -> String? {
            attributes.first { $0.name == name }?.value
        }
    }

    public var elements: [Element]

    public init(html: String) {
        // Errors are the validator's business; this only reads the tree.
        elements = LibXML2Parse.read(html, with: .htmlTreeOnly, name: "page.html") { parse in
            Self.elements(under: parse.root)
        }
    }

    /// The elements from `root` down, in document order, iteratively.
    private static func elements(under root: xmlNodePtr?) -> [Element] {
        var elements: [Element] = []
        var stack: [xmlNodePtr] = []
        if let root { stack.append(root) }
        while let node = stack.popLast() {
            var children: [xmlNodePtr] = []
            var child = node.pointee.children
            var text = ""
            while let current = child {
                children.append(current)
                if current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE,
                    let content = current.pointee.content
                {
                    text += String(cString: content)
                }
                child = current.pointee.next
            }
            if node.pointee.type == XML_ELEMENT_NODE {
                var attributes: [Attribute] = []
                var attribute = node.pointee.properties
                while let current = attribute {
                    let name = current.pointee.name.map { String(cString: $0) }?.lowercased() ?? ""
                    attributes.append(Attribute(name: name, value: DocumentWalk.attributeValue(current)))
                    attribute = current.pointee.next
                }
                elements.append(
                    Element(
                        name: node.pointee.name.map { String(cString: $0) }?.lowercased() ?? "", attributes: attributes,
                        text: text, line: Int(xmlGetLineNo(node))))
            }
            stack.append(contentsOf: children.reversed())
        }
        return elements
    }

    /// The elements named `name`.
    public func elements(named name: String) -> [Element] {
        elements.filter { $0.name == name }
    }
}
