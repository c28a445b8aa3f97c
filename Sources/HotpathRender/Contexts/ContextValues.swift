import HotpathModel

/// Formats a value in its metric's unit: durations for time, binary sizes for bytes.
enum Measure {
    static func format(_ value: Double, _ unit: MetricUnit) -> String {
        UnitFormat.measure(value, unit)
    }

    /// "—" for a statistic the input does not tell (p95 of a benchmark known by its summary).
    static func formatOrDash(_ value: Double?, _ unit: MetricUnit) -> String {
        value.map { format($0, unit) } ?? "—"
    }
}
