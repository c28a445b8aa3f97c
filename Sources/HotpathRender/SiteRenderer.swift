import HotpathModel
import HotpathTemplates

/// Renders a whole site (HTML pages, stylesheet, Markdown summary) through the templates.
///
/// Pure: takes the analyzed runs, returns files. Validation and writing happen after.
public struct SiteRenderer: Sendable {
    /// The manager pages render with; it has every unit filter (`UnitFilters`).
    public let templates: TemplateManager

    /// The template manager to render a site with: `sources` (the defaults, or the defaults
    /// with a `--templates` folder on top) with Hotpath's unit filters (`UnitFilters.all`:
    /// `duration`, `bytes`, `percent`, `change`, `speedup`, `pvalue`, `date`) registered, so
    /// `preload()` checks templates that use them and `statistics` count every render.
    public static func templateManager(sources: [String: String], capacity: Int? = nil) -> TemplateManager {
        TemplateManager(sources: sources, capacity: capacity, filters: UnitFilters.all)
    }

    /// Renders with `templates` as it is when it has every unit filter, as a manager from
    /// `templateManager(sources:capacity:)` does. A manager without them (the engine's own
    /// `TemplateManager(sources:)`) is replaced by a copy with the missing ones added, so pages
    /// never fail for want of `percent`; that copy compiles into a cache of its own, so preload
    /// it, and read its statistics, through `renderer.templates`.
    public init(templates: TemplateManager) {
        let names = Set(templates.filterNames)
        let missing = UnitFilters.all.filter { !names.contains($0.key) }
        self.templates = missing.isEmpty ? templates : templates.addingFilters(missing)
    }

    /// A unit of rendering work, so callers can spread pages over workers.
    /// Its template context is built when the page is rendered, so building contexts (charts,
    /// tables) is spread over the workers too.
    public struct PageJob: Sendable {
        public var path: String
        /// The template that renders it, e.g. `pages/run.html`.
        public var template: String
        fileprivate var makeContext: @Sendable () -> [String: TemplateValue]
    }

    /// Every page and file of the site but the Markdown (see `markdown(for:)`), ready to render
    /// in any order.
    public func jobs(for content: SiteContent) -> [PageJob] {
        let links = Self.links(for: content)
        var jobs: [PageJob] = []
        func add(_ path: String, _ template: String, _ makeContext: @escaping @Sendable () -> Context) {
            jobs.append(PageJob(path: path, template: template, makeContext: makeContext))
        }
        add(SiteLinks.stylesheet, "style.css") { [:] }
        add(SiteLinks.index, "pages/index.html") { self.indexContext(content, links: links) }
        if let history = content.history, history.runs.count >= 2 {
            let context = HistoryContext(history: history, links: links, siteURL: content.siteURL)
            add(SiteLinks.regressions, "pages/regressions.html") { self.regressionsContext(context, content: content) }
            add(SiteLinks.feed, "feed.atom") { self.feedContext(context, content: content) }
            for series in history.series {
                guard let page = links.trendPage(series.name) else { continue }
                add(page, "pages/trend.html") { self.trendContext(context, series: series, content: content) }
            }
        }
        for record in content.runs + (content.selfProfile.map { [$0] } ?? []) {
            let context = ReportContext(record: record, links: links)
            let runID = record.report.run.runID
            add(links.runPage(runID), "pages/run.html") { self.runContext(context, content: content) }
            add(links.flameGraphPage(runID), "pages/flamegraph.html") {
                self.flameGraphContext(context, content: content)
            }
            if record.report.operations.count > ReportContext.runPageOperationLimit {
                add(links.allOperationsPage(runID), "pages/operations.html") {
                    self.allOperationsContext(context, content: content)
                }
            }
            if record.operationPages {
                // By name once, not searched per page: a run can have a hundred thousand operations.
                let comparisons = Dictionary(
                    (record.report.comparison?.operations ?? []).map { ($0.name, $0) },
                    uniquingKeysWith: { first, _ in first })
                for operation in Self.operationsWithPages(record) {
                    guard let page = links.operationPage(runID, operation.name) else { continue }
                    let comparison = comparisons[operation.name]
                    add(page, "pages/operation.html") {
                        self.operationContext(context, operation: operation, comparison: comparison, content: content)
                    }
                }
            }
        }
        return jobs
    }

