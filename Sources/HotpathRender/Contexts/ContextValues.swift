import HotpathModel
import HotpathTemplates

/// The render context of one template: plain typed values, no reflection.
typealias Context = [String: TemplateValue]

extension TemplateValue {
    static func text(_ value: String?) -> TemplateValue { value.map { .string($0) } ?? .null }
    static func number(_ value: Double?) -> TemplateValue { value.map { $0.isFinite ? .double($0) : .null } ?? .null }
    static func count(_ value: Int?) -> TemplateValue { value.map { .int($0) } ?? .null }
    static func list(_ values: [Context]) -> TemplateValue { .array(values.map { .dictionary($0) }) }
}

/// Formats a value in its metric's unit: durations for time, binary sizes for bytes.
enum Measure {
    static func text(_ value: Double?, _ unit: MetricUnit) -> TemplateValue {
        guard let value else { return .null }
        return .string(format(value, unit))
    }

    static func format(_ value: Double, _ unit: MetricUnit) -> String {
        UnitFormat.measure(value, unit)
    }

    /// "—" for a statistic the input does not tell (p95 of a benchmark known by its summary).
    static func formatOrDash(_ value: Double?, _ unit: MetricUnit) -> String {
        value.map { format($0, unit) } ?? "—"
    }
}
