import HotpathModel
import Testing

@testable import HotpathIngest

@Suite struct StackAccumulatorTests {
    /// `count` stacks drawn from `distinct` shapes (root first, 1 to 40 frames of 300, on one of
    /// four threads or none), weights of a few bits each so sums are exact only in order.
    static func samples(count: Int, distinct: Int, seed: UInt64) -> [(thread: Int32, frames: [Int32], weight: Double)] {
        var generator = SeededGenerator(seed: seed)
        let shapes = (0..<distinct).map { _ -> (Int32, [Int32]) in
            let depth = 1 + Int(generator.next() % 40)
            return (Int32(generator.next() % 5) - 1, (0..<depth).map { _ in Int32(generator.next() % 300) })
        }
        return (0..<count).map { _ in
            let shape = shapes[Int(generator.next() % UInt64(distinct))]
            return (shape.0, shape.1, Double(generator.next() % 1_000_003) / 7)
        }
    }

    static func tables(_ samples: [(thread: Int32, frames: [Int32], weight: Double)]) -> (
        merged: StackTable, later: StackTable
    ) {
        var merged = StackAccumulator()
        var later = StackAccumulator()
        later.reserveCapacity(stacks: samples.count, frames: 16)
        for sample in samples {
            merged.add(thread: sample.thread, frames: sample.frames, weight: sample.weight)
            sample.frames.withUnsafeBufferPointer {
                later.appendUnmerged(thread: sample.thread, frames: $0, weight: sample.weight)
            }
        }
        let names = (0..<300).map { "f\($0)" }
        return (
            merged.takeStackTable(frameNames: names) { "thread \($0)" },
            later.takeStackTable(frameNames: names) { "thread \($0)" }
        )
    }

    static func expectSame(_ first: StackTable, _ second: StackTable) {
        #expect(first.frameNames == second.frameNames)
        #expect(first.stackStarts == second.stackStarts)
        #expect(first.frameIndexes == second.frameIndexes)
        // To the bit: the same additions in the same order.
        #expect(first.weights.map(\.bitPattern) == second.weights.map(\.bitPattern))
        #expect(first.threadNames == second.threadNames)
        #expect(first.threadIndexes == second.threadIndexes)
    }

    @Test(arguments: [(1, 1), (3, 2), (20_000, 3_000), (5_000, 4_900), (4_000, 1)])
    func stacksMergedAtTheEndAreTheStacksMergedAsTheyCame(_ count: Int, _ distinct: Int) {
        let samples = Self.samples(count: count, distinct: distinct, seed: UInt64(count * 31 + distinct))
        let (merged, later) = Self.tables(samples)
        #expect(merged.count <= distinct)
        #expect(merged.count > 0)
        Self.expectSame(merged, later)
    }

    @Test func stacksThatDifferOnlyInThreadOrLengthStayApart() {
        let samples: [(thread: Int32, frames: [Int32], weight: Double)] = [
            (-1, [1, 2], 1), (0, [1, 2], 2), (-1, [1, 2, 0], 4), (-1, [1], 8), (-1, [1, 2], 16), (0, [1, 2], 32),
            (-1, [1, 2, 0, 0, 0, 0], 64), (-1, [1, 2, 0, 0, 0], 128), (-1, [1, 2, 0, 0, 0], 256),
        ]
        let (merged, later) = Self.tables(samples)
        Self.expectSame(merged, later)
        #expect(later.weights == [17, 34, 4, 8, 64, 384])
    }

    @Test func oneStackAppendedAHundredThousandTimesIsHeldAFewTimesAtMost() {
        var accumulator = StackAccumulator()
        accumulator.reserveCapacity(stacks: 16, frames: 1_000)
        let frames: [Int32] = Array(0..<10)
        for _ in 0..<100_000 {
            frames.withUnsafeBufferPointer { accumulator.appendUnmerged(thread: -1, frames: $0, weight: 1) }
        }
        // Merged each time the frames passed 1,000: never more than 101 copies of 10 frames.
        #expect(accumulator.count <= 101)
        let table = accumulator.takeStackTable(frameNames: (0..<10).map { "f\($0)" }) { _ in "" }
        #expect(table.weights == [100_000])
        #expect(table.frameIndexes == frames)
    }
}
