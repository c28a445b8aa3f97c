import Foundation
import HotpathAnalysis
import HotpathIngest
import HotpathModel
import HotpathProfiler
import HotpathRender
import HotpathSite
import HotpathTemplates
import HotpathValidation

/// The run lifecycle, in named steps: ingest (and analyze each new dump) → assemble history
/// (each shown run compared with its baseline and optimized) → build (render, validate) → write. `report` runs them
/// all (`run`); `check` stops after the Markdown; the demo starts from runs in memory.
///
/// Diagnostics and progress go to the console as they happen; failures are thrown as
/// `ReportFailure`, whose kind gives the exit code. With an enabled profiler every step is
/// measured under the name given here, so `--self-profile` shows where Hotpath's own time goes.
public struct ReportPipeline: Sendable {
    public var configuration: Configuration
    public var baseline: BaselinePolicy
    public var settings: PipelineSettings
    public var profiler: Profiler
    public var console: any ReportConsole

    public init(
        configuration: Configuration = Configuration(), baseline: BaselinePolicy = .previousComparable,
        settings: PipelineSettings = PipelineSettings(), profiler: Profiler = .disabled, console: any ReportConsole
    ) {
        self.configuration = configuration
        self.baseline = baseline
        self.settings = settings
        self.profiler = profiler
        self.console = console
    }

    // MARK: The whole report

    /// What `hotpath report` asks for.
    public struct Request: Sendable {
        public var inputs: [String]
        public var ingestOptions = IngestOptions()
        /// Where analyzed runs are kept between reports; nil reads every dump.
        public var store: (any RunStore)?
        /// The pages the last build validated; nil validates every page.
        public var validatedPages: ValidatedPages?
        public var site: SiteRequest

        public init(inputs: [String], site: SiteRequest) {
            self.inputs = inputs
            self.site = site
        }
    }

    /// What a report made: the files written, the Markdown, the newest run's record (for a
    /// verdict), the inputs that could not be read, and the pipeline's own statistics.
    public struct Outcome: Sendable {
        public var site: RenderedSite
        public var written: SiteWriter.Summary
        public var newest: RunRecord?
        public var runCount: Int
        /// Inputs that could not be read (the report covers the others); already on the console.
        public var unreadable: [IngestError]
    }

    /// Every step, from dumps to a written site.
    public func run(_ request: Request, started: Date = Date()) async throws -> Outcome {
        // The last build's page cache is read while the dumps are: neither needs the other.
        async let last = readValidatedPages(request.validatedPages)
        let loaded = try ingest(request.inputs, options: request.ingestOptions, store: request.store)
        let (content, site) = try await assembleAndBuild(
            loaded.runs, site: request.site, problems: loaded.errors.map(\.diagnostic),
            validated: request.validatedPages, last: await last, checkingLinks: false)
        let written = try await publish(
            site, to: request.site, validated: request.validatedPages, runCount: loaded.runs.count, started: started)
        return Outcome(
            site: site, written: written, newest: content.runs.last, runCount: loaded.runs.count,
            unreadable: loaded.errors)
    }

    // MARK: Steps

    /// Reads the dumps (through the store when there is one) and analyzes the new ones. Unreadable
    /// inputs are said on the console and returned; none readable at all is a failure.
    @inline(never)  // not inlined into async callers: see `measured`
    public func ingest(_ inputs: [String], options: IngestOptions, store: (any RunStore)?) throws
        -> HistoryLoader.Loaded
    {
        var loader = HistoryLoader(ingestor: Ingestor(options: options), configuration: configuration, store: store)
        loader.profiler = profiler
        let loaded = loader.load(inputs)
        console.print(loaded.notes + loaded.errors.map(\.diagnostic))
        guard !loaded.runs.isEmpty else {
            throw ReportFailure(.input, message: "no dump could be read; nothing written")
        }
        _ = try baseline.resolved(in: loaded.runs)
        if loaded.runs.count > 1 {
            console.note(
                "Read \(loaded.runs.count) run(s): \(loaded.analyzed) analyzed, \(loaded.runs.count - loaded.analyzed) from the cache."
            )
        }
        return loaded
    }

