/// Text filters, and the two that change how a value is output (`raw`, `default`).
extension BuiltinFilters {
    /// `truncate(n)`: at most `n` characters (grapheme clusters, so an emoji or an accented
    /// letter is never split), the last one `…` when text was cut.
    static let truncate = TemplateFilter(arguments: 1...1) { value, arguments in
        guard case .string(let text) = value else {
            throw TemplateFilterError.expected("a string", found: value)
        }
        let limit = try integerArgument(arguments, at: 0, default: 1, in: 1...Int(Int32.max), named: "length")
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
        let hex = Array("0123456789ABCDEF".utf8)
        var encoded: [UInt8] = []
        encoded.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                encoded.append(byte)
            default:
                encoded.append(UInt8(ascii: "%"))
                encoded.append(hex[Int(byte >> 4)])
                encoded.append(hex[Int(byte & 0x0F)])
            }
        }
        return .string(String(decoding: encoded, as: UTF8.self))
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
