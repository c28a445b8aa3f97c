import HotpathModel

/// Attributes an operation's change between two runs to the frames below it.
///
/// Both runs' call trees are cut to the operation: every outermost node of its name (a recursive
/// call inside another is part of the outer one) and the paths below, merged by path. The change
/// of the operation's time per call (spans) or share of the run (stacks) is then split, exactly:
/// it is the sum over the frames below of the change of their self time per call of the
/// operation. Going down from the operation, a callee that is called more or less often per call
/// of its caller (the Poisson test significant and the count change at least the threshold) at
/// about the same time per call keeps its whole subtree's change as a call-count change; a callee
/// present in one run only keeps its subtree's as new or gone; any other frame gives its own
/// time's change and its callees are looked at in turn. The frames are ranked by how much of the
/// change they explain in its direction, and listed until they explain `explainedTarget` of it.
public struct ChangeAttribution: Sendable {
    /// The level of the call-count test deciding that a callee is called more or less often.
    public var significanceLevel: Double
    /// The smallest relative change of calls per caller call that counts as a call-count change.
    public var minimumCallChange: Double

    /// Frames are listed until they explain this fraction of the change.
    public static let explainedTarget = 0.8
    /// At most this many frames are listed.
    public static let frameLimit = 10

    public init(significanceLevel: Double = 0.05, minimumCallChange: Double = 0.05) {
        self.significanceLevel = significanceLevel
        self.minimumCallChange = minimumCallChange
    }

    public init(options: AnalysisOptions) {
        self.init(significanceLevel: options.falseDiscoveryRate, minimumCallChange: options.relativeThreshold)
    }

    /// Where `operation`'s change came from; nil when either run has no call under it, the runs'
    /// trees are of different kinds, or nothing changed.
    public func attribute(operation: String, baseline: CallContextTree, current: CallContextTree) -> Attribution? {
        guard baseline.kind == current.kind else { return nil }
        let merged = MergedSubtree(operation: operation, sides: [baseline, current])
        let before = merged.stats[0][0]
        let after = merged.stats[1][0]
        guard before.count > 0, after.count > 0 else { return nil }
        let spans = current.kind == .timed
        let norm =
            spans ? [Double(before.count), Double(after.count)] : [baseline.totalWeight, current.totalWeight]
        guard norm[0] > 0, norm[1] > 0 else { return nil }
        let baselineValue = before.total / norm[0]
        let currentValue = after.total / norm[1]
        let change = currentValue - baselineValue
        guard change != 0, change.isFinite else { return nil }

        var candidates: [Candidate] = []
        func selfCandidate(_ node: Int) {
            let b = merged.stats[0][node]
            let h = merged.stats[1][node]
            guard b.selfTotal != 0 || h.selfTotal != 0 else { return }
            candidates.append(
                Candidate(
                    node: node, kind: .selfTime, contribution: h.selfTotal / norm[1] - b.selfTotal / norm[0]))
        }
        // Depth-first over nodes present in both runs.
        var pending = [0]
        while let node = pending.popLast() {
            selfCandidate(node)
            for child in merged.children[node] {
                let b = merged.stats[0][child]
                let h = merged.stats[1][child]
                let contribution = h.total / norm[1] - b.total / norm[0]
                if b.count == 0 {
                    candidates.append(Candidate(node: child, kind: .new, contribution: contribution))
                    continue
                }
                if h.count == 0 {
                    candidates.append(Candidate(node: child, kind: .gone, contribution: contribution))
                    continue
                }
                if spans, let test = callCountChange(merged, child, parent: node, norm: norm) {
                    candidates.append(Candidate(node: child, kind: .callCount, contribution: contribution, test: test))
                    continue
                }
                pending.append(child)
            }
        }

        let direction: Double = change > 0 ? 1 : -1
        let ranked = candidates.filter { $0.contribution * direction > 0 }.sorted {
            $0.contribution * direction != $1.contribution * direction
                ? $0.contribution * direction > $1.contribution * direction : $0.node < $1.node
        }
        var frames: [AttributedFrame] = []
        var explained = 0.0
        for candidate in ranked {
            guard explained * direction < Self.explainedTarget * abs(change), frames.count < Self.frameLimit else {
                break
            }
            explained += candidate.contribution
            frames.append(frame(candidate, merged, norm: norm, spans: spans, change: change))
        }
        return Attribution(
            basis: spans ? "per_call" : "share", baselineValue: baselineValue, currentValue: currentValue,
            baselineCalls: before.count, currentCalls: after.count, explained: explained / change, frames: frames)
    }