    /// The policy for `--baseline FILE`: the dump read and analyzed once, every run compared
    /// with it. A baseline that cannot be read is an input failure: no comparison would be honest.
    @inline(never)  // not inlined into async callers: see `measured`
    public func pinnedBaseline(_ path: String, options: IngestOptions) throws -> BaselinePolicy {
        do {
            return .pinned(
                AnalyzedRun(dump: try Ingestor(options: options).loadFile(path), configuration: configuration))
        } catch {
            throw ReportFailure(.input, [error.diagnostic])
        }
    }

    /// `assembleHistory` then `build`, through the page cache `validated`: older runs whose pages
    /// are all kept come as outlines, not loaded again; if one of their pages is not there after
    /// all, every record is built and the site rendered again.
    public func assembleAndBuild(
        _ runs: [HistoryRun], site request: SiteRequest, problems: [Diagnostic] = [], validated: ValidatedPages?,
        builder: HistoryBuilder? = nil
    ) async throws -> (SiteContent, RenderedSite) {
        try await assembleAndBuild(
            runs, site: request, problems: problems, validated: validated, last: readValidatedPages(validated),
            builder: builder)
    }

    private func readValidatedPages(_ validated: ValidatedPages?) -> ValidatedPages.Document? {
        validated.flatMap { pages in profiler.measure("read validated pages") { pages.loadDocument() } }
    }

    /// `assembleAndBuild` with the last build's page cache already read; `checkingLinks` false
    /// leaves the site-wide checks to `publish`.
    func assembleAndBuild(
        _ runs: [HistoryRun], site request: SiteRequest, problems: [Diagnostic] = [], validated: ValidatedPages?,
        last: ValidatedPages.Document?, builder: HistoryBuilder? = nil, checkingLinks: Bool = true
    ) async throws -> (SiteContent, RenderedSite) {
        let sources = try TemplateSet.sources(overrides: request.templates)
        let kept = keptOutlines(last, sources: sources)
        // An outline stands in for a run whose only change is a new run after it when the run
        // page takes its pager from the partial (`RunOutline.matches`).
        var builder = builder ?? HistoryBuilder(configuration: configuration, baseline: baseline)
        builder.splicesRunPagers = SiteRenderer.splicesRunPagers(sources: sources)
        var content = try assembleHistory(runs, site: request, problems: problems, builder: builder, kept: kept)
        do {
            return (
                content,
                try await build(
                    content, templates: request.templates, validated: validated, last: last,
                    checkingLinks: checkingLinks)
            )
        } catch let missing as PageNotKept {
            console.note("\(missing); every run's record is built again.")
            content = try assembleHistory(runs, site: request, problems: problems, builder: builder)
            return (
                content,
                try await build(
                    content, templates: request.templates, validated: validated, last: last,
                    checkingLinks: checkingLinks)
            )
        }
    }

    /// The outlines the last build kept (`ValidatedPages.Document.records`), when its pages were
    /// made with the same templates (`sources`) and the same Hotpath.
    func keptOutlines(_ last: ValidatedPages.Document?, sources: [String: String]) -> [String: RunOutline] {
        guard let last, let records = last.records, let environment = last.environment,
            environment == ValidatedPages.environment(templates: sources)
        else { return [:] }
        return records
    }

