import Testing

@testable import HotpathTemplates

/// Include and extends cycles are reported with the whole chain.
struct CycleTests {
    static let includeCycle = [
        "a.html": #"A {% include "b.html" %}"#,
        "b.html": "B\n{% if true %}\n  {% include \"a.html\" %}\n{% endif %}",
    ]

    @Test func includeCycleFoundWhileRendering() throws {
        let error = try #require(throws: TemplateError.self) {
            try TemplateManager(sources: Self.includeCycle).render("a.html", context: [:])
        }
        #expect(error.kind == .cycle)
        #expect(error.message == "include cycle: a.html → b.html → a.html")
        #expect(error.templateName == "b.html")
        #expect((error.line, error.column) == (3, 14))
        #expect(
            error.chain == [
                TemplateError.ChainEntry(relation: .includedFrom, templateName: "a.html", line: 1, column: 3)
            ])
        #expect(error.description.hasSuffix("  included from a.html:1:3"))
    }

    @Test func includeCycleFoundByPreload() throws {
        let error = try #require(throws: TemplateError.self) {
            try TemplateManager(sources: Self.includeCycle).preload()
        }
        #expect(error.kind == .cycle)
        #expect(error.message == "include cycle: a.html → b.html → a.html")
        #expect(error.templateName == "b.html")
    }

    @Test func selfInclusionIsACycle() throws {
        let error = try #require(renderError(#"{% include "test.html" %}"#))
        #expect(error.message == "include cycle: test.html → test.html")
    }

    @Test func extendsCycle() throws {
        let sources = [
            "a.html": #"{% extends "b.html" %}"#,
            "b.html": #"{% extends "c.html" %}"#,
            "c.html": #"{% extends "a.html" %}"#,
        ]
        let error = try #require(throws: TemplateError.self) {
            try TemplateManager(sources: sources).render("a.html", context: [:])
        }
        #expect(error.kind == .cycle)
        #expect(error.message == "extends cycle: a.html → b.html → c.html → a.html")
        #expect(error.templateName == "c.html")
        let preloaded = try #require(throws: TemplateError.self) { try TemplateManager(sources: sources).preload() }
        #expect(preloaded.message == "extends cycle: a.html → b.html → c.html → a.html")
    }

    @Test func theSamePartialTwiceIsNotACycle() throws {
        let output = try render(
            #"{% include "p.txt" %}{% include "p.txt" %}{% for i in xs %}{% include "p.txt" %}{% endfor %}"#,
            name: "t.txt",
            context: ["xs": [1, 2]], partials: ["p.txt": "p"])
        #expect(output == "pppp")
    }

    @Test func errorsInsideAPartialCarryTheChain() throws {
        let sources = [
            "page.html": "x\n  {% include \"mid.html\" %}",
            "mid.html": #"{% include "leaf.html" %}"#,
            "leaf.html": "{{ nope }}",
        ]
        let error = try #require(throws: TemplateError.self) {
            try TemplateManager(sources: sources).render("page.html", context: [:])
        }
        #expect(error.templateName == "leaf.html")
        #expect(error.chain.map(\.description) == ["included from mid.html:1:1", "included from page.html:2:3"])
    }

    @Test func compileErrorsInsideAPartialCarryTheChainToo() throws {
        let sources = ["page.html": "{% include \"bad.html\" %}", "bad.html": "{% if %}"]
        let error = try #require(throws: TemplateError.self) {
            try TemplateManager(sources: sources).render("page.html", context: [:])
        }
        #expect(error.templateName == "bad.html")
        #expect(error.kind == .invalidExpression)
        #expect(error.chain.map(\.description) == ["included from page.html:1:1"])
    }
}
