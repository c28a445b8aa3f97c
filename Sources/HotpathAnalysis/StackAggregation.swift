import HotpathModel

/// Weighted stacks from a sampling profiler, aggregated per frame name.
///
/// Works on the table's frame indexes: a frame's total counts each stack once however often
/// the frame recurs in it (a per-frame "last stack seen" mark, not a set per stack). Frames stay
/// ids until the results are made: callers and callees are lists per id, names come in only
/// where an operation's statistics are written.
///
/// A big table is aggregated on every core, in runs of stacks (`Part`), which are then merged:
/// per-frame tallies added, and each later run's call tree nodes found or made in the first
/// one's in the order they were made. A node is made when its path first appears, so the
/// merged tree has the very nodes, numbered alike, that one pass over the stacks makes, and
/// everything drawn from it (the page's tree, the contexts) is the same; callers and callees
/// are made per run and added up.
/// Weights are added in another order than one pass adds them, though, so runs are used only
/// when that cannot change a sum (`sumsAreExact`); else the stacks are read in one pass.
struct StackAggregation {
    var totalWeight = 0.0
    var totalByName: [String: Double] = [:]
    var selfByName: [String: Double] = [:]
    var tree: CallTreeNode?
    /// The unpruned call tree, for attribution.
    var contexts: CallContextTree?
    /// Stacks deeper than `CallTreeBuilder.maximumDepth`: folded at that depth in the tree.
    var foldedStacks = 0
    /// How many runs of stacks were aggregated apart and merged (1: one pass).
    private(set) var parts = 1

    /// Per frame id: its name, total, count of stacks and callers and callees.
    private let names: [String]
    private var totals: [Double] = []
    private var counts: [Int] = []
    private var selfWeights: [Double] = []
    private var callers: [[Edge]] = []
    private var callees: [[Edge]] = []

    /// A caller or callee of a frame: the other frame's id, the weight through the pair, and
    /// how many stacks pass it.
    struct Edge {
        var frame: Int
        var total: Double
        var count: Int
    }

    /// Tables with at least this many frames (summed over their stacks) are read in runs.
    static let parallelFrames = 1 << 18

    /// `parts`: how many runs of stacks to aggregate apart; nil chooses (one per core, at most
    /// eight, for a table of `parallelFrames` frames or more). One pass whatever is asked when
    /// the sums would not be exact.
    init(stacks: StackTable, contexts keepContexts: Bool = true, parts requested: Int? = nil) {
        names = stacks.frameNames
        let wanted =
            requested
            ?? (stacks.frameIndexes.count < Self.parallelFrames
                ? 1
                : min(8, ParallelMap.cores, stacks.frameIndexes.count / (Self.parallelFrames / 2)))
        let ranges =
            wanted > 1 && Self.sumsAreExact(stacks.weights)
            ? Self.runs(of: stacks, count: wanted) : [0..<stacks.count]
        parts = ranges.count
        // Each run's callers and callees are made with its tree: a pair's total in the merged
        // tree is the sum of its totals in the runs' trees (a node's path, which decides whether
        // it adds to a pair, is the same in both), so they are added like the other tallies.
        var whole = ParallelMap.map(ranges) { range in
            var part = Part(stacks: stacks, range: range)
            part.edges = part.builder.edges(countingEveryCall: false)
            return part
        }
        var merged = whole.removeFirst()
        for part in whole { merged.absorb(part) }
        whole = []
        totalWeight = merged.totalWeight
        foldedStacks = merged.foldedStacks
        totals = merged.totals
        counts = merged.counts
        selfWeights = merged.selfWeights
        merged.builder.add(node: 0, total: totalWeight, selfValue: 0, count: 0)
        if !stacks.isEmpty {
            tree = merged.builder.build(names: names, minimumShare: SpanForest.treeMinimumShare)
            if keepContexts {
                contexts = merged.builder.contextTree(kind: .sampled, names: names, totalWeight: totalWeight)
            }
        }
        callers = [[Edge]](repeating: [], count: names.count)
        callees = [[Edge]](repeating: [], count: names.count)
        merged.edges.forEachPair { caller, callee, total, count in
            callers[callee].append(Edge(frame: caller, total: total, count: count))
            callees[caller].append(Edge(frame: callee, total: total, count: count))
        }
        for id in names.indices where counts[id] > 0 {
            totalByName[names[id]] = totals[id]
            if selfWeights[id] > 0 { selfByName[names[id]] = selfWeights[id] }
        }
    }

    /// Whether adding `weights` in any order and grouping gives the same sums: each is a whole
    /// number and their magnitudes add up to less than 2⁵³, so every partial sum is exact.
    static func sumsAreExact(_ weights: [Double]) -> Bool {
        var magnitude = 0.0
        for weight in weights {
            guard weight.rounded(.towardZero) == weight else { return false }
            magnitude += abs(weight)
        }
        return magnitude < 0x1p53
    }