    /// What the site shows: the runs with pages compared with their baselines and optimized, and
    /// the history of all of them. Says on the console which run ids were renamed and what the
    /// newest run's budgets found. Runs whose outline is in `kept` are not loaded (`HistoryBuilder`).
    @inline(never)  // not inlined into async callers: see `measured`
    public func assembleHistory(
        _ runs: [HistoryRun], site: SiteRequest, problems: [Diagnostic] = [], builder: HistoryBuilder? = nil,
        kept: [String: RunOutline] = [:]
    ) throws -> SiteContent {
        let (runs, renamed) = HistoryRun.distinctRunIDs(runs)
        for rename in renamed {
            console.print([
                Diagnostic(
                    .warning, file: rename.source,
                    message: "run id \"\(rename.from)\" is also an earlier run's; shown as \"\(rename.to)\"")
            ])
        }
        let builder = builder ?? HistoryBuilder(configuration: configuration, baseline: baseline)
        let (records, history) = try measured("analyze runs") { try builder.build(runs, kept: kept) }
        for record in records.suffix(1) {
            console.print(BudgetDiagnostics.exceeded(record.report.budgets))
            console.print(BudgetDiagnostics.unchecked(record.report.budgets, in: record.report))
        }
        var content = SiteContent(
            title: site.title, runs: records, siteURL: site.siteURL, inputProblems: problems, history: history)
        content.build = try measured("analyze build") { try BuildAssembly.build(of: runs) }
        return content
    }

    /// Renders every file of the site and the Markdown, then validates them: at most
    /// `settings.jobs` pages at a time, on one executor whose statistics cover both stages.
    /// Pages byte for byte as `validated` remembers them are not validated again, and a run's
    /// pages whose inputs are as they were are not even rendered again (`ValidatedPages`).
    public func build(
        _ content: SiteContent, templates: String?, validated: ValidatedPages? = nil
    ) async throws -> RenderedSite {
        let profiler = self.profiler
        let last = validated.flatMap { pages in profiler.measure("read validated pages") { pages.loadDocument() } }
        return try await build(content, templates: templates, validated: validated, last: last)
    }

    /// `build` with the last build's document already read. With `checkingLinks` false, the
    /// pages are checked but not the links between them, and the page cache is not saved: the
    /// caller does both (`publish`, while the site is staged).
    func build(
        _ content: SiteContent, templates: String?, validated: ValidatedPages?, last: ValidatedPages.Document?,
        checkingLinks: Bool = true
    ) async throws -> RenderedSite {
        let sources = try TemplateSet.sources(overrides: templates, console: console)
        let manager = SiteRenderer.templateManager(sources: sources, capacity: settings.templateCacheCapacity)
        let executor = StagedParallelExecutor(
            name: "site", concurrencyLimit: settings.jobs, profiler: profiler.isEnabled ? profiler : nil)
        let known = last?.pages ?? [:]
        let environment = validated == nil ? nil : ValidatedPages.environment(templates: sources)
        let cache = validated.flatMap { store in
            environment.map { PageCache(pages: store, known: known, environment: $0) }
        }
        let checks = PageChecks(digests: validated != nil, known: known)
        var site = try await render(content, with: manager, on: executor, cache: cache, checks: checks)
        site.environment = environment
        site.pageChecks = try await checkPages(site, on: executor, checks: checks)
        if checkingLinks { try await checkLinks(site, remembering: validated) }
        site.executorStatistics = executor.statistics
        return site
    }

    /// The last build's pages, and what this build's page keys are combined with.
    struct PageCache: Sendable {
        var pages: ValidatedPages
        var known: [String: ValidatedPages.Entry]
        var environment: String

        func key(_ cacheKey: String) -> String { ContentHash.of(environment + "\u{1E}" + cacheKey) }
    }

    /// How a page is checked as soon as it is rendered: with its digest (when the checks are
    /// remembered), and not again when the last build validated the same bytes.
    struct PageChecks: Sendable {
        var digests: Bool
        var known: [String: ValidatedPages.Entry]

        /// A file's digest and own checks (`SiteValidation.check`).
        func check(_ file: RenderedFile, profiler: Profiler) -> PageOutcome {
            let digest = digests ? ValidatedPages.digest(of: file) : nil
            if let digest, let entry = known[file.path], entry.digest == digest, let outcome = PageOutcome(entry) {
                return outcome
            }
            let check = profiler.measure("validate \(file.path.hasSuffix(".xml") ? "feed" : "page")") {
                SiteValidation.check(file)
            }
            return PageOutcome(
                digest: digest, check: check,
                entry: digest.flatMap { digest in
                    check.flatMap { $0.problems.isEmpty ? ValidatedPages.Entry.make(digest: digest, check: $0) : nil }
                })
        }
    }

