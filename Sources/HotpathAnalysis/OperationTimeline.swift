import Dispatch
import HotpathModel

/// Per-operation statistics, nesting and the call tree of one profile.
///
/// Where the numbers come from:
/// - an operation's samples are its `operations` entry when the dump has one, else the
///   durations of its spans;
/// - its total counts a span only when no ancestor span has the same name, so recursion is not
///   counted twice; its self time is each span's duration minus the time its children cover
///   (the union of their intervals, so concurrent children are not subtracted twice);
/// - the run's total is the summed duration of root spans when there are spans, else the sum of
///   every timing operation's samples, and for sampled profiles the summed stack weight.
struct OperationTimeline {
    var kind: ProfileKind
    var total: Double
    var totalBasis: String
    /// First span start to last span end; nil without spans.
    var wall: Double?
    var statistics: [OperationStatistics]
    var callTree: CallTreeNode?
    var criticalPath: [CriticalPathStep]
    var warnings: [String]
    /// Raw samples per operation name, for comparisons.
    var samples: [String: [Double]]
    /// The call tree kept whole, for attributing a change (`ChangeAttribution`); nil without
    /// spans or stacks.
    var contexts: CallContextTree?

    /// `measure`: the clock used for operations timed by two (see `TimeMeasure`); `contexts`:
    /// whether the whole call tree is kept for attribution.
    init(profile: Profile, measure: TimeMeasure = .realTime, contexts keepContexts: Bool = true) {
        kind = profile.kind
        warnings = []
        samples = [:]
        criticalPath = []
        callTree = nil
        if kind == .sampled {
            let stacks = StackAggregation(stacks: profile.stacks, contexts: keepContexts)
            total = stacks.totalWeight
            totalBasis = "stack_weight"
            callTree = stacks.tree
            contexts = stacks.contexts
            statistics = stacks.operations(total: total, unit: profile.stackWeightUnit)
            if stacks.foldedStacks > 0 {
                warnings.append(
                    "\(stacks.foldedStacks) stack(s) are deeper than \(CallTreeBuilder.maximumDepth) frames; the call tree, flame graph and caller/callee lists fold their deeper frames into the frame at that depth (their statistics are unchanged)"
                )
            }
        } else {
            let spans = SpanForest(spans: profile.spans, contexts: keepContexts)
            if spans.unreachable > 0 {
                warnings.append("\(spans.unreachable) span(s) have parent links that form a cycle; they are left out")
            }
            if spans.foldedSpans > 0 {
                warnings.append(
                    "\(spans.foldedSpans) span(s) nest deeper than \(CallTreeBuilder.maximumDepth) levels; the call tree, flame graph and caller/callee lists fold them into their ancestor at that depth (their statistics are unchanged)"
                )
            }
            if spans.warningCount > 0 {
                warnings.append(
                    "\(spans.warningCount) span(s) have children reaching outside their own start and end; self time counts only the part inside"
                )
            }
            var metrics: [String: (metric: ProfileMetricType, group: String?, summaryOnly: Bool)] = [:]
            // The source's own statistics, used when the samples cannot stand for the operation
            // (summary values, or fewer samples than the measurements summarized). An operation
            // listed twice is not one summary: its samples are used then.
            var reported: [String: SummaryStatistics?] = [:]
            // Operations timed by two clocks: the measure used, and the other one's samples and
            // reported statistics (kept only to be shown beside the main numbers).
            var measureByName: [String: TimeMeasure] = [:]
            var otherSamples: [String: [Double]] = [:]
            var otherReported: [String: SummaryStatistics?] = [:]
            for operation in profile.operations {
                let chosen = Self.measure(of: operation, preferring: measure)
                let (own, ownSummary, other, otherSummary) =
                    chosen == .cpuTime
                    ? (operation.cpuSamples ?? [], operation.cpuSummary, operation.samples, operation.summary)
                    : (operation.samples, operation.summary, operation.cpuSamples ?? [], operation.cpuSummary)
                samples[operation.name, default: []].append(contentsOf: own)
                if chosen != nil {
                    otherSamples[operation.name, default: []].append(contentsOf: other)
                }
                if metrics[operation.name] == nil {
                    metrics[operation.name] = (operation.metric, operation.group, operation.summaryOnly)
                    reported[operation.name] = ownSummary.flatMap {
                        operation.summaryOnly || own.count < $0.count ? $0 : nil
                    }
                    otherReported[operation.name] = otherSummary.flatMap {
                        operation.summaryOnly || other.count < $0.count ? $0 : nil
                    }
                    measureByName[operation.name] = chosen
                } else {
                    reported[operation.name] = .some(nil)
                    otherReported[operation.name] = .some(nil)
                    if measureByName[operation.name] != chosen {
                        // Entries of one name timed differently: their samples are not one
                        // measure's, so none is claimed.
                        measureByName[operation.name] = nil
                        otherSamples[operation.name] = nil
                    }
                }
            }
            let summaryByName = reported.compactMapValues { $0 }
            for name in summaryByName.keys { metrics[name]?.summaryOnly = true }
            // Names timed only by their spans: their statistics are the spans' (`summaryByName`).
            var summarizedSpans = Set<String>()
            for (name, durations) in spans.durationsByName where samples[name] == nil {
                samples[name] = durations
                metrics[name] = (.timing, nil, false)
                summarizedSpans.insert(name)
            }
            if !profile.spans.isEmpty {
                total = spans.rootTotal
                totalBasis = "root_spans"
                wall = Self.wallClock(profile.spans)
            } else {
                total = profile.operations.filter { $0.metric == .timing }.reduce(0) { sum, operation in
                    sum
                        + (summaryByName[operation.name].map { $0.mean * Double($0.count) }
                            ?? Summation.sum(
                                Self.measure(of: operation, preferring: measure) == .cpuTime
                                    ? operation.cpuSamples ?? [] : operation.samples))
                }
                totalBasis = "operations_sum"
            }
            callTree = spans.tree
            contexts = spans.contexts
            criticalPath = spans.criticalPath
            let runTotal = total
            let allSamples = samples
            let names = Array(allSamples.keys)
            // Sorting each operation's samples is the costly part: spread it over the cores.
            let allMetrics = metrics
            let spanSummaries = spans.summaryByName.filter { summarizedSpans.contains($0.key) }
            let summaries = ParallelMap.map(names) { name -> SampleSummary? in
                if let summary = spanSummaries[name] { return summary }
                return Self.summary(
                    reported: summaryByName[name], samples: allSamples[name]!,
                    summaryOnly: allMetrics[name]?.summaryOnly == true)
            }
            statistics = names.indices.map { position in
                let name = names[position]
                let info = metrics[name]!
                let summary = summaries[position]
                let measures = measureByName[name].map { chosen in
                    let other = Self.summary(
                        reported: otherReported[name] ?? nil, samples: otherSamples[name] ?? [],
                        summaryOnly: info.summaryOnly)
                    return chosen == .realTime
                        ? OperationMeasures(realTime: summary, cpuTime: other)
                        : OperationMeasures(realTime: other, cpuTime: summary)
                }
                let inclusive = spans.inclusiveByName[name] ?? summary?.total ?? 0
                let selfTime = spans.selfByName[name]
                let isTiming = info.metric == .timing
                return OperationStatistics(
                    name: name, metric: info.metric, unit: info.metric.unit, group: info.group,
                    count: summary?.count ?? 0, total: inclusive,
                    share: isTiming && runTotal > 0 ? inclusive / runTotal : 0,
                    selfTotal: selfTime, selfShare: selfTime.map { isTiming && runTotal > 0 ? $0 / runTotal : 0 },
                    summary: summary, summaryOnly: info.summaryOnly,
                    callers: spans.callers[name].map(CallEdge.sorted) ?? [],
                    callees: spans.callees[name].map(CallEdge.sorted) ?? [],
                    measure: measureByName[name], measures: measures)
            }
            statistics = OperationStatistics.largestFirst(statistics)
        }
    }
}

