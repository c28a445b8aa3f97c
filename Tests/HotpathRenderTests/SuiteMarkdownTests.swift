import Foundation
import HotpathAnalysis
import HotpathModel
import HotpathOptimizer
import HotpathRender
import HotpathTemplates
import Testing
import _HotpathTestSupport

@testable import HotpathRender

/// The PR comment of a benchmark suite: a status read in one second, the changes with their
/// intervals, speed in words, and long lists cut to a comment people read.
@Suite struct SuiteMarkdownTests {
    let renderer = SiteRenderer(templates: SiteRenderer.templateManager(sources: DefaultTemplates.sources))

    /// A suite of `count` benchmarks, 20 samples each; `slower` of them 30% slower in the run,
    /// `noisy` of them with a spread no comparison of 20 samples settles.
    static func content(count: Int, slower: Int, noisy: Int = 0, kind: RunKind = .benchmarkSuite) -> SiteContent {
        func profile(_ id: String, after: Bool) -> Profile {
            var run = ExampleProfiles.run(id)
            run.kind = kind
            return Profile(
                run: run,
                operations: (0..<count).map { index in
                    let factor = after && index < slower ? 1.3 : 1
                    let spread = index >= count - noisy ? 400.0 : 4.0
                    return ProfileResult(
                        name: "BM_Case/\(index)",
                        samples: (0..<20).map { sample in
                            (1000 + Double(index) + spread * sin(Double(sample * 7 + index))) * factor
                        })
                })
        }
        let baseline = profile("before", after: false)
        let current = profile("after", after: true)
        let report = Optimizer().optimize(Analyzer().analyze(current, baseline: baseline))
        return SiteContent(
            title: "Benchmarks", runs: [RunRecord(report: report, samples: Analyzer.samplesByOperation(current))],
            siteURL: "https://perf.example.com/")
    }

    @Test func statusLineFirstThenTheChanges() throws {
        let text = try renderer.markdown(for: Self.content(count: 12, slower: 2, noisy: 1))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "## ❌ 2 regressions · ✅ 9 unchanged · ⚠️ 1 inconclusive", "\(text)")
        #expect(
            text.contains("**2 regressed · 0 improved · 9 unchanged · 1 inconclusive · 0 new · 0 removed** vs before"))
        #expect(text.contains("| Benchmark | Base | Head | Change [95% interval] | Speed | Verdict | Noise |"))
        // Changes only: the two regressions and the inconclusive one, with speed in words.
        let rows = lines.filter { $0.hasPrefix("| [BM\\_Case/") }
        #expect(rows.count == 3, "\(text)")
        #expect(rows[0].contains("23% slower (0.77×)") && rows[0].contains("| regression |"), "\(rows[0])")
        #expect(rows[2].contains("inconclusive (needs ≥"), "\(rows[2])")
        // No profile story.
        #expect(!text.contains("Amdahl"))
        #expect(!text.contains("Top bottlenecks"))
        #expect(!text.contains("total "))
    }

    @Test func nothingChangedReadsAsOneGreenLine() throws {
        let text = try renderer.markdown(for: Self.content(count: 482, slower: 0))
        #expect(text.hasPrefix("## ✅ no significant change in 482 benchmarks\n"), "\(text.prefix(200))")
    }

    @Test func eighteenHundredBenchmarksMakeACommentUnderTenThousandCharacters() throws {
        let text = try renderer.markdown(for: Self.content(count: 1_800, slower: 300, noisy: 100))
        #expect(text.count < 10_000, "\(text.count) characters")
        #expect(text.hasPrefix("## ❌ 300 regressions · ✅ 1,400 unchanged · ⚠️ 100 inconclusive"), "\(text.prefix(200))")
        // 400 changes; the table keeps what fits and says where the rest are.
        let shown = text.split(separator: "\n").filter { $0.hasPrefix("| [BM\\_Case/") }.count
        #expect(shown > 0 && shown < 400)
        #expect(text.contains("… and \(400 - shown) more on the site ([full report](https://perf.example.com/runs/"))
    }

    @Test func eighteenHundredProfileOperationsToo() throws {
        let text = try renderer.markdown(for: Self.content(count: 1_800, slower: 300, noisy: 100, kind: .profile))
        #expect(text.count < 10_000, "\(text.count) characters")
        #expect(text.hasPrefix("## ❌ 300 regressions · ✅ 1,400 unchanged · ⚠️ 100 inconclusive"))
        #expect(text.contains("more on the site"))
    }

    @Test(arguments: [
        (100.0, 117.6, "15% slower (0.85×)"), (100, 80, "25% faster (1.25×)"), (100, 100.2, "same speed (1.00×)"),
        (240, 100, "2.4× faster (2.40×)"), (100, 300, "3.0× slower (0.33×)"), (100, 200, "2.0× slower (0.50×)"),
    ])
    func speedInWords(before: Double, after: Double, text: String) {
        #expect(ReportContext.speedText(before: before, after: after) == text)
    }

    @Test func speedNeedsTwoPositiveTimes() {
        #expect(ReportContext.speedText(before: 0, after: 1) == nil)
        #expect(ReportContext.speedText(before: 1, after: .infinity) == nil)
    }
}
