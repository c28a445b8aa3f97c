import Foundation
import HotpathModel

/// Template values for the history pages: trends, change points, the regressions feed.
struct HistoryContext {
    let history: HistoryReport
    let links: SiteLinks
    let siteURL: String?
    /// Each series' unit by operation name, looked up once per change point.
    private let units: [String: MetricUnit]
    /// The runs (indexes into `history.runs`) from another environment than the newest run's:
    /// their numbers are not comparable with the newest, so charts and tables mark them. Same
    /// key as the history analysis, which looks for change points within one environment.
    let otherEnvironment: Set<Int>
    /// Every run's label on a chart's x axis (`runAxisLabels`), made once: each of hundreds
    /// of trend pages would otherwise parse every run's time again.
    let axisLabels: [String]
    /// Every run's time to the second (`secondsUTC`), made once for the same reason.
    let timeTexts: [String?]
    /// Each operation's change points, found once rather than searched per page.
    private let changePointsByOperation: [String: [ChangePoint]]
    /// Each run's page (by index into `history.runs`), nil for a run without one: every trend
    /// page links the runs of its series, and looking each up by id was a tenth of a trend page.
    private let runPages: [String?]
    /// Each run as a chart point's tooltip starts, `id (time)`: made once, not per point of
    /// every trend page.
    private let pointTitles: [String]

    init(history: HistoryReport, links: SiteLinks, siteURL: String?) {
        self.history = history
        self.links = links
        self.siteURL = siteURL
        units = Dictionary(history.series.map { ($0.name, $0.unit) }, uniquingKeysWith: { first, _ in first })
        axisLabels = Self.runAxisLabels(history)
        timeTexts = history.runs.map { Self.secondsUTC($0.time) }
        changePointsByOperation = Dictionary(grouping: history.changePoints, by: \.operation)
        runPages = history.runs.map { links.hasRun($0.run.runID) ? links.runPage($0.run.runID) : nil }
        pointTitles = history.runs.map { "\($0.run.runID)" + ($0.time.map { " (\($0))" } ?? "") }
        let newest = history.runs.last?.run.environment?.summary ?? ""
        otherEnvironment = Set(
            history.runs.indices.filter { (history.runs[$0].run.environment?.summary ?? "") != newest })
    }

    /// The newest run's environment, as the charts' notes name it.
    var newestEnvironment: String? {
        history.runs.last?.run.environment?.summary
    }

    /// The operations that get a trend page: every one, up to a cap, largest first, plus any
    /// with a change point.
    static func trendOperations(_ history: HistoryReport, cap: Int = 500) -> [String] {
        let withChanges = Set(history.changePoints.map(\.operation))
        let latest = history.runs.last?.operations ?? []
        let rank = Dictionary(latest.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { a, _ in a })
        let ordered = history.series.map(\.name).sorted { (rank[$0] ?? Int.max, $0) < (rank[$1] ?? Int.max, $1) }
        var chosen = Array(ordered.prefix(cap))
        for name in ordered.dropFirst(cap) where withChanges.contains(name) { chosen.append(name) }
        return chosen
    }

    /// A run of the history as rows name it, its link relative to `page`.
    func runLabel(_ index: Int, from page: String) -> HistoryRun {
        let run = history.runs[index]
        return HistoryRun(
            id: run.run.runID, time: timeTexts[index], orderedBy: run.orderedBy,
            commitShort: run.run.git?.commit.map { String($0.prefix(12)) }, environment: run.run.environment?.summary,
            otherEnvironment: otherEnvironment.contains(index),
            href: runPages[index].map { links.relative(from: page, to: $0) })
    }

    func changePoint(_ point: ChangePoint, from page: String, unit: MetricUnit) -> HistoryRow<ChangePointRow> {
        var row = ChangePointRow(
            operation: point.operation,
            trendHref: links.trendPage(point.operation).map { links.relative(from: page, to: $0) },
            verdict: point.verdict.rawValue, change: point.change, beforeText: UnitFormat.measure(point.before, unit),
            afterText: UnitFormat.measure(point.after, unit),
            pText: UnitFormat.pValue(point.pValue, adjusted: point.adjustedPValue), fixedBy: point.fixedBy,
            before: point.before, after: point.after, pValue: point.adjustedPValue ?? point.pValue)
        // When it was fixed: the fixing run's start and its page.
        if let fixer = point.fixedBy, let index = history.runs.lastIndex(where: { $0.run.runID == fixer }) {
            let fixing = runLabel(index, from: page)
            row.fixedTime = fixing.time
            row.fixedHref = fixing.href
        }
        return HistoryRow(run: runLabel(point.run, from: page), fields: row)
    }

