import HotpathModel

extension CallTreeBuilder {
    /// The builder's nodes kept whole (no pruning) for attribution. `spanNodes` and `spanSelf`
    /// give, for each span, its node and self time (NaN for spans folded past the tree's depth,
    /// which are left out of the per-call samples); empty for stacks.
    func contextTree(
        kind: ProfileKind, names: [String], spanNodes: [Int] = [], spanSelf: [Double] = [], totalWeight: Double = 0
    ) -> CallContextTree {
        let nodeCount = nameIDs.count
        var sampleStarts: [Int] = []
        var selfSamples: [Double] = []
        if !spanNodes.isEmpty {
            // Counting sort of the spans' self times by node.
            sampleStarts = [Int](repeating: 0, count: nodeCount + 1)
            for (position, node) in spanNodes.enumerated() where !spanSelf[position].isNaN {
                sampleStarts[node + 1] += 1
            }
            for node in 0..<nodeCount { sampleStarts[node + 1] += sampleStarts[node] }
            var fill = sampleStarts
            selfSamples = [Double](repeating: 0, count: sampleStarts[nodeCount])
            for (position, node) in spanNodes.enumerated() where !spanSelf[position].isNaN {
                selfSamples[fill[node]] = spanSelf[position]
                fill[node] += 1
            }
        }
        return CallContextTree(
            kind: kind, names: names, nameIndexes: nameIDs, parents: parents, counts: counts.map(Int.init),
            totals: totals, selfTotals: selfValues, sampleStarts: sampleStarts, selfSamples: selfSamples,
            totalWeight: totalWeight)
    }
}