    /// `count` runs of whole stacks covering the table, about as many frames in each; none empty.
    static func runs(of stacks: StackTable, count: Int) -> [Range<Int>] {
        let frames = stacks.frameIndexes.count
        var ranges: [Range<Int>] = []
        var start = 0
        for part in 1..<max(1, count) {
            // The first stack starting at or after this part's share of the frames.
            let target = frames * part / count
            var low = start
            var high = stacks.count
            while low < high {
                let middle = (low + high) / 2
                if stacks.stackStarts[middle] < target { low = middle + 1 } else { high = middle }
            }
            if low > start, low < stacks.count {
                ranges.append(start..<low)
                start = low
            }
        }
        ranges.append(start..<stacks.count)
        return ranges
    }

    func operations(total: Double, unit: WeightUnit?) -> [OperationStatistics] {
        let metricUnit: MetricUnit =
            switch unit {
            case .nanoseconds: .nanoseconds
            case .bytes: .bytes
            case .samples, nil: .samples
            }
        // Weights in bytes (an allocation profile) measure memory, not time: no hot path, no
        // speedup estimate. Samples of a CPU or wall-clock profiler stand for time.
        let metric: ProfileMetricType = unit == .bytes ? .memory : .timing
        func named(_ edges: [Edge]) -> [CallEdge] {
            edges.map { CallEdge(name: names[$0.frame], total: $0.total, count: $0.count) }
                .sorted { $0.total != $1.total ? $0.total > $1.total : $0.name < $1.name }
        }
        var statistics: [OperationStatistics] = []
        for id in names.indices where counts[id] > 0 {
            let weight = totals[id]
            let selfWeight = selfWeights[id]
            statistics.append(
                OperationStatistics(
                    name: names[id], metric: metric, unit: metricUnit, count: counts[id], total: weight,
                    share: total > 0 ? weight / total : 0, selfTotal: selfWeight,
                    selfShare: total > 0 ? selfWeight / total : 0, summary: nil,
                    callers: named(callers[id]), callees: named(callees[id])))
        }
        return OperationStatistics.largestFirst(statistics)
    }
}

extension StackAggregation {
    /// A run of stacks aggregated on its own: per-frame tallies and a call tree.
    struct Part {
        var totalWeight = 0.0
        var totals: [Double]
        var selfWeights: [Double]
        var counts: [Int]
        var builder = CallTreeBuilder(rootName: "all")
        var foldedStacks = 0
        /// Its callers and callees, made from `builder` once it is whole.
        var edges = EdgeTally()

        init(stacks: StackTable, range: Range<Int>) {
            let frameCount = stacks.frameNames.count
            totals = [Double](repeating: 0, count: frameCount)
            selfWeights = [Double](repeating: 0, count: frameCount)
            counts = [Int](repeating: 0, count: frameCount)
            var lastStack = [Int](repeating: -1, count: frameCount)
            // The previous stack's frames and tree nodes: profilers write stacks sorted, so a stack
            // usually shares a prefix with the one before, whose nodes need no lookup.
            var previous: ArraySlice<Int32> = []
            var previousNodes: [Int] = []
            for index in range {
                let frames = stacks.frames(at: index)
                guard let leaf = frames.last else { continue }
                let weight = stacks.weights[index]
                totalWeight += weight
                var shared = 0
                while shared < frames.count, shared < previous.count,
                    frames[frames.startIndex + shared] == previous[previous.startIndex + shared]
                {
                    shared += 1
                }
                if frames.count > CallTreeBuilder.maximumDepth { foldedStacks += 1 }
                if previousNodes.count < frames.count {
                    previousNodes += repeatElement(0, count: frames.count - previousNodes.count)
                }
                var node = 0
                for (depth, frame) in frames.enumerated() {
                    let id = Int(frame)
                    if lastStack[id] != index {
                        lastStack[id] = index
                        totals[id] += weight
                        counts[id] += 1
                    }
                    // Past the tree's depth, the weight stays with the deepest node kept.
                    guard depth < CallTreeBuilder.maximumDepth else { continue }
                    node = depth < shared ? previousNodes[depth] : builder.child(of: node, nameID: id)
                    previousNodes[depth] = node
                    builder.add(node: node, total: weight, selfValue: 0)
                }
                previous = frames
                builder.add(node: node, total: 0, selfValue: weight, count: 0)
                selfWeights[Int(leaf)] += weight
            }
        }

        /// Adds a later run's tallies and tree. Its nodes come in the order they were made, each
        /// after its parent, so each is found (or made, as one pass would have made it then)
        /// under its parent's node here.
        mutating func absorb(_ other: Part) {
            totalWeight += other.totalWeight
            foldedStacks += other.foldedStacks
            for id in totals.indices {
                totals[id] += other.totals[id]
                selfWeights[id] += other.selfWeights[id]
                counts[id] += other.counts[id]
            }
            other.edges.forEachPair { caller, callee, total, count in
                edges.add(caller: caller, callee: callee, total: total, count: count)
            }
            let source = other.builder
            var nodeHere = [Int](repeating: 0, count: source.nameIDs.count)
            for node in 1..<source.nameIDs.count {
                let here = builder.child(of: nodeHere[Int(source.parents[node])], nameID: Int(source.nameIDs[node]))
                nodeHere[node] = here
                builder.add(
                    node: here, total: source.totals[node], selfValue: source.selfValues[node],
                    count: Int(source.counts[node]))
            }
        }
    }
}
