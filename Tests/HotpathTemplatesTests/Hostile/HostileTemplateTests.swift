import Testing

@testable import HotpathTemplates

/// Templates and values found by fuzzing (Fuzz/run.sh templates): each once crashed or broke
/// the escaping, and must stay a clear error or safe output.
struct HostileTemplateTests {
    /// A block defined again inside itself used to make the block contain itself: rendering or
    /// dumping the tree recursed until the stack overflowed.
    @Test func aBlockInsideItselfIsDefinedTwice() throws {
        let error = try #require(
            renderError("{% block a %}x{% if true %}{% block a %}y{% endblock %}{% endif %}{% endblock %}"))
        #expect(error.kind == .invalidStructure)
        #expect(error.message == "block 'a' is defined twice: it was first defined at 1:1")
        let child = "{% extends \"layout.html\" %}{% block content %}{% block content %}{% endblock %}{% endblock %}"
        #expect(
            renderError(child, partials: ["layout.html": "{% block content %}{% endblock %}"])?.kind
                == .invalidStructure)
        // Sibling blocks, and a block inside another, are fine.
        #expect(
            try render("{% block a %}1{% block b %}2{% endblock %}{% endblock %}{% block c %}3{% endblock %}") == "123")
    }

    /// `super()` in a child's block that sits inside another overridden block of the layout: the
    /// layout's block leads back to the child's, which calls `super()` again.
    @Test func superThatLeadsBackToItselfIsAnError() throws {
        let layout = "{% block a %}[{% block b %}{% endblock %}]{% endblock %}"
        let child = "{% extends \"layout.html\" %}{% block b %}{% block a %}{{ super() }}{% endblock %}{% endblock %}"
        let error = try #require(renderError(child, partials: ["layout.html": layout]))
        #expect(error.kind == .cycle)
        #expect(error.message == "block cycle: 'a' → super() → 'b' → 'a' renders block 'a' inside itself", "\(error)")
    }

    /// Control characters in values: shown as control pictures in HTML (XML forbids them) and
    /// Markdown; C1 controls and U+FFFE/U+FFFF as U+FFFD.
    @Test func controlCharactersInValues() throws {
        let value = TemplateValue.string("a\u{0}b\u{1B}c\u{7F}d\u{85}e\u{FFFE}f\u{FFFF}g\th\ni\rj")
        #expect(try render("{{ v }}", context: ["v": value]) == "a␀b␛c␡d\u{FFFD}e\u{FFFD}f\u{FFFD}g\th\ni\rj")
        #expect(
            try render("| {{ v }} |", name: "t.md", context: ["v": value])
                == "| a␀b␛c␡d\u{85}e\u{FFFE}f\u{FFFF}g\th i j |")
        // Everything else, é and emoji included, passes untouched.
        #expect(try render("{{ v }}", context: ["v": "é👩‍👩‍👧 \u{A0}\u{2028}"]) == "é👩‍👩‍👧 \u{A0}\u{2028}")
    }

    /// Addresses in a value would become links on GitHub (GFM autolinks); a zero-width space
    /// keeps them text, as it keeps `@team` from mentioning anyone.
    @Test func addressesInMarkdownValuesDoNotBecomeLinks() throws {
        let value = TemplateValue.string("see https://evil.example/x, WWW.Evil.example and a@b.example")
        #expect(
            try render("{{ v }}", name: "t.md", context: ["v": value])
                == "see https:&#8203;//evil.example/x, WWW&#8203;.Evil.example and a@&#8203;b.example")
        #expect(try render("{{ v }}", name: "t.md", context: ["v": "wwwx www w:/"]) == "wwwx www w:/")
    }

    /// Inside a code span the template opened, backslashes are literal: a backtick in the value
    /// would close the span and the rest would be Markdown. It becomes `ˋ` instead.
    @Test func valuesInsideCodeSpans() throws {
        let value = TemplateValue.string("a`b|c <d> @team\nx")
        #expect(
            try render("at `{{ v }}` and {{ v }}", name: "t.md", context: ["v": value])
                == "at `aˋb|c <d> @team x` and a\\`b\\|c &lt;d&gt; @&#8203;team x")
        #expect(try render("| `{{ v }}` |", name: "t.md", context: ["v": value]) == "| `aˋb\\|c <d> @team x` |")
        // A closed span, or an escaped backtick, opens nothing.
        #expect(try render("`a` \\`{{ v }}", name: "t.md", context: ["v": "`"]) == "`a` \\`\\`")
        #expect(try render("``a`{{ v }}", name: "t.md", context: ["v": "`"]) == "``a`ˋ")
    }
}
