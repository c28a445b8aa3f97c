import Foundation
import HotpathAnalysis
import HotpathModel
import HotpathOptimizer
import HotpathTemplates
import Testing
import _HotpathTestSupport

@testable import HotpathRender

/// What the site promises a reader (issue 21): it leads with a run that has something to say
/// and says which it skipped, no page or column that means nothing for the run it shows, every
/// axis saying what it measures, and a list of 10,000 operations under 2 MB.
@Suite struct SiteHonestyTests {
    let renderer = SiteRenderer(templates: SiteRenderer.templateManager(sources: DefaultTemplates.sources))

    /// Three nightly runs of a few operations, then `empty` dumps with no operation at all and
    /// no start time (so ordered last by their files' time), each with a full record.
    static func historyEndingEmpty(empty: Int) -> SiteContent {
        func profile(_ id: String, night: Int) -> Profile {
            var run = ExampleProfiles.run(id)
            run.startTime = "2026-11-2\(night)T02:00:00Z"
            return Profile(
                run: run,
                operations: (0..<4).map { index in
                    ProfileResult(
                        name: "operation_\(index)",
                        samples: (0..<12).map { Double((4 - index) * 1000 + $0 + night) })
                })
        }
        let nights = (0..<3).map { profile("night-\($0)", night: $0) }
        let empties = (0..<empty).map { number -> Profile in
            var run = ExampleProfiles.run("empty-\(number)")
            run.startTime = nil
            return Profile(run: run, operations: [])
        }
        let profiles = nights + empties
        var records: [RunRecord] = []
        var summaries: [RunSummary] = []
        for (index, profile) in profiles.enumerated() {
            let baseline = index > 0 && !profile.operations.isEmpty ? profiles[index - 1] : nil
            let report = Optimizer().optimize(Analyzer().analyze(profile, baseline: baseline))
            records.append(RunRecord(report: report, samples: Analyzer.samplesByOperation(profile)))
            summaries.append(
                RunSummary(
                    report: report, source: "\(profile.run.runID).json",
                    orderedBy: profile.run.startTime == nil ? "file_time" : "start_time",
                    time: profile.run.startTime))
        }
        return SiteContent(title: "Nightly", runs: records, history: HistoryAnalyzer().analyze(summaries))
    }

    @Test func theIndexLeadsWithTheNewestRunThatHasOperationsAndSaysWhatItSkipped() throws {
        let content = Self.historyEndingEmpty(empty: 1)
        #expect(content.lead?.report.run.runID == "night-2")
        #expect(content.skippedRuns.map(\.report.run.runID) == ["empty-0"])
        let files = try renderer.render(content)
        let index = try #require(files.first { $0.path == "index.html" }?.text)
        let links = SiteLinks(runIDs: content.runs.map(\.report.run.runID), operations: [:])
        #expect(index.contains("Latest run <a href=\"\(links.runPage("night-2"))\">night-2</a>"), "\(index)")
        #expect(index.contains("class=\"warning skipped-runs\">Not the newest dump: "))
        #expect(index.contains(">empty-0</a> came after it but has no operations"))
        #expect(index.contains("(empty-0 has no start time and was ordered by its file's time)"))
        // The skipped run keeps its page, linked from the note and the runs table.
        #expect(files.contains { $0.path == links.runPage("empty-0") })
        let latest = try #require(files.first { $0.path == SiteLinks.latest }?.text)
        #expect(latest.contains(links.runPage("night-2")) && !latest.contains(links.runPage("empty-0")))
        let markdown = try renderer.markdown(for: content)
        #expect(markdown.contains("Run **night-2**"), "\(markdown)")
        #expect(markdown.contains("_Not the newest dump: empty-0 came after it but has no operations"))
    }

    @Test func severalSkippedRunsAreEachNamedAndANonEmptyNewestRunSkipsNone() throws {
        let two = Self.historyEndingEmpty(empty: 2)
        let twoFiles = try renderer.render(two)
        let index = try #require(twoFiles.first { $0.path == "index.html" }?.text)
        #expect(index.contains(">empty-0</a>, <a "))
        #expect(index.contains(">empty-1</a> came after it but have no operations"))
        let none = Self.historyEndingEmpty(empty: 0)
        #expect(none.skippedRuns.isEmpty)
        let noneFiles = try renderer.render(none)
        let plain = try #require(noneFiles.first { $0.path == "index.html" }?.text)
        #expect(!plain.contains("skipped-runs"))
        let markdown = try renderer.markdown(for: none)
        #expect(!markdown.contains("Not the newest dump"))
    }

    /// Only empty runs: the newest leads (there is nothing better), and nothing is said skipped.
    @Test func withOnlyEmptyRunsTheNewestLeads() throws {
        let profile = Profile(run: ExampleProfiles.run("empty"), operations: [])
        let content = SiteContent(
            title: "Empty", runs: [RunRecord(report: Analyzer().analyze(profile), samples: [:])])
        #expect(content.lead?.report.run.runID == "empty")
        #expect(content.skippedRuns.isEmpty)
    }

