import Foundation
import HotpathModel
import Testing
import _HotpathTestSupport

@testable import HotpathIngest

@Suite struct GoogleBenchmarkImporterTests {
    /// compare.py's sorting inputs hold no times at all (test4_run) or only a percentage
    /// aggregate (test4_run0/1): Hotpath reads them as empty runs, with a positioned warning.
    static let empty: [String: (line: Int, column: Int, message: String)] = [
        "test4_run.json": (3, 5, "found 8 entries without real_time and 4 aggregates that are not a mean or median"),
        "test4_run0.json": (10, 5, "found 1 aggregate that is not a mean or median"),
        "test4_run1.json": (10, 5, "found 1 aggregate that is not a mean or median"),
    ]

    @Test(arguments: sampleNames("google-benchmark"))
    func importsEverySample(_ name: String) throws {
        let path = Samples.path("google-benchmark/" + name)
        if let expected = Self.empty[fileName(name)] {
            let dump = try load(path)
            #expect(dump.format == .googleBenchmark && dump.profile.operations.isEmpty)
            let warning = try #require(dump.diagnostics.first { $0.message.contains("the run has no operations") })
            #expect((warning.line, warning.column) == (expected.line, expected.column))
            #expect(warning.message.contains(expected.message), "\(warning.message)")
            return
        }
        let dump = try load(path)
        #expect(dump.format == .googleBenchmark)
        #expect(!dump.profile.operations.isEmpty)
    }

    @Test func realAndCPUTimesInNanoseconds() throws {
        let profile = try load(Samples.path("google-benchmark/from-gh-action-benchmark/googlecpp_output.json")).profile
        #expect(profile.operations.map(\.name) == ["fib_10", "fib_10 (cpu)", "fib_20", "fib_20 (cpu)"])
        #expect(profile.operations[0].samples == [214.98980114547953])
        #expect(profile.operations[1].metric == .cpu && profile.operations[1].samples == [213.65507206163295])
        #expect(profile.run.host == "Corgi.local")
        #expect(profile.run.workflow == "a.out")
        #expect(profile.run.startTime == "2019-11-29T21:26:59")
        #expect(profile.run.environment == EnvironmentFingerprint(cores: 4, buildConfiguration: "release"))
        #expect(profile.run.labels["mhz_per_cpu"] == "2700")
    }

    @Test func repetitionsAreSamplesAndAggregatesAreNot() throws {
        let dump = try load(Fixtures.path("google-benchmark-repetitions.json"))
        let timing = dump.profile.operations.filter { $0.metric == .timing }
        #expect(timing.map(\.name) == ["BM_StringAppend/64", "BM_StringAppend/4096", "BM_VectorPush"])
        #expect(timing[0].samples == [75.18474714509215, 74.63356443751539, 78.52379368070959])
        #expect(timing[0].group == "BM_StringAppend")
        #expect(timing.allSatisfy { !$0.summaryOnly && $0.samples.count == 3 })
        #expect(dump.profile.run.startTime == "2026-11-27T12:55:18+00:00")
        #expect(
            dump.hasWarning(
                containing:
                    "benchmark \"BM_NeedsNetwork\" reported an error: no network in this sandbox (3 repetitions); left out"
            ))
        #expect(dump.hasWarning(containing: "debug build"))
    }

    @Test func aggregatesOnlyBecomeSummaryOnly() throws {
        let dump = try load(Fixtures.path("google-benchmark-aggregates-only.json"))
        let vector = try #require(dump.profile.operations.first { $0.name == "BM_VectorPush" })
        #expect(vector.summaryOnly)
        // mean and median; stddev and cv are spread, not times.
        #expect(vector.samples == [593.4922132521273, 592.0671967696667])
        // The aggregates as they are: 3 repetitions, their mean, median and stddev.
        let summary = try #require(vector.summary)
        #expect(summary.count == 3 && summary.mean == 593.4922132521273 && summary.median == 592.0671967696667)
        #expect(summary.stddev > 0 && summary.min == nil && summary.q1 == nil)
        #expect(dump.hasWarning(containing: "its statistics are the aggregates (repetitions, mean, median, stddev)"))
        #expect(dump.hasWarning(containing: "benchmark \"BM_VectorPush\" has only aggregates"))
    }

    @Test func skippedRunsAndUnitsAreHonoured() throws {
        let text = """
            {"context":{"date":"2024-01-02T03:04:05+01:00","num_cpus":8,"library_build_type":"release","host_name":"ci-7"},
             "benchmarks":[
              {"name":"BM_Slow","run_name":"BM_Slow","run_type":"iteration","repetition_index":0,"real_time":1.5,"cpu_time":1.25,"time_unit":"ms"},
              {"name":"BM_Slow","run_name":"BM_Slow","run_type":"iteration","repetition_index":1,"real_time":2,"cpu_time":1.5,"time_unit":"s"},
              {"name":"BM_Gpu","run_name":"BM_Gpu","run_type":"iteration","skipped":true,"skip_message":"no GPU","real_time":0,"time_unit":"us"}
             ]}
            """
        let dump = try Ingestor().load(text: text, name: "bench.json")
        #expect(dump.format == .googleBenchmark)
        #expect(dump.profile.operations.map(\.name) == ["BM_Slow", "BM_Slow (cpu)"])
        #expect(dump.profile.operations[0].samples == [1.5e6, 2e9])
        #expect(dump.profile.run.host == "ci-7")
        #expect(dump.hasWarning(containing: "benchmark \"BM_Gpu\" was skipped: no GPU; left out"))
    }

    @Test(arguments: [
        MarkedText(#"{"context":{},"benchmarks":[{"name":"a","real_time":1,"time_unit":⏏"hours"}]}"#),
        MarkedText(#"{"context":{},"benchmarks":[⏏{"real_time":1}]}"#),
        MarkedText("{\"context\":{},\"benchmarks\":[\n{\"name\":\"a\",\"real_time\":1⏏"),
    ])
    func corruptFilesGivePositionedErrors(_ input: MarkedText) throws {
        let error = try #require(loadError(text: input.text, name: "gb.json"))
        #expect(error.format == .googleBenchmark)
        #expect((error.line, error.column) == (input.line, input.column), "\(error.description)")
    }
}
