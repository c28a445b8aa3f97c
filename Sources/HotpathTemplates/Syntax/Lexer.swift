/// A piece of a template as the lexer sees it: literal text, or a tag.
enum TemplateToken: Sendable, Equatable {
    /// Literal text, already trimmed by whitespace control.
    case text(SourceRange)
    /// `{{ content }}`; `tag` spans the delimiters.
    case output(content: SourceRange, tag: SourceRange)
    /// `{% content %}`.
    case statement(content: SourceRange, tag: SourceRange)
    /// `{# … #}`: kept so the parser can ignore it while still checking structure.
    case comment(tag: SourceRange)
}

/// Splits a template into text and tags, and applies whitespace control.
///
/// Two rules remove whitespace:
/// - A dash inside a delimiter (`{{-`, `-}}`, `{%-`, `-%}`, `{#-`, `-#}`) removes all
///   whitespace, newlines included, on that side of the tag.
/// - A line that holds only statement tags (`{% … %}`) and comments (`{# … #}`) besides spaces
///   and tabs disappears entirely: its indentation and its newline go (Jinja's `trim_blocks` and
///   `lstrip_blocks`, but only for such lines, so `a{% if x %}b{% endif %}c` keeps every
///   character). This keeps Markdown tables and HTML clean without dashes everywhere.
struct Lexer {
    private let source: TemplateSource
    private var bytes: [UInt8] { source.bytes }

    init(_ source: TemplateSource) {
        self.source = source
    }

    private enum TagKind { case output, statement, comment }

    private struct RawTag {
        var kind: TagKind
        var range: SourceRange
        var content: SourceRange
        var trimBefore: Bool
        var trimAfter: Bool
    }

    func tokenize() throws -> [TemplateToken] {
        let tags = try scanTags()
        // Texts are the gaps around tags: text[i] precedes tag[i]; the last text follows the last tag.
        var texts: [SourceRange] = []
        var position = 0
        for tag in tags {
            texts.append(SourceRange(position, tag.range.start))
            position = tag.range.end
        }
        texts.append(SourceRange(position, bytes.count))
        var cuts = texts.map { (start: $0.start, end: $0.end) }

        // Dashes.
        for (index, tag) in tags.enumerated() {
            if tag.trimBefore {
                cuts[index].end = trimmedEnd(of: texts[index], from: cuts[index].end)
            }
            if tag.trimAfter {
                cuts[index + 1].start = trimmedStart(of: texts[index + 1], from: cuts[index + 1].start)
            }
        }

        // Lines holding only statement tags and comments.
        var index = 0
        while index < tags.count {
            guard tags[index].kind != .output else {
                index += 1
                continue
            }
            // A group: block tags joined by spaces or tabs only.
            var last = index
            while last + 1 < tags.count, tags[last + 1].kind != .output, isBlankWithoutNewline(texts[last + 1]) {
                last += 1
            }
            let before = texts[index]
            let after = texts[last + 1]
            if let indentStart = lineIndentStart(before, isFirstText: index == 0),
                let lineEnd = lineEndAfter(after)
            {
                cuts[index].end = min(cuts[index].end, indentStart)
                for inner in (index + 1)..<(last + 1) { cuts[inner].end = cuts[inner].start }
                cuts[last + 1].start = max(cuts[last + 1].start, lineEnd)
            }
            index = last + 1
        }

        var tokens: [TemplateToken] = []
        tokens.reserveCapacity(tags.count * 2 + 1)
        for (index, text) in texts.enumerated() {
            let cut = SourceRange(max(text.start, cuts[index].start), min(text.end, cuts[index].end))
            if cut.end > cut.start { tokens.append(.text(cut)) }
            guard index < tags.count else { break }
            let tag = tags[index]
            switch tag.kind {
            case .output: tokens.append(.output(content: tag.content, tag: tag.range))
            case .statement: tokens.append(.statement(content: tag.content, tag: tag.range))
            case .comment: tokens.append(.comment(tag: tag.range))
            }
        }
        return tokens
    }

    // MARK: - Tags

    private func scanTags() throws -> [RawTag] {
        var tags: [RawTag] = []
        var index = 0
        let count = bytes.count
        while index + 1 < count {
            guard bytes[index] == UInt8(ascii: "{") else {
                index += 1
                continue
            }
            let kind: TagKind
            switch bytes[index + 1] {
            case UInt8(ascii: "{"): kind = .output
            case UInt8(ascii: "%"): kind = .statement
            case UInt8(ascii: "#"): kind = .comment
            default:
                index += 1
                continue
            }
            let tag = try scanTag(kind, at: index)
            tags.append(tag)
            index = tag.range.end
        }
        return tags
    }

