import HotpathTemplates

// One type per page template: the variables each receives beside `LayoutData`'s.

/// `pages/index.html`: the newest run's verdict, every run, the trends.
struct IndexPage: PageData {
    static let template = "pages/index.html"
    /// The newest run; null on a site with no run.
    var latest: RunData?
    /// One sentence that answers "is this run fine?".
    var headline: String?
    /// `good`, `bad`, `warn` or `neutral`: the headline's colour.
    var tone: String?
    var comparison: ComparisonData?
    /// The newest run's critical recommendations.
    var critical: [RecommendationRow]
    var speedup: SpeedupData?
    var bottlenecks: [BottleneckRow]
    /// The share an operation needs to be a hot path (0.1).
    var hotPathThreshold: Double?
    /// The newest run's ten largest operations.
    var topOperations: [OperationRow]
    var recommendationCount: Int
    var exceededBudgets: [BudgetRow]
    /// Bar chart of the largest operations' shares (SVG).
    var shareChart: Markup?
    /// Every run read, newest first.
    var runs: [RunRow]
    /// Sparklines by group (history of two runs or more); null otherwise.
    var trendGroups: [TrendGroup]?
    /// How many operations have trends shown, and how many there are.
    var trendShown: Int
    var trendTotal: Int
    /// Relative link to the list of every operation of the newest run.
    var allOperationsHref: String?
    /// The build the compiler time traces among the inputs make; null without any.
    var build: BuildSection?
    /// Runs left out of trends because they ran in another environment.
    var otherEnvironmentRuns: Int
    /// Change points that started a regression not fixed since, newest first.
    var openRegressions: [HistoryRow<ChangePointRow>]
    /// The environments the history ran in.
    var environments: [String]
    /// Inputs that could not be read, as `file: error: message`.
    var problems: [String]
    /// The newest run's verdicts and ranking when it is a benchmark suite; null otherwise.
    var suite: SuiteSection?
    /// Runs newer than `latest` that the index does not lead with because they have no
    /// operations (an empty dump), oldest first; empty when the newest run leads.
    var skippedRuns: [SkippedRun]

    /// A newer run the index skipped: it has no operations.
    struct SkippedRun: Encodable, Sendable {
        /// The run's id, as its dump names it.
        var id: String
        /// Relative link to its page.
        var href: String
        /// `start_time` or `file_time`: what put it last (a dump without a start time is
        /// ordered by its file's modification time).
        var orderedBy: String
    }

    /// A run in the index's table of every run.
    struct RunRow: Encodable, Sendable {
        var id: String
        var startTime: String?
        /// `start_time` or `file_time`: what ordered the run.
        var orderedBy: String
        var commitShort: String?
        var environment: String?
        var totalText: String
        /// The total in nanoseconds (or the run's base unit), for sorting.
        var total: Double = 0
        /// The start time to the second in UTC, "2026-11-20 02:00:00" (the table's header says
        /// UTC); the dump's own text when it is no ISO 8601 time; null without one.
        var startText: String? = nil
        /// The start time in seconds since 1970, for sorting; null without one.
        var startEpoch: Double? = nil
        /// Relative link to the run's page; null for runs without one (older than the newest 30).
        var href: String?
        /// Counts for runs with a page; null otherwise.
        var regressions: Int?
        var improvements: Int?
        var critical: Int?
    }
}

/// `pages/run.html`: one run's report.
struct RunPage: PageData {
    static let template = "pages/run.html"
    var run: RunData
    var headline: String
    var tone: String
    /// The largest operations (up to 100).
    var operations: [OperationRow]
    var operationTotal: Int
    /// Relative link to the page listing every operation, when the run has more than 100.
    var allOperationsHref: String?
    var bottlenecks: [BottleneckRow]
    var hotPathThreshold: Double
    var shareChart: Markup?
    var recommendationGroups: [RecommendationGroup]
    var speedup: SpeedupData
    /// Null without a baseline.
    var comparison: ComparisonData?
    /// The memory panel: chart and statistics; null without memory data.
    var memory: MemoryPanel?
    /// The I/O panel; null without I/O data.
    var io: IOPanel?
    /// One panel per cache the run reported.
    var caches: [CachePanel]
    /// One panel per parallel executor the run reported.
    var parallel: [ParallelPanel]
    var criticalPath: [CriticalPathStep]
    /// The analysis' warnings and the importer's.
    var warnings: [String]
    var budgets: [BudgetRow]
    /// The samples of a run that also has spans; null otherwise.
    var sampled: SampledSection?
    /// A benchmark suite's verdicts and ranking; null for a profile.
    var suite: SuiteSection?

    /// A span on the run's critical path.
    struct CriticalPathStep: Encodable, Sendable {
        var name: String
        var durationText: String
    }
    /// The run before this one and the one after, among the runs with pages (oldest first);
    /// null at either end.
    var previousRun: Neighbour? = nil
    var nextRun: Neighbour? = nil

    /// A neighbouring run: its id and the relative link to its page.
    struct Neighbour: Encodable, Sendable {
        var id: String
        var href: String
    }
}

/// `pages/operations.html`: every operation of a run with more than the run page shows.
struct OperationsPage: PageData {
    static let template = "pages/operations.html"
    var run: RunData
    var operations: [OperationRow]
}

/// `pages/latest.html` (`latest.html`): leads to the newest run's page at once. A new run
/// changes this page only, not the "Latest run" link of every page.
struct LatestPage: PageData {
    static let template = "pages/latest.html"
    /// The site's title (`--title`).
    var siteTitle: String
    /// Relative link to `style.css`.
    var stylesheet: String
    /// The newest run's id.
    var run: String
    /// Relative link to the newest run's page.
    var href: String
}

