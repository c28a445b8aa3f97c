/// A value in a template's render context.
///
/// Contexts are typed trees, not `Any` and reflection (like leaf-kit's `LeafData`), so the
/// renderer always knows what it is escaping, formatting or iterating, and a filter given the
/// wrong kind of value can say so instead of printing nothing.
public enum TemplateValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([TemplateValue])
    /// Keys are iterated in sorted order by `{% for key, value in dict %}`, so output is
    /// deterministic.
    case dictionary([String: TemplateValue])
    /// Trusted, already-safe markup (Hotpath's own SVG, say): never escaped, in any output format.
    case markup(String)
}

extension TemplateValue {
    /// Template truthiness: null, `false`, `0`, `0.0`, `""`, empty markup, an empty array and an
    /// empty dictionary are false; everything else (NaN included) is true.
    public var isTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let value): value
        case .int(let value): value != 0
        case .double(let value): value != 0
        case .string(let value): !value.isEmpty
        case .markup(let value): !value.isEmpty
        case .array(let value): !value.isEmpty
        case .dictionary(let value): !value.isEmpty
        }
    }

    /// The value as a `Double`, for `.int` and `.double` only.
    public var numberValue: Double? {
        switch self {
        case .int(let value): Double(value)
        case .double(let value): value
        default: nil
        }
    }

    /// The text of a `.string` or `.markup` value.
    public var textValue: String? {
        switch self {
        case .string(let value), .markup(let value): value
        default: nil
        }
    }

    /// Looks up a dictionary key; `nil` for a missing key or a value that is not a dictionary.
    public subscript(key: String) -> TemplateValue? {
        if case .dictionary(let dictionary) = self { return dictionary[key] }
        return nil
    }
}
