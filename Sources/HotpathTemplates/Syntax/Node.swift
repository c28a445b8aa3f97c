/// A node of a compiled template's tree. Every node keeps the source range of its tag, for
/// errors and for the tree dump.
indirect enum Node: Sendable {
    /// Literal text, already trimmed by whitespace control; never escaped.
    case text(String, SourceRange)
    /// `{{ expression }}`, escaped by the output format of the template it is written in.
    case output(Expression, SourceRange)
    /// `{{ super() }}`: the content of the overridden block one layout up.
    case superBlock(SourceRange)
    /// `{% if %}` … `{% elif %}` … `{% else %}` … `{% endif %}`.
    case conditional([ConditionalBranch], otherwise: [Node]?, SourceRange)
    case loop(Loop)
    /// `{% set name = expression %}`: visible for the rest of the enclosing loop body, block,
    /// include or template.
    case set(String, Expression, SourceRange)
    case include(Include)
    /// A `{% block name %}` placeholder; its content is in `Template.blocks`, because a child
    /// template may replace it.
    case block(String, SourceRange)
}

struct ConditionalBranch: Sendable {
    var condition: Expression
    var body: [Node]
    var range: SourceRange
}

struct Loop: Sendable {
    /// `key` in `{% for key, value in dict %}`; `nil` for `{% for item in items %}`.
    var keyName: String?
    var valueName: String
    var sequence: Expression
    var body: [Node]
    /// `{% else %}` content, shown when the sequence is empty.
    var otherwise: [Node]?
    var range: SourceRange
}

/// `{% include "name" with … %}`. A class, so the renderer takes one reference per row rather
/// than copying each field.
final class Include: Sendable {
    let name: String
    let nameRange: SourceRange
    /// `with label=expr, value=expr`, in written order.
    let arguments: [(name: String, value: Expression)]
    let range: SourceRange
    /// The argument names alone: the names of the partial's scope frame, shared by every render.
    let argumentNames: [String]

    init(name: String, nameRange: SourceRange, arguments: [(name: String, value: Expression)], range: SourceRange) {
        self.name = name
        self.nameRange = nameRange
        self.arguments = arguments
        self.range = range
        self.argumentNames = arguments.map(\.name)
    }
}

/// A `{% block %}` definition.
struct Block: Sendable {
    var name: String
    var body: [Node]
    var range: SourceRange
}

/// A reference to another template, for checking includes and layouts before rendering.
struct TemplateReference: Sendable {
    enum Relation: Sendable { case include, extends }
    var relation: Relation
    var name: String
    var range: SourceRange
}