extension OperationTimeline {
    /// The measure an operation's statistics use: nil for an operation timed by one clock; for
    /// one timed by two, `preferred`.
    static func measure(of operation: ProfileResult, preferring preferred: TimeMeasure) -> TimeMeasure? {
        operation.hasCPUTime ? preferred : nil
    }

    /// An operation's statistics: the source's summary when it is to be used, else its samples'.
    /// Samples of a summary-only operation are stand-ins (representative values, not
    /// measurements): their mean, spread and range are kept, but no p90, p95 or p99, which
    /// would be made up from a handful of values (`Docs/analysis.md`).
    static func summary(reported: SummaryStatistics?, samples: [Double], summaryOnly: Bool) -> SampleSummary? {
        if let reported { return SampleSummary(reported: reported) }
        guard var summary = SampleSummary(samples: samples) else { return nil }
        if summaryOnly {
            summary.percentiles.p90 = nil
            summary.percentiles.p95 = nil
            summary.percentiles.p99 = nil
        }
        return summary
    }
}

extension OperationStatistics {
    /// `statistics` largest total first, then by name: a stable order for pages and JSON. The
    /// positions are sorted, not the values: moving these large values through a sort was a
    /// tenth of analyzing a benchmark suite.
    static func largestFirst(_ statistics: [OperationStatistics]) -> [OperationStatistics] {
        let totals = statistics.map(\.total)
        let names = statistics.map(\.name)
        let order = statistics.indices.sorted { a, b in
            totals[a] != totals[b] ? totals[a] > totals[b] : names[a] < names[b]
        }
        return order.map { statistics[$0] }
    }
}

extension OperationTimeline {
    static func wallClock(_ spans: SpanTable) -> Double {
        var first = Double.infinity
        var last = -Double.infinity
        for index in 0..<spans.count {
            first = min(first, spans.startsNs[index])
            last = max(last, spans.startsNs[index] + spans.durationsNs[index])
        }
        return last > first ? last - first : 0
    }
}

extension CallEdge {
    static func sorted(_ edges: [String: (total: Double, count: Int)]) -> [CallEdge] {
        edges.map { CallEdge(name: $0.key, total: $0.value.total, count: $0.value.count) }
            .sorted { $0.total != $1.total ? $0.total > $1.total : $0.name < $1.name }
    }
}

/// Builds a `CallTreeNode` tree incrementally, children keyed by name id.
///
/// Nodes are kept as small numbers (a name id, a parent index, totals) and become
/// `CallTreeNode`s with names only in `build`: a profile of a million distinct paths would
/// otherwise hold a string per node.
struct CallTreeBuilder {
    /// Levels below the root the tree keeps; deeper frames fold into their ancestor at this
    /// level (their time is its self time). The tree is nested values: JSONEncoder refuses
    /// nesting past 512 levels (two per tree level) and recursion over a deeper one (encoding,
    /// comparing, freeing) would overflow the stack. Flame graphs draw 64 levels anyway.
    static let maximumDepth = 200

    private let rootName: String
    private(set) var nameIDs: [Int32] = []
    private(set) var totals: [Double] = []
    private(set) var selfValues: [Double] = []
    private(set) var counts: [Int32] = []
    private(set) var parents: [Int32] = []
    /// Child node by (parent node, name id), packed into one integer key, for the children of
    /// nodes with more than `listedChildren` of them.
    private var childByKey = IntegerMap(capacity: 1024)
    /// Per node, what `child(of:nameID:)` looks at first (`ChildLookup`), in one entry.
    private var lookups: [ChildLookup] = []
    /// Per node, the next child of its parent in the parent's list (-1 at the list's end).
    private var nextSibling: [Int32] = []

    /// Children a node keeps in a list before they go in `childByKey`. Most nodes have a few
    /// children: a walk over a short list of nodes made around the same time costs less than a
    /// probe in a table of a million entries, which misses the cache every time (in a deep tree
    /// of mostly new paths, a third of building the call tree went to that table).
    static let listedChildren: UInt8 = 8

