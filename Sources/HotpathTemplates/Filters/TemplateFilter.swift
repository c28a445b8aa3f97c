/// A filter: `{{ value | name(arguments) }}`.
///
/// The built-in filters, generic ones only, live in `TemplateFilterRegistry.builtin`; the
/// rendering layer adds its own (Hotpath's units, percentages and dates: `UnitFilters` in
/// `HotpathRender`) through `TemplateManager(sources:capacity:filters:)`, reading their input
/// with `finiteNumber`, `integerArgument` and `stringArgument`. An implementer must guarantee:
/// - it is a pure function of its input and arguments (the same values give the same output,
///   whatever thread calls it), so pages are byte-identical from run to run;
/// - it throws `TemplateFilterError` (usually `.expected(_:found:)`) for a value or argument of
///   the wrong kind, rather than returning an empty string: the renderer turns that into an
///   error pointing at the filter in the template;
/// - it returns `.markup` only for text that is safe in every output format the filter is used
///   in, because markup is never escaped.
public struct TemplateFilter: Sendable {
    /// How many arguments the filter accepts; checked when a template is compiled.
    public let argumentCount: ClosedRange<Int>
    private let body: @Sendable (TemplateValue, [TemplateValue]) throws -> TemplateValue

    public init(
        arguments argumentCount: ClosedRange<Int> = 0...0,
        _ body: @escaping @Sendable (_ value: TemplateValue, _ arguments: [TemplateValue]) throws -> TemplateValue
    ) {
        self.argumentCount = argumentCount
        self.body = body
    }

    /// Applies the filter; throws `TemplateFilterError` (or whatever the body throws).
    public func callAsFunction(_ value: TemplateValue, _ arguments: [TemplateValue] = []) throws -> TemplateValue {
        try body(value, arguments)
    }
}

/// The filters a template can name, looked up when it is compiled.
struct TemplateFilterRegistry: Sendable {
    private var filters: [String: TemplateFilter]

    init(_ filters: [String: TemplateFilter]) {
        self.filters = filters
    }

    /// The built-ins, plus `extra`; an extra filter replaces a built-in of the same name,
    /// except `default`, whose laziness the renderer implements itself.
    static func builtin(adding extra: [String: TemplateFilter]) -> TemplateFilterRegistry {
        TemplateFilterRegistry.builtin.adding(extra)
    }

    /// These filters plus `extra`, which replace ones of the same name, except `default`.
    func adding(_ extra: [String: TemplateFilter]) -> TemplateFilterRegistry {
        var registry = self
        for (name, filter) in extra where name != "default" {
            registry.filters[name] = filter
        }
        return registry
    }

    subscript(name: String) -> TemplateFilter? { filters[name] }

    var names: [String] { filters.keys.sorted() }
}
