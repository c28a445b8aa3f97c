import HotpathModel

/// What the renderer needs about one run: its report plus what the pages draw from raw data.
public struct RunRecord: Sendable {
    public var report: PerformanceReport
    /// Raw samples per operation, for histograms (the same samples the statistics came from).
    public var samples: [String: [Double]]
    /// The baseline's call tree, for the differential flame graph.
    public var baselineTree: CallTreeNode?
    /// Memory samples over the run and the caches' raw counters, for their charts.
    public var memorySamples: [MemorySample]
    public var caches: [TemplateCacheStats]
    /// Whether this run gets a page per operation (the newest runs do; a long history would not
    /// fit). Its largest `RunRecord.operationPageLimit` operations get one, and so does every
    /// operation its verdicts name (`SiteRenderer.operationsWithPages`).
    public var operationPages: Bool
    /// What the record is made of, as a key (`HistoryBuilder`: the run's and its baseline's
    /// analyses, the configuration, whether it gets operation pages): the same key means the
    /// same record, so its pages can be reused from the last build. Nil: always rendered.
    public var identity: String?
    /// Set on a stand-in for a run whose pages are all kept from the last build: what the rest
    /// of the site needs of it, without its analysis (`RunOutline`). Its `report` then holds only
    /// the run's metadata and total; its pages are never rendered from it.
    public private(set) var outline: RunOutline?

    /// A run of 10,000 operations gets pages for its largest 500 (plus those that changed or
    /// are recommended); the rest appear in its searchable list of every operation.
    public static let operationPageLimit = 500

    public init(
        report: PerformanceReport, samples: [String: [Double]], baselineTree: CallTreeNode? = nil,
        memorySamples: [MemorySample] = [], caches: [TemplateCacheStats] = [], operationPages: Bool = true
    ) {
        self.report = report
        self.samples = samples
        self.baselineTree = baselineTree
        self.memorySamples = memorySamples
        self.caches = caches
        self.operationPages = operationPages
    }
}

extension RunRecord {
    /// A stand-in for the run whose record had `identity` and made `outline` (see `outline`).
    public init(outline: RunOutline, identity: String) {
        self.init(
            report: PerformanceReport(
                run: outline.run, kind: .timed, totalNs: outline.total, totalBasis: "", operations: [],
                hotPathThreshold: 0, bottlenecks: []),
            samples: [:], operationPages: outline.hasOperationPages)
        self.identity = identity
        self.outline = outline
    }

    /// Whether the run has at least one operation (the index leads with the newest that has).
    public var hasOperations: Bool { outline?.hasOperations ?? !report.operations.isEmpty }
}

/// What a site needs of a run whose pages it keeps from the last build, made when they were
/// rendered (`SiteRenderer.outline(of:in:)`): its row in the index's table of runs, the
/// operations it has pages for (links point at them), and its pages with their cache keys. The
/// page cache keeps it by the record's identity, so a long history's older runs are not loaded
/// and compared again each night.
public struct RunOutline: Codable, Sendable, Equatable {
    var run: RunMetadata
    var hasOperations: Bool
    var total: Double
    var totalText: String
    var regressions: Int
    var improvements: Int
    var critical: Int
    var hasOperationPages: Bool
    /// The runs before and after it among those with pages ("" for none), which its run page's
    /// pager links to (`RunPager`).
    var neighbours: [String]
    /// The operations with pages (`SiteRenderer.operationsWithPages`); empty without operation pages.
    var operationPages: [String]
    var pages: [Page]

    /// Whether the run's pages can still be kept with these runs before and after it. A new run
    /// after it only changes its run page's pager, which is made again and spliced in when the
    /// templates allow (`splicingPager`; a page without one cannot take one in place). A new run
    /// before it is built again: the run that was there, often its baseline, has left the runs
    /// with pages, and the page links to it.
    public func matches(neighbours: [String], splicingPager: Bool = true) -> Bool {
        guard self.neighbours != neighbours else { return true }
        return splicingPager && self.neighbours.first == neighbours.first && self.neighbours.contains { !$0.isEmpty }
    }

    /// A page of the run, and what its cache key adds to the record's: the run page its
    /// neighbours, an operation page its operation.
    struct Page: Codable, Sendable, Equatable {
        var path: String
        var template: String
        var isRunPage = false
        var operation: String?
    }
}

/// Everything one site shows: runs oldest first; the last is the one the index leads with.
public struct SiteContent: Sendable {
    public var title: String
    public var runs: [RunRecord]
    /// Where the site will be published, for absolute links in the Markdown; nil for none.
    public var siteURL: String?
    /// Diagnostics from reading the inputs, shown on the index so nothing fails silently.
    public var inputProblems: [Diagnostic]
    /// Every run's summary with trends and change points; `runs` holds only the newest runs'
    /// full records.
    public var history: HistoryReport?
    /// Hotpath's own run that built this site (`hotpath demo` shows it): a page of its own.
    public var selfProfile: RunRecord?
    /// The build made by the compiler time traces among the runs (clang `-ftime-trace`, one per
    /// unit), shown on the index and in the Markdown; nil without any.
    public var build: BuildAnalysis?

    public init(
        title: String, runs: [RunRecord], siteURL: String? = nil, inputProblems: [Diagnostic] = [],
        history: HistoryReport? = nil
    ) {
        self.title = title
        self.runs = runs
        self.siteURL = siteURL
        self.inputProblems = inputProblems
        self.history = history
    }
}

extension SiteContent {
    /// The run the index, `latest.html`, the regressions page, the feed and the Markdown lead
    /// with: the newest run with at least one operation. A newer run without any (an empty
    /// dump, ordered last by its file's time when it has no start time) is skipped and named
    /// (`skippedRuns`), never led with: a verdict on nothing would hide the last real one. With
    /// no run that has operations, the newest run.
    public var lead: RunRecord? {
        runs.last { $0.hasOperations } ?? runs.last
    }

    /// The runs newer than `lead` that it skipped for having no operations, oldest first.
    public var skippedRuns: [RunRecord] {
        guard let index = runs.lastIndex(where: { $0.hasOperations }) else { return [] }
        return Array(runs[(index + 1)...])
    }

    /// The runs of a history that get a page of their own, as indexes into `history.runs`,
    /// oldest first: the newest `newest`, plus every run a change point starts at, so the
    /// regressions page and the trends can link each change to the run it started in however
    /// old it is. The caller builds a `RunRecord` for each.
    public static func runsWithPages(_ history: HistoryReport, newest: Int) -> [Int] {
        let recent = max(0, history.runs.count - newest)..<history.runs.count
        let starts = history.changePoints.map(\.run).filter { $0 >= 0 && $0 < recent.lowerBound }
        return Set(starts).sorted() + Array(recent)
    }
}

/// A rendered file of the site, by relative path.
public struct RenderedFile: Sendable, Equatable {
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    public var isHTML: Bool { path.hasSuffix(".html") }
}
