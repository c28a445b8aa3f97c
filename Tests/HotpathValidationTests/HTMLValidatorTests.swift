import Foundation
import Testing

@testable import HotpathValidation

@Suite struct HTMLValidatorTests {
    func page(_ body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>t</title><link rel="stylesheet" href="style.css"></head>
        <body>
        \(body)
        </body></html>
        """
    }

    func problems(_ body: String) -> [String] {
        HTMLValidator().validate(page(body)).problems.map(\.description)
    }

    @Test func validHTML5WithInlineSVGPasses() {
        let body = """
            <header><nav><a href="#main">skip</a></nav></header>
            <main id="main"><section><h1>Hi &amp; bye&nbsp;&#x2192;</h1><p>one<br>two<p>implied close</p>
            <figure><svg viewBox="0 0 10 10" role="img"><title>t</title><g><rect x="1" y="1" width="2" height="2"/><path d="M0 0"/><text x="1">a &lt; b</text></g></svg><figcaption>c</figcaption></figure>
            <details><summary>s</summary><ul><li>a<li>b</ul></details>
            <table><thead><tr><th>h</th></tr></thead><tbody><tr><td>1<td>2</tr></tbody></table>
            <script>if (a < b && c) { document.title = "<b>"; }</script>
            </section></main>
            """
        #expect(problems(body) == [])
    }

    /// Names in any case are HTML's: ids and links are found and reported lowercased, and
    /// nesting is checked without regard to case.
    @Test func idsAndLinksAreFoundWhateverTheCaseOfTheirNames() {
        let check = HTMLValidator().validate(
            page(#"<DIV Id="top"><A HREF="runs/a.html">a</A><IMG SRC="x.png" alt=""></DIV><p id="Top">t</P>"#))
        #expect(check.problems.map(\.description) == [])
        #expect(check.ids == ["top", "Top"])
        #expect(
            check.links.map { "\($0.element) \($0.attribute) \($0.target)" } == [
                "link href style.css", "a href runs/a.html", "img src x.png",
            ])
        let twice = HTMLValidator().validate(page(#"<DIV ID="a"></div><span id="a"></SPAN>"#))
        #expect(twice.problems.map(\.message).contains(#"id "a" is used 2 times (lines 4, 4); ids must be unique"#))
    }

    @Test func unclosedElementIsReported() {
        #expect(
            problems("<div><p>text</p>").contains { $0.contains("<div> opened at 4:1 is not closed before </body>") })
    }

    @Test func misnestedTagsAreReported() {
        let found = problems("<div><span>text</div></span>")
        #expect(found.contains { $0.contains("<span> opened at 4:6 is not closed before </div>") })
    }

    @Test func badEntitiesAreReported() {
        #expect(problems("<p>&bogus; and &#xZZ;</p>").contains { $0.contains("unknown entity &bogus;") })
        #expect(problems("<p>&amp without semicolon</p>").contains { $0.contains("expecting ';'") })
    }

    @Test func duplicateIdsAndUnknownTagsAreReported() throws {
        #expect(problems(#"<p id="x">a</p><p id="x">b</p>"#).contains { $0.contains("id \"x\" is used 2 times") })
        // Pointed at where it is used again, with every line it is on.
        let spread = HTMLValidator().validate(page("<p id=\"y\">a</p>\n<p>b</p>\n<p id=\"y\">c</p>")).problems
        let duplicate = try #require(spread.first { $0.message.contains("id \"y\"") })
        let first = duplicate.line - 2
        #expect(first >= 1 && duplicate.message.contains("(lines \(first), \(duplicate.line))"), "\(duplicate)")
        #expect(problems("<dvi>typo</dvi>").contains { $0.contains("Tag dvi invalid") })
    }

    /// References are found with their line and column, and not inside script or style.
    @Test func badReferencesAreReportedWhereTheyAreOutsideScriptsAndStyles() {
        let found = problems(
            """
            <p>a &amp; b &#0; c</p><script>if (a &bogus; b) {}</script>&nope;
            <STYLE>p::after { content: "&fake;" }</STYLE><p>&nbsp;&#x41;&#xD800;</p>
            <script>&inside;
            """
        ).filter { $0.contains("entity") || $0.contains("reference") }
        #expect(
            found == [
                "4:14: invalid character reference &#0;", "4:60: unknown entity &nope;",
                "5:61: invalid character reference &#xD800;",
            ])
    }

    /// A tag ends at the first '>' outside its quoted values, whichever quote they use and
    /// however long they are.
    @Test func quotedValuesMayHoldAngleBracketsAndTheOtherQuote() {
        let path = (0..<2_000).map { "\($0) \($0 % 7)" }.joined(separator: " ")
        let body =
            #"<div title='x > "y"' data-a="b>c 'd'"><svg viewBox="0 0 9 9"><path d="M"# + path
            + #""/></svg><a href="x.html" title="p > q">t</a></div>"#
        #expect(problems(body) == [])
        #expect(problems(#"<div title="a > b"><span>t</div>"#).contains { $0.contains("<span> opened at 4:20") })
    }

    /// Only an element whose end tag may be left out is closed by another's start tag (the
    /// tag check skips the rule for the others).
    @Test func onlyElementsWithOptionalEndTagsAreClosedImplicitly() {
        let names = HTMLElements.html5.union(HTMLElements.svg).union(HTMLElements.mathML)
        for open in names where !HTMLElements.optionalEnd.contains(open) {
            #expect(names.allSatisfy { !HTMLElements.implicitlyCloses(open: open, starting: $0) }, "\(open)")
        }
    }

    @Test func brokenAttributesAreReported() {
        #expect(!problems(#"<div class="a>b</div>"#).isEmpty)
    }

    @Test func collectsIdsAndLinks() {
        let check = HTMLValidator().validate(page(#"<a id="top" href="runs/a.html#x">a</a><img src="p.svg" alt="">"#))
        #expect(check.ids == ["top"])
        #expect(check.links.map(\.target) == ["style.css", "runs/a.html#x", "p.svg"])
    }

    /// The validator reads ids and links from libxml2's start tags without a tree; `HTMLOutline`
    /// builds the tree. Both must find the same ids and links on the same lines, on real pages
    /// and on pages libxml2 repairs (misnested, unclosed, valueless, upper case, references).
    @Test func idsAndLinksMatchThoseOfLibxml2sTree() throws {
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        var pages = try [
            "HotpathRenderTests/Snapshots/index.html", "HotpathRenderTests/Snapshots/flamegraph.html",
            "HotpathCommandsTests/Snapshots/suites/google-benchmark.run.html",
        ].map { try String(contentsOf: tests.appendingPathComponent($0), encoding: .utf8) }
        pages.append(
            page(
                """
                <DIV Id=top><A HREF="runs/a.html?x=1&amp;y=2">a</A><p id>x<b><a href=b.html>b</p></b>
                <svg><a href="#t"><circle r="2"><title id="t">t</title></circle></a></svg>
                <img src="&#x70;.png" alt=""><table><tr><td id="c">1<td><a href='c.html'>c</a></table>
                <p id="z" class="a>b</p><a href="after.html">after</a>
                """))
        for page in pages {
            let check = HTMLValidator().validate(page)
            let elements = HTMLOutline(html: page).elements
            let ids = elements.flatMap { element in
                element.attributes.filter { $0.name == "id" }.map { "\($0.value) @\(element.line)" }
            }
            let links = elements.flatMap { element in
                element.attributes.filter { $0.name == "href" || $0.name == "src" }.map {
                    "\(element.name) \($0.name) \($0.value) @\(element.line)"
                }
            }
            #expect(!links.isEmpty)
            #expect(zip(check.ids, check.idLines).map { "\($0) @\($1)" } == ids)
            #expect(check.links.map { "\($0.element) \($0.attribute) \($0.target) @\($0.line)" } == links)
        }
    }
}