    private struct ChildLookup {
        /// The child found last and its name id: a loop calls one function over and over, and
        /// a function called again calls what it called before, so most lookups are repeats
        /// that need not search at all.
        var lastChildName: Int32 = -1
        var lastChild: Int32 = 0
        /// The latest child made, the head of the list `nextSibling` links; -1 for none.
        var firstChild: Int32 = -1
        /// Its children so far, up to `listedChildren` (listed); one more means they are in
        /// `childByKey` and the list is no longer searched.
        var childCount: UInt8 = 0
    }

    init(rootName: String) {
        self.rootName = rootName
        _ = addNode(nameID: -1, parent: -1, nextSibling: -1)
    }

    /// At most this many nodes (0: unknown). Once the tree outgrows `smallTree` nodes, room
    /// for all of them is made at once: a tree of a million nodes would otherwise be copied
    /// (and its fresh pages faulted in) at every doubling of its seven columns. Not before: a
    /// small tree of many spans (a flat trace's) would hold memory that later arrays, taking
    /// fresh pages instead, then add to the peak.
    var expectedNodes = 0

    static let smallTree = 1 << 16

    private mutating func reserveCapacity(_ count: Int) {
        nameIDs.reserveCapacity(count)
        totals.reserveCapacity(count)
        selfValues.reserveCapacity(count)
        counts.reserveCapacity(count)
        parents.reserveCapacity(count)
        lookups.reserveCapacity(count)
        nextSibling.reserveCapacity(count)
    }

    private mutating func addNode(nameID: Int32, parent: Int32, nextSibling sibling: Int32) -> Int {
        if nameIDs.count == Self.smallTree, expectedNodes > Self.smallTree { reserveCapacity(expectedNodes) }
        nameIDs.append(nameID)
        totals.append(0)
        selfValues.append(0)
        counts.append(0)
        parents.append(parent)
        lookups.append(ChildLookup())
        nextSibling.append(sibling)
        return nameIDs.count - 1
    }

    /// The child of `parent` for the name with id `nameID` (the caller's ids, below 2³¹).
    ///
    /// A node's first `listedChildren` children are found by walking its list; only the
    /// children of nodes with more are in the table, so leaves, chains and small fan-outs (most
    /// nodes of a deep tree) cost no entry, and the table stays small enough for the cache.
    mutating func child(of parent: Int, nameID: Int) -> Int {
        let name = Int32(truncatingIfNeeded: nameID)
        var lookup = lookups[parent]
        if lookup.lastChildName == name { return Int(lookup.lastChild) }
        let fresh = Int32(truncatingIfNeeded: nameIDs.count)
        var node = fresh
        if lookup.childCount <= Self.listedChildren {
            var listed = lookup.firstChild
            while listed >= 0 {
                if nameIDs[Int(listed)] == name {
                    node = listed
                    break
                }
                listed = nextSibling[Int(listed)]
            }
            if node == fresh {
                lookup.childCount += 1
                if lookup.childCount > Self.listedChildren {
                    // One child too many for the list: from now on all of them are in the table.
                    var moved = lookup.firstChild
                    while moved >= 0 {
                        childByKey.set(parent << 31 | Int(nameIDs[Int(moved)]), moved)
                        moved = nextSibling[Int(moved)]
                    }
                    childByKey.set(parent << 31 | nameID, fresh)
                }
                _ = addNode(nameID: name, parent: Int32(parent), nextSibling: lookup.firstChild)
                lookup.firstChild = fresh
            }
        } else {
            node = childByKey.value(forKey: parent << 31 | nameID, insertingIfAbsent: fresh).value
            if node == fresh { _ = addNode(nameID: name, parent: Int32(parent), nextSibling: -1) }
        }
        lookup.lastChildName = name
        lookup.lastChild = node
        lookups[parent] = lookup
        return Int(node)
    }

    mutating func add(node: Int, total: Double, selfValue: Double, count: Int = 1) {
        totals[node] += total
        selfValues[node] += selfValue
        counts[node] += Int32(truncatingIfNeeded: count)
    }

    /// Time and count per (caller, callee) pair of names: a node below another is a call of its
    /// name by its parent's (the synthetic root's children, the roots, are called by nothing).
    ///
    /// Recursion is counted once, as pprof counts its edges: a node whose path from the root
    /// already passes the same (caller, callee) pair adds no time, since its time is inside that
    /// outer pair's. Every stack or span below such a node also passes the outer node, so this is
    /// exact per stack and per span, not an approximation. `countingEveryCall` keeps the nested
    /// nodes' counts (spans: every call is a call); without it (stacks) a stack counts once too.
    /// One depth-first pass over the nodes, without recursion.
    func edges(countingEveryCall: Bool) -> EdgeTally {
        let walk = edgeWalk(parts: 1)
        return walk.tally(walk.groups.indices.map(walk.walk), countingEveryCall: countingEveryCall)
    }

    private var nameCountForEdges: Int { Int(nameIDs.max() ?? 0) + 1 }

    /// `edges` in parts that can run at once: the root's subtrees cut into `parts` groups of
    /// about equal size, each walked on its own (`EdgeWalk.walk`), noting its nodes' pairs in a
    /// tally of its own; `EdgeWalk.tally` then adds the groups' visits in the walk's order, so
    /// every total is added in the very order `edges` adds it.
    func edgeWalk(parts: Int) -> EdgeWalk {
        guard nameIDs.count > 1 else {
            return EdgeWalk(builder: self, childStart: [], children: [], nameCount: 0, groups: [])
        }
        let (childStart, children) = childRows()
        return EdgeWalk(
            builder: self, childStart: childStart, children: children, nameCount: nameCountForEdges,
            groups: split(children[childStart[0]..<childStart[1]], parts: parts))
    }

    struct EdgeWalk: Sendable {
        fileprivate let builder: CallTreeBuilder
        fileprivate let childStart: [Int]
        fileprivate let children: [Int32]
        fileprivate let nameCount: Int
        /// Groups of the root's children, in the order the walk takes them.
        let groups: [ArraySlice<Int32>]

