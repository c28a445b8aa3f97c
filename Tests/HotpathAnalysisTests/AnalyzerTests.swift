import Foundation
import HotpathAnalysis
import HotpathModel
import Testing
import _HotpathTestSupport

@Suite struct AnalyzerTests {
    let report = Analyzer().analyze(ExampleProfiles.nested())

    @Test func selfAndTotalTimeFromNesting() throws {
        #expect(report.totalNs == 100e6)
        #expect(report.totalBasis == "root_spans")
        let render = try #require(report.operation(named: "render"))
        #expect(render.total == 50e6 && render.selfTotal == 40e6 && render.share == 0.5 && render.selfShare == 0.4)
        let main = try #require(report.operation(named: "main"))
        #expect(main.selfTotal == 30e6)
        #expect(report.operations.map(\.name) == ["main", "render", "parse", "compile"])
        #expect(main.callees.map(\.name) == ["render", "parse"])
        #expect(render.callers.map(\.name) == ["main"])
    }

    /// pytest-benchmark without stats.data: 9987 rounds, mean 262 ns, known by their summary.
    let xfast = SummaryStatistics(
        count: 9987, mean: 262.24, stddev: 214.04, min: 217.31, max: 11447.39, q1: 220.17, median: 220.17, q3: 258.38)

    @Test func summaryOnlyOperationsUseTheReportedStatistics() throws {
        let profile = Profile(
            run: ExampleProfiles.run(),
            operations: [
                ProfileResult(
                    name: "xfast", samples: [217.31, 220.17, 220.17, 258.38, 11447.39], summaryOnly: true,
                    summary: xfast)
            ])
        let operation = try #require(Analyzer().analyze(profile).operation(named: "xfast"))
        let summary = try #require(operation.summary)
        #expect(operation.summaryOnly && operation.count == 9987 && summary.count == 9987)
        #expect(summary.mean == 262.24 && summary.stddev == 214.04 && summary.min == 217.31 && summary.max == 11447.39)
        #expect(abs(operation.total - 262.24 * 9987) < 1e-6)
        let p = summary.percentiles
        #expect(p.p0 == 217.31 && p.p25 == 220.17 && p.p50 == 220.17 && p.p75 == 258.38 && p.p100 == 11447.39)
        // Five values say nothing about the tail: no p90, p95 or p99, and none in the JSON.
        #expect(p.p90 == nil && p.p95 == nil && p.p99 == nil)
        let json = String(decoding: try JSONEncoder().encode(summary), as: UTF8.self)
        #expect(!json.contains("p95"))
    }

    @Test func truncatedSamplesDeferToTheSummary() throws {
        let complete = SummaryStatistics(count: 3, mean: 2, stddev: 1)
        let profile = Profile(
            run: ExampleProfiles.run(),
            operations: [
                ProfileResult(name: "trimmed", samples: [300, 310, 320, 330], summary: xfast),
                ProfileResult(name: "whole", samples: [1, 2, 3], summary: complete),
            ])
        let report = Analyzer().analyze(profile)
        let trimmed = try #require(report.operation(named: "trimmed"))
        #expect(trimmed.summaryOnly && trimmed.count == 9987 && trimmed.summary?.mean == 262.24)
        // As many samples as the summary counts: the samples are the measurements.
        let whole = try #require(report.operation(named: "whole"))
        #expect(!whole.summaryOnly && whole.summary?.percentiles.p95 == 2.9)
    }

    @Test func bottlenecksRankedByScore() {
        // main: self 0.3 + (1.0 − 0.3)/4 = 0.475; render: 0.4 + 0.1/4 = 0.425; parse 0.2 (= threshold).
        #expect(report.bottlenecks.map(\.name) == ["main", "render", "parse"])
        #expect(abs(report.bottlenecks[0].score - 0.475) < 1e-12)
    }

    @Test func callTreeAndCriticalPath() throws {
        let tree = try #require(report.callTree)
        #expect(tree.total == 100e6)
        let main = try #require(tree.children.first)
        #expect(main.children.map(\.name) == ["render", "parse"])
        #expect(main.children[0].children.first?.name == "compile")
        #expect(report.criticalPath.map(\.name) == ["main", "render", "compile"])
    }

