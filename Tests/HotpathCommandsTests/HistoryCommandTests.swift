import Foundation
import HotpathAnalysis
import HotpathModel
import Testing
import _HotpathTestSupport

@testable import HotpathCommands

@Suite(.serialized) struct HistoryCommandTests {
    @Test func aYearOfNightsWithAStepYieldsItsRegressionFeedAndTrend() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let nightly = folder.file("nightly")
        try HistoryFixtures.write(into: nightly, nights: 365, stepNight: 200)
        let out = folder.file("site")
        let cache = folder.file("cache")
        #expect(await CommandRunner.run(["report", nightly, "--out", out, "--cache", cache, "--quiet"]) == 0)

        let regressions = try String(contentsOfFile: out + "/regressions.html", encoding: .utf8)
        #expect(regressions.contains("render_template"))
        #expect(regressions.contains("night-0200"))
        // Night 200 is older than the newest 30 runs, but a change starts there: it keeps its page.
        let runFolders = try FileManager.default.contentsOfDirectory(atPath: out + "/runs")
        let night200 = try #require(runFolders.first { $0.hasPrefix("night-0200") })
        #expect(regressions.contains("href=\"runs/\(night200)/index.html\""))
        #expect(FileManager.default.fileExists(atPath: out + "/runs/\(night200)/index.html"))
        let feed = try String(contentsOfFile: out + "/feed.xml", encoding: .utf8)
        #expect(feed.contains("<title>render_template regressed +"))
        #expect(feed.contains("night-0200"))
        let trendFiles = try FileManager.default.contentsOfDirectory(atPath: out + "/trends")
        let trend = try String(
            contentsOfFile: out + "/trends/" + trendFiles.first { $0.hasPrefix("render-template") }!, encoding: .utf8)
        #expect(trend.contains("class=\"change-point\""))
        #expect(trend.contains("regression from night-0200"))
        #expect(await CommandRunner.run(["validate", out]) == 0)

