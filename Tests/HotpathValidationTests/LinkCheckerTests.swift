import HotpathValidation
import Testing

@Suite struct LinkCheckerTests {
    func check(_ links: [String], on page: String = "runs/r1/index.html", ids: [String: [String]] = [:]) -> [String] {
        var pages: [String: PageCheck] = [
            page: PageCheck(
                ids: ids[page] ?? [], links: links.map { .init(target: $0, attribute: "href", element: "a", line: 3) })
        ]
        for (other, otherIDs) in ids where other != page { pages[other] = PageCheck(ids: otherIDs) }
        let files: Set<String> = ["index.html", "style.css", "runs/r1/index.html", "runs/r1/operations/a.html"]
        return LinkChecker().check(pages: pages, files: files).map { "\($0.problem.line): \($0.problem.message)" }
    }

    @Test func relativeLinksAndFragmentsResolve() {
        #expect(
            check(
                ["../../index.html", "operations/a.html#stats", "#top", "../r1/"],
                ids: ["runs/r1/operations/a.html": ["stats"], "runs/r1/index.html": ["top"]]) == [])
    }

    @Test func brokenLinksAreReportedWithTheirLine() {
        #expect(
            check(["operations/missing.html"]) == [
                "3: link operations/missing.html points to runs/r1/operations/missing.html, which the site does not have"
            ])
        #expect(check(["#nowhere"]).first?.contains("has no element with id \"nowhere\"") == true)
        #expect(check(["../../../outside.html"]).first?.contains("leaves the site") == true)
    }

    @Test func locationDependentAndNetworkLinksAreRejected() {
        #expect(check(["/index.html"]).first?.contains("root-relative") == true)
        #expect(check(["javascript:alert(1)"]).first?.contains("javascript:") == true)
        #expect(check(["https://example.com/docs"]) == [])
        let pages = [
            "index.html": PageCheck(links: [
                .init(target: "https://cdn.example.com/x.js", attribute: "src", element: "script", line: 1)
            ])
        ]
        #expect(
            LinkChecker().check(pages: pages, files: ["index.html"]).first?.problem.message.contains("offline") == true)
    }

    /// A link is resolved once per folder, except one that may lead to its own page: the same
    /// text then means another place on each page.
    @Test func linksToTheirOwnPageAreCheckedPerPage() {
        let links = ["#top", "?view=all#top", " #top", "\u{A0}#top", "b.html#top"]
        let pages = [
            "runs/r1/a.html": PageCheck(
                ids: ["top"], links: links.map { .init(target: $0, attribute: "href", element: "a", line: 1) }),
            "runs/r1/b.html": PageCheck(
                ids: [], links: links.map { .init(target: $0, attribute: "href", element: "a", line: 2) }),
        ]
        let problems = LinkChecker().check(pages: pages, files: Set(pages.keys))
        // From a.html only the link to b.html fails; from b.html, every link.
        #expect(problems.filter { $0.file == "runs/r1/a.html" }.count == 1)
        #expect(problems.filter { $0.file == "runs/r1/b.html" }.count == links.count)
    }
}
