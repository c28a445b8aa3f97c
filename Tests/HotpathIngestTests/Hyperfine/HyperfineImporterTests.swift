import Foundation
import HotpathModel
import Testing
import _HotpathTestSupport

@testable import HotpathIngest

@Suite struct HyperfineImporterTests {
    @Test(arguments: sampleNames("hyperfine"))
    func importsEverySample(_ name: String) throws {
        let dump = try load(Samples.path("hyperfine/" + name))
        #expect(dump.format == .hyperfine)
        #expect(dump.profile.operations.count == 3)
    }

    @Test func timesInNanoseconds() throws {
        let profile = try load(Samples.path("hyperfine/generated/hyperfine-compressors.json")).profile
        #expect(
            profile.operations.map(\.name) == [
                "gzip -6 -c /tmp/corpus-work/blob.bin", "bzip2 -9 -c /tmp/corpus-work/blob.bin",
                "xz -1 -T1 -c /tmp/corpus-work/blob.bin",
            ])
        #expect(profile.operations.allSatisfy { $0.samples.count == 15 && $0.metric == .timing })
        #expect(abs(profile.operations[0].samples[0] - 78_477_490.4) < 1e-3)
    }

    @Test func failedRunsAreKeptAndReported() throws {
        let dump = try load(Samples.path("hyperfine/generated/hyperfine-with-failures.json"))
        #expect(dump.profile.operations.map(\.samples.count) == [5, 5, 5])
        #expect(dump.warningMessages.count == 2)
        #expect(
            dump.hasWarning(containing: "command \"sh -c 'exit 3'\" exited with a non-zero code (3) in 5 of 5 runs"))
        #expect(
            dump.hasWarning(
                containing: "command \"ls /nonexistent-path\" exited with a non-zero code (2) in 5 of 5 runs"))
    }

    @Test func parametersGroupTheScan() throws {
        let profile = try load(Fixtures.path("hyperfine-parameter-scan.json")).profile
        #expect(profile.operations.map(\.name) == ["sleep 0.01", "sleep 0.02"])
        #expect(profile.operations.map(\.group) == ["delay", "delay"])
        #expect(abs(profile.operations[0].samples[0] - 11_062_952.8) < 1e-3)
    }

    @Test func withoutTimesTheSummaryIsKept() throws {
        let text = """
            {"results":[{"command":"sleep 0.1","mean":0.102,"stddev":0.001,"median":0.1015,"min":0.101,"max":0.105,
              "exit_codes":[0,0,0,0,0,0,0,0,0,0]}]}
            """
        let dump = try Ingestor().load(text: text, name: "bench.json")
        let operation = try #require(dump.profile.operations.first)
        #expect(operation.summaryOnly)
        // Ten runs (one exit code each), not the two values that stand in for samples.
        #expect(
            operation.summary
                == SummaryStatistics(count: 10, mean: 102e6, stddev: 1e6, min: 101e6, max: 105e6, median: 101.5e6))
        #expect(dump.hasWarning(containing: "its statistics are the summary (runs counted by exit_codes"))
    }

    @Test func memoryUsageIsAMemoryOperation() throws {
        let profile = try load(Fixtures.path("hyperfine-memory.json")).profile
        #expect(profile.operations.map(\.name) == ["convert --fast input.png", "convert --fast input.png (memory)"])
        #expect(
            profile.operations[1]
                == ProfileResult(
                    name: "convert --fast input.png (memory)", metric: .memory,
                    samples: [10_485_760, 10_489_856, 10_493_952]))
    }

    @Test(arguments: [
        MarkedText(#"{"results":[{"command":"a","times":[0.1,⏏"slow"]}]}"#),
        MarkedText(#"{"results":[⏏{"times":[0.1]}]}"#),
        MarkedText("{\"results\":[{\"command\":\"a\",\n\"times\":[0.1,⏏"),
    ])
    func corruptFilesGivePositionedErrors(_ input: MarkedText) throws {
        let error = try #require(loadError(text: input.text, name: "hf.json"))
        #expect(error.format == .hyperfine)
        #expect((error.line, error.column) == (input.line, input.column), "\(error.description)")
    }
}
