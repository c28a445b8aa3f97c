import Foundation
import HotpathModel
import Testing
import _HotpathTestSupport

@testable import HotpathAnalysis

/// A big table of stacks is aggregated in runs on every core and merged: the merge must give
/// exactly what one pass gives (the same sums, the same tree, node for node), whatever the
/// number of runs, or fall back to one pass when it could not.
@Suite struct StackAggregationTests {
    /// Collapsed stacks read the simplest way (`frame;frame count` per line), so this target
    /// needs no importer: the real files below have no comments, blanks or two-count lines.
    static func table(collapsed text: String) -> StackTable {
        var stacks: [StackSample] = []
        for line in text.split(whereSeparator: \.isNewline) {
            guard let space = line.lastIndex(of: " "), let weight = Double(line[line.index(after: space)...]) else {
                continue
            }
            stacks.append(
                StackSample(frames: line[..<space].split(separator: ";").map(String.init), weight: weight))
        }
        return StackTable(stacks)
    }

    /// Stacks of a recursive program, not sorted, some deeper than the tree keeps, with
    /// repeated stacks and frames recurring in a stack; `fractions` makes weights fractional.
    static func synthetic(stacks count: Int, seed: UInt64, fractions: Bool = false) -> StackTable {
        var generator = SeededGenerator(seed: seed)
        let names = (0..<60).map { "f\($0)" }
        var table = StackTable()
        for _ in 0..<count {
            let deep = generator.next() % 50 == 0
            let depth =
                deep ? CallTreeBuilder.maximumDepth + 1 + Int(generator.next() % 20) : 1 + Int(generator.next() % 12)
            var frames = ["main"]
            for _ in 1..<depth { frames.append(names[Int(generator.next() % UInt64(deep ? 3 : names.count))]) }
            var weight = Double(1 + generator.next() % 500)
            if fractions { weight += Double(generator.next() % 8) / 8 + 0.1 }
            table.append(StackSample(frames: frames, weight: weight))
        }
        return table
    }

    /// Everything the aggregation gives, to compare one way of making it with another.
    struct Outcome: Equatable {
        var total: Double
        var folded: Int
        var operations: [OperationStatistics]
        var tree: CallTreeNode?
        var contexts: CallContextTree?

        init(_ aggregation: StackAggregation) {
            total = aggregation.totalWeight
            folded = aggregation.foldedStacks
            operations = aggregation.operations(total: aggregation.totalWeight, unit: .samples)
            tree = aggregation.tree
            contexts = aggregation.contexts
        }
    }

    @Test(arguments: [2, 3, 7])
    func runsMergeIntoWhatOnePassGives(parts: Int) throws {
        let stacks = Self.synthetic(stacks: 3_000, seed: 7)
        let one = StackAggregation(stacks: stacks, parts: 1)
        let split = StackAggregation(stacks: stacks, parts: parts)
        #expect(one.parts == 1 && split.parts == parts)
        #expect(one.foldedStacks > 0)
        #expect(Outcome(split) == Outcome(one))
    }

    @Test func realProfilesMergeIntoWhatOnePassGives() throws {
        let files = [
            "collapsed/from-flamegraph/test__results__perf-java-stacks-01-collapsed-all.txt",
            "collapsed/from-flamegraph/test__results__perf-rust-Yamakaky-dcpu-collapsed-all.txt",
            "collapsed/from-flamegraph/test__results__perf-iperf-stacks-pidtid-01-collapsed-all.txt",
            "collapsed/from-inferno/flamegraph__colors__async-profiler-collapsed-part.txt",
            "collapsed/from-firefox-profiler/flamegraph.txt",
        ]
        for file in files {
            let stacks = Self.table(collapsed: try String(contentsOfFile: Samples.path(file), encoding: .utf8))
            try #require(stacks.count >= 20, "\(file)")
            let one = StackAggregation(stacks: stacks, parts: 1)
            let split = StackAggregation(stacks: stacks, parts: 4)
            #expect(split.parts == 4, "\(file)")
            #expect(Outcome(split) == Outcome(one), "\(file)")
            // Totals by hand: each stack counts once per frame, however often the frame recurs.
            var totals: [String: Double] = [:]
            var selfs: [String: Double] = [:]
            for stack in stacks {
                for frame in Set(stack.frames) { totals[frame, default: 0] += stack.weight }
                selfs[stack.frames.last!, default: 0] += stack.weight
            }
            #expect(split.totalByName == totals, "\(file)")
            #expect(split.selfByName == selfs.filter { $0.value > 0 }, "\(file)")
        }
    }

    @Test func fractionalWeightsAreAddedInOnePass() {
        // 0.1 + 0.2 + 0.3 is not 0.1 + (0.2 + 0.3): runs would change the last digit.
        let stacks = Self.synthetic(stacks: 2_000, seed: 3, fractions: true)
        let asked = StackAggregation(stacks: stacks, parts: 4)
        #expect(asked.parts == 1)
        #expect(Outcome(asked) == Outcome(StackAggregation(stacks: stacks, parts: 1)))
        #expect(!StackAggregation.sumsAreExact([1, 2, 0.5]))
        #expect(!StackAggregation.sumsAreExact([1, .infinity]))
        #expect(!StackAggregation.sumsAreExact([1, .nan]))
        #expect(!StackAggregation.sumsAreExact([0x1p52, 0x1p52]))
        #expect(StackAggregation.sumsAreExact([0x1p52, -1, 3]))
    }

    @Test func runsCoverEveryStackWithAboutAsManyFramesEach() {
        let stacks = Self.synthetic(stacks: 5_000, seed: 11)
        for count in [1, 2, 5, 8] {
            let runs = StackAggregation.runs(of: stacks, count: count)
            #expect(runs.count == count)
            #expect(runs.first?.lowerBound == 0 && runs.last?.upperBound == stacks.count)
            #expect(zip(runs, runs.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound && !$0.isEmpty })
            let frames = runs.map { stacks.stackStarts[$0.upperBound] - stacks.stackStarts[$0.lowerBound] }
            // No run more than a deep stack's frames away from its share.
            let share = stacks.frameIndexes.count / count
            #expect(frames.allSatisfy { abs($0 - share) <= 2 * (CallTreeBuilder.maximumDepth + 20) })
        }
        // More runs than stacks: one run per stack at most.
        let few = StackTable([StackSample(frames: ["a"], weight: 1), StackSample(frames: ["b"], weight: 1)])
        #expect(StackAggregation.runs(of: few, count: 5).count <= 2)
        #expect(StackAggregation(stacks: StackTable(), parts: 3).tree == nil)
    }
}
