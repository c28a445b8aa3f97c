/// Plain number formatting and arithmetic.
extension BuiltinFilters {
    /// `number(decimals = 0)`: thousands grouped with commas: `12400` → `12,400`,
    /// `number(2)` → `12,400.50`. Integers are formatted exactly, however large.
    static let number = TemplateFilter(arguments: 0...1) { value, arguments in
        let decimals = try TemplateFilter.integerArgument(
            arguments, at: 0, default: 0, in: 0...NumberFormatting.maximumDecimals, named: "decimals")
        if case .int(let integer) = value {
            if decimals == 0, integer.magnitude < 1_000_000_000_000_000_000 {
                let scaled = UInt64(integer.magnitude)
                return .string(
                    NumberFormatting.render(
                        scaled, decimals: 0, grouping: true, prefix: integer < 0 ? "-" : "", suffix: ""))
            }
            var text = NumberFormatting.grouped(String(integer.magnitude))
            if decimals > 0 { text += "." + String(repeating: "0", count: decimals) }
            return .string(integer < 0 ? "-" + text : text)
        }
        let number = try TemplateFilter.finiteNumber(value)
        return .string(
            NumberFormatting.fixed(
                Swift.abs(number), decimals: decimals, grouping: true, prefix: minus(number, decimals: decimals)))
    }

    /// `fixed(decimals)`: exactly that many decimals, no grouping: `fixed(2)` → `12400.50`.
    static let fixed = TemplateFilter(arguments: 1...1) { value, arguments in
        let decimals = try TemplateFilter.integerArgument(
            arguments, at: 0, default: 0, in: 0...NumberFormatting.maximumDecimals, named: "decimals")
        if case .int(let integer) = value, decimals == 0 { return .string(String(integer)) }
        let number = try TemplateFilter.finiteNumber(value)
        return .string(
            NumberFormatting.fixed(Swift.abs(number), decimals: decimals, prefix: minus(number, decimals: decimals)))
    }

    /// `round(decimals = 0)`: a number rounded half away from zero; an integer with no decimals
    /// (so it prints without `.0`), else a number.
    static let round = TemplateFilter(arguments: 0...1) { value, arguments in
        let decimals = try TemplateFilter.integerArgument(
            arguments, at: 0, default: 0, in: 0...NumberFormatting.maximumDecimals, named: "decimals")
        if case .int = value { return value }
        let number = try TemplateFilter.finiteNumber(value)
        if decimals == 0 {
            let rounded = number.rounded()
            if let integer = Int(exactly: rounded) { return .int(integer) }
            return .double(rounded)
        }
        let scale = NumberFormatting.power(decimals)
        let scaled = number * scale
        // Past 2^53 a double has no fraction left to round.
        guard Swift.abs(scaled) < 9_007_199_254_740_992 else { return .double(number) }
        return .double(scaled.rounded() / scale)
    }

    /// `abs`: the magnitude of a number.
    static let abs = TemplateFilter { value, _ in
        switch value {
        case .int(let integer) where integer != Int.min: return .int(Swift.abs(integer))
        case .int(let integer): return .double(Double(integer).magnitude)
        case .double(let number): return .double(Swift.abs(number))
        default: throw TemplateFilterError.expected("a number", found: value)
        }
    }
}
