import Testing

@testable import HotpathAnalysis

@Suite struct SpanForestTests {
    /// Ids that are the spans' indexes (as the trace importer numbers them) are taken as they
    /// are; other ids are looked up: both give each span's parent index, self-parents, unknown
    /// and missing parents as roots.
    @Test(arguments: [0, 1, 1000]) func parentsFromIdsThatAreIndexesOrNot(offset: Int) {
        let parents = [-1, 0, 1, 1, 0, 5, 99, 7, 3]
        let ids = parents.indices.map { $0 + offset }
        let parentIDs = parents.map { $0 == -1 ? Int.min : $0 + offset }
        let expected = [-1, 0, 1, 1, 0, -1, -1, -1, 3]
        #expect(SpanForest.parentIndexes(ids: ids, parentIDs: parentIDs) == expected)
    }

    /// Ids spread far apart take the table.
    @Test func sparseIdsAreLookedUp() {
        let ids = [10, 1_000_000, 5, 70_000_000]
        let parentIDs = [Int.min, 10, 1_000_000, 12]
        #expect(SpanForest.parentIndexes(ids: ids, parentIDs: parentIDs) == [-1, 0, 1, -1])
    }
}