        /// A group's pairs (slots of its own) and its visits in walk order: each node's pair's
        /// slot, negative (`~slot`) for a pair already open on the node's path, with the node's
        /// total and count.
        func walk(_ group: Int) -> (slots: EdgeTally, visits: [Visit]) {
            var slots = EdgeTally(nameCount: nameCount)
            var visits: [Visit] = []
            builder.walkPairs(from: groups[group], childStart: childStart, children: children, slots: &slots) {
                slot, outer, node in
                let slot = Int32(truncatingIfNeeded: slot)
                visits.append(
                    Visit(slot: outer ? slot : ~slot, count: builder.counts[node], total: builder.totals[node]))
            }
            return (slots, visits)
        }

        struct Visit {
            var slot: Int32
            var count: Int32
            var total: Double
        }

        /// The groups' walks (`walk(0)`, `walk(1)`, …) as `edges` tallies them.
        func tally(_ walked: [(slots: EdgeTally, visits: [Visit])], countingEveryCall: Bool)
            -> EdgeTally
        {
            var tally = EdgeTally(nameCount: nameCount)
            for (slots, visits) in walked {
                var slotInTally: [Int] = []
                slots.forEachPair { caller, callee, _, _ in
                    slotInTally.append(tally.slot(caller: caller, callee: callee))
                }
                for visit in visits {
                    if visit.slot >= 0 {
                        tally.add(slot: slotInTally[Int(visit.slot)], total: visit.total, count: Int(visit.count))
                    } else if countingEveryCall {
                        tally.add(slot: slotInTally[Int(~visit.slot)], total: 0, count: Int(visit.count))
                    }
                }
            }
            return tally
        }
    }

    /// Children in flat arrays (compressed rows: node `i`'s at `childStart[i]..<childStart[i + 1]`
    /// in `children`), in creation order.
    private func childRows() -> (childStart: [Int], children: [Int32]) {
        let nodeCount = nameIDs.count
        var childStart = [Int](repeating: 0, count: nodeCount + 1)
        for node in 1..<nodeCount { childStart[Int(parents[node]) + 1] += 1 }
        for index in 0..<nodeCount { childStart[index + 1] += childStart[index] }
        var fill = childStart
        var children = [Int32](repeating: 0, count: nodeCount - 1)
        for node in 1..<nodeCount {
            let parent = Int(parents[node])
            children[fill[parent]] = Int32(node)
            fill[parent] += 1
        }
        return (childStart, children)
    }

    /// The root's children (`tops`, in creation order) cut into up to `parts` groups of about
    /// equal subtree size, in the order the walk takes them: it takes the last made first.
    private func split(_ tops: ArraySlice<Int32>, parts: Int) -> [ArraySlice<Int32>] {
        guard parts > 1, tops.count > 1 else { return [tops] }
        // Nodes are made after their parents: adding each to its parent from the last one up
        // leaves every node with its subtree's size.
        var sizes = [Int32](repeating: 1, count: nameIDs.count)
        for node in stride(from: nameIDs.count - 1, through: 1, by: -1) { sizes[Int(parents[node])] += sizes[node] }
        let below = Int(sizes[0]) - 1
        var groups: [ArraySlice<Int32>] = []
        var end = tops.endIndex
        var walked = 0
        for cut in stride(from: tops.endIndex - 1, through: tops.startIndex, by: -1) {
            walked += Int(sizes[Int(tops[cut])])
            if walked >= below * (groups.count + 1) / parts || cut == tops.startIndex {
                groups.append(tops[cut..<end])
                end = cut
            }
        }
        return groups
    }

    /// The depth-first walk of `edges` below `tops` (pushed in this order, so the last is
    /// walked first): `visit` gets each node below a top, its (caller, callee) pair's slot in
    /// `slots`, and whether the pair is the outermost of its kind on the node's path.
    private func walkPairs(
        from tops: ArraySlice<Int32>, childStart: [Int], children: [Int32], slots: inout EdgeTally,
        visit: (_ slot: Int, _ outer: Bool, _ node: Int) -> Void
    ) {
        // How many nodes on the current path carry each (caller, callee) pair, by the pair's
        // slot: one lookup per node, the pair's, and none on the way back up.
        var open: [Int32] = []
        // A negative entry leaves a node whose pair has the slot `~entry` on the way back up.
        var stack = Array(tops)
        while let entry = stack.popLast() {
            if entry < 0 {
                open[Int(~entry)] -= 1
                continue
            }
            let node = Int(entry)
            let parent = Int(parents[node])
            if parent > 0 {
                let slot = slots.slot(caller: Int(nameIDs[parent]), callee: Int(nameIDs[node]))
                if slot == open.count { open.append(0) }
                visit(slot, open[slot] == 0, node)
                open[slot] += 1
                stack.append(~Int32(truncatingIfNeeded: slot))
            }
            for position in childStart[node]..<childStart[node + 1] { stack.append(children[position]) }
        }
    }

    /// Trees up to this many nodes are kept whole.
    static let prunedAbove = 5_000

    /// The finished tree, children largest first, names taken from `names` by id. A tree of more
    /// than `prunedAbove` nodes leaves out those whose total is below `minimumShare` of the root's
    /// (their time stays in their parent's total), which keeps a tree of a million spans to what a
    /// page can draw. Built bottom-up without recursion, so deep trees cannot overflow the stack.
    func build(names: [String], minimumShare: Double = 0) -> CallTreeNode {
        let cutoff = nameIDs.count > Self.prunedAbove ? totals[0] * minimumShare : 0
        func node(_ index: Int, _ children: [CallTreeNode]) -> CallTreeNode {
            CallTreeNode(
                name: index == 0 ? rootName : names[Int(nameIDs[index])], total: totals[index],
                selfValue: selfValues[index],
                count: Int(counts[index]), children: children)
        }
        func largestFirst(_ a: CallTreeNode, _ b: CallTreeNode) -> Bool {
            a.total != b.total ? a.total > b.total : a.name < b.name
        }
        var children = [[CallTreeNode]](repeating: [], count: nameIDs.count)
        // Nodes are created after their parents, so reverse creation order visits children first.
        for index in stride(from: nameIDs.count - 1, through: 1, by: -1) where totals[index] >= cutoff {
            let kids = children[index].sorted(by: largestFirst)
            children[index] = []
            children[Int(parents[index])].append(node(index, kids))
        }
        return node(0, children[0].sorted(by: largestFirst))
    }
}

