/// Where every page of a site lives, and relative links between them (the site works from
/// `file://` and under any URL prefix, so no link is absolute).
///
/// Layout: `index.html`, `latest.html`, `style.css`, `hotpath.js`, `report.md`, `regressions.html`, `feed.xml`,
/// `trends/<operation>.html` with `trends/<operation>.csv` (every run's figures), and per run `runs/<run>/index.html`, `runs/<run>/flamegraph.html`
/// and `runs/<run>/operations/<operation>.html`.
struct SiteLinks {
    private let runSlugs: [String: String]
    private let operationSlugs: [String: [String: String]]
    private let trendSlugs: [String: String]

    /// `operations` lists, per run id, the operations that get pages; `trends` the operations
    /// that get a trend page.
    init(runIDs: [String], operations: [String: [String]], trends: [String] = []) {
        runSlugs = Slug.unique(runIDs)
        operationSlugs = operations.mapValues { Slug.unique($0) }
        trendSlugs = Slug.unique(trends)
    }

    static let index = "index.html"
    static let stylesheet = "style.css"
    static let script = "hotpath.js"
    static let regressions = "regressions.html"
    static let feed = "feed.xml"
    /// Leads to the newest run's page: every page's "Latest run" links here, so a new run
    /// changes this page and not every page of the site (nor a reader's bookmark).
    static let latest = "latest.html"

    func trendPage(_ operation: String) -> String? {
        trendSlugs[operation].map { "trends/\($0).html" }
    }

    /// Every run's figures of the operation, as CSV beside its trend page.
    func trendTable(_ operation: String) -> String? {
        trendSlugs[operation].map { "trends/\($0).csv" }
    }

    func hasRun(_ runID: String) -> Bool { runSlugs[runID] != nil }

    func runFolder(_ runID: String) -> String { "runs/\(runSlugs[runID] ?? Slug.make(runID))" }
    func runPage(_ runID: String) -> String { runFolder(runID) + "/index.html" }
    func flameGraphPage(_ runID: String) -> String { runFolder(runID) + "/flamegraph.html" }
    func allOperationsPage(_ runID: String) -> String { runFolder(runID) + "/operations.html" }

    func operationPage(_ runID: String, _ operation: String) -> String? {
        operationSlugs[runID]?[operation].map { runFolder(runID) + "/operations/\($0).html" }
    }

    /// The path of `target` relative to the folder of `page`; both are site-relative.
    func relative(from page: String, to target: String) -> String {
        let from = page.split(separator: "/").dropLast()
        let to = target.split(separator: "/")
        var common = 0
        while common < from.count, common < to.count - 1, from[from.startIndex + common] == to[common] { common += 1 }
        let ups = Array(repeating: "..", count: from.count - common)
        return (ups + to[common...].map(String.init)).joined(separator: "/")
    }

    /// The prefix that leads from `page` back to the site root: "" or "../../".
    func root(from page: String) -> String {
        String(repeating: "../", count: page.split(separator: "/").count - 1)
    }
}
