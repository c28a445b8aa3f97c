import Testing

@testable import HotpathTemplates

/// The examples in Docs/templates.md, so the reference cannot drift from the engine.
struct DocumentationExampleTests {
    @Test func toneChosenInBranchesOfAnIf() throws {
        let source = """
            {% if op.change > 0 %}{% set tone = "worse" %}{% else %}{% set tone = "better" %}{% endif %}
            <td class="{{ tone }}">
            """
        #expect(try render(source, context: ["op": ["change": 0.2]]) == #"<td class="worse">"#)
        #expect(try render(source, context: ["op": ["change": -0.2]]) == #"<td class="better">"#)
    }

    @Test func orGivesAFallback() throws {
        #expect(try render(#"{{ name or "anonymous" }}"#, context: ["name": ""]) == "anonymous")
    }

    @Test func presenceTests() throws {
        let source = "{% if op.baseline | default(null) != null %}has{% else %}none{% endif %}"
        #expect(try render(source, context: ["op": [:]]) == "none")
        #expect(try render(source, context: ["op": ["baseline": nil]]) == "none")
        #expect(try render(source, context: ["op": ["baseline": 1]]) == "has")
    }

    @Test func roundThenAdd() throws {
        #expect(try render("{{ x | round + 1 }}", context: ["x": 1.6]) == "3")
    }

    @Test func literalBraces() throws {
        #expect(try render(#"{{ "{{" }} x {{ "}}" }}"#, name: "t.txt") == "{{ x }}")
    }

    @Test func trimMinusOneIsATrimThenOne() throws {
        #expect(try render("a {{-1}}", name: "t.txt") == "a1")
        #expect(try render("a {{ -1 }}", name: "t.txt") == "a -1")
    }

    @Test func readmeExample() throws {
        let templates = TemplateManager(sources: [
            "layout.html": "<main>{% block content %}{% endblock %}</main>",
            "pages/run.html": #"{% extends "layout.html" %}{% block content %}{{ title }}{% endblock %}"#,
        ])
        try templates.preload()
        #expect(try templates.render("pages/run.html", context: ["title": "Run 42"]) == "<main>Run 42</main>")
    }
}