    public func render(_ job: PageJob) throws -> RenderedFile {
        RenderedFile(path: job.path, text: try templates.render(job.template, context: job.makeContext()))
    }

    /// Renders every job in order on the calling thread.
    public func render(_ content: SiteContent) throws -> [RenderedFile] {
        try jobs(for: content).map(render)
    }

    /// The PR Markdown on its own, kept under `characterLimit` (GitHub's comment limit is
    /// 65,536): the least important sections are cut first, and the cut is said.
    public func markdown(for content: SiteContent, characterLimit: Int = 65_536) throws -> String {
        guard let latest = content.runs.last else { return "" }
        let links = SiteLinks(
            runIDs: content.runs.map(\.report.run.runID),
            operations: [
                latest.report.run.runID: latest.operationPages ? Self.operationsWithPages(latest).map(\.name) : []
            ])
        let summary = MarkdownSummary(content: content, record: latest, links: links)
        for limits in MarkdownSummary.Limits.ladder {
            let text = try templates.render("report.md", context: summary.context(limits: limits))
            if text.count <= characterLimit { return text }
        }
        let text = try templates.render("report.md", context: summary.context(limits: .minimal))
        return String(text.prefix(characterLimit - 80))
            + "\n\n_Cut at GitHub's comment limit; the full report is on the site._\n"
    }

    /// The operations of a run that get a page, largest first: its largest, up to the limit, plus
    /// every one the run's verdicts point at (a significant change, a bottleneck, an operation a
    /// recommendation is about), so the headlines never name an operation without its page.
    /// The page jobs and the links both come from here, so a link always has its page.
    static func operationsWithPages(_ record: RunRecord) -> [OperationStatistics] {
        let report = record.report
        guard report.operations.count > RunRecord.operationPageLimit else { return report.operations }
        var named = Set(report.bottlenecks.map(\.name))
        for item in report.comparison?.operations ?? []
        where item.verdict == .regression || item.verdict == .improvement {
            named.insert(item.name)
        }
        for item in report.recommendations {
            named.insert(item.subject)
            named.formUnion(item.affectedOperations)
        }
        return report.operations.enumerated()
            .filter { $0.offset < RunRecord.operationPageLimit || named.contains($0.element.name) }
            .map(\.element)
    }

    static func links(for content: SiteContent) -> SiteLinks {
        let trends = content.history.map { $0.runs.count >= 2 ? HistoryContext.trendOperations($0) : [] } ?? []
        return SiteLinks(
            runIDs: content.runs.map(\.report.run.runID) + (content.selfProfile.map { [$0.report.run.runID] } ?? []),
            operations: Dictionary(
                content.runs.filter(\.operationPages).map {
                    ($0.report.run.runID, operationsWithPages($0).map(\.name))
                },
                uniquingKeysWith: { a, _ in a }),
            trends: trends)
    }

    // MARK: Pages

    /// `title` is the page's own title, shown before the site's; the index's is the site's own
    /// (a string still, so layouts copied from older versions keep rendering).
    private func layout(_ content: SiteContent, page: String, title: String, links: SiteLinks, extra: Context)
        -> Context
    {
        var context = extra
        context["site_title"] = .string(content.title)
        context["page_title"] = .string(title)
        context["root"] = .string(links.root(from: page))
        context["stylesheet"] = .string(links.relative(from: page, to: SiteLinks.stylesheet))
        context["home"] = .string(links.relative(from: page, to: SiteLinks.index))
        if let latest = content.runs.last?.report.run.runID {
            context["latest_href"] = .string(links.relative(from: page, to: links.runPage(latest)))
        }
        context["self_profile_href"] =
            content.selfProfile.map {
                .string(links.relative(from: page, to: links.runPage($0.report.run.runID)))
            } ?? .null
        let hasHistory = (content.history?.runs.count ?? 0) >= 2
        context["regressions_href"] =
            hasHistory ? .string(links.relative(from: page, to: SiteLinks.regressions)) : .null
        context["feed_href"] = hasHistory ? .string(links.relative(from: page, to: SiteLinks.feed)) : .null
        return context
    }