    /// A file's digest (nil when the page cache is not kept) and own checks (nil for a file
    /// that has none, like a stylesheet): found as it is rendered, or when every page is checked.
    struct PageOutcome: Sendable {
        var digest: String?
        var check: PageCheck?
        /// What the page cache keeps of a clean page (its key and lookups are added as it is
        /// saved): made on the workers that check the pages, or the last build's entry of a page
        /// with the same bytes, so saving the cache only gathers them.
        var entry: ValidatedPages.Entry?

        /// The outcome the last build's `entry` stands for; nil when it does not read back whole.
        init?(_ entry: ValidatedPages.Entry) {
            guard let check = entry.check else { return nil }
            self.init(digest: entry.digest, check: check, entry: entry)
        }

        init(digest: String?, check: PageCheck?, entry: ValidatedPages.Entry? = nil) {
            self.digest = digest
            self.check = check
            self.entry = entry
        }
    }

    /// Renders every page and the Markdown; with a `cache`, a page whose key and links are as
    /// the last build's is read back instead. With `checks`, each page rendered is also checked
    /// in the same job, so validating overlaps rendering instead of waiting for its last page.
    func render(
        _ content: SiteContent, with manager: TemplateManager, on executor: StagedParallelExecutor,
        cache: PageCache? = nil, checks: PageChecks? = nil
    ) async throws -> RenderedSite {
        if settings.preloadTemplates {
            do {
                try measured("preload templates") { try manager.preload() }
            } catch {
                throw ReportFailure(.template, message: "\(error)")
            }
        }
        let renderer = SiteRenderer(templates: manager)
        let profiler = self.profiler
        let rendered: [RenderedPage]
        let markdown: String
        let outlines: [String: RunOutline]
        do {
            let plan = profiler.measure("plan pages") { renderer.plan(for: content) }
            outlines = plan.outlines
            // The Markdown beside the pages, not after the last of them.
            async let markdownText = Self.measured(profiler, "render report.md") { try renderer.markdown(for: content) }
            rendered = try await executor.run(stage: "render", plan.jobs) { job in
                let key = cache.flatMap { cache in job.cacheKey.map(cache.key) }
                if let cache, let key,
                    let page = try Self.measured(
                        profiler, "reuse page",
                        {
                            try Self.reused(
                                job, key: key, cache: cache, plan: plan, renderer: renderer, checks: checks,
                                profiler: profiler)
                        })
                {
                    return page
                }
                let (file, dependencies) = try Self.measured(profiler, "render \(job.template)") {
                    try renderer.render(job, recordingLinks: key != nil)
                }
                return RenderedPage(
                    file: file, key: key, dependencies: dependencies, keptFrom: nil,
                    outcome: checks?.check(file, profiler: profiler))
            }
            markdown = try await markdownText
        } catch let missing as PageNotKept {
            throw missing
        } catch {
            throw Self.renderingFailure(error)
        }
        var site = RenderedSite(
            files: rendered.map(\.file) + [RenderedFile(path: "report.md", text: markdown)], markdown: markdown,
            templateStatistics: manager.statistics, executorStatistics: executor.statistics)
        site.cacheKeys = rendered.map(\.key) + [nil]
        site.linkDependencies = rendered.map(\.dependencies) + [[:]]
        site.keptFrom = rendered.map(\.keptFrom) + [nil]
        site.outcomes = rendered.map(\.outcome) + [nil]
        site.reusedPages = rendered.count { $0.keptFrom != nil }
        site.outlines = outlines
        return site
    }

