/// A run of the history, as the rows about it name it: every [ChangePointRow](#changepointrow) and
/// trend point carries these variables beside its own.
struct HistoryRun: Encodable, Sendable {
    /// The run's id.
    var id: String
    /// The run's start time (ISO 8601), if known.
    var time: String?
    /// `start_time` or `file_time`: what ordered the run.
    var orderedBy: String
    /// The run's commit, first 12 characters.
    var commitShort: String?
    /// The run's environment in one line.
    var environment: String?
    /// The run is from another environment than the newest run's.
    var otherEnvironment: Bool
    /// Relative link to the run's page, when it has one.
    var href: String?
}

/// A row about one run of the history: the run's variables and the row's own, flat, as the
/// templates read them (`point.id`, `point.operation`).
struct HistoryRow<Fields: Encodable & Sendable>: Encodable, Sendable {
    var run: HistoryRun
    var fields: Fields

    func encode(to encoder: any Encoder) throws {
        try run.encode(to: encoder)
        try fields.encode(to: encoder)
    }
}

/// A lasting step in an operation's p50 across the history (`open_regressions` on the index,
/// the regressions page's lists, a trend page's `change_points`), beside the
/// [HistoryRun](#historyrun) it starts at.
struct ChangePointRow: Encodable, Sendable {
    /// The operation that changed.
    var operation: String
    /// Relative link to the operation's trend page, when it has one.
    var trendHref: String?
    /// `regression` or `improvement`.
    var verdict: String
    /// The p50's relative change (0.1 is +10%).
    var change: Double
    /// The p50 before the step, in the operation's unit.
    var beforeText: String
    /// The p50 from the step on.
    var afterText: String
    /// The step's p-value, adjusted across the history's tests: "p = 0.003 (adjusted 0.01)".
    var pText: String
    /// The run whose change point undid this regression, if one did.
    var fixedBy: String?
    /// When that run started, to the second in UTC; null without a fix or a start time.
    var fixedTime: String?
    /// Relative link to that run's page, when it has one.
    var fixedHref: String?
    /// The p50s before and after and the adjusted p-value as numbers, for sorting.
    var before: Double = 0
    var after: Double = 0
    var pValue: Double = 1
}

/// A group of sparklines on the index (`trend_groups`): the operations' group, else "Operations".
struct TrendGroup: Encodable, Sendable {
    /// The group's name.
    var name: String
    /// Its operations' sparklines, in the order of the newest run's largest first.
    var operations: [TrendSparkline]
    /// How many operations.
    var count: Int
}

/// One operation's sparkline on the index.
struct TrendSparkline: Encodable, Sendable {
    /// The operation.
    var name: String
    /// Relative link to its trend page, when it has one.
    var href: String?
    /// p50 and p95 across the runs, change points marked (SVG).
    var chart: Markup
    /// The newest run's p50.
    var p50Text: String
    /// The newest run's p95 ("—" when the input does not tell).
    var p95Text: String
    /// Runs with the operation.
    var runs: Int
    /// Change points among them.
    var changes: Int
    /// A regression not fixed since.
    var regressed: Bool
    /// The sparkline's vertical range: how far its p50 moves, highest over lowest minus one,
    /// "12%" (a sparkline spans its own range, so a 1% wiggle and a 100× step look alike without it).
    var rangeText: String = ""
}

/// One operation across the history (`trend` on its trend page).
struct TrendData: Encodable, Sendable {
    /// The operation.
    var name: String
    /// Runs of the operation from another environment than the newest run's.
    var otherEnvironmentRuns: Int
    /// The newest run's environment in one line.
    var newestEnvironment: String?
    /// The operation's group (benchmark family, module), if the format says.
    var group: String?
    /// The typical change of the p50 from one night to the next, as a percent.
    var runToRunText: String?
    /// Whether the newest run's p50 moved more than nights usually move, in one sentence.
    var newestCheckText: String?
    /// p50 and p95 across the runs, with the baseline band and the change points (SVG).
    var chart: Markup
    /// The operation's change points, oldest first.
    var changePoints: [HistoryRow<ChangePointRow>]
    /// The newest runs with the operation (at most `rowLimit`), newest first.
    var points: [HistoryRow<Point>]
    /// Runs with the operation, in the table or not.
    var totalRuns: Int
    /// Relative link to the CSV of every run's figures (`trends/<operation>.csv`).
    var csvHref: String?
    /// The unit of the CSV's numbers: `ns`, `bytes`, `count` or `samples`.
    var unit: String

    /// The rows a trend page shows: a year of nightly runs stays in the chart and the CSV, so
    /// that each page stays small and a new night re-renders little (Docs/history.md).
    static let rowLimit = 30

    /// The operation in one run, beside the [HistoryRun](#historyrun).
    struct Point: Encodable, Sendable {
        /// The operation's p50, p95 ("—" when the input does not tell) and mean in the run.
        var p50Text: String
        var p95Text: String
        var meanText: String
        /// Its calls, samples or benchmark iterations in the run.
        var count: Int
        /// A change point starts at this run.
        var change: Bool
        /// The p50, p95 and mean as numbers in the operation's base unit, for sorting.
        var p50: Double = 0
        var p95: Double? = nil
        var mean: Double = 0
    }
}
