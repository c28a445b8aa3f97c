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

    /// Whether a run page kept from the last build can take a new pager in place (`RunPager`)
    /// with these template sources: then a run is kept when only a run after it is new.
    public static func splicesRunPagers(sources: [String: String]) -> Bool {
        RunPager.isSpliced(runPage: sources[RunPage.template])
    }

    /// `splicesRunPagers` for this renderer's templates.
    var splicesRunPagers: Bool { RunPager.isSpliced(runPage: templates.source(of: RunPage.template)) }

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
        /// The template that renders it, e.g. `pages/run.html`; for a data file written without
        /// a template (a trend's CSV), what it is, e.g. `trend.csv`.
        public var template: String
        /// What the page is made of, when that is known without rendering it: a page rendered
        /// with the same key, the same templates and the same Hotpath, whose links look up the
        /// same (`SitePlan.dependenciesHold`), is the same page. Only a run's pages have one, from
        /// its record's `identity`: they do not change when a night is added. Nil: rendered
        /// every build.
        public var cacheKey: String?
        fileprivate var make: Make
        /// A run page's pager as this site has it (`RunPager`): spliced into the page when it is
        /// reused (`amend(_:reused:)`), since a new night changes the runs beside it.
        fileprivate var pager: (@Sendable () throws -> String)?

        fileprivate init(
            path: String, template: String, cacheKey: String? = nil, make: Make,
            pager: (@Sendable () throws -> String)? = nil
        ) {
            self.path = path
            self.template = template
            self.cacheKey = cacheKey
            self.make = make
            self.pager = pager
        }

        fileprivate enum Make {
            case page(@Sendable () throws -> [String: TemplateValue])
            case data(@Sendable () -> String)
            /// A page of a run kept from the last build (`RunRecord.outline`): nothing to render it from.
            case kept
        }
    }

    /// Every page and file of the site but the Markdown (see `markdown(for:)`), ready to render
    /// in any order.
    public func jobs(for content: SiteContent) -> [PageJob] {
        plan(for: content).jobs
    }

    /// The pages of a site and the links between them: what a page cache needs to tell a page
    /// of the last build that is still right from one to render again.
    public struct SitePlan: Sendable {
        public var jobs: [PageJob]
        let links: SiteLinks
        /// The outline of every run with an identity, by identity: what the next build needs of
        /// it if all its pages are kept (`RunRecord.outline`).
        public var outlines: [String: RunOutline] = [:]

        /// Whether the links a page looked up when it was rendered (`render(_:recordingLinks:)`)
        /// find the same pages in this site.
        public func dependenciesHold(_ dependencies: [String: String]) -> Bool {
            dependencies.allSatisfy { links.dependency($0.key) == $0.value }
        }
    }

    /// `jobs(for:)` with the site's links.
    public func plan(for content: SiteContent) -> SitePlan {
        let links = Self.links(for: content)
        var jobs: [PageJob] = []
        func add<Page: PageData>(_ path: String, _ makePage: @escaping @Sendable () -> Page) {
            jobs.append(PageJob(path: path, template: Page.template, make: .page { try makePage().context() }))
        }
        jobs.append(PageJob(path: SiteLinks.stylesheet, template: "style.css", make: .page { [:] }))
        jobs.append(PageJob(path: SiteLinks.script, template: "hotpath.js", make: .page { [:] }))
        add(SiteLinks.index) { self.indexContext(content, links: links) }
        if let latest = content.lead {
            let runID = latest.report.run.runID
            add(SiteLinks.latest) {
                LatestPage(
                    siteTitle: content.title, stylesheet: SiteLinks.stylesheet, run: runID,
                    href: links.relative(from: SiteLinks.latest, to: links.runPage(runID)))
            }
        }
        if let history = content.history, history.runs.count >= 2 {
            let context = HistoryContext(history: history, links: links, siteURL: content.siteURL)
            add(SiteLinks.regressions) { self.regressionsContext(context, content: content) }
            add(SiteLinks.feed) { self.feedContext(context, content: content) }
            let runColumns = context.csvRunColumns()
            for series in history.series {
                guard let page = links.trendPage(series.name) else { continue }
                add(page) { self.trendContext(context, series: series, content: content) }
                if let table = links.trendTable(series.name) {
                    jobs.append(
                        PageJob(
                            path: table, template: "trend.csv",
                            make: .data { context.trendCSV(series, runColumns: runColumns) }))
                }
            }
        }
        var outlines: [String: RunOutline] = [:]
        let layout = layoutKey(content)
        let splicesPagers = splicesRunPagers
        let runs = content.runs + (content.selfProfile.map { [$0] } ?? [])
        for (index, record) in runs.enumerated() {
            // A run's pages are made of its record, the layout every page shares, and what each
            // page adds: an operation page its operation. The run page's pager, which shows the
            // runs beside it, is spliced into a reused page (`RunPager`).
            let neighbours = [index - 1, index + 1].map {
                content.runs.indices.contains($0) ? content.runs[$0].report.run.runID : ""
            }
            func key(_ page: RunOutline.Page) -> String? {
                guard let identity = record.identity else { return nil }
                let own = page.isRunPage && !splicesPagers ? neighbours : page.operation.map { [$0] } ?? []
                return Self.cacheKey(page.path, page.template, ([identity, layout] + own).joined(separator: "\u{1F}"))
            }
            // The run page's pager is made for every build and spliced into a kept page (`RunPager`),
            // when the run page shows it through the partial; else the neighbours are in its key.
            let runID = record.report.run.runID
            let pager: (@Sendable () throws -> String)? =
                splicesPagers
                ? { @Sendable [templates] in
                    try RunPager(runID: runID, page: links.runPage(runID), runs: content.runs, links: links)
                        .render(with: templates)
                } : nil
            if let outline = record.outline, let identity = record.identity {
                // Its pages are kept from the last build; one that is not cannot be rendered here.
                for page in outline.pages {
                    jobs.append(
                        PageJob(
                            path: page.path, template: page.template, cacheKey: key(page), make: .kept,
                            pager: page.isRunPage ? pager : nil))
                }
                outlines[identity] = outline
                continue
            }
            var pages: [RunOutline.Page] = []
            func addRunPage<Page: PageData>(_ page: RunOutline.Page, _ makePage: @escaping @Sendable () -> Page) {
                pages.append(page)
                jobs.append(
                    PageJob(
                        path: page.path, template: Page.template, cacheKey: key(page),
                        make: .page { try makePage().context() }, pager: page.isRunPage ? pager : nil))
            }
            defer {
                if let identity = record.identity {
                    outlines[identity] = outline(of: record, pages: pages, neighbours: neighbours, links: links)
                }
            }
            let context = ReportContext(record: record, links: links)
            addRunPage(.init(path: links.runPage(runID), template: RunPage.template, isRunPage: true)) {
                self.runContext(context, content: content)
            }
            // A run without a call tree has no flame graph page, and no link to one; nor has a
            // benchmark suite, whose benchmarks are not parts of one program's run.
            if record.report.callTree != nil, !record.report.runKind.isSuite {
                addRunPage(.init(path: links.flameGraphPage(runID), template: FlameGraphPage.template)) {
                    self.flameGraphContext(context, content: content)
                }
            }
            if record.report.operations.count > ReportContext.runPageOperationLimit {
                addRunPage(.init(path: links.allOperationsPage(runID), template: OperationsPage.template)) {
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
                    addRunPage(.init(path: page, template: OperationPage.template, operation: operation.name)) {
                        self.operationContext(context, operation: operation, comparison: comparison, content: content)
                    }
                }
            }
        }
        return SitePlan(jobs: jobs, links: links, outlines: outlines)
    }

    /// A page's cache key: its path and template with what it is made of.
    private static func cacheKey(_ path: String, _ template: String, _ key: String) -> String {
        [path, template, key].joined(separator: "\u{1F}")
    }

    /// What the next build needs of `record` if all of `pages` (its pages) are kept.
    private func outline(
        of record: RunRecord, pages: [RunOutline.Page], neighbours: [String], links: SiteLinks
    ) -> RunOutline {
        let report = record.report
        let row = RunOutline.Row(record, links: links)
        return RunOutline(
            run: report.run, hasOperations: !report.operations.isEmpty, total: report.totalNs,
            totalText: row.totalText, regressions: row.regressions, improvements: row.improvements,
            critical: row.critical, hasOperationPages: record.operationPages, neighbours: neighbours,
            operationPages: record.operationPages ? Self.operationsWithPages(record).map(\.name) : [], pages: pages)
    }

    /// What every page's layout shows of the site (`layout`): part of each cached page's key.
    private func layoutKey(_ content: SiteContent) -> String {
        [
            content.title, (content.history?.runs.count ?? 0) >= 2 ? "history" : "",
            content.runs.isEmpty ? "" : "runs", content.selfProfile?.report.run.runID ?? "",
        ].joined(separator: "\u{1F}")
    }

    /// Renders a page, noting every link it looked up (for `SitePlan.dependenciesHold`).
    public func render(_ job: PageJob, recordingLinks: Bool) throws -> (
        file: RenderedFile, dependencies: [String: String]
    ) {
        guard recordingLinks else { return (try render(job), [:]) }
        let recorder = LinkRecorder()
        let file = try LinkRecorder.$current.withValue(recorder) { try render(job) }
        return (file, recorder.dependencies)
    }

    /// The text of `job`'s page reused from the last build (`text`) as this site needs it: a run
    /// page with its pager made again (`RunPager`). Nil when that cannot be done in place; the
    /// page is then rendered.
    public func amend(_ job: PageJob, reused text: String) throws -> String? {
        guard let pager = job.pager else { return text }
        return RunPager.splice(try pager(), into: text)
    }

    public func render(_ job: PageJob) throws -> RenderedFile {
        switch job.make {
        case .page(let makeContext):
            RenderedFile(path: job.path, text: try templates.render(job.template, context: try makeContext()))
        case .data(let makeText):
            RenderedFile(path: job.path, text: makeText())
        case .kept:
            throw PageNotKept(path: job.path)
        }
    }

    /// Renders every job in order on the calling thread.
    public func render(_ content: SiteContent) throws -> [RenderedFile] {
        try jobs(for: content).map(render)
    }

    /// The PR Markdown on its own, kept under `characterLimit` when it can be (a comment a
    /// reviewer reads: 10,000 characters): the least important sections are cut first, and the
    /// cut is said ("… and N more on the site"). When no cut gets there (names of thousands of
    /// characters), the fullest text under GitHub's comment limit, 65,536, is kept instead.
    public func markdown(for content: SiteContent, characterLimit: Int = 10_000) throws -> String {
        guard let latest = content.lead else { return "" }
        let links = SiteLinks(
            runIDs: content.runs.map(\.report.run.runID),
            operations: [
                latest.report.run.runID: latest.operationPages ? Self.operationsWithPages(latest).map(\.name) : []
            ])
        let summary = MarkdownSummary(content: content, record: latest, links: links)
        var texts: [String] = []
        for limits in MarkdownSummary.Limits.ladder {
            let text = try templates.render(
                ReportMarkdown.template, context: try summary.page(limits: limits).context())
            if text.count <= characterLimit { return text }
            texts.append(text)
        }
        if let fitting = texts.first(where: { $0.count <= Self.commentLimit }) { return fitting }
        let text = try templates.render(ReportMarkdown.template, context: try summary.page(limits: .minimal).context())
        if text.count <= Self.commentLimit { return text }
        return String(text.prefix(Self.commentLimit - 80))
            + "\n\n_Cut at GitHub's comment limit; the full report is on the site._\n"
    }

    /// GitHub's limit on a comment's length, in characters.
    static let commentLimit = 65_536

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
                    ($0.report.run.runID, $0.outline?.operationPages ?? operationsWithPages($0).map(\.name))
                },
                uniquingKeysWith: { a, _ in a }),
            trends: trends)
    }

    // MARK: Pages

    /// `title` is the page's own title, shown before the site's; the index's is the site's own.
    private func layout<Page: PageData>(
        _ content: SiteContent, page: String, title: String, links: SiteLinks, _ data: Page
    ) -> LaidOut<Page> {
        let hasHistory = (content.history?.runs.count ?? 0) >= 2
        let layout = LayoutData(
            siteTitle: content.title, pageTitle: title, root: links.root(from: page),
            stylesheet: links.relative(from: page, to: SiteLinks.stylesheet),
            script: links.relative(from: page, to: SiteLinks.script),
            home: links.relative(from: page, to: SiteLinks.index),
            latestHref: content.runs.isEmpty ? nil : links.relative(from: page, to: SiteLinks.latest),
            selfProfileHref: content.selfProfile.map {
                links.relative(from: page, to: links.runPage($0.report.run.runID))
            },
            regressionsHref: hasHistory ? links.relative(from: page, to: SiteLinks.regressions) : nil,
            feedHref: hasHistory ? links.relative(from: page, to: SiteLinks.feed) : nil)
        return LaidOut(layout: layout, page: data)
    }

    private func indexContext(_ content: SiteContent, links: SiteLinks) -> LaidOut<IndexPage> {
        let page = SiteLinks.index
        var data = IndexPage(
            critical: [], bottlenecks: [], topOperations: [], recommendationCount: 0, exceededBudgets: [],
            runs: runsTable(content, links: links, page: page), trendGroups: nil, trendShown: 0, trendTotal: 0,
            otherEnvironmentRuns: 0, openRegressions: [], environments: [],
            problems: content.inputProblems.map(\.description), skippedRuns: [])
        if let latest = content.lead {
            let context = ReportContext(record: latest, links: links)
            let headline = context.headline
            data.latest = context.summary(from: page)
            data.headline = headline.text
            data.tone = headline.tone
            data.comparison = context.comparison(from: page)
            data.critical = context.critical
            data.speedup = context.speedup
            data.bottlenecks = context.bottlenecks(from: page)
            data.hotPathThreshold = latest.report.hotPathThreshold
            data.topOperations = latest.report.operations.prefix(10).map { context.operationRow($0, from: page) }
            data.recommendationCount = latest.report.recommendations.count
            data.exceededBudgets = context.exceededBudgets
            data.shareChart = context.shareChart(idPrefix: "index").map(Markup.init)
            data.build = content.build.map { BuildSection($0, recommendation: context.recommendation) }
            data.suite = context.suite(from: page, rowLimit: 10)
            let orderedBy = Dictionary(
                (content.history?.runs ?? []).map { ($0.run.runID, $0.orderedBy) }, uniquingKeysWith: { _, b in b })
            data.skippedRuns = content.skippedRuns.map { record in
                let runID = record.report.run.runID
                return IndexPage.SkippedRun(
                    id: runID, href: links.relative(from: page, to: links.runPage(runID)),
                    orderedBy: orderedBy[runID] ?? (record.report.run.startTime == nil ? "file_time" : "start_time"))
            }
        }
        if let history = content.history, history.runs.count >= 2 {
            let context = HistoryContext(history: history, links: links, siteURL: content.siteURL)
            let baselineRun = content.lead?.report.comparison.flatMap { comparison in
                history.runs.lastIndex { $0.run.runID == comparison.baseline.runID }
            }
            let trends = HistoryContext.trendOperations(history)
            data.trendGroups = context.trendGroups(from: page, operations: trends, baselineRun: baselineRun)
            // Past the cap, say how many are left out and where their numbers are.
            data.trendShown = trends.count
            data.trendTotal = history.series.count
            if let latest = content.lead {
                let runID = latest.report.run.runID
                let all = latest.report.operations.count > ReportContext.runPageOperationLimit
                data.allOperationsHref = links.relative(
                    from: page, to: all ? links.allOperationsPage(runID) : links.runPage(runID) + "#operations")
            }
            data.otherEnvironmentRuns = context.otherEnvironment.count
            data.openRegressions = history.changePoints.filter { $0.verdict == .regression && $0.fixedBy == nil }
                .reversed().map { context.changePoint($0, from: page, unit: context.unit(of: $0.operation)) }
            data.environments = history.environments.filter { !$0.isEmpty }
        }
        return layout(content, page: page, title: content.title, links: links, data)
    }

    /// Every run, newest first: those with full records carry their verdict counts and a link.
    private func runsTable(_ content: SiteContent, links: SiteLinks, page: String) -> [IndexPage.RunRow] {
        let records = Dictionary(content.runs.map { ($0.report.run.runID, $0) }, uniquingKeysWith: { _, b in b })
        let summaries =
            content.history?.runs
            ?? content.runs.map {
                RunSummary(
                    report: $0.report, source: $0.report.source ?? "", orderedBy: "start_time",
                    time: $0.report.run.startTime)
            }
        return summaries.reversed().map { summary in
            var row = IndexPage.RunRow(
                id: summary.run.runID, startTime: summary.time, orderedBy: summary.orderedBy,
                commitShort: summary.run.git?.commit.map { String($0.prefix(12)) },
                environment: summary.run.environment?.summary,
                totalText: UnitFormat.measure(summary.totalNs, .nanoseconds), total: summary.totalNs)
            if let time = summary.time {
                row.startText = HistoryContext.secondsUTC(time)
                row.startEpoch = UnitFormat.parseISO8601(time)?.timeIntervalSince1970
            }
            if let record = records[summary.run.runID] {
                let counts = record.outline.map(RunOutline.Row.init) ?? RunOutline.Row(record, links: links)
                row.totalText = counts.totalText
                row.total = record.report.totalNs
                row.href = links.relative(from: page, to: links.runPage(summary.run.runID))
                row.regressions = counts.regressions
                row.improvements = counts.improvements
                row.critical = counts.critical
            }
            return row
        }
    }

    private func regressionsContext(_ context: HistoryContext, content: SiteContent) -> LaidOut<RegressionsPage> {
        let page = SiteLinks.regressions
        let history = context.history
        func rows(_ points: [ChangePoint]) -> [HistoryRow<ChangePointRow>] {
            points.reversed().map { context.changePoint($0, from: page, unit: context.unit(of: $0.operation)) }
        }
        var latest: [ComparisonRow] = []
        if let record = content.lead, let comparison = record.report.comparison {
            let report = ReportContext(record: record, links: context.links)
            let newest = history.newestRegressions(newestRunID: record.report.run.runID, newestComparison: comparison)
            latest = newest.map { report.comparisonRow($0, from: page) }
        }
        let data = RegressionsPage(
            open: rows(history.changePoints.filter { $0.verdict == .regression && $0.fixedBy == nil }),
            fixed: rows(history.changePoints.filter { $0.verdict == .regression && $0.fixedBy != nil }),
            improvements: rows(history.changePoints.filter { $0.verdict == .improvement }),
            latest: latest, latestRun: content.lead?.report.run.runID,
            latestBaseline: content.lead?.report.comparison.map { ReportContext.label(of: $0.baseline) },
            runCount: history.runs.count, falseDiscoveryRate: history.falseDiscoveryRate)
        return layout(content, page: page, title: "Regressions", links: context.links, data)
    }

    private func feedContext(_ context: HistoryContext, content: SiteContent) -> FeedPage {
        let history = context.history
        let base = content.siteURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        let workflow = history.runs.last?.run.workflow ?? "hotpath"
        let newest = content.lead?.report
        let feed = history.feedEntries(newestRunID: newest?.run.runID, newestComparison: newest?.comparison)
        let confirmed: [FeedPage.Entry] = feed.confirmed.reversed().map { point in
            let run = history.runs[point.run]
            let unit = context.unit(of: point.operation)
            return FeedPage.Entry(
                id: "tag:hotpath,2026:\(workflow)/\(point.operation)/\(point.runID)",
                title: "\(point.operation) regressed \(UnitFormat.change(point.change)) on \(point.runID)",
                updated: run.time,
                summary:
                    "\(point.operation): p50 \(UnitFormat.measure(point.before, unit)) → \(UnitFormat.measure(point.after, unit)) (\(UnitFormat.change(point.change)), \(UnitFormat.pValue(point.pValue, adjusted: point.adjustedPValue))) from \(point.runID)"
                    + (point.fixedBy.map { "; fixed by \($0)" } ?? "; still open"),
                link: (base ?? "") + (context.links.trendPage(point.operation) ?? SiteLinks.regressions))
        }
        var newestEntries: [FeedPage.Entry] = []
        if let record = content.lead, let comparison = record.report.comparison {
            let runID = record.report.run.runID
            let units = Dictionary(
                record.report.operations.map { ($0.name, $0.unit) }, uniquingKeysWith: { first, _ in first })
            for item in feed.unconfirmed {
                let unit = units[item.name] ?? .nanoseconds
                newestEntries.append(
                    FeedPage.Entry(
                        id: "tag:hotpath,2026:\(workflow)/\(item.name)/\(runID)",
                        title:
                            "\(item.name) regressed \(item.meanChange.map { UnitFormat.change($0) } ?? "") on \(runID)",
                        updated: record.report.run.startTime ?? history.runs.last?.time,
                        summary:
                            "\(item.name): mean \(item.baselineMean.map { UnitFormat.measure($0, unit) } ?? "?") → \(item.currentMean.map { UnitFormat.measure($0, unit) } ?? "?")"
                            + (item.interval.map { ", change \(UnitFormat.change($0))" } ?? "")
                            + (item.test.map { " (\(UnitFormat.pValue($0.pValue, adjusted: item.adjustedPValue)))" }
                                ?? "")
                            + " against \(ReportContext.label(of: comparison.baseline)); not yet confirmed by later runs",
                        link: (base ?? "") + (context.links.operationPage(runID, item.name) ?? SiteLinks.regressions)))
            }
        }
        let entries = newestEntries + confirmed
        let updated = entries.compactMap(\.updated).max() ?? history.runs.last?.time ?? "1970-01-01T00:00:00Z"
        return FeedPage(
            feedId: "tag:hotpath,2026:\(workflow)/regressions", title: "\(content.title): regressions",
            updated: updated, siteLink: (base ?? "") + SiteLinks.regressions,
            selfLink: base.map { $0 + SiteLinks.feed }, entries: entries)
    }

    private func trendContext(_ context: HistoryContext, series: OperationSeries, content: SiteContent)
        -> LaidOut<TrendPage>
    {
        let page = context.links.trendPage(series.name)!
        // The band: the newest run's baseline p50 to p95, when it has one.
        var band: (Double, Double)?
        if let record = content.lead, let baselineID = record.report.comparison?.baseline.runID,
            let baselineIndex = context.history.runs.lastIndex(where: { $0.run.runID == baselineID }),
            let point = series.points.first(where: { $0.run == baselineIndex }), let p95 = point.p95
        {
            band = (point.p50, p95)
        }
        let data = TrendPage(trend: context.trendPage(series, page: page, baselineBand: band))
        return layout(content, page: page, title: "Trend · \(series.name)", links: context.links, data)
    }

    private func runContext(_ context: ReportContext, content: SiteContent) -> LaidOut<RunPage> {
        let runID = context.report.run.runID
        let page = context.links.runPage(runID)
        let idPrefix = "run"
        var data = RunPage(
            run: context.summary(from: page), headline: context.headline.text, tone: context.headline.tone,
            operations: context.operations(from: page, limit: ReportContext.runPageOperationLimit),
            operationTotal: context.report.operations.count,
            allOperationsHref: context.report.operations.count > ReportContext.runPageOperationLimit
                ? context.links.relative(from: page, to: context.links.allOperationsPage(runID)) : nil,
            bottlenecks: context.bottlenecks(from: page), hotPathThreshold: context.report.hotPathThreshold,
            shareChart: context.shareChart(idPrefix: idPrefix).map(Markup.init),
            recommendationGroups: context.recommendationGroups, speedup: context.speedup,
            comparison: context.comparison(from: page),
            memory: context.memoryPanel(profileMemory: context.record.memorySamples, idPrefix: idPrefix),
            io: context.ioPanel(idPrefix: idPrefix),
            caches: context.cachePanels(profileCaches: context.record.caches, idPrefix: idPrefix),
            parallel: context.parallelPanels(idPrefix: idPrefix),
            criticalPath: context.report.criticalPath.map {
                RunPage.CriticalPathStep(name: $0.name, durationText: UnitFormat.duration($0.durationNs))
            },
            warnings: context.report.warnings, budgets: context.budgets)
        data.sampled = context.report.sampled.map(SampledSection.init)
        data.suite = context.suite(from: page, withCharts: true)
        let pager = RunPager(
            runID: runID, page: page, runs: content.runs, links: context.links, recordingLinks: !splicesRunPagers)
        data.previousRun = pager.previousRun
        data.nextRun = pager.nextRun
        return layout(content, page: page, title: "Run \(runID)", links: context.links, data)
    }

    private func allOperationsContext(_ context: ReportContext, content: SiteContent) -> LaidOut<OperationsPage> {
        let runID = context.report.run.runID
        let page = context.links.allOperationsPage(runID)
        let data = OperationsPage(run: context.summary(from: page), operations: context.operations(from: page))
        return layout(content, page: page, title: "Operations · \(runID)", links: context.links, data)
    }

    private func flameGraphContext(_ context: ReportContext, content: SiteContent) -> LaidOut<FlameGraphPage> {
        let runID = context.report.run.runID
        let page = context.links.flameGraphPage(runID)
        var data = FlameGraphPage(run: context.summary(from: page))
        let format: @Sendable (Double) -> String = { [unit = context.totalUnit, name = context.weightName] in
            Measure.format($0, unit, named: name)
        }
        let measure = context.report.kind == .sampled ? "weight" : "time"
        let links = context.links
        let operationHref: (String) -> String? = { name in
            links.operationPage(runID, name).map { links.relative(from: page, to: $0) }
        }
        if let tree = context.report.callTree {
            let flame = FlameGraph(
                id: "flame", title: "Flame graph of \(runID)", root: tree, baseline: nil, format: format,
                measure: measure, operationHref: operationHref
            ).svg()
            data.flame = FlameGraphPage.Flame(
                svg: Markup(flame.svg), hidden: flame.hidden, merged: flame.merged, scaled: flame.scaled,
                limited: flame.limited)
            if let baselineTree = context.record.baselineTree {
                let diff = FlameGraph(
                    id: "diff", title: "Differential flame graph of \(runID) against its baseline", root: tree,
                    baseline: baselineTree, format: format, measure: measure, operationHref: operationHref
                ).svg()
                data.diff = FlameGraphPage.Diff(
                    svg: Markup(diff.svg), hidden: diff.hidden, merged: diff.merged, scaled: diff.scaled,
                    limited: diff.limited,
                    removed: diff.removed.map {
                        FlameGraphPage.Removed(
                            path: $0.path.split(separator: ";").joined(separator: " → "), totalText: format($0.total))
                    },
                    baselineLabel: context.report.comparison.map { ReportContext.label(of: $0.baseline) })
            }
        }
        return layout(content, page: page, title: "Flame graph · \(runID)", links: context.links, data)
    }

    private func operationContext(
        _ context: ReportContext, operation: OperationStatistics, comparison item: OperationComparison?,
        content: SiteContent
    ) -> LaidOut<OperationPage> {
        let runID = context.report.run.runID
        let page = context.links.operationPage(runID, operation.name)!
        let links = context.links
        var histogram: Markup?
        let samples = context.record.samples[operation.name] ?? []
        // Summary values (five quartiles) are no distribution to draw.
        if let summary = operation.summary, samples.count >= 2, !operation.summaryOnly {
            histogram = Markup(
                Histogram(
                    id: "histogram", title: "Distribution of \(operation.name)", samples: samples,
                    percentiles: summary.percentiles,
                    format: { [unit = operation.unit, name = context.weightName] in
                        Measure.format($0, unit, named: name)
                    }
                ).svg())
        }
        func edges(_ list: [CallEdge]) -> [OperationPage.CallEdge] {
            list.prefix(OperationPage.edgeLimit).map { edge in
                OperationPage.CallEdge(
                    name: edge.name,
                    href: links.operationPage(runID, edge.name).map { links.relative(from: page, to: $0) },
                    totalText: Measure.format(edge.total, operation.unit, named: context.weightName), count: edge.count)
            }
        }
        func more(_ list: [CallEdge]) -> OperationPage.MoreEdges? {
            guard list.count > OperationPage.edgeLimit else { return nil }
            return OperationPage.MoreEdges(
                count: list.count - OperationPage.edgeLimit,
                largestText: Measure.format(
                    list[OperationPage.edgeLimit].total, operation.unit, named: context.weightName))
        }
        var comparison: ComparisonRow?
        if let baseline = context.report.comparison, let item {
            comparison = context.comparisonRow(item, from: page)
            comparison?.baselineLabel = ReportContext.label(of: baseline.baseline)
        }
        var attributionFlame: Markup?
        if item?.attribution != nil, let tree = context.report.callTree?.focused(on: operation.name),
            let baselineTree = context.record.baselineTree?.focused(on: operation.name)
        {
            attributionFlame = Markup(
                FlameGraph(
                    id: "attribution-flame",
                    title: "Differential flame graph of \(operation.name) against the baseline",
                    root: tree, baseline: baselineTree,
                    format: { [unit = context.totalUnit, name = context.weightName] in
                        Measure.format($0, unit, named: name)
                    },
                    measure: context.report.kind == .sampled ? "weight" : "time"
                ).svg().svg)
        }
        let data = OperationPage(
            run: context.summary(from: page), operation: context.operationRow(operation, from: page),
            histogram: histogram, comparison: comparison, attributionFlame: attributionFlame,
            trendHref: links.trendPage(operation.name).map { links.relative(from: page, to: $0) },
            callers: edges(operation.callers), callees: edges(operation.callees),
            moreCallers: more(operation.callers), moreCallees: more(operation.callees),
            percentiles: operation.summary.map { summary in
                Percentile.allCases.map {
                    OperationPage.PercentileText(
                        name: $0.rawValue,
                        text: Measure.formatOrDash(summary.percentiles[$0], operation.unit, named: context.weightName))
                }
            } ?? [])
        return layout(content, page: page, title: "\(operation.name) · \(runID)", links: links, data)
    }
}

/// A page of a run kept from the last build (`RunRecord.outline`) that was not there to keep:
/// the site is built again with every run's full record.
public struct PageNotKept: Error, Sendable, CustomStringConvertible {
    public var path: String

    public var description: String { "\(path) was to be kept from the last build but was not" }
}

extension RunOutline {
    /// A run's figures in the index's table of runs.
    struct Row {
        var totalText: String
        var regressions: Int
        var improvements: Int
        var critical: Int

        init(_ record: RunRecord, links: SiteLinks) {
            totalText = Measure.format(
                record.report.totalNs, ReportContext(record: record, links: links).totalUnit,
                named: record.report.stackWeightName)
            regressions = record.report.comparison?.regressions.count ?? 0
            improvements = record.report.comparison?.improvements.count ?? 0
            critical = record.report.recommendations.filter { $0.priority == .critical }.count
        }

        init(_ outline: RunOutline) {
            totalText = outline.totalText
            regressions = outline.regressions
            improvements = outline.improvements
            critical = outline.critical
        }
    }
}
