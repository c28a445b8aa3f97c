/// Where a recommendation applies.
public enum OptimizationArea: String, Codable, Sendable, CaseIterable {
    case templateCache = "template_cache"
    case parallelExecution = "parallel_execution"
    case memory
    case io
    case cpu
    case network
    /// Compile time across a build's units (clang `-ftime-trace`): headers, templates, functions.
    case build
    /// How a benchmark suite is measured (repetitions, machine, timer): advice that speeds
    /// nothing up and has no Amdahl estimate.
    case measurement
}

/// How urgent a recommendation is; derived from its impact, never from its area.
public enum OptimizationPriority: String, Codable, Sendable, CaseIterable, Comparable {
    case critical, high, medium, low

    var rank: Int {
        switch self {
        case .critical: 0
        case .high: 1
        case .medium: 2
        case .low: 3
        }
    }

    /// Critical sorts first.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// One thing to do, with the measured evidence behind it and what it would buy.
public struct OptimizationRecommendation: Codable, Sendable, Equatable {
    /// Stable identifier, e.g. `cache:templates` or `regression:render_template`.
    public var id: String
    public var area: OptimizationArea
    public var priority: OptimizationPriority
    /// The operation or resource it is about.
    public var subject: String
    public var title: String
    /// What was measured, with the numbers.
    public var observation: String
    public var recommendation: String
    public var expectedImprovement: String
    /// Share of the run's time the change would affect (Amdahl's p).
    public var affectedShare: Double
    /// The assumed speedup of the affected part (Amdahl's s).
    public var assumedLocalSpeedup: Double
    /// 1 / ((1 − p) + p / s): an estimate, never a measurement.
    public var estimatedSpeedup: Double
    /// The operations whose time `affectedShare` counts; lets the combined estimate avoid double counting.
    public var affectedOperations: [String]
    /// Machine-applicable settings the advice amounts to, e.g. `["capacity": 128]` for a cache or
    /// `["concurrency_limit": 8]` for an executor; empty when the advice is not a setting.
    public var settings: [String: Double]

    public init(
        id: String, area: OptimizationArea, priority: OptimizationPriority, subject: String, title: String,
        observation: String, recommendation: String, expectedImprovement: String, affectedShare: Double,
        assumedLocalSpeedup: Double, estimatedSpeedup: Double, affectedOperations: [String],
        settings: [String: Double] = [:]
    ) {
        self.id = id
        self.area = area
        self.priority = priority
        self.subject = subject
        self.title = title
        self.observation = observation
        self.recommendation = recommendation
        self.expectedImprovement = expectedImprovement
        self.affectedShare = affectedShare
        self.assumedLocalSpeedup = assumedLocalSpeedup
        self.estimatedSpeedup = estimatedSpeedup
        self.affectedOperations = affectedOperations
        self.settings = settings
    }

    enum CodingKeys: String, CodingKey {
        case id, area, priority, subject, title, observation, recommendation
        case expectedImprovement = "expected_improvement"
        case affectedShare = "affected_share"
        case assumedLocalSpeedup = "assumed_local_speedup"
        case estimatedSpeedup = "estimated_speedup"
        case affectedOperations = "affected_operations"
        case settings
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        area = try container.decode(OptimizationArea.self, forKey: .area)
        priority = try container.decode(OptimizationPriority.self, forKey: .priority)
        subject = try container.decode(String.self, forKey: .subject)
        title = try container.decode(String.self, forKey: .title)
        observation = try container.decode(String.self, forKey: .observation)
        recommendation = try container.decode(String.self, forKey: .recommendation)
        expectedImprovement = try container.decode(String.self, forKey: .expectedImprovement)
        affectedShare = try container.decode(Double.self, forKey: .affectedShare)
        assumedLocalSpeedup = try container.decode(Double.self, forKey: .assumedLocalSpeedup)
        estimatedSpeedup = try container.decode(Double.self, forKey: .estimatedSpeedup)
        affectedOperations = try container.decode([String].self, forKey: .affectedOperations)
        settings = try container.decodeIfPresent([String: Double].self, forKey: .settings) ?? [:]
    }
}

/// The estimated speedup of applying every recommendation, beside the measured one.
public struct SpeedupSummary: Codable, Sendable, Equatable {
    /// Always an estimate (Amdahl's law over the union of affected time).
    public var estimated: Double
    /// Baseline total over current total, when a comparable baseline exists.
    public var measured: Double?

    public init(estimated: Double, measured: Double?) {
        self.estimated = estimated
        self.measured = measured
    }
}
