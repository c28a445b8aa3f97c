/// A type that can put itself into a render context.
///
/// The rendering layer conforms its view models, so building a context is
/// `["ops": TemplateValue(operations)]` rather than a hand-written loop. An implementer must
/// return the same value for the same instance every time (output is deterministic).
public protocol TemplateValueConvertible {
    var templateValue: TemplateValue { get }
}

extension TemplateValue: TemplateValueConvertible {
    public var templateValue: TemplateValue { self }
}

extension String: TemplateValueConvertible {
    public var templateValue: TemplateValue { .string(self) }
}

extension Substring: TemplateValueConvertible {
    public var templateValue: TemplateValue { .string(String(self)) }
}

extension Bool: TemplateValueConvertible {
    public var templateValue: TemplateValue { .bool(self) }
}

extension Int: TemplateValueConvertible {
    public var templateValue: TemplateValue { .int(self) }
}

extension Double: TemplateValueConvertible {
    public var templateValue: TemplateValue { .double(self) }
}

extension Float: TemplateValueConvertible {
    public var templateValue: TemplateValue { .double(Double(self)) }
}

extension Int64: TemplateValueConvertible {
    public var templateValue: TemplateValue { .integer(self) }
}

extension Int32: TemplateValueConvertible {
    public var templateValue: TemplateValue { .integer(self) }
}

extension UInt64: TemplateValueConvertible {
    public var templateValue: TemplateValue { .integer(self) }
}

extension UInt32: TemplateValueConvertible {
    public var templateValue: TemplateValue { .integer(self) }
}

extension UInt: TemplateValueConvertible {
    public var templateValue: TemplateValue { .integer(self) }
}

extension Optional: TemplateValueConvertible where Wrapped: TemplateValueConvertible {
    /// `nil` becomes `.null`, which `| default(…)` replaces.
    public var templateValue: TemplateValue { self?.templateValue ?? .null }
}

extension Array: TemplateValueConvertible where Element: TemplateValueConvertible {
    public var templateValue: TemplateValue { .array(map(\.templateValue)) }
}

extension Dictionary: TemplateValueConvertible where Key == String, Value: TemplateValueConvertible {
    public var templateValue: TemplateValue { .dictionary(mapValues(\.templateValue)) }
}

extension TemplateValue {
    /// Wraps anything convertible: `TemplateValue(operations)`, `TemplateValue(optionalMean)`.
    public init(_ value: some TemplateValueConvertible) {
        self = value.templateValue
    }

    /// An integer of any width; one beyond `Int`'s range becomes a `.double`.
    public static func integer(_ value: some BinaryInteger) -> TemplateValue {
        if let exact = Int(exactly: value) { return .int(exact) }
        return .double(Double(value))
    }

    /// Trusted markup that is never escaped: only for text the program itself produced.
    public static func trusted(_ markup: String) -> TemplateValue { .markup(markup) }
}
