import Foundation
import HotpathIngest
import HotpathModel
import Testing

@testable import HotpathReport

/// The history cache's summaries: read by hand for speed, they must equal what the generic
/// decoder reads from the same bytes, whatever the values.
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

    /// `value` as the cache writes it.
    private func encoded(_ value: some Encodable) throws -> [UInt8] {
        try JSONBytesEncoder().encode(value)
    }

    @Test func handReadSummariesEqualTheGenericDecoders() throws {
        let original = summary([
            operation("parse \"quoted\" ü"), operation("render", group: "BM_Render", p95: nil),
            operation("nan mean", mean: .nan, p50: .infinity, p95: -.infinity),
            operation("no stats", mean: nil, p50: nil, p95: nil),
        ])
        let bytes = try encoded(original)
        let byHand = try bytes.withUnsafeBytes { try SummaryReader.read($0) }
        let value = try bytes.withUnsafeBytes { try JSONScanner.parseDocument($0) }
        let generic = try JSONValueDecoder(nonFiniteStrings: true).decode(RunSummary.self, from: value)
        #expect(byHand.operations.count == 4)
        #expect(String(describing: byHand) == String(describing: generic))
        #expect(byHand.operations[2].mean?.isNaN == true)
        #expect(byHand.operations[2].p95 == -.infinity)
        #expect(byHand.operations[1].group == "BM_Render")
        #expect(byHand.run.runID == "night-7")
    }

    @Test func anUnexpectedOperationLeavesTheSummaryToTheGenericDecoder() throws {
        let text = String(decoding: try encoded(summary([operation("a")])), as: UTF8.self)
        for changed in [
            text.replacingOccurrences(of: #""metric":"timing""#, with: #""metric":"no such metric""#),
            text.replacingOccurrences(of: #""count":7"#, with: #""count":7.5"#),
            text.replacingOccurrences(of: #""name":"a""#, with: #""name":"a","new_member":1"#),
            text.replacingOccurrences(of: #""total_ns":1500000000"#, with: #""total_ns":"soon""#),
        ] {
            #expect(changed != text)
            #expect(throws: JSONError.self) { try Array(changed.utf8).withUnsafeBytes { try SummaryReader.read($0) } }
        }
    }
}