    private func scanTag(_ kind: TagKind, at opener: Int) throws -> RawTag {
        let closer: (UInt8, UInt8) =
            switch kind {
            case .output: (UInt8(ascii: "}"), UInt8(ascii: "}"))
            case .statement: (UInt8(ascii: "%"), UInt8(ascii: "}"))
            case .comment: (UInt8(ascii: "#"), UInt8(ascii: "}"))
            }
        let count = bytes.count
        var contentStart = opener + 2
        let trimBefore = contentStart < count && bytes[contentStart] == UInt8(ascii: "-")
        if trimBefore { contentStart += 1 }
        var index = contentStart
        while index < count {
            let byte = bytes[index]
            if byte == closer.0, index + 1 < count, bytes[index + 1] == closer.1 {
                var contentEnd = index
                let trimAfter = contentEnd > contentStart && bytes[contentEnd - 1] == UInt8(ascii: "-")
                if trimAfter { contentEnd -= 1 }
                return RawTag(
                    kind: kind, range: SourceRange(opener, index + 2), content: SourceRange(contentStart, contentEnd),
                    trimBefore: trimBefore, trimAfter: trimAfter)
            }
            if kind != .comment {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    index = try endOfString(startingAt: index)
                    continue
                }
                // Another tag opening inside this one means this one was never closed.
                if byte == UInt8(ascii: "{"), index + 1 < count,
                    bytes[index + 1] == UInt8(ascii: "{") || bytes[index + 1] == UInt8(ascii: "%")
                {
                    throw unclosed(kind, at: opener, foundOpenerAt: index)
                }
            }
            index += 1
        }
        throw unclosed(kind, at: opener, foundOpenerAt: nil)
    }

    /// The offset just past the closing quote of the string literal opening at `start`.
    /// Strings end on their line: a newline before the closing quote is an error here, rather
    /// than a tag that silently swallows the rest of the template.
    private func endOfString(startingAt start: Int) throws -> Int {
        let quote = bytes[start]
        var index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case quote: return index + 1
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\n"): index = bytes.count
            default: index += 1
            }
        }
        let quoteName = quote == UInt8(ascii: "\"") ? "\"" : "'"
        throw TemplateError(
            .unclosedTag, "unterminated string literal: expected a closing \(quoteName) on the same line",
            in: source, at: SourceRange(start, start + 1))
    }

    private func unclosed(_ kind: TagKind, at opener: Int, foundOpenerAt other: Int?) -> TemplateError {
        let (open, close) =
            switch kind {
            case .output: ("{{", "}}")
            case .statement: ("{%", "%}")
            case .comment: ("{#", "#}")
            }
        let found =
            other.map { "found '\(source.string(SourceRange($0, $0 + 2)))' at \(source.location(of: $0))" }
            ?? "found the end of the template"
        return TemplateError(
            .unclosedTag, "unclosed '\(open)': expected '\(close)', \(found)", in: source,
            at: SourceRange(opener, opener + 2))
    }

    // MARK: - Whitespace

    private func isSpaceOrTab(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    private func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
    }

    private func trimmedEnd(of text: SourceRange, from end: Int) -> Int {
        var end = min(end, text.end)
        while end > text.start, isWhitespace(bytes[end - 1]) { end -= 1 }
        return end
    }

    private func trimmedStart(of text: SourceRange, from start: Int) -> Int {
        var start = max(start, text.start)
        while start < text.end, isWhitespace(bytes[start]) { start += 1 }
        return start
    }

    private func isBlankWithoutNewline(_ text: SourceRange) -> Bool {
        for offset in text.start..<text.end where !isSpaceOrTab(bytes[offset]) { return false }
        return true
    }

    /// Where the indentation before a tag starts, if only spaces and tabs stand between the
    /// start of its line and the tag.
    private func lineIndentStart(_ text: SourceRange, isFirstText: Bool) -> Int? {
        var offset = text.end
        while offset > text.start, isSpaceOrTab(bytes[offset - 1]) { offset -= 1 }
        if offset == text.start { return isFirstText ? offset : nil }
        return bytes[offset - 1] == UInt8(ascii: "\n") ? offset : nil
    }

    /// Just past the newline ending a tag's line, if only spaces and tabs stand between the tag
    /// and it (or the end of the template).
    private func lineEndAfter(_ text: SourceRange) -> Int? {
        var offset = text.start
        while offset < text.end {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\n") { return offset + 1 }
            if byte == UInt8(ascii: "\r"), offset + 1 < text.end, bytes[offset + 1] == UInt8(ascii: "\n") {
                return offset + 2
            }
            guard isSpaceOrTab(byte) else { return nil }
            offset += 1
        }
        return text.end == bytes.count ? offset : nil
    }
}