/// `pages/flamegraph.html`: the run's flame graph, and the differential one against its baseline.
struct FlameGraphPage: PageData {
    static let template = "pages/flamegraph.html"
    var run: RunData
    /// Null when the run has no call tree.
    var flame: Flame?
    /// Null without a baseline call tree.
    var diff: Diff?

    /// The run's flame graph.
    struct Flame: Encodable, Sendable {
        /// The graph: a `<g class="frame">` per frame drawn, with `data-x` and `data-w` (its
        /// extent as fractions of the root), `data-d` (its row), `data-href` (its operation's
        /// page, if any) and a `<title>` whose first line is its name and whose next lines say
        /// its self and total: what `hotpath.js` zooms, searches and labels with.
        var svg: Markup
        /// Frames too thin to draw on their own (with every frame below them): merged with their
        /// thin siblings or left out.
        var hidden: Int
        /// The thin siblings drawn together as "N frames merged" (their callees not counted).
        var merged: Int
        /// Frames widened to stay visible.
        var scaled: Int
        /// Whether frames wide enough to see were also left out, to keep the graph to about
        /// 5,000 frames (a page a browser opens in a moment): the narrowest go first.
        var limited: Bool
    }

    /// The differential flame graph: the run's frames coloured by their change against the baseline.
    struct Diff: Encodable, Sendable {
        var svg: Markup
        var hidden: Int
        var merged: Int
        var scaled: Int
        var limited: Bool
        /// Stacks of the baseline gone from the run.
        var removed: [Removed]
        var baselineLabel: String?
    }

    /// A stack the baseline had and the run does not.
    struct Removed: Encodable, Sendable {
        /// Frames joined by " → ".
        var path: String
        var totalText: String
    }
}

/// `pages/operation.html`: one operation of a run.
struct OperationPage: PageData {
    static let template = "pages/operation.html"
    var run: RunData
    var operation: OperationRow
    /// Its samples' histogram (SVG); null for fewer than two samples or summary statistics.
    var histogram: Markup?
    /// Its comparison with the baseline, with `baseline_label`; null without one.
    var comparison: ComparisonRow?
    /// With an attribution and both runs' call trees: the differential flame graph of the tree
    /// below the operation (SVG), coloured by each path's change against the baseline; null otherwise.
    var attributionFlame: Markup?
    /// Relative link to its trend page, when the history has one.
    var trendHref: String?
    /// Its largest callers, at most 20, largest first; the rest are `more_callers`.
    var callers: [CallEdge]
    /// Its largest callees, at most 20, largest first; the rest are `more_callees`.
    var callees: [CallEdge]
    /// The callers past the first 20: how many, and the largest of them; null when all are listed.
    var moreCallers: MoreEdges?
    /// The callees past the first 20: how many, and the largest of them; null when all are listed.
    var moreCallees: MoreEdges?
    /// p0 to p100, formatted.
    var percentiles: [PercentileText]

    /// How many callers or callees a page lists: a compiler's frame has hundreds, and past the
    /// largest few they are rows nobody reads that made up nine tenths of such a site's bytes
    /// (and of its rendering and validation). Every edge is in `hotpath analyze`'s JSON.
    static let edgeLimit = 20

    /// A caller or callee of the operation, with the time spent through that edge.
    struct CallEdge: Encodable, Sendable, TemplateValueConvertible {
        var name: String
        var href: String?
        var totalText: String
        var count: Int

        /// What `TemplateValueEncoder` makes of it, made directly: a page lists dozens of these,
        /// and the generic encoder was most of the time its rows took.
        var templateValue: TemplateValue {
            .dictionary([
                "name": .string(name), "href": href.map(TemplateValue.string) ?? .null,
                "total_text": .string(totalText), "count": .int(count),
            ])
        }
    }

    /// Callers or callees left out of a page's list (past its 20 largest).
    struct MoreEdges: Encodable, Sendable {
        /// How many are not listed.
        var count: Int
        /// The largest of them, formatted: what each of the others is at most.
        var largestText: String
    }

    /// One percentile of the operation's samples.
    struct PercentileText: Encodable, Sendable {
        var name: String
        var text: String
    }
}

/// `pages/trend.html`: one operation across the history.
struct TrendPage: PageData {
    static let template = "pages/trend.html"
    /// The operation across the runs: chart, change points, every run's numbers.
    var trend: TrendData
}

/// `pages/regressions.html`: every change point of the history, and the newest run's regressions.
struct RegressionsPage: PageData {
    static let template = "pages/regressions.html"
    /// Regressions not fixed since, newest first.
    var open: [HistoryRow<ChangePointRow>]
    /// Regressions a later change point undid.
    var fixed: [HistoryRow<ChangePointRow>]
    /// Lasting improvements, newest first.
    var improvements: [HistoryRow<ChangePointRow>]
    /// The newest run's regressions beyond night-to-night noise.
    var latest: [ComparisonRow]
    var latestRun: String?
    var latestBaseline: String?
    var runCount: Int
    var falseDiscoveryRate: Double?
}

/// `feed.atom`: the regressions as an Atom feed (no layout).
struct FeedPage: PageData {
    static let template = "feed.atom"
    var feedId: String
    var title: String
    /// The newest entry's time (ISO 8601).
    var updated: String
    /// Absolute link to `regressions.html` when `--site-url` is given, else relative.
    var siteLink: String
    /// The feed's own address; null without `--site-url`.
    var selfLink: String?
    var entries: [Entry]

    /// A regression: confirmed by later runs, or the newest run's not yet confirmed.
    struct Entry: Encodable, Sendable {
        var id: String
        var title: String
        var updated: String?
        var summary: String
        var link: String
    }
}
