/// `{% extends "name" %}`: errors about the layout underline the name; the chain of an error
/// inside the layout points at the tag.
struct LayoutReference: Sendable {
    var name: String
    var nameRange: SourceRange
    var tagRange: SourceRange
}

/// A compiled template: immutable, `Sendable`, shared by every render that uses it.
final class Template: Sendable {
    let source: TemplateSource
    let format: OutputFormat
    /// For a template without a layout, everything in it. For a child template (one that
    /// `extends`), only its top-level `set` tags, run before its layout renders; its content is
    /// in `blocks`.
    let nodes: [Node]
    /// The layout named by `{% extends %}`.
    let parent: LayoutReference?
    let blocks: [String: Block]
    /// Every include and extends, in source order.
    let references: [TemplateReference]

    var name: String { source.name }

    init(
        source: TemplateSource, format: OutputFormat, nodes: [Node], parent: LayoutReference?,
        blocks: [String: Block], references: [TemplateReference]
    ) {
        self.source = source
        self.format = format
        self.nodes = nodes
        self.parent = parent
        self.blocks = blocks
        self.references = references
    }

    /// Lexes and parses `text`, resolving filters against `filters`.
    static func compile(name: String, text: String, filters: TemplateFilterRegistry) throws -> Template {
        let source = TemplateSource(name: name, text: text)
        guard let format = OutputFormat(templateName: name) else {
            throw TemplateError(
                kind: .unsupportedFormat, templateName: name,
                message:
                    "no output format for '\(name)': expected a name ending in .html, .svg, .xml, .atom (HTML escaping), .md (Markdown escaping), .css, .js or .txt (no escaping)"
            )
        }
        let tokens = try Lexer(source).tokenize()
        var parser = Parser(source: source, tokens: tokens, filters: filters)
        return try parser.parseTemplate(format: format)
    }
}
