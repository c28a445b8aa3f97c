import HotpathTemplates

/// The pager of a run page (`partials/run-pager.html`): links to the runs before and after it
/// among those with pages. It is the one part of a run page that a new night can change without
/// changing the run: the run that was newest gains a next run, and a run kept for its change
/// point gets a new next one when the run after it lost its pages. So a run page kept from the
/// last build has its pager rendered again and spliced in (`splice`), and those runs are not
/// loaded, compared and rendered again; the links of a pager are not among what a page's reuse
/// depends on. (A new run *before* a run rebuilds it: see `RunOutline.matches`.)
struct RunPager: Encodable, Sendable {
    static let template = "partials/run-pager.html"

    var previousRun: RunPage.Neighbour?
    var nextRun: RunPage.Neighbour?

    /// The pager of `runID`'s page `page`: its neighbours in `runs` (those with pages, oldest
    /// first), if it is one of them. Its links are recorded as the page's lookups only when
    /// `recordingLinks` (when the pager is not spliced): a reused page has its pager made again.
    init(runID: String, page: String, runs: [RunRecord], links: SiteLinks, recordingLinks: Bool = false) {
        guard let index = runs.firstIndex(where: { $0.report.run.runID == runID }) else { return }
        LinkRecorder.$current.withValue(recordingLinks ? LinkRecorder.current : nil) {
            func neighbour(_ at: Int) -> RunPage.Neighbour? {
                guard runs.indices.contains(at) else { return nil }
                let id = runs[at].report.run.runID
                return RunPage.Neighbour(id: id, href: links.relative(from: page, to: links.runPage(id)))
            }
            previousRun = neighbour(index - 1)
            nextRun = neighbour(index + 1)
        }
    }

    /// The pager's markup, as the run page shows it.
    func render(with templates: TemplateManager) throws -> String {
        guard case .dictionary(let context) = try TemplateValueEncoder.encode(self) else { return "" }
        var text = try templates.render(Self.template, context: context)
        // The partial's line ends the pager in the page; the page keeps its own newline.
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// Whether the run page template of `sources` shows the pager through the partial, so a
    /// kept page's pager is what the partial renders. A `--templates` run page that does not
    /// (an older copy, or a pager of its own) has its pages kept only while its neighbours are
    /// the same.
    static func isSpliced(runPage source: String?) -> Bool {
        source?.contains("\"\(template)\"") ?? false
    }

    static let start = #"<nav class="run-pager""#
    static let end = "</nav>"

    /// `page` (a run page's text) with its pager replaced by `pager` (`render(with:)`), or nil
    /// when it has none to replace and `pager` is not empty: where a new one goes is not known
    /// without rendering the page.
    static func splice(_ pager: String, into page: String) -> String? {
        let utf8 = page.utf8
        guard let from = utf8.firstRange(of: start.utf8) else { return pager.isEmpty ? page : nil }
        guard let to = utf8[from.lowerBound...].firstRange(of: end.utf8) else { return nil }
        return String(page[..<from.lowerBound]) + pager + String(page[to.upperBound...])
    }
}