    /// The x-axis label of each run of the history: its date when every run has a time and no
    /// two share a day, its date and time (UTC) when they do, else its id.
    static func runAxisLabels(_ history: HistoryReport) -> [String] {
        let dates = history.runs.compactMap { $0.time.flatMap(UnitFormat.parseISO8601) }
        guard !dates.isEmpty, dates.count == history.runs.count else { return history.runs.map(\.run.runID) }
        let days = dates.map { UnitFormat.iso8601($0, style: .date) ?? "" }
        if Set(days).count == days.count { return days }
        return dates.map { UnitFormat.iso8601($0, style: .dateTime) ?? "" }
    }

    /// A dump's time to the second in UTC, "2026-11-20 02:00:00" (tables say UTC in their
    /// header); text that is no ISO 8601 time as it is.
    static func secondsUTC(_ time: String?) -> String? {
        guard let time else { return nil }
        guard let date = UnitFormat.parseISO8601(time), let text = UnitFormat.iso8601(date, style: .iso) else {
            return time
        }
        return text.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: "")
    }

    /// How far values move, highest over lowest minus one: "12.0%", "3.2×" past 100%.
    static func rangeText(_ values: [Double]) -> String {
        guard let low = values.min(), let high = values.max(), low > 0 else { return "—" }
        let ratio = high / low
        return ratio >= 2 ? UnitFormat.fixed(ratio, digits: 1) + "×" : UnitFormat.percent(ratio - 1)
    }

    func unit(of operation: String) -> MetricUnit {
        units[operation] ?? .nanoseconds
    }

    /// Groups of sparklines for the index, grouped by the operations' group (else "Operations").
    /// `baselineRun` (an index into the history's runs) gives each chart its band: that run's p50 to p95.
    func trendGroups(from page: String, operations: [String], baselineRun: Int? = nil) -> [TrendGroup] {
        let wanted = Set(operations)
        let changesByOperation = Dictionary(grouping: history.changePoints, by: \.operation)
        var groups: [String: [TrendSparkline]] = [:]
        for (index, series) in history.series.enumerated()
        where wanted.contains(series.name) && series.points.count >= 2 {
            let format: (Double) -> String = { UnitFormat.measure($0, series.unit) }
            let runIndexes = series.points.map(\.run)
            let changes = (changesByOperation[series.name] ?? []).compactMap { point in
                runIndexes.firstIndex(of: point.run)
            }
            let baselinePoint = baselineRun.flatMap { run in series.points.first { $0.run == run } }
            let spark = Sparkline(
                id: "trend-\(index)", name: series.name, p50: series.points.map(\.p50), p95: series.points.map(\.p95),
                changes: changes, band: baselinePoint.flatMap { point in point.p95.map { (point.p50, $0) } },
                flagged: series.points.indices.filter { otherEnvironment.contains(series.points[$0].run) },
                format: format)
            let last = series.points.last!
            groups[series.group ?? "Operations", default: []].append(
                TrendSparkline(
                    name: series.name,
                    href: links.trendPage(series.name).map { links.relative(from: page, to: $0) },
                    chart: Markup(spark.svg()), p50Text: format(last.p50), p95Text: last.p95.map(format) ?? "—",
                    runs: series.points.count, changes: changes.count,
                    regressed: (changesByOperation[series.name] ?? []).contains {
                        $0.verdict == .regression && $0.fixedBy == nil
                    }, rangeText: Self.rangeText(series.points.map(\.p50))))
        }
        return groups.sorted { $0.key < $1.key }.map { name, operations in
            TrendGroup(name: name, operations: operations, count: operations.count)
        }
    }

    func trendPage(_ series: OperationSeries, page: String, baselineBand: (Double, Double)?) -> TrendData {
        let format: (Double) -> String = { UnitFormat.measure($0, series.unit) }
        let points = changePoints(of: series.name)
        // Each point opens its run (when it has a page); its tooltip gives the run, its time,
        // the value and the change from the run before.
        var pointLinks: [Double: String] = [:]
        for point in series.points {
            if let target = runPages[point.run] {
                pointLinks[Double(point.run)] = links.relative(from: page, to: target)
            }
        }
        let labels = axisLabels
        // The chart's p50 points are the series' points; its p95 points those with a p95.
        let seriesPoints = series.points
        let p95Positions = seriesPoints.indices.filter { seriesPoints[$0].p95 != nil }
        let heading: (Double) -> String = { [pointTitles] x in pointTitles[min(max(Int(x), 0), pointTitles.count - 1)] }
        let tooltip: (String, Int, Double, Double) -> String = { name, index, x, value in
            var text = "\(name) \(format(value))"
            let position = name == "p95" ? p95Positions[index] : index
            if position > 0 {
                let previous = seriesPoints[position - 1]
                let before = name == "p95" ? previous.p95 : previous.p50
                if let before, before > 0 {
                    text += ", \(UnitFormat.change((value - before) / before)) from the run before"
                }
            }
            return text
        }
        let chart = LineChart(
            id: "trend", title: "p50 and p95 of \(series.name) across \(series.points.count) runs",
            series: [
                .init(name: "p50", className: "p50", points: series.points.map { (Double($0.run), $0.p50) }),
                .init(
                    name: "p95", className: "p95",
                    points: series.points.compactMap { point in point.p95.map { (Double(point.run), $0) } }),
            ],
            band: baselineBand.map { ($0.0, $0.1, "baseline run's p50 to p95") },
            markers: points.map {
                (Double($0.run), "\($0.verdict.rawValue) from \($0.runID): \(UnitFormat.change($0.change))")
            },
            flagged: otherEnvironment.isEmpty ? nil : (Set(otherEnvironment.map(Double.init)), "another environment"),
            formatX: { labels[min(max(Int($0), 0), labels.count - 1)] },
            formatY: format, yFromZero: true, xTitle: "run, oldest first",
            yTitle: "p50 and p95, axis from 0", pointLinks: pointLinks, pointHeading: heading,
            pointTooltip: tooltip)
        let changeRuns = Set(points.map(\.run))
        return TrendData(
            name: series.name, otherEnvironmentRuns: series.points.count { otherEnvironment.contains($0.run) },
            newestEnvironment: newestEnvironment, group: series.group,
            runToRunText: series.runToRunVariation.map { UnitFormat.percent($0) },
            newestCheckText: history.newestRunChecks.first { $0.operation == series.name }.map { check in
                "The newest run's p50 is \(UnitFormat.change(check.change)) from the earlier runs' median ("
                    + UnitFormat.pValue(check.pValue, adjusted: check.adjustedPValue) + "): "
                    + (check.beyondNightlyNoise ? "more than nights usually move." : "within what nights usually move.")
            },
            chart: Markup(chart.svg()),
            changePoints: points.map { changePoint($0, from: page, unit: series.unit) },
            points: series.points.suffix(TrendData.rowLimit).reversed().map { point in
                HistoryRow(
                    run: runLabel(point.run, from: page),
                    fields: TrendData.Point(
                        p50Text: format(point.p50), p95Text: point.p95.map(format) ?? "—",
                        meanText: format(point.mean), count: point.count, change: changeRuns.contains(point.run),
                        p50: point.p50, p95: point.p95, mean: point.mean))
            }, totalRuns: series.points.count,
            csvHref: links.trendTable(series.name).map { links.relative(from: page, to: $0) },
            unit: series.unit.rawValue)
    }

    /// The change points found in one operation's series.
    func changePoints(of operation: String) -> [ChangePoint] {
        changePointsByOperation[operation] ?? []
    }

    /// Every run's figures of one operation as CSV (RFC 4180), oldest first: the trend page's
    /// whole table, in numbers a spreadsheet reads (the operation's unit, unformatted).
    /// `runColumns` are `csvRunColumns()`, made once for every operation's table.
    func trendCSV(_ series: OperationSeries, runColumns: [[UInt8]]) -> String {
        let changeRuns = Set(changePoints(of: series.name).map(\.run))
        // Bytes, not string appends, and numbers written straight into them: a night writes
        // 500 tables of a year of rows each.
        var bytes = Array("run,time,commit,environment,count,mean,p50,p95,unit,change_point\r\n".utf8)
        bytes.reserveCapacity(series.points.count * 120)
        let unit = Array(series.unit.rawValue.utf8)
        func number(_ value: Double) {
            if let (digits, decimals) = Self.csvDecimal(value) {
                UnitFormat.appendDecimal(digits, decimals: decimals, negative: value < 0, to: &bytes)
            } else if value.isFinite {
                bytes += Self.csvNumberInGeneral(value).utf8
            }
        }
        for point in series.points {
            bytes += runColumns[point.run]
            bytes.append(UInt8(ascii: ","))
            UnitFormat.appendDecimal(
                UInt64(point.count.magnitude), decimals: 0, negative: point.count < 0, to: &bytes)
            bytes.append(UInt8(ascii: ","))
            number(point.mean)
            bytes.append(UInt8(ascii: ","))
            number(point.p50)
            bytes.append(UInt8(ascii: ","))
            if let p95 = point.p95 { number(p95) }
            bytes.append(UInt8(ascii: ","))
            bytes += unit
            bytes += changeRuns.contains(point.run) ? Self.changePointEnd : Self.rowEnd
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let rowEnd = Array(",\r\n".utf8)
    private static let changePointEnd = Array(",yes\r\n".utf8)

    /// Each run's first four CSV columns (run, time, commit, environment), by run index.
    func csvRunColumns() -> [[UInt8]] {
        history.runs.map { run in
            Array(
                [run.run.runID, run.time ?? "", run.run.git?.commit ?? "", run.run.environment?.summary ?? ""]
                    .map(Self.csvField).joined(separator: ",").utf8)
        }
    }

    /// A number to 7 significant digits (far finer than any run-to-run noise; full precision
    /// doubled the files), whole numbers without a fraction, non-finite ones empty.
    static func csvNumber(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        return csvDigits(value) ?? csvNumberInGeneral(value)
    }

    /// `csvNumberInGeneral`'s text for 1 ≤ |value| < 10^7, without `pow`, `log10` or `description`
    /// (a night adds 1,500 numbers to every trend's CSV): the value rounded to 7 significant
    /// digits is n / 10^d, and the shortest text that reads back as that double is n's digits
    /// with the point d places from the right and trailing zeros dropped, as no other decimal of
    /// at most 8 digits lies within its ulp. Nil outside that range.
    static func csvDigits(_ value: Double) -> String? {
        csvDecimal(value).map { UnitFormat.decimalText($0.digits, decimals: $0.decimals, negative: value < 0) }
    }

    /// `csvDigits`'s number as digits over a power of ten: the text is `digits / 10^decimals`.
    static func csvDecimal(_ value: Double) -> (digits: UInt64, decimals: Int)? {
        let magnitude = value.magnitude
        guard magnitude >= 1, magnitude < 1e7 else { return nil }
        var decimals = 6 - UnitFormat.decimalExponent(magnitude)
        var digits = UInt64((magnitude * UnitFormat.powerOfTen(decimals)).rounded())
        while decimals > 0, digits % 10 == 0 {
            digits /= 10
            decimals -= 1
        }
        return (digits, decimals)
    }

    /// A number to 7 significant digits, any finite value.
    static func csvNumberInGeneral(_ value: Double) -> String {
        var rounded = value
        if value != 0 {
            let scale = pow(10, 6 - floor(log10(abs(value))))
            rounded = scale.isFinite && scale > 0 ? (value * scale).rounded() / scale : value
        }
        return rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int(rounded)) : "\(rounded)"
    }

    private static func csvField(_ field: String) -> String {
        let special: Set<UInt8> = [UInt8(ascii: ","), UInt8(ascii: "\""), UInt8(ascii: "\n"), UInt8(ascii: "\r")]
        guard field.utf8.contains(where: special.contains) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
