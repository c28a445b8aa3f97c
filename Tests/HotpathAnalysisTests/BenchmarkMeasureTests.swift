import Foundation
import HotpathAnalysis
import HotpathModel
import Testing
import _HotpathTestSupport

/// Benchmarks timed by two clocks (Google Benchmark's real and CPU time) are one operation with
/// two measures: statistics and verdicts use one, the other is shown beside it.
@Suite struct BenchmarkMeasureTests {
    /// Real time rises 10%, CPU time falls 10%: which is reported depends on the measure chosen.
    static func run(real: [Double], cpu: [Double]?) -> Profile {
        Profile(
            run: ExampleProfiles.run(),
            operations: [
                ProfileResult(name: "BM_Parse", samples: real, group: "BM_Parse", cpuSamples: cpu),
                ProfileResult(name: "BM_Lex", samples: [10, 11, 12, 10, 11, 12]),
            ])
    }

    static let baseline = run(real: [100, 101, 99, 100, 102, 98], cpu: [80, 81, 79, 80, 82, 78])
    static let current = run(real: [110, 111, 109, 110, 112, 108], cpu: [72, 73, 71, 72, 74, 70])

    static func analyzer(_ measure: TimeMeasure) -> Analyzer {
        var options = AnalysisOptions()
        options.measure = measure
        return Analyzer(options: options)
    }

    @Test func realTimeByDefaultWithTheCPUTimeBeside() throws {
        let report = Analyzer().analyze(Self.current, baseline: Self.baseline)
        #expect(report.operations.map(\.name).sorted() == ["BM_Lex", "BM_Parse"])
        let parse = try #require(report.operation(named: "BM_Parse"))
        #expect(parse.measure == .realTime && parse.summary?.mean == 110 && parse.total == 660)
        #expect(parse.measures?.realTime == parse.summary)
        #expect(parse.measures?.cpuTime?.mean == 72 && parse.measures?.cpuTime?.percentiles.p50 == 72)
        #expect(parse.otherMeasure?.measure == .cpuTime && parse.otherMeasure?.summary.mean == 72)
        // One clock only: no measure is named.
        let lex = try #require(report.operation(named: "BM_Lex"))
        #expect(lex.measure == nil && lex.measures == nil)
        #expect(report.totalNs == 660 + 66)
        let comparison = try #require(report.comparison?.operations.first { $0.name == "BM_Parse" })
        #expect(comparison.measure == .realTime && comparison.verdict == .regression)
        #expect(abs(comparison.meanChange! - 0.1) < 1e-12)
    }

    @Test func theCPUTimeWhenChosen() throws {
        let report = Self.analyzer(.cpuTime).analyze(Self.current, baseline: Self.baseline)
        let parse = try #require(report.operation(named: "BM_Parse"))
        #expect(parse.measure == .cpuTime && parse.summary?.mean == 72 && parse.total == 432)
        #expect(parse.measures?.realTime?.mean == 110 && parse.measures?.cpuTime == parse.summary)
        #expect(report.totalNs == 432 + 66)
        let comparison = try #require(report.comparison?.operations.first { $0.name == "BM_Parse" })
        #expect(comparison.measure == .cpuTime && comparison.verdict == .improvement)
        #expect(abs(comparison.meanChange! + 0.1) < 1e-12)
    }

    /// A baseline without CPU times (an older file) is not compared by CPU time with real time.
    @Test func likeIsComparedWithLike() throws {
        let older = Self.run(real: [100, 101, 99, 100, 102, 98], cpu: nil)
        let byCPU = Self.analyzer(.cpuTime).analyze(Self.current, baseline: older)
        let parse = try #require(byCPU.comparison?.operations.first { $0.name == "BM_Parse" })
        #expect(parse.verdict == .incomparable && parse.meanChange == nil && parse.test == nil)
        // By real time, both sides have it.
        let byReal = Analyzer().analyze(Self.current, baseline: older)
        #expect(byReal.comparison?.operations.first { $0.name == "BM_Parse" }?.verdict == .regression)
    }

    /// Google Benchmark's aggregates only: no samples, the reported statistics per clock, and
    /// no percentile the aggregates do not give.
    @Test func aggregatesOnlyReportWhatTheyGive() throws {
        let profile = Profile(
            run: ExampleProfiles.run(),
            operations: [
                ProfileResult(
                    name: "BM_VectorPush", samples: [], summaryOnly: true,
                    summary: SummaryStatistics(count: 3, mean: 593.5, stddev: 15.4, median: 592.1),
                    cpuSummary: SummaryStatistics(count: 3, mean: 587.6, stddev: 8.6, median: 588.9))
            ])
        for measure in TimeMeasure.allCases {
            let operation = try #require(Self.analyzer(measure).analyze(profile).operation(named: "BM_VectorPush"))
            let summary = try #require(operation.summary)
            let expected = measure == .realTime ? (593.5, 592.1) : (587.6, 588.9)
            #expect(operation.summaryOnly && operation.count == 3 && summary.mean == expected.0)
            #expect(summary.percentiles.p50 == expected.1)
            let other = try #require(operation.otherMeasure?.summary)
            for summary in [summary, other] {
                let p = summary.percentiles
                #expect([p.p0, p.p25, p.p75, p.p90, p.p95, p.p99, p.p100].allSatisfy { $0 == nil })
                #expect(summary.min == nil && summary.max == nil)
            }
        }
    }

    /// Summary-only samples without the tool's summary are stand-ins: no p90, p95 or p99 from them.
    @Test func standInsGiveNoTailPercentiles() throws {
        let profile = Profile(
            run: ExampleProfiles.run(),
            operations: [ProfileResult(name: "short", samples: [8, 8.5], summaryOnly: true)])
        let report = Analyzer().analyze(profile)
        let summary = try #require(report.operation(named: "short")?.summary)
        #expect(summary.percentiles.p90 == nil && summary.percentiles.p95 == nil && summary.percentiles.p99 == nil)
        #expect(summary.mean == 8.25)
        let json = String(decoding: try JSONEncoder().encode(summary), as: UTF8.self)
        #expect(!json.contains("p90") && !json.contains("p95") && !json.contains("p99"))
    }
}