    private func indexContext(_ content: SiteContent, links: SiteLinks) -> Context {
        let page = SiteLinks.index
        var extra: Context = [:]
        if let latest = content.runs.last {
            let context = ReportContext(record: latest, links: links)
            let headline = context.headline
            extra["latest"] = .dictionary(context.summary(from: page))
            extra["headline"] = .string(headline.text)
            extra["tone"] = .string(headline.tone)
            extra["comparison"] = context.comparison(from: page)
            extra["critical"] = context.critical
            extra["speedup"] = .dictionary(context.speedup)
            extra["bottlenecks"] = context.bottlenecks(from: page)
            extra["hot_path_threshold"] = .number(latest.report.hotPathThreshold)
            extra["top_operations"] = .list(
                latest.report.operations.prefix(10).map { context.operationRow($0, from: page) })
            extra["recommendation_count"] = .int(latest.report.recommendations.count)
            extra["exceeded_budgets"] = context.exceededBudgets
            extra["share_chart"] = context.shareChart(idPrefix: "index").map { .markup($0) } ?? .null
        } else {
            extra["latest"] = .null
        }
        extra["runs"] = runsTable(content, links: links, page: page)
        extra["trend_groups"] = .null
        extra["trend_shown"] = .int(0)
        extra["trend_total"] = .int(0)
        extra["other_environment_runs"] = .int(0)
        extra["open_regressions"] = .array([])
        extra["environments"] = .array([])
        if let history = content.history, history.runs.count >= 2 {
            let context = HistoryContext(history: history, links: links, siteURL: content.siteURL)
            let baselineRun = content.runs.last?.report.comparison.flatMap { comparison in
                history.runs.lastIndex { $0.run.runID == comparison.baseline.runID }
            }
            let trends = HistoryContext.trendOperations(history)
            extra["trend_groups"] = context.trendGroups(from: page, operations: trends, baselineRun: baselineRun)
            // Past the cap, say how many are left out and where their numbers are.
            extra["trend_shown"] = .int(trends.count)
            extra["trend_total"] = .int(history.series.count)
            if let latest = content.runs.last {
                let runID = latest.report.run.runID
                let all = latest.report.operations.count > ReportContext.runPageOperationLimit
                extra["all_operations_href"] = .string(
                    links.relative(
                        from: page, to: all ? links.allOperationsPage(runID) : links.runPage(runID) + "#operations"))
            }
            extra["other_environment_runs"] = .int(context.otherEnvironment.count)
            extra["open_regressions"] = .list(
                history.changePoints.filter { $0.verdict == .regression && $0.fixedBy == nil }.reversed().map {
                    context.changePoint($0, from: page, unit: context.unit(of: $0.operation))
                })
            extra["environments"] = .array(history.environments.filter { !$0.isEmpty }.map { .string($0) })
        }
        extra["problems"] = .array(content.inputProblems.map { .string($0.description) })
        return layout(content, page: page, title: content.title, links: links, extra: extra)
    }

    /// Every run, newest first: those with full records carry their verdict counts and a link.
    private func runsTable(_ content: SiteContent, links: SiteLinks, page: String) -> TemplateValue {
        let records = Dictionary(content.runs.map { ($0.report.run.runID, $0) }, uniquingKeysWith: { _, b in b })
        let summaries =
            content.history?.runs
            ?? content.runs.map {
                RunSummary(
                    report: $0.report, source: $0.report.source ?? "", orderedBy: "start_time",
                    time: $0.report.run.startTime)
            }
        return .list(
            summaries.reversed().map { summary in
                var row: Context = [
                    "id": .string(summary.run.runID),
                    "start_time": .text(summary.time),
                    "ordered_by": .string(summary.orderedBy),
                    "commit_short": .text(summary.run.git?.commit.map { String($0.prefix(12)) }),
                    "environment": .text(summary.run.environment?.summary),
                    "total_text": .string(UnitFormat.measure(summary.totalNs, .nanoseconds)),
                    "href": .null, "regressions": .null, "improvements": .null, "critical": .null,
                ]
                if let record = records[summary.run.runID] {
                    row["total_text"] = .string(
                        UnitFormat.measure(record.report.totalNs, ReportContext(record: record, links: links).totalUnit)
                    )
                    row["href"] = .string(links.relative(from: page, to: links.runPage(summary.run.runID)))
                    row["regressions"] = .int(record.report.comparison?.regressions.count ?? 0)
                    row["improvements"] = .int(record.report.comparison?.improvements.count ?? 0)
                    row["critical"] = .int(record.report.recommendations.filter { $0.priority == .critical }.count)
                }
                return row
            })
    }

