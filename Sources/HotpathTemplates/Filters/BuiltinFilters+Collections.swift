/// Filters over arrays, dictionaries and strings as sequences.
extension BuiltinFilters {
    /// `length`: characters of a string, elements of an array, keys of a dictionary.
    static let length = TemplateFilter { value, _ in
        switch value {
        case .string(let text), .markup(let text): return .int(text.count)
        case .array(let elements): return .int(elements.count)
        case .dictionary(let dictionary): return .int(dictionary.count)
        default: throw TemplateFilterError.expected("a string, an array or a dictionary", found: value)
        }
    }

    /// `join(separator = "")`: an array of strings, numbers and booleans as one string.
    static let join = TemplateFilter(arguments: 0...1) { value, arguments in
        guard case .array(let elements) = value else {
            throw TemplateFilterError.expected("an array", found: value)
        }
        let separator = try TemplateFilter.stringArgument(arguments, at: 0, default: "", named: "separator")
        var result = ""
        for (index, element) in elements.enumerated() {
            if index > 0 { result += separator }
            switch element {
            case .string(let text): result += text
            case .int(let integer): result += String(integer)
            case .double(let number): result += NumberFormatting.plain(number)
            case .bool(let flag): result += flag ? "true" : "false"
            default:
                throw TemplateFilterError(
                    .typeMismatch,
                    "expects an array of strings, numbers or booleans, found \(element.briefDescription) at index \(index)"
                )
            }
        }
        return .string(result)
    }

    /// `first`: the first element of an array or character of a string; null when empty (so
    /// `| first | default("–")` reads naturally).
    static let first = TemplateFilter { value, _ in
        switch value {
        case .array(let elements): return elements.first ?? .null
        case .string(let text): return text.first.map { .string(String($0)) } ?? .null
        default: throw TemplateFilterError.expected("an array or a string", found: value)
        }
    }

    /// `last`: like `first`, from the end.
    static let last = TemplateFilter { value, _ in
        switch value {
        case .array(let elements): return elements.last ?? .null
        case .string(let text): return text.last.map { .string(String($0)) } ?? .null
        default: throw TemplateFilterError.expected("an array or a string", found: value)
        }
    }

    /// `reverse`: an array or a string, back to front.
    static let reverse = TemplateFilter { value, _ in
        switch value {
        case .array(let elements): return .array(elements.reversed())
        case .string(let text): return .string(String(text.reversed()))
        default: throw TemplateFilterError.expected("an array or a string", found: value)
        }
    }
}
