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

    /// However many cores the pieces are cut for, merged they are the one sort's order.
    @Test(arguments: [1, 2, 3, 4, 7])
    func piecesMergeIntoTheOneSortsOrder(cores: Int) throws {
        let spans = Self.spans(count: 3 * TraceEventReader.minimumSortPiece + 17, threads: 1, seed: 9)
        var nesting = TraceEventReader.ThreadNesting()
        nesting.keys = ArraySlice(
            spans.map {
                TraceEventReader.NestingKey(start: $0.start, duration: $0.duration, order: $0.order, index: $0.order)
            })
        let pieces = try #require(TraceEventReader.sortedPieces(of: [nesting], cores: cores).first ?? nil)
        #expect(pieces.count == min(cores, 3))
        let merged = TraceEventReader.merged(pieces)
        let sorted = nesting.keys.sorted { $0.precedes($1) }
        #expect(merged.map(\.order) == sorted.map(\.order))
    }

    /// Keys already in nesting order (a producer that writes spans as they start) are left as
    /// they are: no pieces.
    @Test func threadsInOrderAreNotCut() {
        var nesting = TraceEventReader.ThreadNesting()
        for position in 0..<(3 * TraceEventReader.minimumSortPiece) {
            let order = Int32(position)
            nesting.keys.append(
                .init(start: Double(position / 3), duration: Double(3 - position % 3), order: order, index: order))
        }
        #expect(TraceEventReader.sortedPieces(of: [nesting], cores: 2).map { $0 == nil } == [true])
    }
}
