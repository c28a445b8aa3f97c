import HotpathModel
import Testing

@testable import HotpathAnalysis

@Suite struct CallTreeBuilderTests {
    /// Children found by walking a node's list, by the table past `listedChildren`, or as the
    /// child found last: each lookup gives the node a plain table of (parent, name) pairs gives,
    /// new nodes numbered in the order they are first asked for.
    @Test(arguments: [1, 3, 8, 9, 40])
    func childrenAreFoundAsOneTableFindsThem(names: Int) {
        var generator = SeededGenerator(seed: UInt64(names))
        var builder = CallTreeBuilder(rootName: "all")
        var expected: [[Int]: Int] = [:]
        var expectedParents = [-1]
        var expectedNames: [Int32] = [-1]
        var nodes = [0]
        for _ in 0..<20_000 {
            // Mostly a recent node, so some nodes get many children and repeats are common.
            let parent = nodes[nodes.count - 1 - Int(generator.next() % UInt64(min(nodes.count, 50)))]
            let name = Int(generator.next() % UInt64(names))
            let node = builder.child(of: parent, nameID: name)
            if let known = expected[[parent, name]] {
                #expect(node == known)
            } else {
                #expect(node == expectedParents.count)
                expected[[parent, name]] = node
                expectedParents.append(parent)
                expectedNames.append(Int32(name))
                nodes.append(node)
            }
        }
        #expect(builder.parents == expectedParents.map(Int32.init))
        #expect(builder.nameIDs == expectedNames)
    }

    /// A node's children past `listedChildren` move to the table and are still found, the
    /// listed ones as well as the later ones.
    @Test func childrenPastTheListAreStillFound() {
        var builder = CallTreeBuilder(rootName: "all")
        let count = Int(CallTreeBuilder.listedChildren) + 5
        let children = (0..<count).map { builder.child(of: 0, nameID: $0) }
        #expect(children == Array(1...count))
        for name in (0..<count).reversed() { #expect(builder.child(of: 0, nameID: name) == name + 1) }
        #expect(builder.child(of: 0, nameID: count) == count + 1)
    }

    /// A builder told how many nodes to expect makes room for them once it outgrows a small
    /// tree, and builds the very tree one without the hint builds.
    @Test func expectedNodesChangeNothingButRoom() {
        var hinted = CallTreeBuilder(rootName: "all")
        hinted.expectedNodes = 3 * CallTreeBuilder.smallTree
        var plain = CallTreeBuilder(rootName: "all")
        var generator = SeededGenerator(seed: 3)
        var (hintedNode, plainNode) = (0, 0)
        for step in 0..<(2 * CallTreeBuilder.smallTree) {
            // Down a long chain, back to the root now and then.
            if step % 1_000 == 0 { (hintedNode, plainNode) = (0, 0) }
            let name = Int(generator.next() % 5)
            hintedNode = hinted.child(of: hintedNode, nameID: name)
            plainNode = plain.child(of: plainNode, nameID: name)
            hinted.add(node: hintedNode, total: Double(step), selfValue: 1)
            plain.add(node: plainNode, total: Double(step), selfValue: 1)
            #expect(hintedNode == plainNode)
        }
        #expect(hinted.nameIDs.count > CallTreeBuilder.smallTree)
        #expect(hinted.parents == plain.parents)
        #expect(hinted.totals == plain.totals)
    }

    /// The edges walked in parts, each group of the root's subtrees on its own, give the pairs
    /// (in the order of their first appearance), totals and counts of one walk, bit for bit:
    /// recursion counted once, every call counted or not.
    @Test(arguments: [1, 2, 3, 5])
    func edgesWalkedInPartsAsInOneWalk(parts: Int) {
        var generator = SeededGenerator(seed: UInt64(parts))
        var builder = CallTreeBuilder(rootName: "all")
        for _ in 0..<3_000 {
            // A stack of a few names, often repeated along the path (recursion).
            var node = 0
            for _ in 0..<(1 + Int(generator.next() % 12)) {
                node = builder.child(of: node, nameID: Int(generator.next() % 6))
                builder.add(node: node, total: Double(generator.next() % 1_000) / 7, selfValue: 0)
            }
        }
        func pairs(_ tally: EdgeTally) -> [[Double]] {
            var pairs: [[Double]] = []
            tally.forEachPair { pairs.append([Double($0), Double($1), $2, Double($3)]) }
            return pairs
        }
        let walk = builder.edgeWalk(parts: parts)
        #expect((parts == 1 ? 1...1 : 2...parts).contains(walk.groups.count))
        for countingEveryCall in [true, false] {
            let walked = walk.groups.indices.map { walk.walk($0) }
            let inParts = pairs(walk.tally(walked, countingEveryCall: countingEveryCall))
            #expect(inParts == pairs(builder.edges(countingEveryCall: countingEveryCall)))
            #expect(inParts.count > 20)
        }
    }

    /// A tally through its dense table of pairs gives the slots, totals and counts the table of
    /// packed keys gives, for ids inside and outside the dense table.
    @Test func denseTallyAgreesWithTheKeyedOne() {
        var generator = SeededGenerator(seed: 7)
        var dense = EdgeTally(nameCount: 20)
        var keyed = EdgeTally()
        for _ in 0..<5_000 {
            let caller = Int(generator.next() % 30)
            let callee = Int(generator.next() % 30)
            let total = Double(generator.next() % 1_000) / 7
            #expect(dense.slot(caller: caller, callee: callee) == keyed.slot(caller: caller, callee: callee))
            dense.add(caller: caller, callee: callee, total: total)
            keyed.add(caller: caller, callee: callee, total: total)
        }
        var densePairs: [[Double]] = []
        var keyedPairs: [[Double]] = []
        dense.forEachPair { densePairs.append([Double($0), Double($1), $2, Double($3)]) }
        keyed.forEachPair { keyedPairs.append([Double($0), Double($1), $2, Double($3)]) }
        #expect(densePairs == keyedPairs)
        #expect(densePairs.count > 500)
    }
}
