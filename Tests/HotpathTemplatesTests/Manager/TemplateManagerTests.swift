import Testing

@testable import HotpathTemplates

/// The cache, its statistics, `preload`, and rendering from many tasks at once.
struct TemplateManagerTests {
    static let independent = ["a.txt": "A{{ n }}", "b.txt": "B{{ n }}", "c.txt": "C{{ n }}"]

    @Test func hitsMissesAndEvictionsWithASmallCapacity() throws {
        let manager = TemplateManager(sources: Self.independent, capacity: 2)
        #expect(
            manager.statistics
                == TemplateManagerStatistics(
                    lookups: 0, hits: 0, misses: 0, evictions: 0, compileTimeNanoseconds: 0, cachedCount: 0, capacity: 2
                ))
        for name in ["a.txt", "b.txt", "a.txt", "c.txt", "b.txt"] {
            _ = try manager.render(name, context: ["n": 1])
        }
        let statistics = manager.statistics
        #expect(statistics.lookups == 5)
        #expect(statistics.hits == 1)  // the second a.txt
        #expect(statistics.misses == 4)
        #expect(statistics.evictions == 2)  // c.txt pushed out b.txt (least recently used), then b.txt pushed out a.txt
        #expect(statistics.cachedCount == 2)
        #expect(statistics.capacity == 2)
        #expect(statistics.hitRate == 0.2)
        #expect(statistics.compileTimeNanoseconds > 0)
        #expect(
            manager.library.isCached("b.txt") && manager.library.isCached("c.txt") && !manager.library.isCached("a.txt")
        )
    }

    @Test func unboundedCacheNeverEvicts() throws {
        let manager = TemplateManager(sources: Self.independent)
        for _ in 0..<3 {
            for name in Self.independent.keys.sorted() { _ = try manager.render(name, context: ["n": 1]) }
        }
        let statistics = manager.statistics
        #expect((statistics.lookups, statistics.hits, statistics.misses, statistics.evictions) == (9, 6, 3, 0))
        #expect(statistics.capacity == nil)
        #expect(
            statistics.description.hasPrefix(
                "9 lookups, 6 hits, 3 misses (66.7% hit rate), 0 evictions, 3 cached of unbounded"))
    }

    @Test func aPartialIncludedManyTimesIsLookedUpOncePerRender() throws {
        let manager = TemplateManager(sources: [
            "page.txt": #"{% for i in xs %}{% include "row.txt" %}{% endfor %}"#, "row.txt": "{{ i }}",
        ])
        #expect(try manager.render("page.txt", context: ["xs": [1, 2, 3, 4]]) == "1234")
        #expect((manager.statistics.lookups, manager.statistics.misses) == (2, 2))
        _ = try manager.render("page.txt", context: ["xs": [1, 2, 3, 4]])
        #expect((manager.statistics.lookups, manager.statistics.hits) == (4, 2))
    }

    @Test func evictedTemplatesAreCompiledAgain() throws {
        let manager = TemplateManager(sources: Self.independent, capacity: 1)
        for name in ["a.txt", "b.txt", "a.txt"] { _ = try manager.render(name, context: ["n": 1]) }
        #expect((manager.statistics.misses, manager.statistics.evictions, manager.statistics.cachedCount) == (3, 2, 1))
    }

    @Test func preloadCompilesEverythingUpFront() throws {
        let manager = TemplateManager(sources: PageGoldenTests.sources)
        try manager.preload()
        #expect(manager.statistics.cachedCount == PageGoldenTests.sources.count)
        let misses = manager.statistics.misses
        _ = try manager.render("pages/run.html", context: PageGoldenTests.context)
        #expect(manager.statistics.misses == misses)
    }

    @Test func preloadOfNamedTemplatesFollowsTheirReferences() throws {
        let manager = TemplateManager(sources: PageGoldenTests.sources)
        try manager.preload(["pages/run.html"])
        #expect(manager.statistics.cachedCount == 4)  // the page, its layout and its two partials
        #expect(!manager.library.isCached("report.md"))
    }

    @Test func preloadFindsMissingPartialsBeforeRendering() throws {
        let marked = MarkedText(#"{% if false %}{% include ‸"partials/gone.html" %}{% endif %}"#)
        let manager = TemplateManager(sources: ["page.html": marked.text])
        let error = try #require(throws: TemplateError.self) { try manager.preload() }
        #expect(error.kind == .missingTemplate)
        #expect(error.message == "missing partial 'partials/gone.html'")
        #expect((error.line, error.column) == (marked.line, marked.column))
        // Rendering does not reach the include, so it renders.
        #expect(try manager.render("page.html", context: [:]) == "")
    }

    @Test func preloadReportsCompileErrorsAndUnknownNames() throws {
        let manager = TemplateManager(sources: ["ok.txt": "fine", "bad.txt": "{{ x | nope }}"])
        let error = try #require(throws: TemplateError.self) { try manager.preload() }
        #expect(error.kind == .unknownFilter)
        #expect(error.templateName == "bad.txt")
        let unknown = try #require(throws: TemplateError.self) { try manager.preload(["ok.tx"]) }
        #expect(unknown.message == "no template named 'ok.tx' (did you mean 'ok.txt'?)")
    }

    @Test func namesAreListed() {
        let manager = TemplateManager(sources: Self.independent)
        #expect(manager.templateNames == ["a.txt", "b.txt", "c.txt"])
        #expect(manager.filterNames.contains("number") && manager.filterNames.contains("escape_url"))
        // Units, percentages and dates are Hotpath's (HotpathRender's UnitFilters), not the engine's.
        #expect(!manager.filterNames.contains("duration") && !manager.filterNames.contains("date"))
    }

    @Test func concurrentRenderingFromATaskGroup() async throws {
        let manager = TemplateManager(sources: PageGoldenTests.sources, capacity: 3)
        let expected = try TemplateManager(sources: PageGoldenTests.sources).render(
            "pages/run.html", context: PageGoldenTests.context)
        let expectedReport = try TemplateManager(sources: PageGoldenTests.sources).render(
            "report.md", context: PageGoldenTests.context)
        let tasks = 8
        let rendersPerTask = 25
        let mismatches = try await withThrowingTaskGroup(of: Int.self) { group in
            for task in 0..<tasks {
                group.addTask {
                    var mismatches = 0
                    for index in 0..<rendersPerTask {
                        // Alternate pages so the small cache keeps evicting while others read it.
                        if (task + index) % 2 == 0 {
                            if try manager.render("pages/run.html", context: PageGoldenTests.context) != expected {
                                mismatches += 1
                            }
                        } else {
                            if try manager.render("report.md", context: PageGoldenTests.context) != expectedReport {
                                mismatches += 1
                            }
                        }
                    }
                    return mismatches
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(mismatches == 0)
        let statistics = manager.statistics
        // Each HTML render looks up the page, its layout and two partials; each report two templates.
        #expect(statistics.lookups == tasks * rendersPerTask / 2 * 4 + tasks * rendersPerTask / 2 * 2)
        #expect(statistics.hits + statistics.misses == statistics.lookups)
        #expect(statistics.cachedCount <= 3)
        #expect(statistics.evictions > 0)
    }
}