    @Test func aSuiteHasNoShareColumnNoTotalAndNoFlameGraph() throws {
        var content = SuiteMarkdownTests.content(count: 12, slower: 2)
        // Even given a call tree, a suite's benchmarks are not parts of one run.
        content.runs[0].report.callTree = CallTreeNode(
            name: "root", total: 2, selfValue: 0, count: 1,
            children: [CallTreeNode(name: "BM_Case/0", total: 2, selfValue: 2, count: 1, children: [])])
        let files = try renderer.render(content)
        #expect(!files.contains { $0.path.hasSuffix("flamegraph.html") })
        let run = try #require(files.first { $0.path.hasPrefix("runs/") && $0.path.hasSuffix("/index.html") }?.text)
        #expect(!run.contains("flamegraph.html"))
        let operations = try #require(run.components(separatedBy: "id=\"operations\"").last)
        #expect(operations.contains(">Samples</th>"))
        #expect(!operations.contains(">Share</th>") && !operations.contains(">Self share</th>"))
        #expect(!operations.contains(">Total</th>"))
        // A profile keeps them, its count called calls.
        let profileFiles = try renderer.render(SiteRendererTests.changedRun(operations: 4, factor: 1.3))
        let profile = try #require(
            profileFiles.first { $0.path.hasPrefix("runs/") && $0.path.hasSuffix("/index.html") }?.text)
        #expect(profile.contains(">Share</th>") && profile.contains(">Calls</th>"))
    }

    /// The list of every operation of a 10,000-operation run, with names longer than the
    /// benchmark generator's, stays under 2 MB, and each name is written once per row.
    @Test func everyOperationOfTenThousandFitsInTwoMegabytes() throws {
        let count = 10_000
        let profile = Profile(
            run: ExampleProfiles.run("wide"),
            operations: (0..<count).map { index in
                ProfileResult(
                    name: "module\(index / 100)::codegen::Renderer::render_function_\(index)",
                    samples: (0..<20).map { sample -> Double in
                        let spread: Int = (index * 7_919 + sample * 104_729) % 1_000_000
                        return Double(1_000 + spread)
                    })
            })
        let report = Analyzer().analyze(profile)
        let content = SiteContent(
            title: "Wide", runs: [RunRecord(report: report, samples: Analyzer.samplesByOperation(profile))])
        let job = try #require(renderer.jobs(for: content).first { $0.path.hasSuffix("/operations.html") })
        let page = try renderer.render(job).text
        #expect(page.utf8.count < 2_000_000, "\(page.utf8.count) bytes")
        let rows = page.components(separatedBy: "\n<tr><th>").count - 1
        #expect(rows == count)
        #expect(page.components(separatedBy: "render_function_9999<").count == 2, "the name once")
        #expect(page.contains("data-filter=\"every-operation\"") && page.contains("every-operation\">"))
    }

    /// A regression that a later run undid is listed as fixed, by which run and when, linked;
    /// an empty section says so rather than vanish.
    @Test func theRegressionsPageSaysWhichRunFixedARegressionAndWhen() throws {
        var content = HistoryContextTests.content(runs: 8, operations: 3)
        // Operation 0 stepped up at run 2 and back down at run 5 (the detector's own cases are
        // HotpathAnalysisTests'; here, what the page makes of them).
        content.history?.changePoints = [
            ChangePoint(
                operation: "operation_0", run: 2, runID: "run-2", verdict: .regression, before: 3000, after: 4500,
                change: 0.5, pValue: 0.001, fixedBy: "run-5"),
            ChangePoint(
                operation: "operation_0", run: 5, runID: "run-5", verdict: .improvement, before: 4500, after: 3000,
                change: -1.0 / 3, pValue: 0.001),
        ]
        let fixer = "run-5"
        let files = try renderer.render(content)
        let page = try #require(files.first { $0.path == SiteLinks.regressions }?.text)
        let fixedSection = try #require(page.components(separatedBy: "id=\"fixed-heading\"").last)
        #expect(fixedSection.contains("fixed by "), "\(page)")
        #expect(fixedSection.contains(">\(fixer)</a>") || fixedSection.contains("fixed by \(fixer)"))
        #expect(fixedSection.contains("(2026-11-20 02:00:00)"), "the fixing run's start, to the second")
        #expect(page.contains("Open regressions are those no later improvement undid"))
        // Nothing fixed and no improvement: both sections say none.
        let quiet = HistoryContextTests.content(runs: 4, operations: 3)
        let quietFiles = try renderer.render(quiet)
        let quietPage = try #require(quietFiles.first { $0.path == SiteLinks.regressions }?.text)
        #expect(quietPage.contains("<h2 id=\"fixed-heading\">Fixed regressions</h2>\n<p>None in these 4 runs"))
        #expect(quietPage.contains("<h2 id=\"improvements-heading\">Improvements</h2>\n<p>None in these 4 runs"))
    }

    @Test func familyChartsAreLogLogWithTitledAxesAndDecades() throws {
        let family = BenchmarkFamily(
            name: "BM_Sort",
            members: [8, 64, 512, 4096, 32768].map { n in
                BenchmarkFamily.Member(name: "BM_Sort/\(Int(n))", n: n, mean: 20 * n * log2(n))
            },
            fit: nil)
        let svg = ReportContext.familyChart(family, id: "family-0")
        #expect(svg.contains("time against n (log–log)"))
        #expect(svg.contains(">n, log scale</text>") && svg.contains(">mean time, log scale</text>"))
        // 480 ns … 9.8 ms: a grid line at each power of ten between, labelled in time.
        for label in ["1.00 µs", "10.0 µs", "100 µs", "1.00 ms"] {
            #expect(svg.contains(">\(label)</text>"), "no tick \(label): \(svg)")
        }
        #expect(svg.components(separatedBy: "class=\"grid\"").count - 1 >= 4)
    }
}
