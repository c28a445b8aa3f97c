import HotpathTemplates

/// `report.md`: the pull-request summary (no layout).
struct ReportMarkdown: PageData {
    static let template = "report.md"
    var title: String
    var run: RunData
    var headline: String
    var tone: String
    /// The published site's address with a trailing slash (`--site-url`); null without one.
    var siteUrl: String?
    /// The run's page on the published site.
    var runUrl: String?
    var speedup: SpeedupData
    /// Regressions and improvements, each with `url` on the published site.
    var changes: [ComparisonRow]
    /// How many were left out to fit GitHub's comment limit.
    var changesCut: Int
    /// Whether any change has an attribution (then a line each says where it came from).
    var attributed = false
    var baselineLabel: String?
    var countsText: String?
    var falseDiscoveryRate: Double?
    var threshold: Double?
    var bottlenecks: [Bottleneck]
    var critical: [RecommendationRow]
    /// The other recommendations, folded in `<details>`; empty when cut.
    var otherRecommendations: [RecommendationRow]
    var recommendationsCut: Int
    /// Every operation, in `<details>`; empty when cut.
    var operations: [OperationRow]
    var operationsCut: Int
    /// Whether `<details>` sections are included (dropped first to fit the limit).
    var showDetails: Bool
    var exceededBudgets: [BudgetRow]
    /// The build the compiler time traces among the inputs make; null without any.
    var build: BuildSection?
    /// A benchmark suite's verdicts (changes only, capped) and ranking; null for a profile.
    var suite: SuiteSection?
    /// The status a reviewer reads in one second, the comment's first line: "❌ 2 regressions ·
    /// ✅ 480 unchanged · ⚠️ 3 inconclusive", "✅ no significant change in 482 benchmarks".
    var status: String
    /// Runs newer than `run` that it skipped for having no operations (empty dumps), oldest
    /// first: the summary says so rather than judge an empty run.
    var skippedRuns: [String]

    /// A bottleneck, linked to its page on the published site.
    struct Bottleneck: Encodable, Sendable {
        var name: String
        var share: Double?
        var selfShare: Double?
        var url: String?
    }
}
