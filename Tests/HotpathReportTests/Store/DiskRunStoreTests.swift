import Foundation
import HotpathAnalysis
import HotpathIngest
import HotpathModel
import Testing

@testable import HotpathReport

/// The history cache's summaries: stored as bytes for speed, they must come back exactly,
/// whatever the values, and a damaged one must not be read.
@Suite struct DiskRunStoreTests {
    private func summary(_ operations: [OperationSummary]) -> RunSummary {
        RunSummary(
            run: RunMetadata(
                workflow: "nightly", runID: "night-7", startTime: "2026-12-01T02:00:00Z", labels: ["trigger": "cron"]),
            source: "in/night-7.json",
            orderedBy: "start_time", time: "2026-12-01T02:00:00Z", totalNs: 1.5e9, operations: operations)
    }

    private func operation(
        _ name: String, group: String? = nil, mean: Double? = 2.5, p50: Double? = 2, p95: Double? = 4,
        p99: Double? = nil
    ) -> OperationSummary {
        OperationSummary(
            name: name, metric: .timing, unit: .nanoseconds, group: group, count: 7, total: 17.5, share: 0.25,
            mean: mean, p50: p50, p95: p95, p99: p99)
    }

    @Test func summariesComeBackExactlyWhateverTheValues() throws {
        let original = summary([
            operation("parse \"quoted\" ü"), operation("render", group: "BM_Render", p95: nil),
            operation("nan mean", mean: .nan, p50: .infinity, p95: -.infinity),
            operation("no stats", mean: nil, p50: nil, p95: nil),
            operation(
                "17 digits", mean: 9888704.140867578, p50: 0.016994400410326203, p95: .leastNonzeroMagnitude, p99: -0.0),
        ])
        let bytes = try SummaryFile.encode(original)
        let read = try #require(bytes.withUnsafeBytes { SummaryFile.decode($0) })
        #expect(read.operations.count == 5)
        #expect(read.operations[2].mean?.isNaN == true)
        #expect(read.operations[2].p95 == -.infinity)
        #expect(read.operations[4].p99?.sign == .minus)
        // NaN is not equal to itself: compare the rest as text, bit patterns where it matters.
        #expect(String(describing: read) == String(describing: original))
        #expect(read.operations.map { $0.p50?.bitPattern } == original.operations.map { $0.p50?.bitPattern })
        #expect(read.run == original.run && read.totalNs == original.totalNs && read.time == original.time)
    }

    @Test func aDamagedSummaryIsNotRead() throws {
        let bytes = try SummaryFile.encode(summary([operation("a"), operation("b", group: "g")]))
        #expect(bytes.withUnsafeBytes { SummaryFile.decode($0) } != nil)
        // Cut anywhere, or with a byte more, or another magic: nil, and the run is analyzed again.
        for length in 0..<bytes.count {
            #expect(Array(bytes[..<length]).withUnsafeBytes { SummaryFile.decode($0) } == nil)
        }
        #expect((bytes + [0]).withUnsafeBytes { SummaryFile.decode($0) } == nil)
        var otherVersion = bytes
        otherVersion[5] = UInt8(ascii: "2")
        #expect(otherVersion.withUnsafeBytes { SummaryFile.decode($0) } == nil)
        // The old JSON summary is not taken for one.
        let json = try JSONBytesEncoder().encode(summary([operation("a")]))
        #expect(json.withUnsafeBytes { SummaryFile.decode($0) } == nil)
    }

    @Test func theStoreReadsBackWhatItStored() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hotpath-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = DiskRunStore(root: root.path, configuration: Configuration(), ingestOptions: IngestOptions())
        let original = summary([operation("a"), operation("b", mean: nil)])
        #expect(store.summary("k1") == nil)
        let analysis = AnalyzedRun(
            dump: IngestedDump(path: "x.json", format: .native, profile: Profile(run: original.run)),
            configuration: Configuration())
        store.store("k1", summary: original, analysis: analysis)
        #expect(store.summary("k1") == original)
        // A damaged summary marks the entry as missing.
        let file = store.entry("k1").appendingPathComponent("summary.bin")
        try Data([1, 2, 3]).write(to: file)
        #expect(store.summary("k1") == nil)
    }
}
