import HotpathModel
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

    /// Ids that are indexes and parents that are all roots or other spans: the parent ids are
    /// the parents, shared, roots negative as they come.
    @Test func parentIdsThatAreIndexesAreTakenAsTheyAre() {
        let parentIDs = [Int.min, 0, 1, 1, Int.min, 4, -7]
        let parents = SpanForest.parentIndexes(ids: Array(parentIDs.indices), parentIDs: parentIDs)
        #expect(parents == parentIDs)
        #expect(parents.map { $0 >= 0 ? $0 : -1 } == [-1, 0, 1, 1, -1, 4, -1])
    }

    /// Each span's children in index order at its place in the rows, and the roots in index
    /// order, for parents before and after their children and negative roots of any value.
    @Test(arguments: [0, 1, 2_000]) func childRowsListEachSpansChildrenInIndexOrder(count: Int) {
        var generator = SeededGenerator(seed: UInt64(count))
        let parents = (0..<count).map { _ in
            generator.next() % 4 == 0 ? -1 - Int(generator.next() % 3) : Int(generator.next() % UInt64(count))
        }
        let (childStart, children, roots) = SpanForest.children(parentOf: parents)
        #expect(childStart.count == count + 1)
        for span in 0..<count {
            #expect(
                Array(children[childStart[span]..<childStart[span + 1]])
                    == parents.indices.filter { parents[$0] == span })
        }
        #expect(roots == parents.indices.filter { parents[$0] < 0 })
    }

    /// Ids spread far apart take the table.
    @Test func sparseIdsAreLookedUp() {
        let ids = [10, 1_000_000, 5, 70_000_000]
        let parentIDs = [Int.min, 10, 1_000_000, 12]
        #expect(SpanForest.parentIndexes(ids: ids, parentIDs: parentIDs) == [-1, 0, 1, -1])
    }

    /// A random forest stored in pre-order (each subtree in the indexes after its root,
    /// siblings by start), as the trace importer stores a thread's spans: parents and starts.
    static func preorderForest(count: Int, seed: UInt64) -> (parents: [Int], starts: [Double]) {
        var generator = SeededGenerator(seed: seed)
        var parents: [Int] = []
        var starts: [Double] = []
        var open: [Int] = []
        for index in 0..<count {
            // Leave some of the open spans (the deepest), or all of them: a new root.
            let leave = Int(generator.next() % UInt64(open.count + 2))
            open.removeLast(min(leave, open.count))
            parents.append(open.last ?? -1)
            // Equal starts now and then: ties go by index.
            starts.append(Double(index / 2))
            open.append(index)
        }
        return (parents, starts)
    }

    func walks(parents: [Int], starts: [Double]) -> (preorder: [Int32]?, depthFirst: [Int32]) {
        let (childStart, children, fileOrderRoots) = SpanForest.children(parentOf: parents)
        var roots = fileOrderRoots
        SpanForest.sortChronologically(&roots, starts: starts)
        return (
            SpanForest.preorderWalk(roots: roots, parentOf: parents, starts: starts),
            SpanForest.depthFirstWalk(roots: roots, childStart: childStart, children: children, starts: starts)
        )
    }

    /// Spans stored in pre-order are walked in one pass, exactly as the depth-first walk goes.
    @Test(arguments: [1, 2, 3]) func preorderWalkIsTheDepthFirstWalk(seed: UInt64) throws {
        let forest = Self.preorderForest(count: 5_000, seed: seed)
        let (preorder, depthFirst) = walks(parents: forest.parents, starts: forest.starts)
        #expect(try #require(preorder) == depthFirst)
        #expect(depthFirst.count == 2 * forest.parents.count)
    }

    /// Roots that start in another order than they are stored (threads interleaved in time)
    /// are walked in start order all the same.
    @Test func rootsAreWalkedByStart() throws {
        var forest = Self.preorderForest(count: 2_000, seed: 4)
        let roots = forest.parents.indices.filter { forest.parents[$0] < 0 }
        for (position, root) in roots.enumerated() where position % 2 == 1 { forest.starts[root] -= 10 }
        let (preorder, depthFirst) = walks(parents: forest.parents, starts: forest.starts)
        #expect(try #require(preorder) == depthFirst)
    }

    /// Spans stored otherwise are left to the depth-first walk: a parent stored after its
    /// child, a sibling that starts before the one stored ahead of it, a subtree split by
    /// another root's spans, a cycle, and a child before the first root.
    @Test(arguments: [
        ([-1, 2, 0], [0.0, 1, 1]),
        ([-1, 0, 0], [0.0, 5, 2]),
        ([-1, -1, 0], [0.0, 1, 2]),
        ([-1, 2, 1], [0.0, 1, 2]),
        ([1, -1, 1], [0.0, 0, 1]),
    ])
    func otherOrdersAreNotTakenForPreorder(parents: [Int], starts: [Double]) {
        let (preorder, depthFirst) = walks(parents: parents, starts: starts)
        #expect(preorder == nil)
        #expect(!depthFirst.isEmpty)
    }
}
