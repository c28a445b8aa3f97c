import HotpathModel

/// What the counts of a collapsed-stacks file measure (`--unit`): samples (the default), a unit
/// of time, or bytes. Times are converted to nanoseconds, the model's unit, so perf's
/// `cpu-clock` periods in µs or a profiler's milliseconds read as the time they are.
public struct CollapsedUnit: Sendable, Equatable, Hashable {
    /// The unit of the imported stack weights.
    public var weightUnit: WeightUnit
    /// What one count is in that unit: 1000 for microseconds.
    public var factor: Double
    /// The canonical name: `samples`, `ns`, `us`, `ms`, `s` or `bytes`.
    public var rawValue: String

    public static let samples = CollapsedUnit(weightUnit: .samples, factor: 1, rawValue: "samples")
    public static let nanoseconds = CollapsedUnit(weightUnit: .nanoseconds, factor: 1, rawValue: "ns")
    public static let microseconds = CollapsedUnit(weightUnit: .nanoseconds, factor: 1e3, rawValue: "us")
    public static let milliseconds = CollapsedUnit(weightUnit: .nanoseconds, factor: 1e6, rawValue: "ms")
    public static let seconds = CollapsedUnit(weightUnit: .nanoseconds, factor: 1e9, rawValue: "s")
    public static let bytes = CollapsedUnit(weightUnit: .bytes, factor: 1, rawValue: "bytes")

    public static let allCases: [CollapsedUnit] = [
        .samples, .nanoseconds, .microseconds, .milliseconds, .seconds, .bytes,
    ]

    /// Parses a name as users type it: `ns`, `us` / `µs` (either mu), `ms`, `s`, `bytes`, `samples`.
    public init?(rawValue text: String) {
        let name = text.replacingOccurrences(of: "µ", with: "u").replacingOccurrences(of: "μ", with: "u")
        guard let unit = Self.allCases.first(where: { $0.rawValue == name }) else { return nil }
        self = unit
    }

    private init(weightUnit: WeightUnit, factor: Double, rawValue: String) {
        self.weightUnit = weightUnit
        self.factor = factor
        self.rawValue = rawValue
    }
}
