import Testing

@testable import HotpathRender

/// Relative links between the site's pages: the byte-wise path for the plain paths Hotpath
/// makes, and the component-wise one for anything else, give the same links.
@Suite struct SiteLinksTests {
    let links = SiteLinks(runIDs: [], operations: [:])

    @Test(arguments: [
        ("index.html", "runs/a/index.html", "runs/a/index.html"),
        ("trends/a.html", "runs/n-1/index.html", "../runs/n-1/index.html"),
        ("trends/a.html", "trends/b.csv", "b.csv"),
        ("trends/a.html", "trends/a.html", "a.html"),
        ("runs/x/index.html", "runs/xy/index.html", "../xy/index.html"),
        ("runs/r/operations/o.html", "runs/r/index.html", "../index.html"),
        ("runs/r/operations/o.html", "style.css", "../../../style.css"),
        ("runs/r/operations/o.html", "runs/r/operations/p.html", "p.html"),
        ("runs/r/index.html", "runs", "../../runs"),
        ("a/b/c.html", "a/b", "../b"),
        // Not plain: the component-wise path.
        ("runs//r/index.html", "runs/r/x.html", "x.html"),
        ("runs/r/index.html", "runs/", "../../runs"),
    ])
    func relativeLinks(page: String, target: String, expected: String) {
        #expect(links.relative(from: page, to: target) == expected)
    }
}
