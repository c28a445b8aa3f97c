/// Prints a compiled template as an indented tree with `@line:col` positions, like
/// swift-markdown's `MarkupTreeDumper`: a readable golden of what the parser understood.
///
/// ```
/// Template "row.html" (html)
/// └─ Output @1:5
///    └─ Filter duration @1:16
///       └─ Member mean @1:11
///          └─ Variable op @1:8
/// ```
struct TreeDumper {
    private let template: Template
    private let lines: LineTable

    init(_ template: Template) {
        self.template = template
        self.lines = LineTable(template.source)
    }

    private struct Item {
        var label: String
        var children: [Item] = []
    }

    func dump() -> String {
        var children: [Item] = []
        if let parent = template.parent {
            children.append(Item(label: "Extends \(quote(parent.name)) \(at(parent.tagRange))"))
            children += template.nodes.map(item)
            children += template.blocks.values.sorted { $0.range.start < $1.range.start }
                .filter { block in !isNested(block) }
                .map { blockItem($0) }
        } else {
            children = template.nodes.map(item)
        }
        let root = Item(label: "Template \(quote(template.name)) (\(template.format.rawValue))", children: children)
        var output = ""
        write(root, prefix: "", childPrefix: "", into: &output)
        return output
    }

    /// Whether `block` sits inside another block (it is dumped there, not at the top).
    private func isNested(_ block: Block) -> Bool {
        template.blocks.values.contains { other in
            other.name != block.name && other.range.start < block.range.start
                && containsBlock(other.body, named: block.name)
        }
    }

    private func containsBlock(_ nodes: [Node], named name: String) -> Bool {
        nodes.contains { node in
            switch node {
            case .block(let inner, _):
                return inner == name || template.blocks[inner].map { containsBlock($0.body, named: name) } ?? false
            case .conditional(let branches, let otherwise, _):
                return branches.contains { containsBlock($0.body, named: name) }
                    || containsBlock(otherwise ?? [], named: name)
            case .loop(let loop):
                return containsBlock(loop.body, named: name) || containsBlock(loop.otherwise ?? [], named: name)
            default: return false
            }
        }
    }

    private func write(_ item: Item, prefix: String, childPrefix: String, into output: inout String) {
        output += prefix + item.label + "\n"
        for (index, child) in item.children.enumerated() {
            let isLast = index == item.children.count - 1
            write(
                child, prefix: childPrefix + (isLast ? "└─ " : "├─ "),
                childPrefix: childPrefix + (isLast ? "   " : "│  "),
                into: &output)
        }
    }

    private func at(_ range: SourceRange) -> String {
        "@\(lines.location(of: range.start))"
    }

    private func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    private func blockItem(_ block: Block) -> Item {
        Item(label: "Block \(block.name) \(at(block.range))", children: block.body.map(item))
    }

    private func item(_ node: Node) -> Item {
        switch node {
        case .text(let text, let range):
            return Item(label: "Text \(quote(text)) \(at(range))")
        case .output(let expression, let range):
            return Item(label: "Output \(at(range))", children: [item(expression)])
        case .superBlock(let range):
            return Item(label: "Super \(at(range))")
        case .conditional(let branches, let otherwise, let range):
            var children = branches.enumerated().map { index, branch in
                Item(
                    label: "\(index == 0 ? "If" : "ElseIf") \(at(branch.range))",
                    children: [
                        Item(label: "Condition", children: [item(branch.condition)]),
                        Item(label: "Then", children: branch.body.map(item)),
                    ])
            }
            if let otherwise { children.append(Item(label: "Else", children: otherwise.map(item))) }
            return Item(label: "Conditional \(at(range))", children: children)
        case .loop(let loop):
            let variables = (loop.keyName.map { "\($0), " } ?? "") + loop.valueName
            var children = [
                Item(label: "In", children: [item(loop.sequence)]), Item(label: "Body", children: loop.body.map(item)),
            ]
            if let otherwise = loop.otherwise { children.append(Item(label: "Else", children: otherwise.map(item))) }
            return Item(label: "For \(variables) \(at(loop.range))", children: children)
        case .set(let name, let expression, let range):
            return Item(label: "Set \(name) \(at(range))", children: [item(expression)])
        case .include(let include):
            return Item(
                label: "Include \(quote(include.name)) \(at(include.range))",
                children: include.arguments.map { Item(label: "Argument \($0.name)", children: [item($0.value)]) })
        case .block(let name, let range):
            guard let block = template.blocks[name] else { return Item(label: "Block \(name) \(at(range))") }
            return blockItem(block)
        }
    }

    private func item(_ expression: Expression) -> Item {
        let position = at(expression.range)
        switch expression.kind {
        case .literal(let value):
            return Item(label: "Literal \(literal(value)) \(position)")
        case .list(let elements):
            return Item(label: "List \(position)", children: elements.map(item))
        case .variable(let name):
            return Item(label: "Variable \(name) \(position)")
        case .member(let base, let name):
            return Item(label: "Member \(name) \(at(expression.focus))", children: [item(base)])
        case .subscripted(let base, let key):
            return Item(label: "Subscript \(at(expression.focus))", children: [item(base), item(key)])
        case .filter(let input, let call):
            var children = [item(input)]
            children += call.arguments.map { Item(label: "Argument", children: [item($0)]) }
            return Item(label: "Filter \(call.name) \(at(expression.focus))", children: children)
        case .unary(let op, let operand):
            return Item(label: "Unary \(op.rawValue) \(at(expression.focus))", children: [item(operand)])
        case .binary(let op, let left, let right):
            return Item(label: "Binary \(op.rawValue) \(at(expression.focus))", children: [item(left), item(right)])
        }
    }

    private func literal(_ value: TemplateValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .int(let integer): String(integer)
        case .double(let number): NumberFormatting.plain(number)
        case .string(let text), .markup(let text): quote(text)
        case .array, .dictionary: value.briefDescription
        }
    }
}
