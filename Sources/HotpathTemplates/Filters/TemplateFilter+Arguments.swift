/// Reading a filter's value and arguments the way the built-in filters do, so a filter the
/// rendering layer adds (Hotpath's unit filters, in `HotpathRender`) checks its input with the
/// same messages: `filter 'duration' expects a number of nanoseconds, found a string "12 ms"`.
extension TemplateFilter {
    /// A finite number from the filtered value (an `.int` or a `.double`). Throws
    /// `expects <purpose>, found …` for another kind, `expects a finite number, found NaN` for
    /// NaN and the infinities.
    public static func finiteNumber(_ value: TemplateValue, for purpose: String = "a number") throws -> Double {
        guard let number = value.numberValue else {
            throw TemplateFilterError.expected(purpose, found: value)
        }
        guard number.isFinite else {
            throw TemplateFilterError(.invalidValue, "expects a finite number, found \(NumberFormatting.plain(number))")
        }
        return number
    }

    /// The integer argument at `index` (an `.int`, or a `.double` without a fraction), or
    /// `defaultValue` when the template gives fewer arguments. Throws, pointing at the argument,
    /// for another kind or a value outside `range`: `expects <name> from 1 to 17, found 0`.
    public static func integerArgument(
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

    /// The string argument at `index`, or `defaultValue` when the template gives fewer
    /// arguments. Throws, pointing at the argument, for another kind.
    public static func stringArgument(
        _ arguments: [TemplateValue], at index: Int, default defaultValue: String, named name: String
    ) throws -> String {
        guard index < arguments.count else { return defaultValue }
        guard case .string(let text) = arguments[index] else {
            throw TemplateFilterError.expected("a string \(name)", found: arguments[index], argument: index)
        }
        return text
    }
}