    private func regressionsContext(_ context: HistoryContext, content: SiteContent) -> Context {
        let page = SiteLinks.regressions
        let history = context.history
        func rows(_ points: [ChangePoint]) -> TemplateValue {
            .list(points.reversed().map { context.changePoint($0, from: page, unit: context.unit(of: $0.operation)) })
        }
        var latest: TemplateValue = .array([])
        if let record = content.runs.last, let comparison = record.report.comparison {
            let report = ReportContext(record: record, links: context.links)
            let newest = history.newestRegressions(newestRunID: record.report.run.runID, newestComparison: comparison)
            latest = .list(newest.map { report.comparisonRow($0, from: page) })
        }
        let extra: Context = [
            "open": rows(history.changePoints.filter { $0.verdict == .regression && $0.fixedBy == nil }),
            "fixed": rows(history.changePoints.filter { $0.verdict == .regression && $0.fixedBy != nil }),
            "improvements": rows(history.changePoints.filter { $0.verdict == .improvement }),
            "latest": latest,
            "latest_run": .text(content.runs.last?.report.run.runID),
            "latest_baseline": .text(content.runs.last?.report.comparison.map { ReportContext.label(of: $0.baseline) }),
            "run_count": .int(history.runs.count),
            "false_discovery_rate": .number(history.falseDiscoveryRate),
        ]
        return layout(content, page: page, title: "Regressions", links: context.links, extra: extra)
    }

    private func feedContext(_ context: HistoryContext, content: SiteContent) -> Context {
        let history = context.history
        let base = content.siteURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        let workflow = history.runs.last?.run.workflow ?? "hotpath"
        let newest = content.runs.last?.report
        let feed = history.feedEntries(newestRunID: newest?.run.runID, newestComparison: newest?.comparison)
        let confirmed: [Context] = feed.confirmed.reversed().map { point in
            let run = history.runs[point.run]
            let unit = context.unit(of: point.operation)
            return [
                "id": .string("tag:hotpath,2026:\(workflow)/\(point.operation)/\(point.runID)"),
                "title": .string("\(point.operation) regressed \(UnitFormat.change(point.change)) on \(point.runID)"),
                "updated": .text(run.time),
                "summary": .string(
                    "\(point.operation): p50 \(UnitFormat.measure(point.before, unit)) → \(UnitFormat.measure(point.after, unit)) (\(UnitFormat.change(point.change)), \(UnitFormat.pValue(point.pValue, adjusted: point.adjustedPValue))) from \(point.runID)"
                        + (point.fixedBy.map { "; fixed by \($0)" } ?? "; still open")),
                "link": .string((base ?? "") + (context.links.trendPage(point.operation) ?? SiteLinks.regressions)),
            ]
        }
        var newestEntries: [Context] = []
        if let record = content.runs.last, let comparison = record.report.comparison {
            let runID = record.report.run.runID
            let units = Dictionary(
                record.report.operations.map { ($0.name, $0.unit) }, uniquingKeysWith: { first, _ in first })
            for item in feed.unconfirmed {
                let unit = units[item.name] ?? .nanoseconds
                newestEntries.append([
                    "id": .string("tag:hotpath,2026:\(workflow)/\(item.name)/\(runID)"),
                    "title": .string(
                        "\(item.name) regressed \(item.meanChange.map { UnitFormat.change($0) } ?? "") on \(runID)"),
                    "updated": .text(record.report.run.startTime ?? history.runs.last?.time),
                    "summary": .string(
                        "\(item.name): mean \(item.baselineMean.map { UnitFormat.measure($0, unit) } ?? "?") → \(item.currentMean.map { UnitFormat.measure($0, unit) } ?? "?")"
                            + (item.interval.map { ", change \(UnitFormat.change($0))" } ?? "")
                            + (item.test.map { " (\(UnitFormat.pValue($0.pValue, adjusted: item.adjustedPValue)))" }
                                ?? "")
                            + " against \(ReportContext.label(of: comparison.baseline)); not yet confirmed by later runs"
                    ),
                    "link": .string(
                        (base ?? "") + (context.links.operationPage(runID, item.name) ?? SiteLinks.regressions)),
                ])
            }
        }
        let entries = newestEntries + confirmed
        let updated =
            entries.compactMap { entry -> String? in
                if case .string(let text)? = entry["updated"] { return text } else { return nil }
            }.max()
            ?? history.runs.last?.time ?? "1970-01-01T00:00:00Z"
        let extra: Context = [
            "feed_id": .string("tag:hotpath,2026:\(workflow)/regressions"),
            "title": .string("\(content.title): regressions"),
            "updated": .string(updated),
            "site_link": .string((base ?? "") + SiteLinks.regressions),
            "self_link": base.map { .string($0 + SiteLinks.feed) } ?? .null,
            "entries": .list(entries),
        ]
        return extra
    }

