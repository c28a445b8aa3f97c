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

    /// A weight of a sampled profile whose stacks count something other than samples
    /// (`PerformanceReport.stackWeightName`: callgrind's `Ir`, perf's `cycles`, pprof's
    /// `contentions`): `1,234 Ir`, not `1,234 samples`. Other units as `format`.
    static func format(_ value: Double, _ unit: MetricUnit, named name: String?) -> String {
        guard unit == .samples, let name, !name.isEmpty else { return format(value, unit) }
        return UnitFormat.grouped(value, decimals: abs(value) < 100 && value.rounded() != value ? 2 : 0) + " " + name
    }

    static func formatOrDash(_ value: Double?, _ unit: MetricUnit, named name: String?) -> String {
        value.map { format($0, unit, named: name) } ?? "—"
    }
}