    /// The call-count test of `child` when its calls per caller call changed at least the
    /// threshold, significantly, and the count explains more of its change than its time per call.
    func callCountChange(_ merged: MergedSubtree, _ child: Int, parent: Int, norm: [Double]) -> AttributionTest? {
        let b = merged.stats[0][child]
        let h = merged.stats[1][child]
        let parentB = Double(merged.stats[0][parent].count)
        let parentH = Double(merged.stats[1][parent].count)
        guard parentB > 0, parentH > 0 else { return nil }
        let perParentB = Double(b.count) / parentB
        let perParentH = Double(h.count) / parentH
        guard abs(perParentH / perParentB - 1) >= minimumCallChange else { return nil }
        let perRootB = Double(b.count) / norm[0]
        let perRootH = Double(h.count) / norm[1]
        let perCallB = b.total / Double(b.count)
        let perCallH = h.total / Double(h.count)
        let countEffect = (perRootH - perRootB) * perCallB
        let timeEffect = perRootH * (perCallH - perCallB)
        guard abs(countEffect) > abs(timeEffect),
            let test = RateTests.poisson(
                current: h.count, currentExposure: parentH, baseline: b.count, baselineExposure: parentB),
            test.pValue < significanceLevel
        else { return nil }
        return AttributionTest(method: "poisson", statistic: test.statistic, pValue: test.pValue)
    }

    func frame(_ candidate: Candidate, _ merged: MergedSubtree, norm: [Double], spans: Bool, change: Double)
        -> AttributedFrame
    {
        let node = candidate.node
        let b = merged.stats[0][node]
        let h = merged.stats[1][node]
        var frame = AttributedFrame(
            name: merged.names[node], path: merged.path(to: node), kind: candidate.kind,
            contribution: candidate.contribution, share: candidate.contribution / change)
        let parent = merged.parents[node]
        if spans, parent >= 0 {
            let parentB = Double(merged.stats[0][parent].count)
            let parentH = Double(merged.stats[1][parent].count)
            frame.baselineCallsPerParent = parentB > 0 ? Double(b.count) / parentB : nil
            frame.currentCallsPerParent = parentH > 0 ? Double(h.count) / parentH : nil
        }
        switch candidate.kind {
        case .selfTime:
            if spans {
                frame.baselineSelfPerCall = b.count > 0 ? b.selfTotal / Double(b.count) : nil
                frame.currentSelfPerCall = h.count > 0 ? h.selfTotal / Double(h.count) : nil
                if let test = MannWhitneyU.test(merged.selfSamples(1, node), merged.selfSamples(0, node)) {
                    frame.test = AttributionTest(method: "mann_whitney", statistic: test.u, pValue: test.pValue)
                }
            } else if let test = RateTests.twoProportion(
                current: h.selfTotal, currentTotal: norm[1], baseline: b.selfTotal, baselineTotal: norm[0])
            {
                frame.test = AttributionTest(method: "two_proportion", statistic: test.statistic, pValue: test.pValue)
            }
        case .callCount:
            frame.test = candidate.test
        case .new, .gone:
            if spans, parent >= 0 {
                if let test = RateTests.poisson(
                    current: h.count, currentExposure: Double(merged.stats[1][parent].count), baseline: b.count,
                    baselineExposure: Double(merged.stats[0][parent].count))
                {
                    frame.test = AttributionTest(method: "poisson", statistic: test.statistic, pValue: test.pValue)
                }
            } else if !spans,
                let test = RateTests.twoProportion(
                    current: h.total, currentTotal: norm[1], baseline: b.total, baselineTotal: norm[0])
            {
                frame.test = AttributionTest(method: "two_proportion", statistic: test.statistic, pValue: test.pValue)
            }
        }
        return frame
    }

