extension TemplateFilterRegistry {
    /// Every built-in filter, by name. The formatting ones are in `BuiltinFilters+Units.swift`
    /// and `BuiltinFilters+Numbers.swift`, the rest in `BuiltinFilters+Text.swift` and
    /// `BuiltinFilters+Collections.swift`.
    static let builtin = TemplateFilterRegistry([
        // Units and statistics.
        "duration": BuiltinFilters.duration,
        "bytes": BuiltinFilters.bytes,
        "percent": BuiltinFilters.percent,
        "change": BuiltinFilters.change,
        "speedup": BuiltinFilters.speedup,
        "pvalue": BuiltinFilters.pvalue,
        "date": BuiltinFilters.date,
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
    /// A finite number from the filtered value, or a typed error.
    static func finiteNumber(_ value: TemplateValue, for purpose: String = "a number") throws -> Double {
        guard let number = value.numberValue else {
            throw TemplateFilterError.expected(purpose, found: value)
        }
        guard number.isFinite else {
            throw TemplateFilterError(.invalidValue, "expects a finite number, found \(NumberFormatting.plain(number))")
        }
        return number
    }

    /// The integer argument at `index`, or `defaultValue` when it is not given; must be within
    /// `range`.
    static func integerArgument(
        _ arguments: [TemplateValue], at index: Int, default defaultValue: Int, in range: ClosedRange<Int>,
        named name: String
    ) throws -> Int {
        guard index < arguments.count else { return defaultValue }
        let argument = arguments[index]
        let integer: Int
        switch argument {
        case .int(let value):
            integer = value
        case .double(let value) where value.rounded() == value && value.isFinite && Swift.abs(value) < 1e9:
            integer = Int(value)
        default:
            throw TemplateFilterError.expected("an integer \(name)", found: argument, argument: index)
        }
        guard range.contains(integer) else {
            throw TemplateFilterError(
                .invalidValue, "expects \(name) from \(range.lowerBound) to \(range.upperBound), found \(integer)",
                argument: index)
        }
        return integer
    }

    static func stringArgument(
        _ arguments: [TemplateValue], at index: Int, default defaultValue: String, named name: String
    )
        throws -> String
    {
        guard index < arguments.count else { return defaultValue }
        guard case .string(let text) = arguments[index] else {
            throw TemplateFilterError.expected("a string \(name)", found: arguments[index], argument: index)
        }
        return text
    }

    /// "-" for a number that is negative and does not round to zero at `decimals`, else "":
    /// `-0.001` at one decimal shows as `0.0`, not `-0.0`.
    static func minus(_ number: Double, decimals: Int) -> String {
        number < 0 && (Swift.abs(number) * NumberFormatting.power(decimals)).rounded() > 0 ? "-" : ""
    }
}
