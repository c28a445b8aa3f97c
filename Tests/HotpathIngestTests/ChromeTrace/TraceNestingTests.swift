import HotpathModel
import Testing

@testable import HotpathIngest

/// Nesting a trace's spans with every thread's keys sorted in pieces on all cores and merged
/// must give what sorting each thread's keys at once gives: the same order, parents and
/// overlap warnings, ties at one start included.
@Suite struct TraceNestingTests {
    /// Spans in random file order on `threads` threads, the first holding most: coarse starts
    /// (many equal), durations from a few values (equal ones, zero, long ones that contain many
    /// others, and ones that reach past their parent's end).
    static func spans(count: Int, threads: Int, seed: UInt64) -> [PendingSpan] {
        var generator = SeededGenerator(seed: seed)
        let durations: [Double] = [0, 0.5, 1, 2, 5, 10, 100, 1_000, 30_000]
        return (0..<count).map { index in
            let thread = generator.next() % 3 == 0 ? Int(generator.next() % UInt64(threads)) : 0
            return PendingSpan(
                name: Int32(generator.next() % 40), category: -1, thread: Int32(thread),
                order: Int32(index), start: Double(generator.next() % 20_000) / 2,
                duration: durations[Int(generator.next() % UInt64(durations.count))], argsText: -1, offset: index * 10)
        }
    }

    static let origin = 3.5

    /// Each thread's keys gathered in file order, sorted at once and nested, and the table's
    /// columns (the spans of one thread after those of the threads before): the reference.
    static func nestedOneSortPerThread(
        _ spans: [PendingSpan], threads: Int
    ) -> (nestings: [TraceEventReader.ThreadNesting], columns: TraceEventReader.TableColumns) {
        var nestings = [TraceEventReader.ThreadNesting](repeating: .init(), count: threads)
        for (index, span) in spans.enumerated() {
            let thread = Int(span.thread)
            nestings[thread].keys.append(
                .init(
                    start: span.start, duration: span.duration, order: span.order,
                    index: Int32(nestings[thread].keys.count)))
            nestings[thread].labels.append(.init(name: span.name, category: span.category, argsText: span.argsText))
            nestings[thread].spanIndexes.append(Int32(index))
        }
        var columns = TraceEventReader.TableColumns(startsNs: [], durationsNs: [], parentIDs: [])
        for thread in nestings.indices {
            nestings[thread].keys.sort { $0.precedes($1) }
            TraceEventReader.link(&nestings[thread], spans)
            let firstID = columns.startsNs.count
            columns.startsNs += nestings[thread].keys.map { ($0.start - origin) * 1000 }
            columns.durationsNs += nestings[thread].keys.map { $0.duration * 1000 }
            columns.parentIDs += nestings[thread].parents.map { $0 >= 0 ? firstID + Int($0) : SpanTable.noParent }
        }
        return (nestings, columns)
    }

    static func expectSame(
        _ actual: (nestings: [TraceEventReader.ThreadNesting], columns: TraceEventReader.TableColumns),
        _ expected: (nestings: [TraceEventReader.ThreadNesting], columns: TraceEventReader.TableColumns)
    ) {
        #expect(actual.columns.startsNs == expected.columns.startsNs)
        #expect(actual.columns.durationsNs == expected.columns.durationsNs)
        #expect(actual.columns.parentIDs == expected.columns.parentIDs)
        #expect(actual.nestings.count == expected.nestings.count)
        for (got, want) in zip(actual.nestings, expected.nestings) {
            #expect(got.keys.map(\.start) == want.keys.map(\.start))
            #expect(got.keys.map(\.duration) == want.keys.map(\.duration))
            #expect(got.keys.map(\.order) == want.keys.map(\.order))
            #expect(got.keys.map(\.index) == want.keys.map(\.index))
            #expect(got.parents == want.parents)
            #expect(got.overlapOffsets == want.overlapOffsets)
            #expect(got.spanIndexes == want.spanIndexes)
            #expect(got.labels.map(\.name) == want.labels.map(\.name))
        }
    }