/// Spans arranged as a forest by their parent links.
///
/// Built for a million spans: names become small integers once, parents are found through an
/// array when ids are dense, children are kept in flat arrays, and every per-name or
/// per-edge tally is an array or an integer-keyed table; strings appear again only in the results.
struct SpanForest {
    var durationsByName: [String: [Double]] = [:]
    /// The statistics of each name's durations (`SampleSummary(samples:)`), made beside the
    /// call tree on the core that tallies names, which finishes first: sorting the durations
    /// afterwards kept both cores waiting.
    var summaryByName: [String: SampleSummary] = [:]
    var inclusiveByName: [String: Double] = [:]
    var selfByName: [String: Double] = [:]
    var callers: [String: [String: (total: Double, count: Int)]] = [:]
    var callees: [String: [String: (total: Double, count: Int)]] = [:]
    var rootTotal = 0.0
    var tree: CallTreeNode?
    var criticalPath: [CriticalPathStep] = []
    /// The unpruned call tree with each span's self time, for attribution.
    var contexts: CallContextTree?
    var warningCount = 0
    /// Spans whose parent links form a cycle, so no root leads to them; left out.
    var unreachable = 0
    /// Spans nested deeper than `CallTreeBuilder.maximumDepth`, folded into their ancestor at
    /// that level in the call tree (their statistics are unchanged).
    var foldedSpans = 0

    /// Call-tree nodes below this share of the run are left out of `tree` (see `CallTreeBuilder.build`).
    static let treeMinimumShare = 1e-4

    init(spans: SpanTable, contexts keepContexts: Bool = true) {
        let count = spans.count
        guard count > 0 else { return }
        // The table already holds names as small integers and times as flat columns.
        let names = spans.names
        let nameOf = spans.nameIndexes
        let starts = spans.startsNs
        let durationOf = spans.durationsNs
        // Parent index of each span (-1 for roots).
        let parentOf = Self.parentIndexes(ids: spans.ids, parentIDs: spans.parentIDs)
        // Children in flat arrays (compressed rows), in file order within each parent.
        let (childStart, children, fileOrderRoots) = Self.children(parentOf: parentOf)
        var roots = fileOrderRoots
        Self.sortChronologically(&roots, starts: starts)

        // The walk and the self times need nothing of each other: on two cores at once.
        let rootList = roots
        let (walk, coverage) = Self.both(
            {
                Self.preorderWalk(roots: rootList, parentOf: parentOf, starts: starts)
                    ?? Self.depthFirstWalk(
                        roots: rootList, childStart: childStart, children: children, starts: starts)
            },
            { Self.selfTimes(starts: starts, durations: durationOf, childStart: childStart, children: children) })
        unreachable = count - walk.count / 2
        let (own, outside) = (coverage.own, coverage.outside)
        // The call tree and the per-name tallies need nothing of each other: on two cores at once.
        let (shape, tally) = Self.both(
            {
                TreePass(
                    walk: walk, nameOf: nameOf, durations: durationOf, own: own, parentOf: parentOf,
                    keepsSpanSelf: keepContexts)
            },
            {
                let pass = NamePass(
                    walk: walk, nameOf: nameOf, durations: durationOf, own: own, outside: outside,
                    nameCount: names.count)
                return (
                    pass,
                    Self.criticalPath(
                        names: names, nameOf: nameOf, starts: starts, durations: durationOf, roots: rootList,
                        childStart: childStart, children: children),
                    pass.durations.map { SampleSummary(samples: $0) }
                )
            })
        rootTotal = shape.rootTotal
        foldedSpans = shape.foldedSpans
        warningCount = tally.0.warningCount
        criticalPath = tally.1
        for id in 0..<names.count where tally.0.hasInclusive[id] {
            durationsByName[names[id]] = tally.0.durations[id]
            summaryByName[names[id]] = tally.2[id]
            inclusiveByName[names[id]] = tally.0.inclusive[id]
            selfByName[names[id]] = tally.0.selfTime[id]
        }
        var builder = shape.builder
        builder.add(node: 0, total: rootTotal, selfValue: 0, count: 0)
        let finished = builder
        // The pruned tree, the whole tree for attribution and the call edges' walk in parts (a
        // big tree's edges took longer than the rest): also apart, on all cores.
        let edgeWalk = finished.edgeWalk(parts: finished.nameIDs.count >= CallTreeBuilder.smallTree ? 3 : 1)
        var tree: CallTreeNode?
        var contexts: CallContextTree?
        var walked = [(slots: EdgeTally, visits: [CallTreeBuilder.EdgeWalk.Visit])](
            repeating: (EdgeTally(), []), count: edgeWalk.groups.count)
        walked.withUnsafeMutableBufferPointer { walkedOut in
            withUnsafeMutablePointer(to: &tree) { treeOut in
                withUnsafeMutablePointer(to: &contexts) { contextsOut in
                    // Each task writes only its own result.
                    nonisolated(unsafe) let (walkedOut, treeOut, contextsOut) = (walkedOut, treeOut, contextsOut)
                    // The tree, the context tree when kept, then the edges' groups.
                    let firstGroup = keepContexts ? 2 : 1
                    DispatchQueue.concurrentPerform(iterations: firstGroup + walkedOut.count) { task in
                        if task >= firstGroup {
                            walkedOut[task - firstGroup] = edgeWalk.walk(task - firstGroup)
                        } else if task == 0 {
                            treeOut.pointee = finished.build(names: names, minimumShare: Self.treeMinimumShare)
                        } else {
                            contextsOut.pointee = finished.contextTree(
                                kind: .timed, names: names, spanNodes: shape.nodeOf, spanSelf: shape.ownOf)
                        }
                    }
                }
            }
        }
        let edges = edgeWalk.tally(walked, countingEveryCall: true).byName(names)
        self.tree = tree
        self.contexts = contexts
        (callers, callees) = edges
    }

