import Foundation
import HotpathModel

/// One run, as a page's header and links know it (`run` on run pages, `latest` on the index).
struct RunData: Encodable, Sendable {
    /// The run id.
    var id: String
    var workflow: String
    /// As the dump wrote it (ISO 8601), if it did.
    var startTime: String?
    var commit: String?
    /// The commit's first 12 characters.
    var commitShort: String?
    var branch: String?
    var host: String?
    /// OS, CPU, cores, toolchain and build configuration, in one line.
    var environment: String?
    /// The dump's labels, sorted by key.
    var labels: [Label]
    /// `timed`, `sampled` or `benchmark` (what the run's numbers are).
    var kind: String
    /// Whether the run is a sampled profile (stacks with weights, not timed calls).
    var sampled: Bool
    /// `profile`, `benchmark_suite` or `command_comparison` (what story the report tells).
    var runKind: String
    /// The same in words: "profile", "benchmark suite", "command comparison".
    var runKindText: String
    /// Whether the run is a benchmark suite or a command comparison: no hot paths, call tree,
    /// flame graph or Amdahl estimate, a table of verdicts instead.
    var suite: Bool
    /// The dump's path, as given.
    var source: String?
    /// The run's total in its unit.
    var totalText: String
    /// How the total was made (`root_spans`, `operations_sum`, `stack_weight`).
    var totalBasis: String
    /// The same, in words ("sum of root spans").
    var totalBasisText: String
    var operationCount: Int
    /// Relative link to the run's page.
    var href: String
    /// Relative link to the run's flame graph page; null when the run has no call tree (and so
    /// no flame graph page).
    var flameHref: String?

    /// A label of the dump (`key=value`).
    struct Label: Encodable, Sendable {
        var key: String
        var value: String
    }
}

/// One operation's statistics, formatted (`operations` rows, `operation` on its page).
struct OperationRow: Encodable, Sendable {
    var name: String
    /// Relative link to the operation's page, when it has one.
    var href: String?
    /// `timing`, `memory`, `count`… (what its samples measure).
    var metric: String
    /// The benchmark family or group it belongs to, if the format says.
    var group: String?
    /// Calls, samples or stacks.
    var count: Int
    var countText: String
    /// The sum of its samples, in its unit.
    var total: Double?
    var totalText: String
    /// Its share of the run's total, 0…1.
    var share: Double?
    /// Its self time's share of the run's total, 0…1.
    var selfShare: Double?
    var selfText: String?
    /// A timing operation at or over the hot-path threshold.
    var hot: Bool
    /// Known only by the statistics a benchmark tool reported, not by samples.
    var summaryOnly: Bool
    /// Whether the statistics below are there.
    var hasSummary: Bool
    var meanText: String?
    var stddevText: String?
    /// "—" where the input does not tell.
    var minText: String?
    var maxText: String?
    /// Coefficient of variation (standard deviation over mean).
    var cv: Double?
    var p0Text: String?
    var p25Text: String?
    var p50Text: String?
    var p75Text: String?
    var p90Text: String?
    var p95Text: String?
    var p99Text: String?
    var p100Text: String?
    /// The noise model (Docs/analysis.md): run-to-run variation as a percent.
    var noiseCvText: String?
    /// The smallest change a comparison of this size can detect.
    var noiseDetectableText: String?
    /// The relative threshold a change must reach, "±5%".
    var noiseThresholdText: String?
    /// Samples per side needed to see a change of the threshold.
    var noiseSamplesNeededText: String?
    /// Whether the samples look like two modes (Sarle's coefficient).
    var bimodal: Bool
    /// For a benchmark timed by two clocks: the one the statistics above use, "real time" or
    /// "CPU time"; nil with one clock.
    var measureText: String?
    /// The other clock, shown beside: "CPU time" (or "real time"), with its statistics.
    var otherMeasureText: String?
    var otherMeanText: String?
    var otherStddevText: String?
    var otherP50Text: String?
    var otherP95Text: String?
    var otherP99Text: String?
    /// Where its code is, `bz2.py:12`, when the input said and the name does not already say it.
    var location: String? = nil
    /// The numbers behind the texts above, in the operation's base unit (nanoseconds, bytes…),
    /// for the tables' `data-sort`: sorting by them puts 571 ns before 363 µs.
    var values = Values()

    /// An operation row's numbers to six significant digits (short pages: a table can have
    /// 10,000 rows); null where its text is "—".
    struct Values: Encodable, Sendable {
        var total: Double?
        var share: Double?
        var selfShare: Double?
        var mean: Double?
        var min: Double?
        var p50: Double?
        var p95: Double?
        var p99: Double?
        var max: Double?
        var selfTotal: Double?

        /// `value` to six significant digits, which prints short (27455.6, not 27455.600415007055).
        static func short(_ value: Double?) -> Double? {
            guard let value, value.isFinite, value != 0 else { return value }
            let digits = 5 - Int(log10(abs(value)).rounded(.down))
            let scale = pow(10, Double(abs(digits)))
            return digits >= 0 ? (value * scale).rounded() / scale : (value / scale).rounded() * scale
        }
    }
}

