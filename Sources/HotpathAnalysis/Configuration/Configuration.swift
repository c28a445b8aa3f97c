/// A project's Hotpath settings: analysis thresholds and targets, and budgets per operation.
///
/// Kept in the profiled project as `hotpath.toml` (a small TOML subset, documented in
/// `Docs/configuration.md`); `report`, `analyze` and `check` read it from the current folder
/// or from `--config FILE`.
public struct Configuration: Sendable, Equatable {
    public var analysis = AnalysisOptions()
    /// Budgets by operation name; the name `run` holds budgets for the whole run.
    public var budgets: [String: Budget] = [:]

    public init() {}

    public static let fileName = "hotpath.toml"
}

/// Limits an operation (or the run) must stay within. Durations in ns, sizes in bytes.
public struct Budget: Sendable, Equatable {
    public var mean: Double?
    public var p50: Double?
    public var p95: Double?
    public var p99: Double?
    /// For an operation: the largest sample of its memory metric. For `run`: peak resident memory.
    public var memory: Double?
    /// For `run` only: the run's total time.
    public var total: Double?

    public init(
        mean: Double? = nil, p50: Double? = nil, p95: Double? = nil, p99: Double? = nil, memory: Double? = nil,
        total: Double? = nil
    ) {
        self.mean = mean
        self.p50 = p50
        self.p95 = p95
        self.p99 = p99
        self.memory = memory
        self.total = total
    }
}

/// A configuration file problem, with its line.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "\(line): \(message)" }
}
