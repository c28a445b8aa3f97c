extension TemplateFilterRegistry {
    /// Every built-in filter, by name: generic ones only, about numbers, text and collections
    /// (`BuiltinFilters+Numbers.swift`, `+Text.swift`, `+Collections.swift`). Units, percentages
    /// and dates are the rendering layer's, added through `TemplateManager(sources:capacity:filters:)`.
    static let builtin = TemplateFilterRegistry([
        // Numbers.
        "number": BuiltinFilters.number,
        "fixed": BuiltinFilters.fixed,
        "round": BuiltinFilters.round,
        "abs": BuiltinFilters.abs,
        // Text.
        "truncate": BuiltinFilters.truncate,
        "upper": BuiltinFilters.upper,
        "lower": BuiltinFilters.lower,
        "escape_url": BuiltinFilters.escapeURL,
        "raw": BuiltinFilters.raw,
        "default": BuiltinFilters.defaultValue,
        // Collections.
        "length": BuiltinFilters.length,
        "join": BuiltinFilters.join,
        "first": BuiltinFilters.first,
        "last": BuiltinFilters.last,
        "reverse": BuiltinFilters.reverse,
    ])
}

/// The built-in filters' implementations, one `static let` each.
enum BuiltinFilters {
    /// "-" for a number that is negative and does not round to zero at `decimals`, else "":
    /// `-0.001` at one decimal shows as `0.0`, not `-0.0`.
    static func minus(_ number: Double, decimals: Int) -> String {
        number < 0 && (Swift.abs(number) * NumberFormatting.power(decimals)).rounded() > 0 ? "-" : ""
    }
}