    /// `job`'s page as the last build wrote it (`ValidatedPages.reused`), amended for this site
    /// (a run page's pager, `SiteRenderer.amend`); nil when it must be rendered. A page that comes
    /// out as it was keeps its file and checks; an amended one is checked now.
    private static func reused(
        _ job: SiteRenderer.PageJob, key: String, cache: PageCache, plan: SiteRenderer.SitePlan,
        renderer: SiteRenderer, checks: PageChecks?, profiler: Profiler
    ) throws -> RenderedPage? {
        let entry = cache.known[job.path]
        guard let text = cache.pages.reused(job.path, key: key, entry: entry, linksHold: plan.dependenciesHold),
            let amended = try renderer.amend(job, reused: text)
        else { return nil }
        let file = RenderedFile(path: job.path, text: amended)
        let same = amended == text
        return RenderedPage(
            file: file, key: key, dependencies: entry?.dependencies ?? [:],
            keptFrom: same ? cache.pages.site.map { $0 + "/" + job.path } : nil,
            outcome: same ? nil : checks?.check(file, profiler: profiler))
    }

    /// A page of this build: rendered now, or reused from the last.
    private struct RenderedPage: Sendable {
        var file: RenderedFile
        var key: String?
        var dependencies: [String: String]
        /// Where the last build's copy of a reused page is, nil for a page rendered now.
        var keptFrom: String?
        /// Its digest and checks, when they were made as it was rendered.
        var outcome: PageOutcome? = nil
    }

    /// The Markdown alone (what `check` writes), from the same templates as the site's.
    @inline(never)  // not inlined into async callers: see `measured`
    public func markdown(_ content: SiteContent, templates: String?) throws -> String {
        let manager = try TemplateSet.manager(overrides: templates, console: console)
        do {
            return try SiteRenderer(templates: manager).markdown(for: content)
        } catch {
            throw Self.renderingFailure(error)
        }
    }

    /// Validates every page with libxml2 and the HTML5 checks, and the feed as XML: each file's
    /// digest and own checks, in the order of `site.files`. A page the last build validated with
    /// the same bytes keeps its earlier checks (`checks.known`).
    func checkPages(
        _ site: RenderedSite, on executor: StagedParallelExecutor, checks: PageChecks
    ) async throws -> [PageOutcome] {
        // A page kept from the last build was read back only after its digest matched its entry.
        let kept = Set(zip(site.files, site.keptFrom).compactMap { $1 == nil ? nil : $0.path })
        let made = Dictionary(
            zip(site.files, site.outcomes).compactMap { file, outcome in outcome.map { (file.path, $0) } },
            uniquingKeysWith: { first, _ in first })
        let profiler = self.profiler
        return try await executor.run(stage: "validate", site.files) { file -> PageOutcome in
            if kept.contains(file.path), let entry = checks.known[file.path], let outcome = PageOutcome(entry) {
                return outcome
            }
            return made[file.path] ?? checks.check(file, profiler: profiler)
        }
    }

    /// Checks every link and fragment across the site, once its pages are checked; any problem
    /// stops the build before anything is written. The page cache is saved meanwhile: each entry
    /// is a page whose own checks passed, true whatever the links are, and the next build keeps
    /// a page only after matching its digest.
    func checkLinks(_ site: RenderedSite, remembering validated: ValidatedPages?) async throws {
        async let remembered: Void = remember(site, in: validated)
        let problems = linkProblems(site)
        await remembered
        if !problems.isEmpty { throw Self.validationFailure(problems) }
    }

    /// The problems of every page and of the links between them.
    func linkProblems(_ site: RenderedSite) -> [Diagnostic] {
        profiler.measure("check links") { SiteValidation.checkSite(site.files, checks: site.pageChecks.map(\.check)) }
    }

    /// What stops a build whose site has problems.
    static func validationFailure(_ problems: [Diagnostic]) -> ReportFailure {
        ReportFailure(
            .output,
            problems + [
                Diagnostic(.error, message: "\(problems.count) validation problem(s); the site was not written")
            ])
    }

    func remember(_ site: RenderedSite, in validated: ValidatedPages?) {
        guard let validated, let bytes = encodedPageCache(site, for: validated) else { return }
        profiler.measure("write validated pages") { validated.write(bytes) }
    }

