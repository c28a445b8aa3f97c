import HotpathModel
import HotpathRender
import Testing

/// A run page kept from the last build takes the pager of this build (`RunPager`): the page
/// comes out as if rendered with its new neighbours, without its run's record.
@Suite struct RunPagerTests {
    let renderer = SiteRenderer(templates: SiteRenderer.templateManager(sources: DefaultTemplates.sources))

    func runPage(_ id: String, in plan: SiteRenderer.SitePlan) throws -> SiteRenderer.PageJob {
        try #require(plan.jobs.first { $0.path.hasPrefix("runs/\(id)") && $0.path.hasSuffix("/index.html") })
    }

    @Test func aKeptRunPageTakesItsNewNeighboursAsIfRenderedWithThem() throws {
        let runs = ["one", "two", "three", "four"].map { PageCacheKeyTests.record($0, median: 1000).0 }
        // Night after night: "two" gains a next run, then loses its previous one (left the window).
        let plans = [Array(runs[0...1]), Array(runs[0...2]), Array(runs[1...3])].map {
            renderer.plan(for: SiteContent(title: "Nightly", runs: $0))
        }
        var (kept, dependencies) = try renderer.render(try runPage("two", in: plans[0]), recordingLinks: true)
        for plan in plans.dropFirst() {
            let job = try runPage("two", in: plan)
            #expect(job.cacheKey == (try runPage("two", in: plans[0])).cacheKey)
            #expect(plan.dependenciesHold(dependencies))
            let amended = try #require(try renderer.amend(job, reused: kept.text))
            let (rendered, renderedDependencies) = try renderer.render(job, recordingLinks: true)
            #expect(amended == rendered.text)
            #expect(amended != kept.text)
            (kept, dependencies) = (rendered, renderedDependencies)
        }
        // Pages without a pager are taken as they are.
        let operations = try #require(
            plans[2].jobs.first { $0.path.hasPrefix("runs/two") && $0.path.contains("/operations") })
        #expect(try renderer.amend(operations, reused: "any text") == "any text")
    }

    @Test func aPageWithoutAPagerCannotTakeOneInPlace() throws {
        let (alone, _) = PageCacheKeyTests.record("alone", median: 1000)
        let (later, _) = PageCacheKeyTests.record("later", median: 1000)
        let single = renderer.plan(for: SiteContent(title: "Nightly", runs: [alone]))
        let page = try renderer.render(try runPage("alone", in: single))
        #expect(!page.text.contains("run-pager"))
        // Still alone: as it was. With a neighbour now: rendered instead.
        #expect(try renderer.amend(try runPage("alone", in: single), reused: page.text) == page.text)
        let pair = renderer.plan(for: SiteContent(title: "Nightly", runs: [alone, later]))
        #expect(try renderer.amend(try runPage("alone", in: pair), reused: page.text) == nil)
        // A page with a pager that no longer has neighbours loses it, as a fresh render would.
        let paged = try renderer.render(try runPage("alone", in: pair))
        #expect(try renderer.amend(try runPage("alone", in: single), reused: paged.text) == page.text)
    }
}
