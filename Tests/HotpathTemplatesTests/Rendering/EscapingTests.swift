import Testing

@testable import HotpathTemplates

/// Values are escaped by the output format of the template they are written in; the
/// template's own text never is.
struct EscapingTests {
    static let hostile: [String] = [
        "<script>alert(1)</script>|@team",
        #""'><img src=x onerror=alert(1)>"#,
        "a|b",
        "# Heading",
        "`code` and ``more``",
        "line one\nline two\r\nline three",
        "*bold* _em_ ~strike~ [link](http://x) ![img](y) $x$ \\ back",
        "1. not a list",
        "- not a bullet",
        "> not a quote",
        "AT&T <b>",
        "fixes #123 for @octocat",
    ]

    @Test func htmlEscapesTheFiveSpecialCharacters() throws {
        #expect(
            try render("<p title=\"{{ s }}\">{{ s }}</p>", context: ["s": #"<a href="x">Tom & 'Jerry'</a>"#])
                == "<p title=\"&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;\">&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;</p>"
        )
    }

    @Test(arguments: ["page.html", "chart.svg", "feed.xml", "feed.atom"])
    func everyMarkupExtensionEscapesLikeHTML(name: String) throws {
        #expect(try render("<t>{{ s }}</t>", name: name, context: ["s": "<script>&"]) == "<t>&lt;script&gt;&amp;</t>")
    }

    @Test(arguments: hostile)
    func hostileStringsNeverProduceMarkupInHTML(value: String) throws {
        let output = try render("<td>{{ s }}</td><td title='{{ s }}'></td>", context: ["s": .string(value)])
        // Only the template's own tags remain: every <, > and ' in the output belongs to them.
        #expect(output.filter { $0 == "<" }.count == 4)
        #expect(output.filter { $0 == ">" }.count == 4)
        #expect(output.filter { $0 == "'" }.count == 2)
        #expect(!output.contains("<script"))
        #expect(!output.contains("<img"))
    }

    @Test func markupValuesAreNeverEscaped() throws {
        let svg = TemplateValue.markup("<svg viewBox=\"0 0 1 1\"><rect/></svg>")
        #expect(
            try render("<div>{{ chart }}</div>", context: ["chart": svg])
                == "<div><svg viewBox=\"0 0 1 1\"><rect/></svg></div>")
        #expect(
            try render("{{ chart }}", name: "r.md", context: ["chart": svg]) == "<svg viewBox=\"0 0 1 1\"><rect/></svg>"
        )
    }

    @Test func theTemplatesOwnTextIsNotEscaped() throws {
        #expect(
            try render("# Title | *bold* <b>{{ s }}</b>", name: "r.md", context: ["s": "*x*"])
                == "# Title | *bold* <b>\\*x\\*</b>")
    }

    @Test(arguments: [
        ("<script>alert(1)</script>|@team", "&lt;script&gt;alert(1)&lt;/script&gt;\\|@&#8203;team"),
        (#""'><img src=x onerror=alert(1)>"#, #""'&gt;&lt;img src=x onerror=alert(1)&gt;"#),
        ("a|b", "a\\|b"),
        ("`code`", "\\`code\\`"),
        ("line one\nline two\r\nline three\rfour", "line one line two line three four"),
        ("*bold* _em_ ~strike~ [link](u) $x$ \\", "\\*bold\\* \\_em\\_ \\~strike\\~ \\[link\\](u) \\$x\\$ \\\\"),
        ("AT&T", "AT&amp;T"),
        ("fixes #123 for @octocat", "fixes #&#8203;123 for @&#8203;octocat"),
        ("mail me@example.com", "mail me@&#8203;example.com"),
        ("# not a heading here", "# not a heading here"),
        ("C# and F#", "C# and F#"),
    ])
    func markdownInsideALine(value: String, expected: String) throws {
        #expect(try render("| x | {{ s }} |", name: "r.md", context: ["s": .string(value)]) == "| x | \(expected) |")
    }

    @Test(arguments: [
        ("# Heading", "\\# Heading"),
        ("#1 fan", "\\#&#8203;1 fan"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("=====", "\\====="),
        ("1. first", "1\\. first"),
        ("12) twelfth", "12\\) twelfth"),
        ("> quote", "&gt; quote"),
        ("   # indented", "   \\# indented"),
        ("plain", "plain"),
        ("1.5 s", "1.5 s"),
    ])
    func markdownAtTheStartOfALine(value: String, expected: String) throws {
        #expect(
            try render("Intro\n{{ s }}\n  {{ s }}", name: "r.md", context: ["s": .string(value)])
                == "Intro\n\(expected)\n  \(expected)")
        #expect(try render("{{ s }}", name: "r.md", context: ["s": .string(value)]) == expected)
    }

    @Test func markdownTableCellStaysInItsCell() throws {
        let source = """
            | Operation | Note |
            | --- | --- |
            {% for op in ops %}
            | {{ op.name }} | {{ op.note }} |
            {% endfor %}
            """
        let context: [String: TemplateValue] = [
            "ops": [
                ["name": "a|b", "note": "first line\nsecond | line"],
                ["name": "<script>alert(1)</script>|@team", "note": "`x`"],
            ]
        ]
        let output = try render(source, name: "report.md", context: context)
        let rows = output.split(separator: "\n")
        #expect(rows.count == 4)
        for row in rows.dropFirst(2) {
            // Three unescaped pipes: the cell borders, nothing from the values.
            let pipes = row.filter { $0 == "|" }.count
            let escapedPipes = row.split(separator: "\\|", omittingEmptySubsequences: false).count - 1
            #expect(pipes - escapedPipes == 3, "row \(row)")
        }
        #expect(rows[2] == "| a\\|b | first line second \\| line |")
        #expect(rows[3] == "| &lt;script&gt;alert(1)&lt;/script&gt;\\|@&#8203;team | \\`x\\` |")
    }

    @Test func numbersAtTheStartOfAMarkdownLineAreEscapedToo() throws {
        #expect(try render("{{ n }}", name: "r.md", context: ["n": -5]) == "\\-5")
        #expect(try render("x {{ n }}", name: "r.md", context: ["n": -5]) == "x -5")
    }

    @Test(arguments: ["style.css", "app.js", "notes.txt"])
    func plainFormatsDoNotEscapeButStillInterpolate(name: String) throws {
        #expect(try render("a {{ s }} b", name: name, context: ["s": "<&>|#"]) == "a <&>|# b")
    }

    @Test func unsupportedExtensionIsACompileError() throws {
        let error = try #require(renderError("{{ x }}", name: "data.json"))
        #expect(error.kind == .unsupportedFormat)
        #expect(error.templateName == "data.json")
        #expect(error.message.hasPrefix("no output format for 'data.json'"))
        #expect(renderError("x", name: "README")?.kind == .unsupportedFormat)
    }
}