    struct Candidate {
        var node: Int
        var kind: AttributedFrame.Kind
        var contribution: Double
        var test: AttributionTest?
    }
}

/// Two runs' call trees below one operation, merged by path: node 0 is the operation (all its
/// outermost calls), every other node a path of frame names below it.
struct MergedSubtree {
    struct Stats {
        var count = 0
        var total = 0.0
        var selfTotal = 0.0
        /// The side's tree nodes merged here (for their per-call samples).
        var nodes: [Int32] = []
    }

    var names: [String]
    var parents: [Int] = [-1]
    var children: [[Int]] = [[]]
    /// `stats[side][node]`.
    var stats: [[Stats]]
    let trees: [CallContextTree]

    init(operation: String, sides: [CallContextTree]) {
        trees = sides
        names = [operation]
        stats = Array(repeating: [Stats()], count: sides.count)
        var nameIDs: [String: Int] = [operation: 0]
        var globalNames = [operation]
        var nodeByKey: [Int: Int] = [:]
        for (side, tree) in sides.enumerated() {
            // This tree's name indexes as merged name ids, assigned on first use.
            var localToGlobal = [Int](repeating: -1, count: tree.names.count)
            func globalID(_ local: Int32) -> Int {
                let local = Int(local)
                if localToGlobal[local] >= 0 { return localToGlobal[local] }
                let name = tree.names[local]
                let id: Int
                if let known = nameIDs[name] {
                    id = known
                } else {
                    id = globalNames.count
                    globalNames.append(name)
                    nameIDs[name] = id
                }
                localToGlobal[local] = id
                return id
            }
            let target = tree.names.firstIndex(of: operation).map(Int32.init)
            guard let target else { continue }
            var mapped = [Int](repeating: -1, count: tree.nodeCount)
            for node in 1..<max(1, tree.nodeCount) {
                let parent = Int(tree.parents[node])
                let nameIndex = tree.nameIndexes[node]
                let merged: Int
                if parent >= 0, mapped[parent] >= 0 {
                    let key = mapped[parent] << 31 | globalID(nameIndex)
                    if let existing = nodeByKey[key] {
                        merged = existing
                    } else {
                        merged = names.count
                        names.append(tree.names[Int(nameIndex)])
                        parents.append(mapped[parent])
                        children.append([])
                        children[mapped[parent]].append(merged)
                        for index in stats.indices { stats[index].append(Stats()) }
                        nodeByKey[key] = merged
                    }
                } else if nameIndex == target {
                    merged = 0
                } else {
                    continue
                }
                mapped[node] = merged
                stats[side][merged].count += tree.counts[node]
                stats[side][merged].total += tree.totals[node]
                stats[side][merged].selfTotal += tree.selfTotals[node]
                stats[side][merged].nodes.append(Int32(node))
            }
        }
    }

    /// Names from the operation down to `node`.
    func path(to node: Int) -> [String] {
        var path: [String] = []
        var current = node
        while current >= 0 {
            path.append(names[current])
            current = parents[current]
        }
        return path.reversed()
    }

    /// The per-call self times of `node` in run `side`.
    func selfSamples(_ side: Int, _ node: Int) -> [Double] {
        var samples: [Double] = []
        for original in stats[side][node].nodes {
            samples.append(contentsOf: trees[side].selfSamples(of: Int(original)))
        }
        return samples
    }
}