    /// Enough spans that the busiest thread is sorted in pieces, and few (one thread: nested
    /// on this one; several: one piece each).
    @Test(arguments: [
        (1, 5 * TraceEventReader.minimumSortPiece), (3, 5 * TraceEventReader.minimumSortPiece), (1, 2_000), (3, 2_000),
    ])
    func piecesSortedOnAllCoresNestAsOneSort(threads: Int, count: Int) {
        let spans = Self.spans(count: count, threads: threads, seed: UInt64(threads * count))
        let nested = TraceEventReader.nestThreads(spans, threadCount: threads, origin: Self.origin)
        Self.expectSame(nested, Self.nestedOneSortPerThread(spans, threads: threads))
        #expect(nested.nestings[0].parents.contains { $0 >= 0 })
        #expect(!nested.nestings[0].overlapOffsets.isEmpty)
    }

    /// However many pieces, sorted on their own and merged they are the one sort's order.
    @Test(arguments: [1, 2, 3, 4, 7])
    func piecesMergeIntoTheOneSortsOrder(pieces: Int) {
        let spans = Self.spans(count: 5_000, threads: 1, seed: UInt64(pieces))
        let keys = spans.map {
            TraceEventReader.NestingKey(start: $0.start, duration: $0.duration, order: $0.order, index: $0.order)
        }
        let sortedPieces = (0..<pieces).map { piece in
            keys[keys.count * piece / pieces..<keys.count * (piece + 1) / pieces].sorted { $0.precedes($1) }[...]
        }
        let merged = TraceEventReader.merged(sortedPieces)
        #expect(merged.map(\.order) == keys.sorted { $0.precedes($1) }.map(\.order))
    }

    /// A thread of many keys is cut in a piece per core, one of few is not; the pieces cover
    /// each thread's keys, one after the other.
    /// Each merge of two runs cut into parts of its output, merged at once: the one sort's order,
    /// however the parts fall (a part of one run only, of both, of unequal runs).
    @Test(arguments: [(2, 2), (2, 3), (3, 2), (5, 4)])
    func mergesCutIntoPartsGiveTheOneSortsOrder(pieces: Int, parts: Int) {
        let count = 4 * TraceEventReader.minimumSortPiece + 77
        let spans = Self.spans(count: count, threads: 1, seed: UInt64(pieces * 10 + parts))
        let keys = spans.map {
            TraceEventReader.NestingKey(start: $0.start, duration: $0.duration, order: $0.order, index: $0.order)
        }
        // Unequal pieces: the first takes half.
        let bounds = [0] + (1..<pieces).map { count / 2 + (count / 2) * ($0 - 1) / (pieces - 1) } + [count]
        let sortedPieces = (0..<pieces).map { piece in
            keys[bounds[piece]..<bounds[piece + 1]].sorted { $0.precedes($1) }[...]
        }
        let merged = TraceEventReader.merged(sortedPieces, parts: parts)
        #expect(merged.map(\.order) == keys.sorted { $0.precedes($1) }.map(\.order))
    }

    @Test func piecesPerCoreForBigThreads() {
        let big = 3 * TraceEventReader.minimumSortPiece + 5
        let pieces = TraceEventReader.sortPieces(firstIDs: [0, big, big + 10], sizes: [big, 10, 0], cores: 2)
        #expect(pieces[0] == [0..<big / 2, big / 2..<big])
        #expect(pieces[1] == [big..<big + 10])
        #expect(pieces[2] == [big + 10..<big + 10])
    }

    /// Spans already in nesting order in their file (a producer that writes spans as they
    /// start) come out in that order, their parents found.
    @Test func spansInOrderStayInOrder() {
        let spans = (0..<(3 * TraceEventReader.minimumSortPiece)).map { index in
            PendingSpan(
                name: 0, category: -1, thread: 0, order: Int32(index), start: Double(index / 6),
                duration: Double(3 - index / 2 % 3), argsText: -1, offset: index)
        }
        let nested = TraceEventReader.nestThreads(spans, threadCount: 1, origin: Self.origin)
        Self.expectSame(nested, Self.nestedOneSortPerThread(spans, threads: 1))
        #expect(nested.nestings[0].keys.map(\.order) == spans.map(\.order))
    }
}