    private func trendContext(_ context: HistoryContext, series: OperationSeries, content: SiteContent) -> Context {
        let page = context.links.trendPage(series.name)!
        // The band: the newest run's baseline p50 to p95, when it has one.
        var band: (Double, Double)?
        if let record = content.runs.last, let baselineID = record.report.comparison?.baseline.runID,
            let baselineIndex = context.history.runs.lastIndex(where: { $0.run.runID == baselineID }),
            let point = series.points.first(where: { $0.run == baselineIndex }), let p95 = point.p95
        {
            band = (point.p50, p95)
        }
        let extra: Context = ["trend": .dictionary(context.trendPage(series, page: page, baselineBand: band))]
        return layout(content, page: page, title: "Trend · \(series.name)", links: context.links, extra: extra)
    }

    private func runContext(_ context: ReportContext, content: SiteContent) -> Context {
        let runID = context.report.run.runID
        let page = context.links.runPage(runID)
        let idPrefix = "run"
        let extra: Context = [
            "run": .dictionary(context.summary(from: page)),
            "headline": .string(context.headline.text),
            "tone": .string(context.headline.tone),
            "operations": context.operations(from: page, limit: ReportContext.runPageOperationLimit),
            "operation_total": .int(context.report.operations.count),
            "all_operations_href": context.report.operations.count > ReportContext.runPageOperationLimit
                ? .string(context.links.relative(from: page, to: context.links.allOperationsPage(runID))) : .null,
            "bottlenecks": context.bottlenecks(from: page),
            "hot_path_threshold": .number(context.report.hotPathThreshold),
            "share_chart": context.shareChart(idPrefix: idPrefix).map { .markup($0) } ?? .null,
            "recommendation_groups": context.recommendationGroups,
            "speedup": .dictionary(context.speedup),
            "comparison": context.comparison(from: page),
            "memory": context.memoryPanel(profileMemory: context.record.memorySamples, idPrefix: idPrefix),
            "io": context.ioPanel(idPrefix: idPrefix),
            "caches": context.cachePanels(profileCaches: context.record.caches, idPrefix: idPrefix),
            "parallel": context.parallelPanels(idPrefix: idPrefix),
            "critical_path": .list(
                context.report.criticalPath.map {
                    ["name": .string($0.name), "duration_text": .string(UnitFormat.duration($0.durationNs))]
                }),
            "warnings": .array(context.report.warnings.map { .string($0) }),
            "budgets": context.budgets,
        ]
        return layout(content, page: page, title: "Run \(runID)", links: context.links, extra: extra)
    }

