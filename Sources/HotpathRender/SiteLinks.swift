/// Where every page of a site lives, and relative links between them (the site works from
/// `file://` and under any URL prefix, so no link is absolute).
///
/// Layout: `index.html`, `latest.html`, `style.css`, `hotpath.js`, `report.md`, `regressions.html`, `feed.xml`,
/// `trends/<operation>.html` with `trends/<operation>.csv` (every run's figures), and per run `runs/<run>/index.html`, `runs/<run>/flamegraph.html`
/// and `runs/<run>/operations/<operation>.html`.
struct SiteLinks: Sendable {
    private let runSlugs: [String: String]
    private let operationSlugs: [String: [String: String]]
    private let trendSlugs: [String: String]
    /// What a page that looked up trends, or one run's operations, depended on: see `dependency(_:)`.
    private let trendsDigest: String
    private let operationDigests: [String: String]

    /// `operations` lists, per run id, the operations that get pages; `trends` the operations
    /// that get a trend page.
    init(runIDs: [String], operations: [String: [String]], trends: [String] = []) {
        runSlugs = Slug.unique(runIDs)
        operationSlugs = operations.mapValues { Slug.unique($0) }
        trendSlugs = Slug.unique(trends)
        trendsDigest = Self.digest(trendSlugs)
        operationDigests = operationSlugs.mapValues(Self.digest)
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
        LinkRecorder.current?.note(Self.trendsDependency, trendsDigest)
        return trendSlugs[operation].map { "trends/\($0).html" }
    }

    /// Every run's figures of the operation, as CSV beside its trend page.
    func trendTable(_ operation: String) -> String? {
        LinkRecorder.current?.note(Self.trendsDependency, trendsDigest)
        return trendSlugs[operation].map { "trends/\($0).csv" }
    }

    func hasRun(_ runID: String) -> Bool { runSlug(runID) != nil }

    func runFolder(_ runID: String) -> String { "runs/\(runSlug(runID) ?? Slug.make(runID))" }
    func runPage(_ runID: String) -> String { runFolder(runID) + "/index.html" }
    func flameGraphPage(_ runID: String) -> String { runFolder(runID) + "/flamegraph.html" }
    func allOperationsPage(_ runID: String) -> String { runFolder(runID) + "/operations.html" }

    func operationPage(_ runID: String, _ operation: String) -> String? {
        LinkRecorder.current?.note(Self.operationsDependency + runID, operationDigests[runID] ?? Self.absent)
        return operationSlugs[runID]?[operation].map { runFolder(runID) + "/operations/\($0).html" }
    }

    private func runSlug(_ runID: String) -> String? {
        let slug = runSlugs[runID]
        LinkRecorder.current?.note(Self.runDependency + runID, slug ?? Self.absent)
        return slug
    }

    // MARK: What a page's links depend on

    // A page reused from the last build (`SiteRenderer.render(_:recordingLinks:)`) must link to
    // the same pages as it would now: each lookup a page made is noted under a name, with what
    // it found, and the page is reused only when every name still finds the same. A run's slug
    // is noted alone (a run page links to few runs); trends and a run's operations as a digest
    // of their whole map (a run page links to hundreds of them).

    private static let trendsDependency = "trends"
    private static let operationsDependency = "operations:"
    private static let runDependency = "run:"
    private static let absent = "-"

    /// What the lookups noted under `name` find in this site.
    func dependency(_ name: String) -> String? {
        if name == Self.trendsDependency { return trendsDigest }
        if name.hasPrefix(Self.operationsDependency) {
            return operationDigests[String(name.dropFirst(Self.operationsDependency.count))] ?? Self.absent
        }
        if name.hasPrefix(Self.runDependency) {
            return runSlugs[String(name.dropFirst(Self.runDependency.count))] ?? Self.absent
        }
        return nil
    }

    /// A digest of a whole name → slug map, in name order (FNV-1a over the pairs).
    private static func digest(_ slugs: [String: String]) -> String {
        var text = ""
        for (name, slug) in slugs.sorted(by: { $0.key < $1.key }) {
            text += name
            text += "\u{1F}"
            text += slug
            text += "\u{1E}"
        }
        return String(Slug.fnv1a(text), radix: 16) + "-\(slugs.count)"
    }

    /// The path of `target` relative to the folder of `page`; both are site-relative.
    func relative(from page: String, to target: String) -> String {
        // A trend page alone links to every run: the plain paths Hotpath makes go by their bytes.
        if Self.isPlain(page), Self.isPlain(target) { return Self.plainRelative(from: page, to: target) }
        let from = page.split(separator: "/").dropLast()
        let to = target.split(separator: "/")
        var common = 0
        while common < from.count, common < to.count - 1, from[from.startIndex + common] == to[common] { common += 1 }
        let ups = Array(repeating: "..", count: from.count - common)
        return (ups + to[common...].map(String.init)).joined(separator: "/")
    }

    /// A path without empty, `.` or `..` components and without a trailing slash.
    private static func isPlain(_ path: String) -> Bool {
        var previous = UInt8(ascii: "/")
        for byte in path.utf8 {
            if previous == UInt8(ascii: "/"), byte == UInt8(ascii: "/") || byte == UInt8(ascii: ".") { return false }
            previous = byte
        }
        return previous != UInt8(ascii: "/")
    }

    /// `relative` for plain paths: past the folders both share, one `..` per folder of `page`
    /// left, then the rest of `target`.
    private static func plainRelative(from page: String, to target: String) -> String {
        let slash = UInt8(ascii: "/")
        let from = page.utf8
        let to = target.utf8
        var sharedEnd = to.startIndex  // just past the last folder both paths share
        var fromRest = from.startIndex
        var pageIndex = from.startIndex
        var targetIndex = to.startIndex
        while pageIndex != from.endIndex, targetIndex != to.endIndex, from[pageIndex] == to[targetIndex] {
            if from[pageIndex] == slash {
                sharedEnd = to.index(after: targetIndex)
                fromRest = from.index(after: pageIndex)
            }
            pageIndex = from.index(after: pageIndex)
            targetIndex = to.index(after: targetIndex)
        }
        let ups = from[fromRest...].count { $0 == slash }
        return String(repeating: "../", count: ups) + String(Substring(to[sharedEnd...]))
    }

    /// The prefix that leads from `page` back to the site root: "" or "../../".
    func root(from page: String) -> String {
        String(repeating: "../", count: page.split(separator: "/").count - 1)
    }
}