/// A bottleneck: an operation with a large share of the run, ranked by its score.
struct BottleneckRow: Encodable, Sendable {
    var name: String
    var selfText: String?
    var href: String?
    var share: Double?
    var selfShare: Double?
    var score: Double?
}

/// One recommendation, with its evidence and a labelled estimate.
struct RecommendationRow: Encodable, Sendable {
    var id: String
    /// `critical`, `high`, `medium` or `low`.
    var priority: String
    /// `cpu`, `memory`, `io`, `cache`, `parallelism`, `regression`…
    var area: String
    /// The operation, cache or executor it is about.
    var subject: String
    var title: String
    /// What was measured.
    var observation: String
    /// What to do.
    var recommendation: String
    /// The expected improvement, in words.
    var expected: String
    var affectedShare: Double?
    /// The local speedup the estimate assumes ("2.00×").
    var localSpeedupText: String
    /// Amdahl's estimate for the whole run.
    var estimatedSpeedup: Double?
    var estimatedSpeedupText: String
    /// Whether the estimate above means anything: false for advice on how a benchmark suite is
    /// measured, which speeds nothing up.
    var amdahl: Bool
}

/// Recommendations of one priority.
struct RecommendationGroup: Encodable, Sendable {
    var priority: String
    var items: [RecommendationRow]
}

/// A budget from `hotpath.toml` and what the run did against it.
struct BudgetRow: Encodable, Sendable {
    /// The operation, or `run`.
    var subject: String
    /// `p50`, `p95`, `p99`, `mean`, `total` or `memory`.
    var measure: String
    var limitText: String
    /// Null when the run has nothing to check it against.
    var actualText: String?
    var exceeded: Bool
}

/// The run's speedups: Amdahl's estimate of the recommendations together, and the one measured
/// against the baseline.
struct SpeedupData: Encodable, Sendable {
    var estimatedText: String?
    var measuredText: String?
    var measured: Double?
}

/// One operation compared with the baseline.
struct ComparisonRow: Encodable, Sendable {
    var name: String
    var href: String?
    /// `regression`, `improvement`, `unchanged`, `inconclusive`, `new`, `removed`, `incomparable`.
    var verdict: String
    /// The baseline's mean and the run's.
    var beforeText: String?
    var afterText: String?
    /// The same two means as numbers in the operation's base unit, for sorting.
    var before: Double? = nil
    var after: Double? = nil
    /// The mean's relative change (0.1 is +10%).
    var change: Double?
    var p50Change: Double?
    var p95Change: Double?
    var p99Change: Double?
    /// The verdict with what earned it: "unchanged (within ±5%)".
    var verdictText: String
    /// The words in the verdict's parentheses, if any.
    var verdictNote: String?
    /// The change with its interval: "+12.3% [+8.1%, +16.0%]".
    var intervalText: String?
    var intervalEstimate: Double?
    /// How the interval was made, in words.
    var intervalMethod: String?
    /// The interval's confidence (0.95).
    var confidence: Double?
    var pValue: Double?
    var pText: String?
    /// Benjamini–Hochberg adjusted p-value across the operations compared.
    var adjustedPValue: Double?
    var adjustedPText: String?
    /// Samples per side an inconclusive comparison needs.
    var samplesNeeded: Double?
    var effect: Double?
    var effectText: String?
    var method: String?
    var testName: String?
    /// report.md only: the operation's page on the published site (`--site-url`).
    var url: String?
    /// For a regression or an improvement with a call tree in both runs: where the change came
    /// from (`Docs/analysis.md`, attribution); null otherwise.
    var attribution: AttributionData?
    /// The operation page only: the baseline run, labelled.
    var baselineLabel: String?
    /// For a benchmark timed by two clocks: the one both sides were compared by, "real time"
    /// or "CPU time"; nil with one clock.
    var measureText: String?
    /// Speed in words for a timed operation: "15% slower (0.85×)"; null otherwise.
    var speedText: String?
}

/// The run compared with its baseline.
struct ComparisonData: Encodable, Sendable {
    var baselineId: String
    var baselineCommit: String?
    /// "nightly-2026-11-25 (abc123def456)".
    var baselineLabel: String
    /// Relative link to the baseline's page, when the site has it.
    var baselineHref: String?
    /// False when the baseline ran in another environment: nothing was compared.
    var comparable: Bool
    /// The relative threshold a change must reach (0.05).
    var threshold: Double?
    /// The false discovery rate the verdicts control (0.05).
    var falseDiscoveryRate: Double?
    /// How many operations were tested.
    var tested: Int
    /// "2 regressed · 1 improved · 420 unchanged · 77 inconclusive".
    var countsText: String
    var totalSpeedupText: String?
    var geometricMeanText: String?
    var operations: [ComparisonRow]
    /// Regressions and improvements.
    var significant: [ComparisonRow]
    /// Whether any regression or improvement has an attribution (where the change came from).
    var attributed = false
    var regressions: [ComparisonRow]
    var improvements: [ComparisonRow]
    /// Operations per verdict.
    var counts: Counts

    /// How many operations got each verdict.
    struct Counts: Encodable, Sendable {
        var regression: Int
        var improvement: Int
        var unchanged: Int
        var inconclusive: Int
        var new: Int
        var removed: Int
        var incomparable: Int
    }
}
