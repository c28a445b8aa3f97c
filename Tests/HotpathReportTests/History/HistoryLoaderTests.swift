import Foundation
import HotpathAnalysis
import HotpathIngest
import HotpathModel
import Testing
import _HotpathTestSupport

@testable import HotpathReport

/// Reading a folder of dumps into a history: order, the run store, start times.
@Suite struct HistoryLoaderTests {
    @Test func aChangedDumpIsReadAgain() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try HistoryFixtures.write(into: folder.file("in"), nights: 3)
        let cache = DiskRunStore(root: folder.file("cache"), configuration: .init(), ingestOptions: .init())
        let loader = HistoryLoader(ingestor: .init(), configuration: .init(), store: cache)
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
        let loaded = HistoryLoader(ingestor: .init(), configuration: .init(), store: nil).load([folder.path])
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
        let byFileTime = HistoryLoader(ingestor: .init(), configuration: .init(), store: nil).load([untimed.path])
        #expect(
            byFileTime.runs.map(\.summary.source).map { ($0 as NSString).lastPathComponent } == ["b.json", "a.json"])
        #expect(byFileTime.runs.allSatisfy { $0.summary.orderedBy == "file_time" })
        #expect(byFileTime.notes.contains { $0.message.contains("ordered by file modification time") })
    }

    /// Start times as dumps write them, with or without a zone; none means UTC.
    @Test(arguments: [
        ("2016-08-02T17:44:46", 1_470_159_886.0), ("2016-08-02 17:44:46", 1_470_159_886.0),
        ("2016-08-02T17:44:46Z", 1_470_159_886.0), ("2016-08-02T19:44:46+02:00", 1_470_159_886.0),
        ("2016-08-02T12:44:46-0500", 1_470_159_886.0), ("2016-08-02T17:44:46.250000", 1_470_159_886.25),
        // A date alone is its midnight, UTC: a start time still, better than the file's.
        ("2016-08-02", 1_470_096_000.0),
    ]) func startTimes(_ text: String, _ seconds: Double) {
        #expect(UnitFormat.parseISO8601(text)?.timeIntervalSince1970 == seconds)
    }

    @Test(arguments: [
        "", "yesterday", "2016-02-31T00:00:00", "2016-13-02T00:00:00", "2016-08-02T17:44:46+",
        "2016-08-02T17:44:46 junk",
    ])
    func notStartTimes(_ text: String) {
        #expect(UnitFormat.parseISO8601(text) == nil)
    }

    /// A dump the store has seen, unchanged, is not read again; a new one is read once.
    @Test func onlyANewDumpIsRead() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try HistoryFixtures.write(into: folder.file("in"), nights: 5)
        let store = DiskRunStore(root: folder.file("cache"), configuration: .init(), ingestOptions: .init())
        let loader = HistoryLoader(ingestor: .init(), configuration: .init(), store: store)
        #expect(loader.load([folder.file("in")]).analyzed == 5)
        try HistoryFixtures.write(into: folder.file("in"), nights: 1, firstNight: 5)
        let loaded = loader.load([folder.file("in")])
        #expect(loaded.runs.count == 6 && loaded.analyzed == 1)
        #expect(loaded.runs.last?.summary.run.runID == "night-0005")
        // The stored analysis is the one a fresh read gives.
        let fresh = HistoryLoader(ingestor: .init(), configuration: .init(), store: nil).load([folder.file("in")])
        #expect(try loaded.runs[2].load().report == fresh.runs[2].load().report)
    }

    /// A quick dump's analysis is not stored: it is read and analyzed again when needed, and
    /// only while it is still the dump the run was keyed by. A slow one's is stored.
    @Test func aQuickDumpIsReadAgainInsteadOfStored() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try HistoryFixtures.write(into: folder.file("in"), nights: 3)
        let fresh = HistoryLoader(ingestor: .init(), configuration: .init(), store: nil).load([folder.file("in")])
        for (threshold, stored) in [(Duration.seconds(3600), false), (.zero, true)] {
            let root = folder.file("cache-\(stored)")
            let store = DiskRunStore(root: root, configuration: .init(), ingestOptions: .init())
            var loader = HistoryLoader(ingestor: .init(), configuration: .init(), store: store)
            loader.storeAnalysisAfter = threshold
            #expect(loader.load([folder.file("in")]).analyzed == 3)
            let files = try FileManager.default.subpathsOfDirectory(atPath: root)
            #expect(files.filter { $0.hasSuffix("/analysis.json") }.count == (stored ? 3 : 0))
            #expect(files.filter { $0.hasSuffix("/summary.bin") }.count == 3)
            let cached = loader.load([folder.file("in")])
            #expect(cached.analyzed == 0)
            for night in 0..<3 { #expect(try cached.runs[night].load().report == fresh.runs[night].load().report) }
        }
        // Changed after its summary was read, a dump whose analysis was not stored is refused.
        let store = DiskRunStore(root: folder.file("cache-false"), configuration: .init(), ingestOptions: .init())
        let cached = HistoryLoader(ingestor: .init(), configuration: .init(), store: store).load([folder.file("in")])
        let changed = HistoryFixtures.profile(night: 1, stepNight: 0, stepOperation: "parse_contract", stepFactor: 2)
        try JSONEncoder().encode(changed).write(
            to: URL(fileURLWithPath: folder.file("in/" + HistoryFixtures.fileName(1))))
        #expect(throws: IngestError.self) { try cached.runs[1].load() }
    }

    /// A nightly build (few dumps new to the store) holds the new runs' analyses, so the new
    /// run's page does not read its dump again; a first build of many dumps holds none.
    @Test func fewNewDumpsKeepTheirAnalysesInMemory() throws {
        for hold in [false, true] {
            let folder = try TemporaryFolder()
            defer { folder.remove() }
            try HistoryFixtures.write(into: folder.file("in"), nights: 3)
            let store = DiskRunStore(root: folder.file("cache"), configuration: .init(), ingestOptions: .init())
            var loader = HistoryLoader(ingestor: .init(), configuration: .init(), store: store)
            loader.storeAnalysisAfter = .seconds(3600)
            loader.holdNewAnalysesUpTo = hold ? 3 : 2
            let loaded = loader.load([folder.file("in")])
            #expect(loaded.analyzed == 3)
            let before = try loaded.runs[1].load().report
            // A dump changed after loading: a held analysis is the one read; else it is read again and refused.
            let changed = HistoryFixtures.profile(
                night: 1, stepNight: 0, stepOperation: "parse_contract", stepFactor: 2)
            try JSONEncoder().encode(changed).write(
                to: URL(fileURLWithPath: folder.file("in/" + HistoryFixtures.fileName(1))))
            if hold {
                #expect(try loaded.runs[1].load().report == before)
            } else {
                #expect(throws: IngestError.self) { try loaded.runs[1].load() }
            }
        }
    }
}
