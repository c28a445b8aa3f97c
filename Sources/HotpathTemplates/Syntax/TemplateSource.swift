/// A span of a template's source, as UTF-8 byte offsets (`start..<end`).
///
/// Offsets rather than line/column pairs keep the AST small and cheap to build; lines and
/// columns are worked out only when an error or a tree dump needs them.
struct SourceRange: Sendable, Equatable {
    var start: Int
    var end: Int

    init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    static func covering(_ first: SourceRange, _ last: SourceRange) -> SourceRange {
        SourceRange(min(first.start, last.start), max(first.end, last.end))
    }
}

/// A 1-based line and column; the column counts characters (grapheme clusters), so a caret
/// drawn under it lines up in a terminal.
struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    var line: Int
    var column: Int

    var description: String { "\(line):\(column)" }
}

/// One template's text, kept with its name for positions and error excerpts.
struct TemplateSource: Sendable {
    let name: String
    let text: String
    let bytes: [UInt8]

    init(name: String, text: String) {
        self.name = name
        self.text = text
        self.bytes = Array(text.utf8)
    }

    /// The text of `range`, decoded (a range never splits a scalar: every range starts and ends
    /// at an ASCII delimiter or the end of the text).
    func string(_ range: SourceRange) -> String {
        let lower = min(max(range.start, 0), bytes.count)
        let upper = min(max(range.end, lower), bytes.count)
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }

    /// The offsets of the start and end (excluding the newline) of the line holding `offset`.
    func lineBounds(containing offset: Int) -> (start: Int, end: Int) {
        let offset = min(max(offset, 0), bytes.count)
        var start = offset
        while start > 0, bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
        var end = offset
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return (start, end)
    }

    func location(of offset: Int) -> SourceLocation {
        let offset = min(max(offset, 0), bytes.count)
        var line = 1
        for byte in bytes[0..<offset] where byte == UInt8(ascii: "\n") { line += 1 }
        let bounds = lineBounds(containing: offset)
        let column = String(decoding: bytes[bounds.start..<max(bounds.start, offset)], as: UTF8.self).count + 1
        return SourceLocation(line: line, column: column)
    }
}

/// Precomputed line starts, for dumping a whole tree's positions without rescanning.
struct LineTable: Sendable {
    private let starts: [Int]
    private let source: TemplateSource

    init(_ source: TemplateSource) {
        var starts = [0]
        for (index, byte) in source.bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(index + 1)
        }
        self.starts = starts
        self.source = source
    }

    func location(of offset: Int) -> SourceLocation {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        let lineStart = starts[low]
        let end = min(max(offset, lineStart), source.bytes.count)
        let column = String(decoding: source.bytes[lineStart..<end], as: UTF8.self).count + 1
        return SourceLocation(line: low + 1, column: column)
    }
}
