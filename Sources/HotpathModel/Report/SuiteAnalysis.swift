/// What a benchmark suite's report says beyond the per-benchmark statistics and the comparison:
/// the ranking of a command comparison (and, with parameterised benchmarks, their families).
///
/// A suite has no hot paths, call tree or Amdahl estimate: its benchmarks are independent, so
/// their times add up to nothing that ran. `Docs/analysis.md` ("Benchmark suites") documents it.
public struct SuiteAnalysis: Codable, Sendable, Equatable {
    /// Timing benchmarks in the run.
    public var benchmarks: Int
    /// For a command comparison with at least two timed commands: every command against the
    /// fastest, fastest first; nil otherwise.
    public var ranking: [RankedCommand]?

    public init(benchmarks: Int, ranking: [RankedCommand]? = nil) {
        self.benchmarks = benchmarks
        self.ranking = ranking
    }
}

/// One command of a command comparison against the fastest, as hyperfine's summary says it:
/// "perl ran 34.60 ± 1.20 times faster than node" is node's entry with perl the fastest.
public struct RankedCommand: Codable, Sendable, Equatable {
    public var name: String
    /// Mean time per run in nanoseconds.
    public var mean: Double
    /// Standard deviation of its runs; nil for a single run.
    public var stddev: Double?
    /// Its mean over the fastest command's mean: 1 for the fastest, above 1 for the others.
    public var ratio: Double
    /// The ratio's standard deviation, propagated from both commands' as hyperfine does
    /// (independent errors): `ratio × √((σ/μ)² + (σ_fastest/μ_fastest)²)`; nil without both.
    public var ratioStddev: Double?

    public init(name: String, mean: Double, stddev: Double?, ratio: Double, ratioStddev: Double?) {
        self.name = name
        self.mean = mean
        self.stddev = stddev
        self.ratio = ratio
        self.ratioStddev = ratioStddev
    }

    enum CodingKeys: String, CodingKey {
        case name, mean, stddev, ratio
        case ratioStddev = "ratio_stddev"
    }
}

/// How many benchmarks a comparison found in each verdict: the suite's one-line summary
/// "2 regressed · 1 improved · 480 unchanged · 3 inconclusive · 0 new · 0 removed".
public struct VerdictCounts: Codable, Sendable, Equatable {
    public var regressed: Int
    public var improved: Int
    public var unchanged: Int
    public var inconclusive: Int
    public var new: Int
    public var removed: Int
    /// Compared with a baseline from another environment: no verdict.
    public var incomparable: Int

    public init(_ operations: [OperationComparison]) {
        var counts = [Verdict: Int]()
        for operation in operations { counts[operation.verdict, default: 0] += 1 }
        regressed = counts[.regression] ?? 0
        improved = counts[.improvement] ?? 0
        unchanged = counts[.unchanged] ?? 0
        inconclusive = counts[.inconclusive] ?? 0
        new = counts[.new] ?? 0
        removed = counts[.removed] ?? 0
        incomparable = counts[.incomparable] ?? 0
    }

    /// Every benchmark counted.
    public var total: Int { regressed + improved + unchanged + inconclusive + new + removed + incomparable }
}
