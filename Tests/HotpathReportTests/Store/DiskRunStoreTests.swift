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

    private func parsed(_ value: some Encodable) throws -> JSONValue {
        let bytes = try JSONBytesEncoder().encode(value)
        return try bytes.withUnsafeBytes { try JSONScanner.parseDocument($0) }
    }

    @Test func handReadSummariesEqualTheGenericDecoders() throws {
        let original = summary([
            operation("parse \"quoted\" ü"), operation("render", group: "BM_Render", p95: nil),
            operation("nan mean", mean: .nan, p50: .infinity, p95: -.infinity),
            operation("no stats", mean: nil, p50: nil, p95: nil),
        ])
        let value = try parsed(original)
        let byHand = try #require(DiskRunStore.summary(from: value))
        let generic = try JSONValueDecoder(nonFiniteStrings: true).decode(RunSummary.self, from: value)
        #expect(byHand.operations.count == 4)
        #expect(String(describing: byHand) == String(describing: generic))
        #expect(byHand.operations[2].mean?.isNaN == true)
        #expect(byHand.operations[2].p95 == -.infinity)
        #expect(byHand.operations[1].group == "BM_Render")
        #expect(byHand.run.runID == "night-7")
    }

    @Test func anUnexpectedOperationLeavesTheSummaryToTheGenericDecoder() throws {
        guard case .object(var object) = try parsed(summary([operation("a")])) else {
            Issue.record("a summary is an object")
            return
        }
        let index = try #require(object.members.firstIndex { $0.key == "operations" })
        object.members[index].value = .array([
            .object(JSONObject(members: [("name", .string("a")), ("metric", .string("no such metric"))]))
        ])
        #expect(DiskRunStore.summary(from: .object(object)) == nil)
    }
}
