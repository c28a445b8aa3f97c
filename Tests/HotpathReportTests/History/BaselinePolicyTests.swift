import Foundation
import HotpathAnalysis
import HotpathModel
import Testing
import _HotpathTestSupport

@testable import HotpathReport

/// Which run each run is compared with, and what the history builder makes of it.
@Suite struct BaselinePolicyTests {
    @Test func baselineIsThePreviousComparableRunUnlessPinned() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try HistoryFixtures.write(into: folder.file("in"), nights: 3)
        var other = HistoryFixtures.profile(night: 3, stepNight: nil, stepOperation: "", stepFactor: 1)
        other.run.environment?.cores = 64
        try JSONEncoder().encode(other).write(to: URL(fileURLWithPath: folder.file("in/night-0003.json")))
        let runs = HistoryLoader(ingestor: .init(), configuration: .init(), store: nil).load([folder.file("in")]).runs
        #expect(BaselinePolicy.previousComparable(before: 2, in: runs) == 1)
        #expect(BaselinePolicy.previousComparable(before: 3, in: runs) == nil)
        let (records, _) = try HistoryBuilder(configuration: .init()).build(runs)
        #expect(records[2].report.comparison?.baseline.runID == "night-0001")
        #expect(records[3].report.comparison == nil)
        let pinned = try runs[0].load()
        let (pinnedRecords, _) = try HistoryBuilder(configuration: .init(), baseline: .pinned(pinned)).build(runs)
        #expect(pinnedRecords[2].report.comparison?.baseline.runID == "night-0000")
    }

    /// A named run (`--baseline-run ID`): every run is compared with it (found by run id or file
    /// name); an unknown id is a usage failure naming the ids there are.
    @Test func aNamedRunIsEveryRunsBaseline() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try HistoryFixtures.write(into: folder.file("in"), nights: 4)
        let runs = HistoryLoader(ingestor: .init(), configuration: .init(), store: nil).load([folder.file("in")]).runs
        let (records, _) = try HistoryBuilder(configuration: .init(), baseline: .namedRun("night-0001")).build(runs)
        #expect(
            records.map { $0.report.comparison?.baseline.runID } == ["night-0001", nil, "night-0001", "night-0001"])
        #expect(try BaselinePolicy.index(ofRun: HistoryFixtures.fileName(2), in: runs) == 2)
        #expect(throws: BaselinePolicy.UnknownRun.self) { try BaselinePolicy.index(ofRun: "night-9999", in: runs) }
        #expect {
            try HistoryBuilder(configuration: .init(), baseline: .namedRun("nope")).build(runs)
        } throws: { error in
            (error as? ReportFailure)?.kind == .usage
                && (error as? ReportFailure)?.description.contains("\"night-0003\"") == true
        }
    }

    /// A folder of unrelated dumps: a run is not compared with one that measured none of its
    /// operations, and run totals are not compared when the operations differ.
    @Test func unrelatedRunsAreNotCompared() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try HistoryFixtures.write(into: folder.file("in"), nights: 2)
        var other = HistoryFixtures.profile(night: 2, stepNight: nil, stepOperation: "", stepFactor: 1)
        for index in other.operations.indices { other.operations[index].name = "other_" + other.operations[index].name }
        other.spans = SpanTable()
        try JSONEncoder().encode(other).write(
            to: URL(fileURLWithPath: folder.file("in/" + HistoryFixtures.fileName(2))))
        let runs = HistoryLoader(ingestor: .init(), configuration: .init(), store: nil).load([folder.file("in")]).runs
        #expect(BaselinePolicy.previousComparable(before: 1, in: runs) == 0)
        #expect(BaselinePolicy.previousComparable(before: 2, in: runs) == nil)
        // Pinned to an unrelated run: compared operation by operation, but no "measured speedup".
        let (records, _) = try HistoryBuilder(configuration: .init(), baseline: .pinned(try runs[0].load())).build(runs)
        #expect(records[2].report.comparison != nil && records[2].report.comparison?.totalSpeedup == nil)
        #expect(records[1].report.comparison?.totalSpeedup != nil)
    }
}