    @Test func concurrentChildrenAreNotSubtractedTwice() throws {
        // A 100 ns parent running three 60 ns children at once (10…70, 20…80, 30…90): they
        // cover 10…90, so the parent's own time is 20 ns, not 100 − 180 → 0.
        let profile = Profile(
            run: ExampleProfiles.run(),
            spans: [
                Span(id: 1, name: "render_all", startNs: 0, durationNs: 100),
                Span(id: 2, name: "render", startNs: 10, durationNs: 60, thread: "a", parent: 1),
                Span(id: 3, name: "render", startNs: 20, durationNs: 60, thread: "b", parent: 1),
                Span(id: 4, name: "render", startNs: 30, durationNs: 60, thread: "c", parent: 1),
            ])
        let report = Analyzer().analyze(profile)
        #expect(report.operation(named: "render_all")?.selfTotal == 20)
        #expect(report.operation(named: "render")?.total == 180)
        #expect(report.warnings.isEmpty)
    }

    /// An operation timed only by spans gets its spans' durations' statistics (made beside the
    /// call tree); one the dump also lists under `operations` keeps those samples' statistics.
    @Test func spanStatisticsGiveWayToListedOperations() throws {
        let profile = Profile(
            run: ExampleProfiles.run(),
            operations: [ProfileResult(name: "listed", samples: [1, 2, 3, 4])],
            spans: [
                Span(id: 1, name: "root", startNs: 0, durationNs: 1_000),
                Span(id: 2, name: "listed", startNs: 10, durationNs: 300, parent: 1),
                Span(id: 3, name: "spanned", startNs: 400, durationNs: 70, parent: 1),
                Span(id: 4, name: "spanned", startNs: 500, durationNs: 90, parent: 1),
                Span(id: 5, name: "spanned", startNs: 600, durationNs: 50, parent: 1),
            ])
        let report = Analyzer().analyze(profile)
        #expect(report.operation(named: "listed")?.summary == SampleSummary(samples: [1, 2, 3, 4]))
        #expect(report.operation(named: "spanned")?.summary == SampleSummary(samples: [70, 90, 50]))
        #expect(report.operation(named: "root")?.summary == SampleSummary(samples: [1_000]))
    }

    @Test func recursionIsNotCountedTwice() throws {
        let profile = Profile(
            run: ExampleProfiles.run(),
            spans: [
                Span(id: 1, name: "fib", startNs: 0, durationNs: 10, parent: nil),
                Span(id: 2, name: "fib", startNs: 0, durationNs: 6, parent: 1),
                Span(id: 3, name: "fib", startNs: 0, durationNs: 2, parent: 2),
            ])
        let fib = try #require(Analyzer().analyze(profile).operation(named: "fib"))
        #expect(fib.total == 10 && fib.selfTotal == 10 && fib.count == 3)
    }

    @Test func explicitSamplesWithoutSpansShareTheirSum() throws {
        let profile = Profile(
            run: ExampleProfiles.run(),
            operations: [
                ProfileResult(name: "a", samples: [1, 2, 3]), ProfileResult(name: "b", samples: [4]),
                ProfileResult(name: "rss", metric: .memory, samples: [100]),
            ])
        let report = Analyzer().analyze(profile)
        #expect(report.totalBasis == "operations_sum" && report.totalNs == 10)
        #expect(report.operation(named: "a")?.share == 0.6)
        #expect(report.operation(named: "rss")?.share == 0)
        #expect(report.operation(named: "a")?.summary?.percentiles.p50 == 2)
    }

    @Test func sampledProfilesHaveWeightsNotPercentiles() throws {
        let profile = Profile(
            run: ExampleProfiles.run(),
            stacks: [
                StackSample(frames: ["main", "a"], weight: 3), StackSample(frames: ["main", "b"], weight: 1),
                StackSample(frames: ["main"], weight: 1),
            ],
            stackWeightUnit: .samples)
        let report = Analyzer().analyze(profile)
        #expect(report.kind == .sampled && report.totalNs == 5)
        let main = try #require(report.operation(named: "main"))
        #expect(main.total == 5 && main.selfTotal == 1 && main.summary == nil)
        #expect(report.operation(named: "a")?.share == 0.6)
    }

    @Test func sameInputSameReport() {
        #expect(Analyzer().analyze(ExampleProfiles.nested()) == report)
    }
}
