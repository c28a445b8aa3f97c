#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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
    /// Parameterised benchmarks grouped by family, each with its fitted complexity; by name.
    public var families: [BenchmarkFamily]

    public init(benchmarks: Int, ranking: [RankedCommand]? = nil, families: [BenchmarkFamily] = []) {
        self.benchmarks = benchmarks
        self.ranking = ranking
        self.families = families
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

/// A complexity class a family's times are fitted to, as Google Benchmark's BigO names them.
public enum Complexity: String, Codable, Sendable, CaseIterable {
    case constant = "o1"
    case logarithmic = "oLogN"
    case linear = "oN"
    case linearithmic = "oNLogN"
    case quadratic = "oNSquared"
    case cubic = "oNCubed"

    /// g(n), the curve time is fitted to: 1, log₂ n, n, n log₂ n, n², n³ (as Google Benchmark's
    /// `FittingCurve`).
    public func curve(_ n: Double) -> Double {
        switch self {
        case .constant: 1
        case .logarithmic: log2(n)
        case .linear: n
        case .linearithmic: n * log2(n)
        case .quadratic: n * n
        case .cubic: n * n * n
        }
    }

    /// "O(1)", "O(log n)", "O(n)", "O(n log n)", "O(n²)", "O(n³)".
    public var label: String {
        switch self {
        case .constant: "O(1)"
        case .logarithmic: "O(log n)"
        case .linear: "O(n)"
        case .linearithmic: "O(n log n)"
        case .quadratic: "O(n²)"
        case .cubic: "O(n³)"
        }
    }
}

/// Parameterised benchmarks of one family (`BM_Sort/64 … /16384`, `test_sort[100]`, `sort n=10`)
/// and the complexity their mean times fit best.
public struct BenchmarkFamily: Codable, Sendable, Equatable {
    /// The members' common name: `BM_Sort` for `BM_Sort/64 … /16384`, `test_sort` for
    /// `test_sort[100]`; with the parameter written `{n}` when it is not last (`BM_Copy/{n}/8`).
    public var name: String
    /// Smallest parameter first.
    public var members: [Member]
    /// The best fit, chosen as Google Benchmark's BigO does; nil with fewer than three sizes.
    public var fit: ComplexityFit?

    public init(name: String, members: [Member], fit: ComplexityFit?) {
        self.name = name
        self.members = members
        self.fit = fit
    }

    public struct Member: Codable, Sendable, Equatable {
        public var name: String
        /// The parameter, n.
        public var n: Double
        /// Mean time in nanoseconds.
        public var mean: Double

        public init(name: String, n: Double, mean: Double) {
            self.name = name
            self.n = n
            self.mean = mean
        }
    }
}

/// A least-squares fit of time = coefficient × g(n) (Google Benchmark's `MinimalLeastSq`): the
/// coefficient minimises the squared error, and the RMS of the residuals is divided by the
/// mean time, so fits of different curves compare.
public struct ComplexityFit: Codable, Sendable, Equatable {
    public var complexity: Complexity
    /// Nanoseconds per unit of g(n).
    public var coefficient: Double
    /// Root mean square of the residuals over the mean time (0.05 is 5%).
    public var rms: Double

    public init(complexity: Complexity, coefficient: Double, rms: Double) {
        self.complexity = complexity
        self.coefficient = coefficient
        self.rms = rms
    }
}

/// A family whose fitted complexity changed since the baseline: "BM_Sort: O(n log n) → O(n²)".
public struct FamilyChange: Codable, Sendable, Equatable {
    public var name: String
    public var baseline: Complexity
    public var current: Complexity

    public init(name: String, baseline: Complexity, current: Complexity) {
        self.name = name
        self.baseline = baseline
        self.current = current
    }
}
