/// Text filters, and the two that change how a value is output (`raw`, `default`).
extension BuiltinFilters {
    /// `truncate(n)`: at most `n` characters (grapheme clusters, so an emoji or an accented
    /// letter is never split), the last one `…` when text was cut.
    static let truncate = TemplateFilter(arguments: 1...1) { value, arguments in
        guard case .string(let text) = value else {
            throw TemplateFilterError.expected("a string", found: value)
        }
        let limit = try TemplateFilter.integerArgument(
            arguments, at: 0, default: 1, in: 1...Int(Int32.max), named: "length")
        guard text.count > limit else { return value }
        return .string(String(text.prefix(limit - 1)) + "…")
    }

    static let upper = TemplateFilter { value, _ in
        guard case .string(let text) = value else { throw TemplateFilterError.expected("a string", found: value) }
        return .string(text.uppercased())
    }

    static let lower = TemplateFilter { value, _ in
        guard case .string(let text) = value else { throw TemplateFilterError.expected("a string", found: value) }
        return .string(text.lowercased())
    }

    /// `escape_url`: percent-encodes everything but RFC 3986's unreserved characters
    /// (`A–Z a–z 0–9 - . _ ~`), so the result is safe as one path segment or query value.
    static let escapeURL = TemplateFilter { value, _ in
        let text: String
        switch value {
        case .string(let string): text = string
        case .int(let integer): text = String(integer)
        default: throw TemplateFilterError.expected("a string", found: value)
        }
        return text.withUTF8Bytes { bytes in
            var encodedLength = 0
            for byte in bytes { encodedLength += isUnreserved(byte) ? 1 : 3 }
            guard encodedLength != bytes.count else { return .string(text) }
            return .string(
                String(unsafeUninitializedCapacity: encodedLength) { buffer in
                    var position = 0
                    for byte in bytes {
                        if isUnreserved(byte) {
                            buffer[position] = byte
                            position += 1
                        } else {
                            buffer[position] = UInt8(ascii: "%")
                            buffer[position + 1] = hexDigit(byte >> 4)
                            buffer[position + 2] = hexDigit(byte & 0x0F)
                            position += 3
                        }
                    }
                    return position
                })
        }
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "A") + nibble - 10
    }

    /// `raw`: outputs a string (or a number or boolean) without escaping. For text the program
    /// itself made safe; never for anything that came from a profile.
    static let raw = TemplateFilter { value, _ in
        switch value {
        case .string(let text), .markup(let text): return .markup(text)
        case .int(let integer): return .markup(String(integer))
        case .double(let number): return .markup(NumberFormatting.plain(number))
        case .bool(let flag): return .markup(flag ? "true" : "false")
        default: throw TemplateFilterError.expected("a string", found: value)
        }
    }

    /// `default(value)`: the renderer evaluates this one itself, so that it also covers undefined
    /// variables and evaluates its argument only when needed; this body is what a direct call
    /// does with a defined value.
    static let defaultValue = TemplateFilter(arguments: 1...1) { value, arguments in
        value == .null ? arguments[0] : value
    }
}