        // One more night: only that dump is read; the other 365 come from the cache.
        try HistoryFixtures.write(into: nightly, nights: 1, stepNight: 200, firstNight: 365)
        let loaded = HistoryLoader(
            ingestor: .init(), configuration: .init(),
            cache: HistoryCache(root: cache, configuration: .init(), ingestOptions: .init())
        ).load([nightly])
        #expect(loaded.runs.count == 366 && loaded.analyzed == 1)
        #expect(loaded.runs.last?.summary.run.runID == "night-0365")
    }

    @Test func aChangedDumpIsReadAgain() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try HistoryFixtures.write(into: folder.file("in"), nights: 3)
        let cache = HistoryCache(root: folder.file("cache"), configuration: .init(), ingestOptions: .init())
        let loader = HistoryLoader(ingestor: .init(), configuration: .init(), cache: cache)
        #expect(loader.load([folder.file("in")]).analyzed == 3)
        #expect(loader.load([folder.file("in")]).analyzed == 0)
        let changed = HistoryFixtures.profile(night: 1, stepNight: 0, stepOperation: "parse_contract", stepFactor: 2)
        try JSONEncoder().encode(changed).write(
            to: URL(fileURLWithPath: folder.file("in/" + HistoryFixtures.fileName(1))))
        let again = loader.load([folder.file("in")])
        #expect(again.analyzed == 1)
        let parse = again.runs[1].summary.operations.first { $0.name == "parse_contract" }
        #expect((parse?.p50 ?? 0) > 7e6)
    }

    @Test func runsAreOrderedByStartTimeElseFileTime() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // File names sort the other way round from the nights.
        for night in 0..<3 {
            try JSONEncoder().encode(
                HistoryFixtures.profile(night: night, stepNight: nil, stepOperation: "", stepFactor: 1)
            )
            .write(to: URL(fileURLWithPath: folder.file("z\(2 - night).json")))
        }
        let loaded = HistoryLoader(ingestor: .init(), configuration: .init(), cache: nil).load([folder.path])
        #expect(loaded.runs.map(\.summary.run.runID) == ["night-0000", "night-0001", "night-0002"])
        // Without start times, file modification times order the runs, and a note says so.
        let untimed = try TemporaryFolder()
        defer { untimed.remove() }
        for (index, name) in ["b.json", "a.json"].enumerated() {
            var profile = HistoryFixtures.profile(night: index, stepNight: nil, stepOperation: "", stepFactor: 1)
            profile.run.startTime = nil
            let path = untimed.file(name)
            try JSONEncoder().encode(profile).write(to: URL(fileURLWithPath: path))
            try FileManager.default.setAttributes(
                [.modificationDate: Date(timeIntervalSince1970: 1_000_000 + Double(index) * 60)], ofItemAtPath: path)
        }
        let byFileTime = HistoryLoader(ingestor: .init(), configuration: .init(), cache: nil).load([untimed.path])
        #expect(
            byFileTime.runs.map(\.summary.source).map { ($0 as NSString).lastPathComponent } == ["b.json", "a.json"])
        #expect(byFileTime.runs.allSatisfy { $0.summary.orderedBy == "file_time" })
        #expect(byFileTime.notes.contains { $0.message.contains("ordered by file modification time") })
    }

    @Test func baselineIsThePreviousComparableRunUnlessPinned() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try HistoryFixtures.write(into: folder.file("in"), nights: 3)
        var other = HistoryFixtures.profile(night: 3, stepNight: nil, stepOperation: "", stepFactor: 1)
        other.run.environment?.cores = 64
        try JSONEncoder().encode(other).write(to: URL(fileURLWithPath: folder.file("in/night-0003.json")))
        let runs = HistoryLoader(ingestor: .init(), configuration: .init(), cache: nil).load([folder.file("in")]).runs
        let assembly = HistoryAssembly(configuration: .init())
        #expect(assembly.previousComparable(before: 2, in: runs) == 1)
        #expect(assembly.previousComparable(before: 3, in: runs) == nil)
        let (records, _) = try assembly.assemble(runs, pinnedBaseline: nil)
        #expect(records[2].report.comparison?.baseline.runID == "night-0001")
        #expect(records[3].report.comparison == nil)
        let pinned = try runs[0].load()
        let (pinnedRecords, _) = try assembly.assemble(runs, pinnedBaseline: pinned)
        #expect(pinnedRecords[2].report.comparison?.baseline.runID == "night-0000")
    }

    @Test func checkExitsWithTheRegressionCodeOnTheStepNightOnly() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try HistoryFixtures.write(into: folder.path, nights: 3, stepNight: 2)
        let night = { (index: Int) in folder.file(HistoryFixtures.fileName(index)) }
        #expect(
            await CommandRunner.run(["check", night(2), "--baseline", night(1), "--markdown", folder.file("pr.md")])
                == 1)
        let markdown = try String(contentsOfFile: folder.file("pr.md"), encoding: .utf8)
        #expect(markdown.contains("| render\\_template | regression |"))
        #expect(
            await CommandRunner.run(["check", night(1), "--baseline", night(0), "--markdown", folder.file("quiet.md")])
                == 0)
        _ = try folder.write("budgets.toml", "[budgets.generate_code]\np95 = \"1 ms\"\n")
        #expect(
            await CommandRunner.run([
                "check", night(1), "--baseline", night(0), "--budgets", folder.file("budgets.toml"), "--markdown",
                folder.file("b.md"),
            ]) == 2)
        #expect(await CommandRunner.run(["check", folder.file("missing.json")]) == 3)
    }

    /// `--baseline-run ID`: every run is compared with the named run (by run id or file name);
    /// an unknown id is refused with the ids there are.
    @Test func aNamedRunIsEveryRunsBaseline() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try HistoryFixtures.write(into: folder.file("in"), nights: 4)
        let runs = HistoryLoader(ingestor: .init(), configuration: .init(), cache: nil).load([folder.file("in")]).runs
        var assembly = HistoryAssembly(configuration: .init())
        assembly.baselineRunID = "night-0001"
        let (records, _) = try assembly.assemble(runs, pinnedBaseline: nil)
        #expect(
            records.map { $0.report.comparison?.baseline.runID } == ["night-0001", nil, "night-0001", "night-0001"])
        #expect(try HistoryAssembly.index(ofRun: HistoryFixtures.fileName(2), in: runs) == 2)
        #expect(throws: HistoryAssembly.UnknownRun.self) { try HistoryAssembly.index(ofRun: "night-9999", in: runs) }

        let out = folder.file("site")
        #expect(
            await CommandRunner.run([
                "report", folder.file("in"), "--out", out, "--no-cache", "--quiet", "--baseline-run", "night-0000",
            ]) == 0)
        let run = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        #expect(run.contains("night-0000"))
        #expect(
            await CommandRunner.run([
                "report", folder.file("in"), "--out", folder.file("x"), "--no-cache", "--baseline-run", "nope",
            ]) == 64)
        #expect(
            await CommandRunner.run([
                "check", folder.file("in"), "--baseline-run", "night-0000", "--markdown", folder.file("pr.md"),
            ]) == 0)
        #expect(try String(contentsOfFile: folder.file("pr.md"), encoding: .utf8).contains("night-0000"))
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
        let runs = HistoryLoader(ingestor: .init(), configuration: .init(), cache: nil).load([folder.file("in")]).runs
        let assembly = HistoryAssembly(configuration: .init())
        #expect(assembly.previousComparable(before: 1, in: runs) == 0)
        #expect(assembly.previousComparable(before: 2, in: runs) == nil)
        // Pinned to an unrelated run: compared operation by operation, but no "measured speedup".
        let (records, _) = try assembly.assemble(runs, pinnedBaseline: try runs[0].load())
        #expect(records[2].report.comparison != nil && records[2].report.comparison?.totalSpeedup == nil)
        #expect(records[1].report.comparison?.totalSpeedup != nil)
    }

    /// Start times as dumps write them, with or without a zone; none means UTC.
    @Test(arguments: [
        ("2016-08-02T17:44:46", 1_470_159_886.0), ("2016-08-02 17:44:46", 1_470_159_886.0),
        ("2016-08-02T17:44:46Z", 1_470_159_886.0), ("2016-08-02T19:44:46+02:00", 1_470_159_886.0),
        ("2016-08-02T12:44:46-0500", 1_470_159_886.0), ("2016-08-02T17:44:46.250000", 1_470_159_886.25),
    ]) func startTimes(_ text: String, _ seconds: Double) {
        #expect(HistoryLoader.parseTime(text)?.timeIntervalSince1970 == seconds)
    }

    @Test(arguments: [
        "", "yesterday", "2016-08-02", "2016-13-02T00:00:00", "2016-08-02T17:44:46+", "2016-08-02T17:44:46 junk",
    ])
    func notStartTimes(_ text: String) {
        #expect(HistoryLoader.parseTime(text) == nil)
    }

    /// A budget naming no operation of the run is said, not silently passed.
    @Test func aBudgetForAMissingOperationIsReported() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try HistoryFixtures.write(into: folder.path, nights: 1)
        let report = try HistoryLoader(ingestor: .init(), configuration: .init(), cache: nil).load([
            folder.file(HistoryFixtures.fileName(0))
        ]).runs[0].load().report
        var configuration = Configuration()
        configuration.budgets = ["no_such_operation": Budget(p95: 1e6)]
        let checks = Analyzer(configuration: configuration).checkBudgets(report)
        let notes = BudgetDiagnostics.unchecked(checks, in: report)
        #expect(notes.count == 1 && notes[0].message.contains("no operation named \"no_such_operation\""), "\(notes)")
    }
}