    private func allOperationsContext(_ context: ReportContext, content: SiteContent) -> Context {
        let runID = context.report.run.runID
        let page = context.links.allOperationsPage(runID)
        let extra: Context = [
            "run": .dictionary(context.summary(from: page)),
            "operations": context.operations(from: page),
        ]
        return layout(content, page: page, title: "Operations · \(runID)", links: context.links, extra: extra)
    }

    private func flameGraphContext(_ context: ReportContext, content: SiteContent) -> Context {
        let runID = context.report.run.runID
        let page = context.links.flameGraphPage(runID)
        var extra: Context = ["run": .dictionary(context.summary(from: page)), "flame": .null, "diff": .null]
        let format: @Sendable (Double) -> String = { [unit = context.totalUnit] in Measure.format($0, unit) }
        let measure = context.report.kind == .sampled ? "weight" : "time"
        if let tree = context.report.callTree {
            let flame = FlameGraph(
                id: "flame", title: "Flame graph of \(runID)", root: tree, baseline: nil, format: format,
                measure: measure
            ).svg()
            extra["flame"] = .dictionary([
                "svg": .markup(flame.svg), "hidden": .int(flame.hidden), "scaled": .int(flame.scaled),
            ])
            if let baselineTree = context.record.baselineTree {
                let diff = FlameGraph(
                    id: "diff", title: "Differential flame graph of \(runID) against its baseline", root: tree,
                    baseline: baselineTree, format: format, measure: measure
                ).svg()
                extra["diff"] = .dictionary([
                    "svg": .markup(diff.svg), "hidden": .int(diff.hidden), "scaled": .int(diff.scaled),
                    "removed": .list(
                        diff.removed.map {
                            [
                                "path": .string($0.path.split(separator: ";").joined(separator: " → ")),
                                "total_text": .string(format($0.total)),
                            ]
                        }),
                    "baseline_label": .text(context.report.comparison.map { ReportContext.label(of: $0.baseline) }),
                ])
            }
        }
        return layout(content, page: page, title: "Flame graph · \(runID)", links: context.links, extra: extra)
    }

    private func operationContext(
        _ context: ReportContext, operation: OperationStatistics, comparison item: OperationComparison?,
        content: SiteContent
    ) -> Context {
        let runID = context.report.run.runID
        let page = context.links.operationPage(runID, operation.name)!
        var extra: Context = [
            "run": .dictionary(context.summary(from: page)),
            "operation": .dictionary(context.operationRow(operation, from: page)),
            "histogram": .null,
            "comparison": .null,
            "trend_href": .text(
                context.links.trendPage(operation.name).map { context.links.relative(from: page, to: $0) }),
        ]
        let samples = context.record.samples[operation.name] ?? []
        // Summary values (five quartiles) are no distribution to draw.
        if let summary = operation.summary, samples.count >= 2, !operation.summaryOnly {
            extra["histogram"] = .markup(
                Histogram(
                    id: "histogram", title: "Distribution of \(operation.name)", samples: samples,
                    percentiles: summary.percentiles, format: { [unit = operation.unit] in Measure.format($0, unit) }
                ).svg())
        }
        func edges(_ list: [CallEdge]) -> TemplateValue {
            .list(
                list.map { edge in
                    [
                        "name": .string(edge.name),
                        "href": .text(
                            context.links.operationPage(runID, edge.name).map {
                                context.links.relative(from: page, to: $0)
                            }),
                        "total_text": .string(Measure.format(edge.total, operation.unit)),
                        "count": .int(edge.count),
                    ]
                })
        }
        extra["callers"] = edges(operation.callers)
        extra["callees"] = edges(operation.callees)
        if let comparison = context.report.comparison, let item {
            var row = context.comparisonRow(item, from: page)
            row["baseline_label"] = .string(ReportContext.label(of: comparison.baseline))
            extra["comparison"] = .dictionary(row)
        }
        extra["percentiles"] = .list(
            operation.summary.map { summary in
                Percentile.allCases.map {
                    [
                        "name": .string($0.rawValue),
                        "text": .string(Measure.formatOrDash(summary.percentiles[$0], operation.unit)),
                    ]
                }
            } ?? [])
        return layout(content, page: page, title: "\(operation.name) · \(runID)", links: context.links, extra: extra)
    }
}
