/// A token inside a tag: `op.mean | duration(2) > 0`.
struct ExpressionToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case identifier(String)
        case int(Int)
        case double(Double)
        case string(String)
        /// Punctuation and operators: `.` `,` `(` `)` `[` `]` `|` `=` `==` `!=` `<` `<=` `>` `>=`
        /// `+` `-` `*` `/` `%`.
        case symbol(String)
        case end
    }

    var kind: Kind
    var range: SourceRange

    /// How the token reads in a message: `'duration'`, `'('`, `the end of the tag`.
    var quoted: String {
        switch kind {
        case .identifier(let name): "'\(name)'"
        case .int(let value): "'\(value)'"
        case .double(let value): "'\(value)'"
        case .string(let value): "string \"\(value)\""
        case .symbol(let symbol): "'\(symbol)'"
        case .end: "the end of the tag"
        }
    }
}

/// Splits a tag's content into expression tokens.
struct ExpressionLexer {
    private let source: TemplateSource

    init(_ source: TemplateSource) {
        self.source = source
    }

    func tokenize(_ range: SourceRange) throws -> [ExpressionToken] {
        let bytes = source.bytes
        var tokens: [ExpressionToken] = []
        var index = range.start
        let end = range.end
        while index < end {
            let byte = bytes[index]
            let start = index
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                index += 1
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
                while index < end, isIdentifierByte(bytes[index]) { index += 1 }
                tokens.append(
                    ExpressionToken(
                        kind: .identifier(source.string(SourceRange(start, index))), range: SourceRange(start, index)))
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                // After a dot, digits are an index (`items.0.name`), never a fraction.
                let afterDot = tokens.last?.kind == .symbol(".")
                while index < end, isDigit(bytes[index]) { index += 1 }
                var isDouble = false
                if !afterDot {
                    if index + 1 < end, bytes[index] == UInt8(ascii: "."), isDigit(bytes[index + 1]) {
                        isDouble = true
                        index += 1
                        while index < end, isDigit(bytes[index]) { index += 1 }
                    }
                    if index < end, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                        var exponent = index + 1
                        if exponent < end, bytes[exponent] == UInt8(ascii: "+") || bytes[exponent] == UInt8(ascii: "-")
                        {
                            exponent += 1
                        }
                        if exponent < end, isDigit(bytes[exponent]) {
                            isDouble = true
                            index = exponent
                            while index < end, isDigit(bytes[index]) { index += 1 }
                        }
                    }
                }
                let text = source.string(SourceRange(start, index))
                let tokenRange = SourceRange(start, index)
                if index < end, isIdentifierByte(bytes[index]) {
                    var stop = index
                    while stop < end, isIdentifierByte(bytes[stop]) { stop += 1 }
                    throw TemplateError(
                        .invalidExpression,
                        "expected a number or a name, found '\(source.string(SourceRange(start, stop)))'",
                        in: source, at: SourceRange(start, stop))
                }
                if isDouble {
                    guard let value = Double(text) else {
                        throw TemplateError(.invalidExpression, "invalid number '\(text)'", in: source, at: tokenRange)
                    }
                    tokens.append(ExpressionToken(kind: .double(value), range: tokenRange))
                } else {
                    guard let value = Int(text) else {
                        throw TemplateError(
                            .invalidExpression, "integer literal '\(text)' does not fit in 64 bits", in: source,
                            at: tokenRange)
                    }
                    tokens.append(ExpressionToken(kind: .int(value), range: tokenRange))
                }
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                let (value, stop) = try stringLiteral(startingAt: index, end: end)
                index = stop
                tokens.append(ExpressionToken(kind: .string(value), range: SourceRange(start, stop)))
            default:
                let symbol: String
                let next: UInt8 = index + 1 < end ? bytes[index + 1] : 0
                switch byte {
                case UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: "<"), UInt8(ascii: ">"):
                    if next == UInt8(ascii: "=") {
                        symbol = String(decoding: [byte, next], as: UTF8.self)
                    } else if byte == UInt8(ascii: "!") {
                        throw TemplateError(
                            .invalidExpression, "expected '!=' or 'not', found '!'", in: source,
                            at: SourceRange(start, start + 1))
                    } else {
                        symbol = String(decoding: [byte], as: UTF8.self)
                    }
                case UInt8(ascii: "&") where next == UInt8(ascii: "&"):
                    throw TemplateError(
                        .invalidExpression, "expected 'and', found '&&'", in: source, at: SourceRange(start, start + 2))
                case UInt8(ascii: "|") where next == UInt8(ascii: "|"):
                    throw TemplateError(
                        .invalidExpression, "expected 'or', found '||' (a filter name follows a single '|')",
                        in: source,
                        at: SourceRange(start, start + 2))
                case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["),
                    UInt8(ascii: "]"), UInt8(ascii: "|"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "*"),
                    UInt8(ascii: "/"), UInt8(ascii: "%"):
                    symbol = String(decoding: [byte], as: UTF8.self)
                default:
                    var stop = index + 1
                    while stop < end, bytes[stop] & 0xC0 == 0x80 { stop += 1 }
                    throw TemplateError(
                        .invalidExpression,
                        "unexpected character '\(source.string(SourceRange(start, stop)))' in expression",
                        in: source, at: SourceRange(start, stop))
                }
                index += symbol.utf8.count
                tokens.append(ExpressionToken(kind: .symbol(symbol), range: SourceRange(start, index)))
            }
        }
        tokens.append(ExpressionToken(kind: .end, range: SourceRange(end, end)))
        return tokens
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private func isIdentifierByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || isDigit(byte) || byte == UInt8(ascii: "_")
    }

    /// Decodes `"…"` or `'…'` with escapes `\\ \" \' \n \t \r \0 \u{…}`.
    private func stringLiteral(startingAt start: Int, end: Int) throws -> (String, Int) {
        let bytes = source.bytes
        let quote = bytes[start]
        var index = start + 1
        var decoded: [UInt8] = []
        while index < end {
            let byte = bytes[index]
            if byte == quote {
                return (String(decoding: decoded, as: UTF8.self), index + 1)
            }
            guard byte == UInt8(ascii: "\\") else {
                decoded.append(byte)
                index += 1
                continue
            }
            guard index + 1 < end else { break }
            let escaped = bytes[index + 1]
            switch escaped {
            case UInt8(ascii: "n"): decoded.append(UInt8(ascii: "\n"))
            case UInt8(ascii: "t"): decoded.append(UInt8(ascii: "\t"))
            case UInt8(ascii: "r"): decoded.append(UInt8(ascii: "\r"))
            case UInt8(ascii: "0"): decoded.append(0)
            case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "'"): decoded.append(escaped)
            case UInt8(ascii: "u"):
                var cursor = index + 2
                guard cursor < end, bytes[cursor] == UInt8(ascii: "{") else {
                    throw TemplateError(
                        .invalidExpression, "expected '{' after '\\u' (write \\u{1F525})", in: source,
                        at: SourceRange(index, index + 2))
                }
                cursor += 1
                let digitsStart = cursor
                while cursor < end, bytes[cursor] != UInt8(ascii: "}") { cursor += 1 }
                let digits = source.string(SourceRange(digitsStart, cursor))
                guard cursor < end, let code = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(code) else {
                    throw TemplateError(
                        .invalidExpression, "invalid Unicode escape '\\u{\(digits)}'", in: source,
                        at: SourceRange(index, min(cursor + 1, end)))
                }
                decoded.append(contentsOf: Array(String(Character(scalar)).utf8))
                index = cursor + 1
                continue
            default:
                throw TemplateError(
                    .invalidExpression,
                    "unknown escape '\\\(String(decoding: [escaped], as: UTF8.self))' in string literal (expected \\\\, \\\", \\', \\n, \\t, \\r, \\0 or \\u{…})",
                    in: source, at: SourceRange(index, index + 2))
            }
            index += 2
        }
        throw TemplateError(
            .unclosedTag, "unterminated string literal: expected a closing quote", in: source,
            at: SourceRange(start, start + 1))
    }
}
