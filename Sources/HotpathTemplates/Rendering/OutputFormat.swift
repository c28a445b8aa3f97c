/// How a template's interpolated values are escaped, chosen by its name's extension.
///
/// Strict by default: a name with an extension not listed here does not compile, rather than
/// render unescaped.
enum OutputFormat: String, Sendable, Equatable {
    /// `.html`, `.svg`, `.xml`, `.atom`: `& < > " '` become entities.
    case html
    /// `.md`: GitHub-flavored Markdown; see `Escaping.appendMarkdown`.
    case markdown
    /// `.css`, `.js`, `.txt`: values are inserted as they are.
    case plain

    init?(templateName name: String) {
        guard let dot = name.lastIndex(of: "."), !name[name.index(after: dot)...].contains("/") else { return nil }
        switch name[name.index(after: dot)...] {
        case "html", "svg", "xml", "atom": self = .html
        case "md": self = .markdown
        case "css", "js", "txt": self = .plain
        default: return nil
        }
    }
}
