import Foundation
import HotpathAnalysis
import HotpathModel
import HotpathOptimizer
import HotpathRender
import Testing
import _HotpathTestSupport

/// What a page cache needs from the renderer: a key for the pages a run's record makes, and the
/// links each page looked up, which tell when the same record would now link elsewhere.
@Suite struct PageCacheKeyTests {
    let renderer = SiteRenderer(templates: SiteRenderer.templateManager(sources: DefaultTemplates.sources))

    static func record(_ id: String, median: Double, baseline: Profile? = nil) -> (RunRecord, Profile) {
        let profile = Profile(
            run: ExampleProfiles.run(id),
            operations: ["parse", "render"].map { name in
                ProfileResult(name: name, samples: (0..<12).map { median + Double($0) })
            })
        var record = RunRecord(
            report: Optimizer().optimize(Analyzer().analyze(profile, baseline: baseline)),
            samples: Analyzer.samplesByOperation(profile))
        record.identity = id
        return (record, profile)
    }

    @Test func aRunPageIsKeyedByItsRecordAndNotesTheRunsItLinksTo() throws {
        let (before, beforeProfile) = Self.record("before", median: 1000)
        let (after, _) = Self.record("after", median: 1300, baseline: beforeProfile)
        let both = renderer.plan(for: SiteContent(title: "Nightly", runs: [before, after]))
        let alone = renderer.plan(for: SiteContent(title: "Nightly", runs: [after]))
        func runPage(_ plan: SiteRenderer.SitePlan) throws -> SiteRenderer.PageJob {
            try #require(plan.jobs.first { $0.path.hasPrefix("runs/after") && $0.path.hasSuffix("/index.html") })
        }
        let (linked, dependencies) = try renderer.render(try runPage(both), recordingLinks: true)
        let (unlinked, _) = try renderer.render(try runPage(alone), recordingLinks: true)

        // The baseline's page is linked only where it exists: the same record, another page.
        #expect(linked.text != unlinked.text)
        #expect(dependencies.keys.contains("run:before"))
        #expect(dependencies.keys.contains("operations:after"))
        #expect(both.dependenciesHold(dependencies))
        #expect(!alone.dependenciesHold(dependencies))

        // Every page of a record with an identity has a key, the index and the stylesheet none.
        for job in both.jobs {
            #expect((job.cacheKey != nil) == job.path.hasPrefix("runs/"), "\(job.path)")
        }
        // Another record, another key.
        var renamed = after
        renamed.identity = "after, analyzed again"
        let other = renderer.plan(for: SiteContent(title: "Nightly", runs: [before, renamed]))
        #expect(try runPage(other).cacheKey != runPage(both).cacheKey)
        // No identity, no key: rendered every build.
        var unknown = after
        unknown.identity = nil
        let unkeyed = renderer.plan(for: SiteContent(title: "Nightly", runs: [unknown]))
        #expect(unkeyed.jobs.allSatisfy { $0.cacheKey == nil })
    }

    @Test func pagesRenderedWithoutRecordingNoteNothing() throws {
        let (after, _) = Self.record("after", median: 1300)
        let plan = renderer.plan(for: SiteContent(title: "Nightly", runs: [after]))
        let job = try #require(plan.jobs.first { $0.cacheKey != nil })
        let (file, dependencies) = try renderer.render(job, recordingLinks: false)
        #expect(dependencies.isEmpty)
        #expect(file == (try renderer.render(job)))
    }
}
