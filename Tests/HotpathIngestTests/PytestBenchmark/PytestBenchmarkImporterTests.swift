import Foundation
import HotpathModel
import Testing
import _HotpathTestSupport

@testable import HotpathIngest

@Suite struct PytestBenchmarkImporterTests {
    @Test(arguments: sampleNames("pytest-benchmark"))
    func importsEverySample(_ name: String) throws {
        let dump = try load(Samples.path("pytest-benchmark/" + name))
        #expect(dump.format == .pytestBenchmark)
        #expect(!dump.profile.operations.isEmpty)
        if name.hasPrefix("from-pytest-benchmark/") {
            // The 2015 storage files carry no stats.data: summary only, and said so.
            #expect(dump.profile.operations.allSatisfy { $0.summaryOnly })
            #expect(dump.hasWarning(containing: "has no stats.data"))
        }
    }

    @Test func summaryStandsInWithoutData() throws {
        let dump = try load(
            Samples.path(
                "pytest-benchmark/from-pytest-benchmark/0001_b87b9aae14ff14a7887a6bbaa9731b9a8760555d_20150814_190343_uncommitted-changes.json"
            ))
        let operation = try #require(dump.profile.operations.first)
        #expect(operation.name == "test_xfast_parametrized[0]")
        #expect(operation.summaryOnly)
        let expected = [
            2.1731454219544334e-07, 2.2016643907464864e-07, 2.2016643907464864e-07, 2.5838185725599954e-07,
            1.1447389118979421e-05,
        ]
        #expect(zip(operation.samples, expected).allSatisfy { abs($0 - $1 * 1e9) < 1e-6 })
        // The file's own statistics, kept as written (seconds → ns): 9987 rounds, not 5 values.
        let summary = try #require(operation.summary)
        #expect(summary.count == 9987)
        #expect(abs(summary.mean - 262.2408132654948) < 1e-9 && abs(summary.stddev - 214.0441942118885) < 1e-9)
        #expect(summary.min == expected[0] * 1e9 && summary.q1 == expected[1] * 1e9 && summary.max == expected[4] * 1e9)
        #expect(
            dump.hasWarning(
                containing:
                    "its statistics are the file's summary (rounds, mean, stddev, min, quartiles, max), with no p90, p95 or p99"
            ))
        let run = dump.profile.run
        #expect(run.startTime == "2015-08-15T00:01:46.250433+00:00")
        #expect(run.git == GitInfo(commit: "5b78858eb718649a31fb93d8dc96ca2cee41a4cd"))
        #expect(run.host == "minibox")
        #expect(run.environment == EnvironmentFingerprint(os: "Linux 3.13.0-55-generic", toolchain: "CPython 2.7.3"))
    }

    @Test func rawDataAreSamples() throws {
        let dump = try load(Samples.path("pytest-benchmark/from-gh-action-benchmark/pytest_several_units.json"))
        let sleep = try #require(dump.profile.operations.first { $0.name == "test_sleep_2" })
        #expect(!sleep.summaryOnly)
        #expect(sleep.samples.count == 5)
        #expect(abs(sleep.samples[0] - 2_005_173_128) < 1e-3)
        // The sample file was trimmed by hand ("... omitted"): said, not hidden.
        #expect(
            dump.hasWarning(
                containing:
                    "\"test_fib_1\" stats.data holds 4 times for 68536 rounds (1 value not a time in seconds, skipped)")
        )
        #expect(sleep.summary == nil)
        // Trimmed data keeps the file's summary, which the analysis prefers (4 of 68,536 rounds).
        let fib = try #require(dump.profile.operations.first { $0.name == "test_fib_1" })
        #expect(!fib.summaryOnly && fib.samples.count == 4 && fib.summary?.count == 68536)
        #expect(
            dump.hasWarning(
                containing:
                    "the raw samples are incomplete; count, mean, spread and quartiles come from the summary statistics"
            ))
        let run = dump.profile.run
        #expect(run.git == GitInfo(commit: "b8e9e2af2493a1ee2f3fa758a9572cd9972e6db7", branch: "master"))
        #expect(run.environment?.cpuModel == "Intel(R) Core(TM) i5-5257U CPU @ 2.70GHz")
    }

    @Test func groupsAndCores() throws {
        let text = """
            {"machine_info":{"node":"ci","cpu":{"brand_raw":"AMD EPYC 7763","count":4},"python_implementation":"PyPy","python_version":"3.10.14"},
             "commit_info":{"id":"abc123","branch":"main","dirty":false},"datetime":"2024-05-01T10:00:00+00:00","version":"4.0.0",
             "benchmarks":[{"group":"parse","name":"test_parse","fullname":"t.py::test_parse","stats":{"data":[0.001,0.002],"rounds":2,"min":0.001}}]}
            """
        let profile = try Ingestor().load(text: text, name: "bench.json").profile
        #expect(profile.operations == [ProfileResult(name: "test_parse", samples: [1e6, 2e6], group: "parse")])
        #expect(
            profile.run.environment
                == EnvironmentFingerprint(cpuModel: "AMD EPYC 7763", cores: 4, toolchain: "PyPy 3.10.14"))
    }

    @Test(arguments: [
        MarkedText(#"{"machine_info":{},"benchmarks":[{"name":"t","stats":⏏{}}]}"#),
        MarkedText(#"{"machine_info":{},"benchmarks":[⏏{"stats":{"min":1}}]}"#),
        MarkedText("{\"machine_info\":{},\n\"benchmarks\":[{\"name\":\"t\",\"stats\":{\"min\":⏏"),
    ])
    func corruptFilesGivePositionedErrors(_ input: MarkedText) throws {
        let error = try #require(loadError(text: input.text, name: "pb.json"))
        #expect(error.format == .pytestBenchmark)
        #expect((error.line, error.column) == (input.line, input.column), "\(error.description)")
    }
}
