/// Everything that can go wrong compiling or rendering a template, with where it went wrong.
///
/// One error type for the stage (like swift-mustache's `ParserError`): a `kind` to switch on, the
/// position in the template that is at fault, a message saying what was expected and what was
/// found, the source line for a caret excerpt, and the chain of includes, layouts and blocks that
/// led there. `description` prints it the way compilers do, so editors and CI annotate it:
///
/// ```
/// pages/run.html:12:20: error: unknown filter 'durration' (did you mean 'duration'?)
///    12 |   <td>{{ op.mean | durration }}</td>
///       |                    ^~~~~~~~~
///   included from layout.html:3:5
/// ```
public struct TemplateError: Error, CustomStringConvertible, Sendable {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// `{{`, `{%` or `{#` without its closing delimiter, or a string literal without its quote.
        case unclosedTag
        /// `{% if %}`, `{% for %}` or `{% block %}` without its end tag.
        case unclosedBlock
        /// An end tag or `else` that closes nothing, or closes a different block than the open one.
        case mismatchedEndTag
        /// `{% something %}` that is not a tag the engine knows.
        case unknownTag
        /// An expression that does not parse: `{{ a + }}`, `{{ }}`, `{% for in x %}`.
        case invalidExpression
        /// A misplaced `extends`, content outside blocks in a child template, a duplicate block.
        case invalidStructure
        /// A variable, key or loop property that is not there (use `| default(…)` to allow that).
        case undefinedVariable
        /// A page, partial or layout that is not among the manager's sources.
        case missingTemplate
        /// An include or extends chain that comes back to a template already on it.
        case cycle
        case unknownFilter
        /// A filter given too few or too many arguments.
        case invalidArguments
        /// A filter or operator given the wrong kind of value (a string to `duration`, an array to
        /// `{{ }}`), or null where a value is needed.
        case typeMismatch
        /// A value of the right kind that cannot be used: NaN to `duration`, an index out of range.
        case invalidValue
        /// A template name whose extension has no output format (escaping) rule.
        case unsupportedFormat
    }

    /// How a template on the chain was reached.
    public struct ChainEntry: Sendable, Equatable, CustomStringConvertible {
        public enum Relation: Sendable, Equatable {
            /// The failing template was included by `templateName` at `line:column`.
            case includedFrom
            /// The failing template is the layout that `templateName` extends.
            case layoutOf
            /// The failing code is block `name`'s content, placed by `templateName`'s block tag.
            case block(String)
        }

        public let relation: Relation
        public let templateName: String
        public let line: Int
        public let column: Int

        public var description: String {
            switch relation {
            case .includedFrom: "included from \(templateName):\(line):\(column)"
            case .layoutOf: "used as layout by \(templateName):\(line):\(column)"
            case .block(let name): "in block '\(name)' placed by \(templateName):\(line):\(column)"
            }
        }
    }

    public let kind: Kind
    /// The template at fault (for a missing page asked for by name, that name).
    public let templateName: String
    /// 1-based; `nil` when the error concerns the whole template (a missing page, an unsupported
    /// extension).
    public let line: Int?
    /// 1-based, in characters.
    public let column: Int?
    /// What was expected and what was found, with a did-you-mean suggestion where there is one.
    public let message: String
    /// The source line holding the error, without its newline.
    public let sourceLine: String?
    /// How many characters the caret excerpt underlines, at least 1.
    public let highlightLength: Int
    /// Innermost first: the include, layout or block that led to `templateName`, then what led
    /// there, and so on up to the template `render` was asked for.
    public internal(set) var chain: [ChainEntry]

    public init(
        kind: Kind, templateName: String, line: Int? = nil, column: Int? = nil, message: String,
        sourceLine: String? = nil, highlightLength: Int = 1, chain: [ChainEntry] = []
    ) {
        self.kind = kind
        self.templateName = templateName
        self.line = line
        self.column = column
        self.message = message
        self.sourceLine = sourceLine
        self.highlightLength = max(1, highlightLength)
        self.chain = chain
    }

    /// `file:line:col: error: message`, the source line with a caret under the offending text,
    /// then the chain, one entry a line.
    public var description: String {
        var text = templateName
        if let line, let column { text += ":\(line):\(column)" }
        text += ": error: \(message)"
        if let line, let column, let sourceLine {
            let number = String(line)
            let width = max(5, number.count + 1)
            let gutter = String(repeating: " ", count: width - number.count) + number
            text += "\n\(gutter) | \(sourceLine)"
            // Keep tabs as tabs so the caret lines up under tab-indented code.
            var pad = ""
            for character in sourceLine.prefix(column - 1) { pad.append(character == "\t" ? "\t" : " ") }
            let caret = "^" + String(repeating: "~", count: highlightLength - 1)
            text += "\n" + String(repeating: " ", count: width) + " | " + pad + caret
        }
        for entry in chain { text += "\n  \(entry)" }
        return text
    }
}