    /// Children in flat arrays (compressed rows: span `i`'s at `childStart[i]..<childStart[i + 1]`
    /// in `children`), in index order within each parent, and the roots (spans without a
    /// parent) in index order.
    static func children(parentOf: [Int]) -> (childStart: [Int], children: [Int], roots: [Int]) {
        let count = parentOf.count
        var childStart = [Int](repeating: 0, count: count + 1)
        for parent in parentOf where parent >= 0 { childStart[parent + 1] += 1 }
        for index in 0..<count { childStart[index + 1] += childStart[index] }
        // Filled from the last span back, each parent's children from its end (`childStart[parent
        // + 1]`) down, in index order: the ends become the starts, one place to the right.
        // No copy of the starts to count with: its fresh pages were a tenth of this.
        var children = [Int](repeating: 0, count: childStart[count])
        var roots: [Int] = []
        for index in stride(from: count - 1, through: 0, by: -1) {
            let parent = parentOf[index]
            if parent >= 0 {
                childStart[parent + 1] -= 1
                children[childStart[parent + 1]] = index
            } else {
                roots.append(index)
            }
        }
        childStart.removeFirst()
        childStart.append(children.count)
        roots.reverse()
        return (childStart, children, roots)
    }

    /// Starts ascending, ties in index order: the order the walk visits siblings in.
    static func sortChronologically(_ list: inout [Int], starts: [Double]) {
        func chronological(_ a: Int, _ b: Int) -> Bool {
            starts[a] != starts[b] ? starts[a] < starts[b] : a < b
        }
        // Importers usually write children in start order already; check before sorting.
        var ordered = true
        for position in list.indices.dropFirst() where !chronological(list[position - 1], list[position]) {
            ordered = false
            break
        }
        if !ordered { list.sort(by: chronological) }
    }

    /// The depth-first walk, without recursion: from each root in order, each span once
    /// (parent cycles are left out), its children chronologically, and after its subtree a
    /// negative entry `~index` for the way back up. The passes over the spans replay it, so
    /// each adds its values in the very order one walk did.
    static func depthFirstWalk(roots: [Int], childStart: [Int], children: [Int], starts: [Double]) -> [Int32] {
        let count = starts.count
        var walk: [Int32] = []
        walk.reserveCapacity(2 * count)
        var visited = [Bool](repeating: false, count: count)
        var stack: [Int] = roots.reversed()
        var scratch: [Int] = []
        while let entry = stack.popLast() {
            if entry < 0 {
                walk.append(Int32(truncatingIfNeeded: entry))
                continue
            }
            let index = entry
            guard !visited[index] else { continue }  // parent cycles: visit each span once
            visited[index] = true
            walk.append(Int32(truncatingIfNeeded: index))
            stack.append(~index)
            let first = childStart[index]
            let end = childStart[index + 1]
            if end - first == 1 {
                stack.append(children[first])
            } else if end > first {
                scratch.removeAll(keepingCapacity: true)
                scratch.append(contentsOf: children[first..<end])
                sortChronologically(&scratch, starts: starts)
                stack.append(contentsOf: scratch.reversed())
            }
        }
        return walk
    }

    /// `depthFirstWalk` in one pass over the spans, for spans stored in the walk's order: each
    /// root's subtree in the indexes from it to the next root, each span after its parent, and
    /// siblings in start order (the trace importer's table, a thread's spans sorted by start).
    /// Nil when the spans are stored otherwise; `roots` must be sorted chronologically.
    static func preorderWalk(roots: [Int], parentOf: [Int], starts: [Double]) -> [Int32]? {
        let count = parentOf.count
        var walk: [Int32] = []
        walk.reserveCapacity(2 * count)
        // The spans entered and not yet left, innermost last, with the start of the child
        // entered last (siblings must not go back in time).
        var open: [(index: Int, lastChildStart: Double)] = []
        var covered = 0
        for root in roots {
            walk.append(Int32(truncatingIfNeeded: root))
            open.append((root, -.infinity))
            var index = root + 1
            while index < count, parentOf[index] >= 0 {
                let parent = parentOf[index]
                while let top = open.last, top.index != parent {
                    walk.append(~Int32(truncatingIfNeeded: top.index))
                    open.removeLast()
                }
                // A parent already left, or a sibling that starts earlier: not the walk's order.
                guard let top = open.last, starts[index] >= top.lastChildStart else { return nil }
                open[open.count - 1].lastChildStart = starts[index]
                walk.append(Int32(truncatingIfNeeded: index))
                open.append((index, -.infinity))
                index += 1
            }
            while let top = open.popLast() { walk.append(~Int32(truncatingIfNeeded: top.index)) }
            covered += index - root
        }
        // Spans before the first root, or whose parent comes after them, were never reached.
        return covered == count ? walk : nil
    }

    /// Runs `first` and `second` at once on two cores (one after the other on one core).
    static func both<A, B>(_ first: @Sendable () -> A, _ second: @Sendable () -> B) -> (A, B) {
        var a: A?
        var b: B?
        withUnsafeMutablePointer(to: &a) { aPointer in
            withUnsafeMutablePointer(to: &b) { bPointer in
                // Each iteration writes only its own result.
                nonisolated(unsafe) let (aOut, bOut) = (aPointer, bPointer)
                DispatchQueue.concurrentPerform(iterations: 2) { index in
                    if index == 0 { aOut.pointee = first() } else { bOut.pointee = second() }
                }
            }
        }
        return (a!, b!)
    }

    /// The call tree from the walk: a node per distinct path of names, each span's node and
    /// self time (NaN when folded), and the roots' total.
    struct TreePass {
        var builder = CallTreeBuilder(rootName: "all")
        var nodeOf: [Int]
        /// Empty unless kept for the context tree (`keepsSpanSelf`).
        var ownOf: [Double]
        var rootTotal = 0.0
        var foldedSpans = 0