    /// What `remember` writes for `site`.
    func encodedPageCache(_ site: RenderedSite, for validated: ValidatedPages) -> [UInt8]? {
        profiler.measure("encode validated pages") {
            validated.encoded(
                site.files, entries: site.pageChecks.map(\.entry), keys: site.cacheKeys,
                dependencies: site.linkDependencies, environment: site.environment, records: site.outlines)
        }
    }

    // MARK: Support

    /// A template that failed to parse or render is the template's fault (5); anything else
    /// that stops rendering, the output's (4).
    static func renderingFailure(_ error: any Error) -> ReportFailure {
        if let failure = error as? ReportFailure { return failure }
        let kind: ReportFailure.Kind = error is TemplateError || error is TemplateFilterError ? .template : .output
        return ReportFailure(kind, message: "rendering failed: \(error)")
    }

    /// Measures a throwing step. The profiler's generic `measure` with a throwing body, inlined
    /// into an async function, crashes the Swift 6.3.1 release optimizer (coroutine splitting);
    /// going through a `Result` in a function that is never inlined avoids it.
    @inline(never)
    private func measured<T>(_ name: String, _ body: () throws -> T) throws -> T {
        try Self.measured(profiler, name, body)
    }

    @inline(never)
    private static func measured<T>(_ profiler: Profiler, _ name: String, _ body: () throws -> T) throws -> T {
        let result: Result<T, any Error> = profiler.measure(name) { Result { try body() } }
        return try result.get()
    }
}

/// Where a site goes and how it is titled: what `report` and `demo` take from their options.
public struct SiteRequest: Sendable {
    public var out: String
    /// A folder of template overrides (`--templates DIR`).
    public var templates: String?
    public var title: String
    /// The site's published address, for links in the Markdown.
    public var siteURL: String?
    /// Also write the Markdown here.
    public var markdown: String?
    /// Write into a folder that holds files Hotpath did not write.
    public var force: Bool

    public init(
        out: String, templates: String? = nil, title: String, siteURL: String? = nil, markdown: String? = nil,
        force: Bool = false
    ) {
        self.out = out
        self.templates = templates
        self.title = title
        self.siteURL = siteURL
        self.markdown = markdown
        self.force = force
    }
}

/// Every file of a site, rendered and not yet written, with what rendering them cost.
public struct RenderedSite: Sendable {
    public var files: [RenderedFile]
    public var markdown: String
    public var templateStatistics: TemplateManagerStatistics
    public var executorStatistics: ParallelExecutionStats
    /// How many pages were read back from the last build instead of rendered (`ValidatedPages`).
    public var reusedPages = 0
    /// For each file of `files`, where the last build's copy of it is when it was kept from that
    /// build (`ValidatedPages.reused`): linked there instead of written again.
    var keptFrom: [String?] = []
    /// For each file of `files`, its digest and checks when they were made as it was rendered.
    var outcomes: [ReportPipeline.PageOutcome?] = []
    /// For each file of `files`, its digest and checks once every page is checked.
    var pageChecks: [ReportPipeline.PageOutcome] = []
    /// Each file's page cache key and link lookups, in the order of `files` (nil and empty for
    /// files without a key); what the next build's page cache is made of.
    var cacheKeys: [String?] = []
    var linkDependencies: [[String: String]] = []
    /// What the keys were combined with, and each run's outline (`ValidatedPages.Document`).
    var environment: String?
    var outlines: [String: RunOutline] = [:]
}

/// How the pipeline runs: workers and the template cache. Defaults suit most machines;
/// `--tune-from` sets them from a self profile's recommendations.
public struct PipelineSettings: Sendable, Equatable {
    /// Pages rendered and validated at once.
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    /// Compiled templates kept; nil keeps them all.
    public var templateCacheCapacity: Int?
    /// Compile every template before rendering.
    public var preloadTemplates = false

    public init() {}
}