extension TemplateError {
    /// An error at `range` of `source`: works out line, column, the source line and the caret
    /// length (the range clipped to its first line).
    init(_ kind: Kind, _ message: String, in source: TemplateSource, at range: SourceRange?, chain: [ChainEntry] = []) {
        guard let range else {
            self.init(kind: kind, templateName: source.name, message: message, chain: chain)
            return
        }
        let location = source.location(of: range.start)
        let bounds = source.lineBounds(containing: range.start)
        let start = min(max(range.start, bounds.start), bounds.end)
        let end = min(max(range.end, start), bounds.end)
        let highlighted = String(decoding: source.bytes[start..<end], as: UTF8.self).count
        self.init(
            kind: kind, templateName: source.name, line: location.line, column: location.column,
            message: message, sourceLine: source.string(SourceRange(bounds.start, bounds.end)),
            highlightLength: highlighted, chain: chain)
    }
}

/// What a filter throws when its input or an argument will not do; the renderer turns it into a
/// `TemplateError` pointing at the filter (or the argument) in the template.
public struct TemplateFilterError: Error, Sendable, Equatable {
    public var kind: TemplateError.Kind
    public var message: String
    /// The 0-based argument at fault, or `nil` when it is the filtered value.
    public var argumentIndex: Int?

    public init(_ kind: TemplateError.Kind = .invalidValue, _ message: String, argument: Int? = nil) {
        self.kind = kind
        self.message = message
        self.argumentIndex = argument
    }

    /// "expects a number, found a string "abc"".
    public static func expected(_ what: String, found value: TemplateValue, argument: Int? = nil) -> TemplateFilterError
    {
        TemplateFilterError(.typeMismatch, "expects \(what), found \(value.briefDescription)", argument: argument)
    }
}

extension TemplateValue {
    /// The kind and a short excerpt of the value, for messages: `a string "abc"`, `null`.
    public var briefDescription: String {
        func excerpt(_ text: String) -> String {
            let short = text.count > 40 ? String(text.prefix(39)) + "…" : text
            return "\"" + short.replacingAll("\n", with: "\\n") + "\""
        }
        switch self {
        case .null: return "null"
        case .bool(let value): return "a boolean \(value)"
        case .int(let value): return "an integer \(value)"
        case .double(let value): return "a number \(value)"
        case .string(let value): return "a string \(excerpt(value))"
        case .markup(let value): return "markup \(excerpt(value))"
        case .array(let value): return "an array of \(value.count)"
        case .dictionary(let value): return "a dictionary with \(value.count) keys"
        }
    }
}

extension String {
    /// Runs `body` over the string's UTF-8 bytes, without copying when (as for every native
    /// string) they are contiguous.
    @inline(__always)
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        return try Array(utf8).withUnsafeBufferPointer(body)
    }

    /// Plain replacement without Foundation.
    func replacingAll(_ target: Character, with replacement: String) -> String {
        guard contains(target) else { return self }
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
