import Testing

@testable import HotpathTemplates

/// Partials, layouts, blocks and `super()`.
struct IncludeAndLayoutTests {
    @Test func partialSeesTheContextAndItsArguments() throws {
        let partials = ["partials/row.html": "<tr><td>{{ label }}</td><td>{{ value }}</td><td>{{ unit }}</td></tr>"]
        let output = try render(
            #"{% include "partials/row.html" with label="Mean", value=mean | number %}"#,
            context: ["mean": 1_500, "unit": "ns"],
            partials: partials)
        #expect(output == "<tr><td>Mean</td><td>1,500</td><td>ns</td></tr>")
    }

    @Test func partialArgumentsShadowAndDoNotLeak() throws {
        let partials = ["p.txt": "{{ name }}{% set local = 1 %}"]
        let output = try render(
            #"{{ name }} {% include "p.txt" with name="inner" %} {{ name }} {{ local | default("no leak") }}"#,
            name: "t.txt",
            context: ["name": "outer"], partials: partials)
        #expect(output == "outer inner outer no leak")
    }

    @Test func partialInALoopSeesTheLoop() throws {
        let output = try render(
            #"{% for op in ops %}{% include "row.txt" %}{% endfor %}"#, name: "t.txt", context: ["ops": ["a", "b"]],
            partials: ["row.txt": "{{ loop.index }}:{{ op }};"])
        #expect(output == "1:a;2:b;")
    }

    @Test func partialsAreEscapedByTheirOwnExtension() throws {
        let output = try render(
            #"{{ s }} {% include "cell.md" %} {% include "raw.txt" %}"#, context: ["s": "<a|b>"],
            partials: ["cell.md": "{{ s }}", "raw.txt": "{{ s }}"])
        #expect(output == "&lt;a|b&gt; &lt;a\\|b&gt; <a|b>")
    }

    @Test func layoutBlocksDefaultsAndSuper() throws {
        let sources = [
            "layout.html":
                "<title>{% block title %}Hotpath{% endblock %}</title><main>{% block content %}empty{% endblock %}</main><footer>{% block footer %}f{% endblock %}</footer>",
            "page.html":
                #"{% extends "layout.html" %}{% block title %}{{ name }} · {{ super() }}{% endblock %}{% block content %}{{ name }}!{% endblock %}"#,
        ]
        let manager = TemplateManager(sources: sources)
        #expect(
            try manager.render("page.html", context: ["name": "Run"])
                == "<title>Run · Hotpath</title><main>Run!</main><footer>f</footer>")
    }

    @Test func multiLevelLayoutsAndNestedBlocks() throws {
        let sources = [
            "base.html": "[{% block body %}base{% endblock %}]",
            "section.html":
                #"{% extends "base.html" %}{% block body %}<section>{% block inner %}section{% endblock %}</section>{% endblock %}"#,
            "page.html":
                #"{% extends "section.html" %}{% set who = "page" %}{% block inner %}{{ who }} + {{ super() }}{% endblock %}"#,
        ]
        let manager = TemplateManager(sources: sources)
        #expect(try manager.render("page.html", context: [:]) == "[<section>page + section</section>]")
        #expect(try manager.render("section.html", context: [:]) == "[<section>section</section>]")
        #expect(try manager.render("base.html", context: [:]) == "[base]")
    }

    @Test func superAboveTheTopIsAnError() throws {
        let sources = ["layout.html": "{% block a %}{{ super() }}{% endblock %}"]
        let error = try #require(throws: TemplateError.self) {
            try TemplateManager(sources: sources).render("layout.html", context: [:])
        }
        #expect(error.kind == .invalidStructure)
        #expect(error.message.hasPrefix("block 'a' has no parent block for 'super()' to render"))
    }

    @Test func childTemplatesHoldOnlyBlocksAndSets() throws {
        let marked = MarkedText(#"{% extends "layout.html" %}\#n‸stray text{% block a %}{% endblock %}"#)
        let error = try #require(renderError(marked.text, partials: ["layout.html": "{% block a %}{% endblock %}"]))
        #expect(error.kind == .invalidStructure)
        #expect(error.line == marked.line)
        #expect(error.column == marked.column)
        let late = try #require(renderError(#"text {% extends "layout.html" %}"#, partials: ["layout.html": ""]))
        #expect(late.message.hasPrefix("'extends' must be the first tag"))
    }

    @Test func missingPartialIsAnErrorWithASuggestion() throws {
        let marked = MarkedText(#"{% include ‸"partials/rwo.html" %}"#)
        let error = try #require(renderError(marked.text, partials: ["partials/row.html": ""]))
        #expect(error.kind == .missingTemplate)
        #expect(error.message == "missing partial 'partials/rwo.html' (did you mean 'partials/row.html'?)")
        #expect(error.line == marked.line)
        #expect(error.column == marked.column)
    }

    @Test func missingLayoutIsAnError() throws {
        let error = try #require(renderError(#"{% extends "nope.html" %}"#))
        #expect(error.kind == .missingTemplate)
        #expect(error.message == "missing layout 'nope.html'")
    }
}
