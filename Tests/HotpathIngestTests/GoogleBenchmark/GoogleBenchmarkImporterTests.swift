import Foundation
import HotpathModel
import Testing
import _HotpathTestSupport

@testable import HotpathIngest

@Suite struct GoogleBenchmarkImporterTests {
    /// compare.py's sorting inputs hold no times at all (test4_run) or only a percentage
    /// aggregate (test4_run0/1): Hotpath reads them as empty runs, with a positioned warning.
    static let empty: [String: (line: Int, column: Int, message: String)] = [
        "test4_run.json": (3, 5, "found 8 entries without real_time and 4 aggregates that are not a mean and stddev"),
        "test4_run0.json": (10, 5, "found 1 aggregate that is not a mean and stddev"),
        "test4_run1.json": (10, 5, "found 1 aggregate that is not a mean and stddev"),
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
        // Real and CPU time are two measures of one benchmark, never two operations.
        #expect(dump.profile.operations.allSatisfy { $0.metric == .timing && !$0.name.hasSuffix(" (cpu)") })
        #expect(Set(dump.profile.operations.map(\.name)).count == dump.profile.operations.count)
        // No stand-in samples: a summary-only benchmark has its aggregates and nothing else.
        #expect(dump.profile.operations.allSatisfy { !$0.summaryOnly || ($0.samples.isEmpty && $0.summary != nil) })
    }

    @Test func realAndCPUTimesInNanoseconds() throws {
        let profile = try load(Samples.path("google-benchmark/from-gh-action-benchmark/googlecpp_output.json")).profile
        #expect(profile.operations.map(\.name) == ["fib_10", "fib_20"])
        #expect(profile.operations[0].samples == [214.98980114547953])
        #expect(profile.operations[0].cpuSamples == [213.65507206163295])
        #expect(profile.run.host == "Corgi.local")
        #expect(profile.run.workflow == "a.out")
        #expect(profile.run.startTime == "2019-11-29T21:26:59")
        #expect(profile.run.environment == EnvironmentFingerprint(cores: 4, buildConfiguration: "release"))
        #expect(profile.run.labels["mhz_per_cpu"] == "2700")
    }

    @Test func repetitionsAreSamplesAndAggregatesAreNot() throws {
        let dump = try load(Fixtures.path("google-benchmark-repetitions.json"))
        let operations = dump.profile.operations
        #expect(operations.map(\.name) == ["BM_StringAppend/64", "BM_StringAppend/4096", "BM_VectorPush"])
        #expect(operations[0].samples == [75.18474714509215, 74.63356443751539, 78.52379368070959])
        #expect(operations[0].cpuSamples?.count == 3)
        #expect(operations[0].group == "BM_StringAppend")
        #expect(operations.allSatisfy { !$0.summaryOnly && $0.samples.count == 3 && $0.summary == nil })
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
        #expect(dump.profile.operations.map(\.name) == ["BM_StringAppend/64", "BM_StringAppend/4096", "BM_VectorPush"])
        let vector = try #require(dump.profile.operations.first { $0.name == "BM_VectorPush" })
        #expect(vector.summaryOnly)
        // No stand-ins: the mean and median are statistics, not samples.
        #expect(vector.samples.isEmpty)
        // The aggregates as they are: 3 repetitions, their mean, median and stddev, per clock.
        let summary = try #require(vector.summary)
        #expect(summary.count == 3 && summary.mean == 593.4922132521273 && summary.median == 592.0671967696667)
        #expect(summary.stddev == 15.446666771944573 && summary.min == nil && summary.q1 == nil)
        let cpu = try #require(vector.cpuSummary)
        #expect(cpu.count == 3 && cpu.mean == 587.6423862887276 && cpu.stddev == 8.562574527093)
        #expect(
            dump.hasWarning(
                containing:
                    "3 benchmarks (\"BM_StringAppend/64\", \"BM_StringAppend/4096\", \"BM_VectorPush\") have only aggregates"
            ))
        #expect(dump.hasWarning(containing: "statistics are the aggregates (repetitions, mean, stddev, median)"))
    }

    /// compare.py's test3 inputs mix iteration entries, entries without a run type, and
    /// aggregates without a name: the aggregates say nothing Hotpath could report.
    @Test func unnamedAggregatesAreNotBenchmarks() throws {
        let dump = try load(Samples.path("google-benchmark/from-gbenchmark/test3_run0.json"))
        let operations = dump.profile.operations
        #expect(operations.map(\.name) == ["BM_Two", "medium"])
        #expect(operations[0].samples == [9, 8] && operations[0].cpuSamples == [90, 86])
        #expect(operations[1].samples == [8, 9] && operations[1].cpuSamples == [80, 82])
        let warning = try #require(dump.diagnostics.first { $0.message.contains("2 benchmarks left out") })
        #expect(
            warning.message.contains("\"BM_One\" (1 aggregate without a name), \"short\" (2 aggregates without a name)")
        )
        #expect(warning.line == 10)
    }

    /// Files from before `aggregate_name` name aggregates by suffix only (`BM_x_mean`).
    @Test func aggregatesNamedBySuffixOnly() throws {
        let text = """
            {"context":{"date":"2018-01-02 03:04:05","num_cpus":4},
             "benchmarks":[
              {"name":"BM_x_mean","run_type":"aggregate","repetitions":5,"real_time":10,"cpu_time":9,"time_unit":"us"},
              {"name":"BM_x_median","run_type":"aggregate","repetitions":5,"real_time":9.5,"cpu_time":9,"time_unit":"us"},
              {"name":"BM_x_stddev","run_type":"aggregate","repetitions":5,"real_time":1,"cpu_time":0.5,"time_unit":"us"}
             ]}
            """
        let dump = try Ingestor().load(text: text, name: "old.json")
        let operation = try #require(dump.profile.operations.first)
        #expect(dump.profile.operations.count == 1 && operation.name == "BM_x" && operation.samples.isEmpty)
        #expect(operation.summary == SummaryStatistics(count: 5, mean: 10_000, stddev: 1_000, median: 9_500))
        #expect(operation.cpuSummary == SummaryStatistics(count: 5, mean: 9_000, stddev: 500, median: 9_000))
    }

    /// A CPU time is kept only when every repetition has one: it must line up with the real times.
    @Test func partialCPUTimesAreLeftOut() throws {
        let text = """
            {"context":{},"benchmarks":[
              {"name":"BM_a","run_type":"iteration","real_time":1,"cpu_time":1,"time_unit":"ns"},
              {"name":"BM_a","run_type":"iteration","real_time":2,"time_unit":"ns"}
            ]}
            """
        let dump = try Ingestor().load(text: text, name: "partial.json")
        #expect(dump.profile.operations.map(\.samples) == [[1, 2]])
        #expect(dump.profile.operations[0].cpuSamples == nil)
        #expect(dump.hasWarning(containing: "benchmark \"BM_a\": 1 repetition without a numeric \"cpu_time\""))
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
        #expect(dump.profile.operations.map(\.name) == ["BM_Slow"])
        #expect(dump.profile.operations[0].samples == [1.5e6, 2e9])
        #expect(dump.profile.operations[0].cpuSamples == [1.25e6, 1.5e9])
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