        init(
            walk: [Int32], nameOf: [Int32], durations durationOf: [Double], own: [Double], parentOf: [Int],
            keepsSpanSelf: Bool
        ) {
            let count = nameOf.count
            // A node per span at most.
            builder.expectedNodes = count + 1
            nodeOf = [Int](repeating: 0, count: count)
            // Each span's self time, NaN when folded or never visited (attribution's per-call samples).
            ownOf = keepsSpanSelf ? [Double](repeating: .nan, count: count) : []
            // Ancestors above each span, to fold the tree past `CallTreeBuilder.maximumDepth`.
            var depthOf = [Int32](repeating: 0, count: count)
            for entry in walk where entry >= 0 {
                let index = Int(entry)
                let duration = durationOf[index]
                let parent = parentOf[index]
                let parentNode: Int
                if parent >= 0 {
                    parentNode = nodeOf[parent]
                    depthOf[index] = depthOf[parent] + 1
                } else {
                    rootTotal += duration
                    parentNode = 0
                }
                if depthOf[index] < CallTreeBuilder.maximumDepth {
                    let node = builder.child(of: parentNode, nameID: Int(nameOf[index]))
                    nodeOf[index] = node
                    builder.add(node: node, total: duration, selfValue: own[index])
                    if keepsSpanSelf { ownOf[index] = own[index] }
                } else {
                    // Past the tree's depth, a span's own time goes to its ancestor at the deepest level.
                    nodeOf[index] = parentNode
                    builder.add(node: parentNode, total: 0, selfValue: own[index], count: 0)
                    foldedSpans += 1
                }
            }
        }
    }

    /// Per name id from the walk: its spans' durations in walk order, summed self time, and its
    /// inclusive time counting a span only when no ancestor span has the same name.
    struct NamePass {
        var durations: [[Double]]
        var inclusive: [Double]
        var hasInclusive: [Bool]
        var selfTime: [Double]
        var warningCount = 0

        init(
            walk: [Int32], nameOf: [Int32], durations durationOf: [Double], own: [Double], outside: [Bool],
            nameCount: Int
        ) {
            // Spans per name first, so each name's durations are one allocation.
            var spanCount = [Int](repeating: 0, count: nameCount)
            for entry in walk where entry >= 0 { spanCount[Int(nameOf[Int(entry)])] += 1 }
            durations = spanCount.map { count in
                var list: [Double] = []
                list.reserveCapacity(count)
                return list
            }
            inclusive = [Double](repeating: 0, count: nameCount)
            hasInclusive = [Bool](repeating: false, count: nameCount)
            selfTime = [Double](repeating: 0, count: nameCount)
            var open = [Int](repeating: 0, count: nameCount)
            for step in walk {
                if step < 0 {
                    open[Int(nameOf[Int(~step)])] -= 1
                    continue
                }
                let entry = Int(step)
                let name = Int(nameOf[entry])
                let duration = durationOf[entry]
                if outside[entry] { warningCount += 1 }
                durations[name].append(duration)
                selfTime[name] += own[entry]
                hasInclusive[name] = true
                if open[name] == 0 { inclusive[name] += duration }
                open[name] += 1
            }
        }
    }

    /// Each span's self time, what none of its children covers, and whether a child reaches
    /// outside it. Pure per span, so computed on all cores in slices of spans.
    static func selfTimes(
        starts: [Double], durations: [Double], childStart: [Int], children: [Int]
    ) -> (own: [Double], outside: [Bool]) {
        let count = starts.count
        let slices = count < 65_536 ? 1 : 16
        var outside = [Bool](repeating: false, count: count)
        var own = [Double](repeating: 0, count: count)
        own.withUnsafeMutableBufferPointer { ownBuffer in
            outside.withUnsafeMutableBufferPointer { outsideBuffer in
                // Each slice writes only its own spans' entries.
                nonisolated(unsafe) let ownOut = ownBuffer.baseAddress!
                nonisolated(unsafe) let outsideOut = outsideBuffer.baseAddress!
                DispatchQueue.concurrentPerform(iterations: slices) { slice in
                    for index in (count * slice / slices)..<(count * (slice + 1) / slices) {
                        let (value, reaches) = selfTime(
                            of: index, starts: starts, durations: durations, childStart: childStart,
                            children: children)
                        ownOut[index] = value
                        outsideOut[index] = reaches
                    }
                }
            }
        }
        return (own, outside)
    }

    /// One span's self time and whether a child reaches outside it (see `selfTimes`).
    @inline(__always)
    static func selfTime(
        of index: Int, starts: [Double], durations durationOf: [Double], childStart: [Int], children: [Int]
    ) -> (own: Double, outside: Bool) {
        let duration = durationOf[index]
        // Self time is what no child covers: the union of the children's intervals, so
        // children running concurrently (a task group) are not subtracted twice.
        let spanStart = starts[index]
        let spanEnd = spanStart + duration
        var covered = 0.0
        var outside = false
        // Timestamps are often rounded (to ns or µs), so children may overshoot by a hair.
        let slack = max(1000, duration * 1e-6)
        var reachedEnd = -Double.infinity
        var previousStart = -Double.infinity
        var sortedByStart = true
        for position in childStart[index]..<childStart[index + 1] {
            let child = children[position]
            if starts[child] < previousStart { sortedByStart = false }
            previousStart = starts[child]
            if starts[child] < spanStart - slack || starts[child] + durationOf[child] > spanEnd + slack {
                outside = true
            }
        }
        if sortedByStart {
            for position in childStart[index]..<childStart[index + 1] {
                let child = children[position]
                let from = max(starts[child], spanStart, reachedEnd)
                let to = min(starts[child] + durationOf[child], spanEnd)
                if to > from { covered += to - from }
                reachedEnd = max(reachedEnd, to)
            }
        } else {
            var intervals = children[childStart[index]..<childStart[index + 1]].map {
                (starts[$0], starts[$0] + durationOf[$0])
            }
            intervals.sort { $0.0 < $1.0 }
            for (childBegin, childEnd) in intervals {
                let from = max(childBegin, spanStart, reachedEnd)
                let to = min(childEnd, spanEnd)
                if to > from { covered += to - from }
                reachedEnd = max(reachedEnd, to)
            }
        }
        return (max(0, duration - covered), outside)
    }

