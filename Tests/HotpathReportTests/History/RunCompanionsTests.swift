import HotpathModel
import Testing

@testable import HotpathReport

/// Which profile is a benchmark suite's own (`RunCompanions`): side by side in a run folder,
/// else the same commit; never a guess between two.
@Suite struct RunCompanionsTests {
    static func run(_ source: String, suite: Bool, commit: String? = nil) -> RunSummary {
        RunSummary(
            run: RunMetadata(
                workflow: "w", runID: source, git: commit.map { GitInfo(commit: $0) },
                kind: suite ? .benchmarkSuite : nil),
            source: source, orderedBy: "start_time", time: nil, totalNs: 0, operations: [])
    }

    @Test func aRunFolderWithOneOfEachJoinsThem() {
        let runs = [
            Self.run("nightly/1/bench.json", suite: true), Self.run("nightly/1/perf.txt", suite: false),
            Self.run("nightly/2/bench.json", suite: true), Self.run("nightly/2/perf.txt", suite: false),
        ]
        #expect(RunCompanions.profiles(in: runs) == [0: 1, 2: 3])
    }

    @Test func twoProfilesInAFolderJoinNothing() {
        let runs = [
            Self.run("run/bench.json", suite: true), Self.run("run/perf.txt", suite: false),
            Self.run("run/trace.json", suite: false),
        ]
        #expect(RunCompanions.profiles(in: runs).isEmpty)
    }

    @Test func aFlatFolderOfManyRunsJoinsByCommitOnly() {
        let runs = [
            Self.run("all/bench-1.json", suite: true, commit: "abc"),
            Self.run("all/bench-2.json", suite: true, commit: "def"),
            Self.run("all/perf-1.txt", suite: false, commit: "abc"),
            Self.run("all/perf-2.txt", suite: false, commit: "def"),
            Self.run("all/bench-3.json", suite: true, commit: "ghi"),
            Self.run("all/perf-3a.txt", suite: false, commit: "ghi"),
            Self.run("all/perf-3b.txt", suite: false, commit: "ghi"),
            Self.run("all/bench-4.json", suite: true),
        ]
        // Commit ghi has two profiles and bench-4 no commit: neither is joined.
        #expect(RunCompanions.profiles(in: runs) == [0: 2, 1: 3])
    }
}