    /// Each span's parent as an index (negative for roots, unknown parents and self-parents).
    /// Dense ids (the usual 1…n) are looked up in an array, others in a table.
    static func parentIndexes(ids: [Int], parentIDs: [Int]) -> [Int] {
        let count = ids.count
        // Ids that are the spans' indexes (as the trace importer numbers them) need no lookup,
        // and parents that are all roots or other spans' indexes are the parent ids themselves.
        let idsAreIndexes = ids.indices.allSatisfy { ids[$0] == $0 }
        if idsAreIndexes,
            parentIDs.indices.allSatisfy({ parentIDs[$0] < 0 || parentIDs[$0] < count && parentIDs[$0] != $0 })
        {
            return parentIDs
        }
        var parentOf = [Int](repeating: -1, count: count)
        if idsAreIndexes {
            for index in 0..<count {
                let parent = parentIDs[index]
                if parent >= 0, parent < count, parent != index { parentOf[index] = parent }
            }
            return parentOf
        }
        let low = ids.min() ?? 0
        let high = ids.max() ?? 0
        if high >= low, high - low < count * 2 + 16 {
            var indexByID = [Int](repeating: -1, count: high - low + 1)
            for index in 0..<count { indexByID[ids[index] - low] = index }
            for index in 0..<count {
                let parent = parentIDs[index]
                guard parent != SpanTable.noParent, parent >= low, parent <= high else { continue }
                let parentIndex = indexByID[parent - low]
                if parentIndex != index { parentOf[index] = parentIndex }
            }
        } else {
            var indexByID: [Int: Int] = [:]
            indexByID.reserveCapacity(count)
            for index in 0..<count { indexByID[ids[index]] = index }
            for index in 0..<count where parentIDs[index] != SpanTable.noParent {
                if let parentIndex = indexByID[parentIDs[index]], parentIndex != index { parentOf[index] = parentIndex }
            }
        }
        return parentOf
    }

    /// From the root span that ends last, repeatedly the child that ends last: the chain of
    /// spans that decided when the run finished.
    static func criticalPath(
        names: [String], nameOf: [Int32], starts: [Double], durations: [Double], roots: [Int], childStart: [Int],
        children: [Int]
    ) -> [CriticalPathStep] {
        func latest(_ candidates: some Sequence<Int>) -> Int? {
            candidates.max { a, b in
                let endA = starts[a] + durations[a]
                let endB = starts[b] + durations[b]
                return endA != endB ? endA < endB : a > b
            }
        }
        var steps: [CriticalPathStep] = []
        var current = latest(roots)
        var seen = Set<Int>()
        while let index = current, seen.insert(index).inserted {
            steps.append(CriticalPathStep(name: names[Int(nameOf[index])], durationNs: durations[index]))
            current = latest(children[childStart[index]..<childStart[index + 1]])
        }
        return steps
    }
}

extension Analyzer {
    /// The raw samples each operation's statistics come from: its `operations` entry, else its
    /// spans' durations. Empty for sampled profiles, which have no per-call values.
    public static func samplesByOperation(_ profile: Profile) -> [String: [Double]] {
        OperationTimeline(profile: profile).samples
    }
}

/// Time (or weight) and count per (caller, callee) pair of name ids.
struct EdgeTally {
    private var index = IntegerMap(capacity: 256)
    private var pairs: [(caller: Int, callee: Int)] = []
    private var totals: [Double] = []
    private var counts: [Int] = []
    /// Slots of pairs of ids below `denseNames`, at `caller * denseNames + callee` (-1: none
    /// yet): a call tree's nodes look their pair up one by one, and an array is read without
    /// hashing (a tenth of tallying a million-node tree).
    private var denseSlots: [Int32] = []
    private var denseNames = 0

    /// Names at most this many are tallied through `denseSlots` (a megabyte at most).
    static let maximumDenseNames = 512

    init() {}

    /// A tally of pairs of name ids, which are below `nameCount` when it is given.
    init(nameCount: Int) {
        guard nameCount <= Self.maximumDenseNames else { return }
        denseNames = nameCount
        denseSlots = [Int32](repeating: -1, count: nameCount * nameCount)
    }

    mutating func add(caller: Int, callee: Int, total: Double, count: Int = 1) {
        add(slot: slot(caller: caller, callee: callee), total: total, count: count)
    }

    /// The pair's place in the tally, made (with nothing added yet) when it is new: slots are
    /// numbered 0, 1, 2, … in the order pairs first appear.
    mutating func slot(caller: Int, callee: Int) -> Int {
        if caller < denseNames, callee < denseNames, caller >= 0, callee >= 0 {
            let dense = caller * denseNames + callee
            if denseSlots[dense] >= 0 { return Int(denseSlots[dense]) }
            denseSlots[dense] = Int32(pairs.count)
            return newSlot(caller: caller, callee: callee)
        }
        let key = caller << 31 | callee
        if let slot = index[key] { return Int(slot) }
        index.set(key, Int32(pairs.count))
        return newSlot(caller: caller, callee: callee)
    }

    private mutating func newSlot(caller: Int, callee: Int) -> Int {
        pairs.append((caller, callee))
        totals.append(0)
        counts.append(0)
        return pairs.count - 1
    }

    mutating func add(slot: Int, total: Double, count: Int = 1) {
        totals[slot] += total
        counts[slot] += count
    }

    /// Each (caller, callee) pair of name ids with its total and count, in the order the pairs
    /// first appeared: for callers that keep names as ids (`StackAggregation`).
    func forEachPair(_ body: (_ caller: Int, _ callee: Int, _ total: Double, _ count: Int) -> Void) {
        for (position, pair) in pairs.enumerated() {
            body(pair.caller, pair.callee, totals[position], counts[position])
        }
    }

    /// Callers of each name and callees of each name, by name.
    func byName(_ names: [String]) -> (
        callers: [String: [String: (total: Double, count: Int)]],
        callees: [String: [String: (total: Double, count: Int)]]
    ) {
        var callers: [String: [String: (total: Double, count: Int)]] = [:]
        var callees: [String: [String: (total: Double, count: Int)]] = [:]
        for (position, pair) in pairs.enumerated() {
            let edge = (totals[position], counts[position])
            callers[names[pair.callee], default: [:]][names[pair.caller]] = edge
            callees[names[pair.caller], default: [:]][names[pair.callee]] = edge
        }
        return (callers, callees)
    }
}
