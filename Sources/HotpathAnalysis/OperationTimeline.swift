import HotpathModel

/// Per-operation statistics, nesting and the call tree of one profile.
///
/// Where the numbers come from:
/// - an operation's samples are its `operations` entry when the dump has one, else the
///   durations of its spans;
/// - its total counts a span only when no ancestor span has the same name, so recursion is not
///   counted twice; its self time is each span's duration minus its children's (never below 0);
/// - the run's total is the summed duration of root spans when there are spans, else the sum of
///   every timing operation's samples, and for sampled profiles the summed stack weight.
struct OperationTimeline {
    var kind: ProfileKind
    var total: Double
    var totalBasis: String
    var statistics: [OperationStatistics]
    var callTree: CallTreeNode?
    var criticalPath: [CriticalPathStep]
    var warnings: [String]
    /// Raw samples per operation name, for comparisons.
    var samples: [String: [Double]]

    init(profile: Profile) {
        kind = profile.kind
        warnings = []
        samples = [:]
        criticalPath = []
        callTree = nil
        if kind == .sampled {
            let stacks = StackAggregation(stacks: profile.stacks)
            total = stacks.totalWeight
            totalBasis = "stack_weight"
            callTree = stacks.tree
            statistics = stacks.operations(total: total, unit: profile.stackWeightUnit)
            if stacks.foldedStacks > 0 {
                warnings.append(
                    "\(stacks.foldedStacks) stack(s) are deeper than \(CallTreeBuilder.maximumDepth) frames; the call tree and flame graph fold their deeper frames into the frame at that depth (their statistics are unchanged)")
            }
        } else {
            let spans = SpanForest(spans: profile.spans)
            if spans.unreachable > 0 {
                warnings.append("\(spans.unreachable) span(s) have parent links that form a cycle; they are left out")
            }
            if spans.foldedSpans > 0 {
                warnings.append(
                    "\(spans.foldedSpans) span(s) nest deeper than \(CallTreeBuilder.maximumDepth) levels; the call tree and flame graph fold them into their ancestor at that depth (their statistics are unchanged)")
            }
            if spans.warningCount > 0 {
                warnings.append(
                    "\(spans.warningCount) span(s) have children that last longer than themselves; their self time is counted as 0")
            }
            var metrics: [String: (metric: ProfileMetricType, group: String?, summaryOnly: Bool)] = [:]
            for operation in profile.operations {
                samples[operation.name, default: []].append(contentsOf: operation.samples)
                if metrics[operation.name] == nil {
                    metrics[operation.name] = (operation.metric, operation.group, operation.summaryOnly)
                }
            }
            for (name, durations) in spans.durationsByName where samples[name] == nil {
                samples[name] = durations
                metrics[name] = (.timing, nil, false)
            }
            if !profile.spans.isEmpty {
                total = spans.rootTotal
                totalBasis = "root_spans"
            } else {
                total = profile.operations.filter { $0.metric == .timing }.reduce(0) { $0 + Summation.sum($1.samples) }
                totalBasis = "operations_sum"
            }
            callTree = spans.tree
            criticalPath = spans.criticalPath
            let runTotal = total
            let allSamples = samples
            statistics = allSamples.keys.map { name in
                let info = metrics[name]!
                let summary = SampleSummary(samples: allSamples[name]!)
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
                    callees: spans.callees[name].map(CallEdge.sorted) ?? [])
            }
            statistics.sort(by: OperationStatistics.largestFirst)
        }
    }
}

extension OperationStatistics {
    /// Largest total first, then by name: a stable order for pages and JSON.
    static func largestFirst(_ a: OperationStatistics, _ b: OperationStatistics) -> Bool {
        a.total != b.total ? a.total > b.total : a.name < b.name
    }
}

extension CallEdge {
    static func sorted(_ edges: [String: (total: Double, count: Int)]) -> [CallEdge] {
        edges.map { CallEdge(name: $0.key, total: $0.value.total, count: $0.value.count) }
            .sorted { $0.total != $1.total ? $0.total > $1.total : $0.name < $1.name }
    }
}

/// Builds a `CallTreeNode` tree incrementally, children keyed by name.
struct CallTreeBuilder {
    /// Levels below the root the tree keeps; deeper frames fold into their ancestor at this
    /// level (their time is its self time). The tree is nested values: JSONEncoder refuses
    /// nesting past 512 levels (two per tree level) and recursion over a deeper one (encoding,
    /// comparing, freeing) would overflow the stack. Flame graphs draw 64 levels anyway.
    static let maximumDepth = 200

    private(set) var names: [String] = []
    private(set) var totals: [Double] = []
    private(set) var selfValues: [Double] = []
    private(set) var counts: [Int] = []
    private var children: [[String: Int]] = []

    init(rootName: String) {
        _ = addNode(rootName)
    }

    private mutating func addNode(_ name: String) -> Int {
        names.append(name)
        totals.append(0)
        selfValues.append(0)
        counts.append(0)
        children.append([:])
        return names.count - 1
    }

    /// The child of `parent` named `name`, created when missing.
    mutating func child(of parent: Int, named name: String) -> Int {
        if let existing = children[parent][name] { return existing }
        let node = addNode(name)
        children[parent][name] = node
        return node
    }

    mutating func add(node: Int, total: Double, selfValue: Double, count: Int = 1) {
        totals[node] += total
        selfValues[node] += selfValue
        counts[node] += count
    }

    /// The finished tree, children largest first; built bottom-up without recursion so deep
    /// trees cannot overflow the stack.
    func build() -> CallTreeNode {
        // Nodes are created after their parents, so reverse creation order visits children first.
        var built: [CallTreeNode?] = Array(repeating: nil, count: names.count)
        for node in stride(from: names.count - 1, through: 0, by: -1) {
            let kids = children[node].values.map { built[$0]! }
                .sorted { $0.total != $1.total ? $0.total > $1.total : $0.name < $1.name }
            for child in children[node].values { built[child] = nil }
            built[node] = CallTreeNode(
                name: names[node], total: totals[node], selfValue: selfValues[node], count: counts[node], children: kids)
        }
        return built[0]!
    }
}

/// Spans arranged as a forest by their parent links.
struct SpanForest {
    var durationsByName: [String: [Double]] = [:]
    var inclusiveByName: [String: Double] = [:]
    var selfByName: [String: Double] = [:]
    var callers: [String: [String: (total: Double, count: Int)]] = [:]
    var callees: [String: [String: (total: Double, count: Int)]] = [:]
    var rootTotal = 0.0
    var tree: CallTreeNode?
    var criticalPath: [CriticalPathStep] = []
    var warningCount = 0
    /// Spans whose parent links form a cycle, so no root leads to them; left out.
    var unreachable = 0
    /// Spans nested deeper than `CallTreeBuilder.maximumDepth`, folded into their ancestor at
    /// that level in the call tree (their statistics are unchanged).
    var foldedSpans = 0

    init(spans: [Span]) {
        guard !spans.isEmpty else { return }
        var indexByID: [Int: Int] = [:]
        indexByID.reserveCapacity(spans.count)
        for (index, span) in spans.enumerated() { indexByID[span.id] = index }
        var childIndexes = [[Int]](repeating: [], count: spans.count)
        var roots: [Int] = []
        for (index, span) in spans.enumerated() {
            if let parent = span.parent, let parentIndex = indexByID[parent], parentIndex != index {
                childIndexes[parentIndex].append(index)
            } else {
                roots.append(index)
            }
        }
        var folded = 0
        let chronological: (Int, Int) -> Bool = { a, b in
            spans[a].startNs != spans[b].startNs ? spans[a].startNs < spans[b].startNs : a < b
        }
        roots.sort(by: chronological)
        var builder = CallTreeBuilder(rootName: "all")
        // Depth-first without recursion: (span index, tree node of its parent).
        var stack: [(span: Int, parentNode: Int)] = roots.reversed().map { ($0, 0) }
        // How many spans of each name are open on the current path, for recursion-safe totals.
        var openNames: [String: Int] = [:]
        var path: [Int] = []  // span indexes on the current path
        var visited = [Bool](repeating: false, count: spans.count)
        while let (index, parentNode) = stack.popLast() {
            // Unwind the path to this span's parent.
            let parentIndex = spans[index].parent.flatMap { indexByID[$0] }
            while let last = path.last, last != parentIndex {
                openNames[spans[last].name]! -= 1
                path.removeLast()
            }
            guard !visited[index] else { continue }  // parent cycles: visit each span once
            visited[index] = true
            let span = spans[index]
            let childTime = childIndexes[index].reduce(0.0) { $0 + spans[$1].durationNs }
            // Timestamps are often rounded (to ns or µs), so children may overshoot by a hair.
            if childTime > span.durationNs + max(1000, span.durationNs * 1e-6) { warningCount += 1 }
            let selfTime = max(0, span.durationNs - childTime)
            durationsByName[span.name, default: []].append(span.durationNs)
            selfByName[span.name, default: 0] += selfTime
            if openNames[span.name, default: 0] == 0 {
                inclusiveByName[span.name, default: 0] += span.durationNs
            }
            if path.isEmpty { rootTotal += span.durationNs }
            if let parentIndex {
                let parentName = spans[parentIndex].name
                callers[span.name, default: [:]][parentName, default: (0, 0)].total += span.durationNs
                callers[span.name, default: [:]][parentName, default: (0, 0)].count += 1
                callees[parentName, default: [:]][span.name, default: (0, 0)].total += span.durationNs
                callees[parentName, default: [:]][span.name, default: (0, 0)].count += 1
            }
            // Past the tree's depth, a span's own time goes to its ancestor at the deepest level.
            let node: Int
            if path.count < CallTreeBuilder.maximumDepth {
                node = builder.child(of: parentNode, named: span.name)
                builder.add(node: node, total: span.durationNs, selfValue: selfTime)
            } else {
                node = parentNode
                builder.add(node: node, total: 0, selfValue: selfTime, count: 0)
                folded += 1
            }
            openNames[span.name, default: 0] += 1
            path.append(index)
            for child in childIndexes[index].sorted(by: chronological).reversed() {
                stack.append((child, node))
            }
        }
        unreachable = visited.count { !$0 }
        foldedSpans = folded
        builder.add(node: 0, total: rootTotal, selfValue: 0, count: 0)
        tree = builder.build()
        criticalPath = Self.criticalPath(spans: spans, roots: roots, children: childIndexes)
    }

    /// From the root span that ends last, repeatedly the child that ends last: the chain of
    /// spans that decided when the run finished.
    static func criticalPath(spans: [Span], roots: [Int], children: [[Int]]) -> [CriticalPathStep] {
        func latest(_ candidates: [Int]) -> Int? {
            candidates.max { a, b in
                spans[a].endNs != spans[b].endNs ? spans[a].endNs < spans[b].endNs : a > b
            }
        }
        var steps: [CriticalPathStep] = []
        var current = latest(roots)
        var seen = Set<Int>()
        while let index = current, seen.insert(index).inserted {
            steps.append(CriticalPathStep(name: spans[index].name, durationNs: spans[index].durationNs))
            current = latest(children[index])
        }
        return steps
    }
}

/// Weighted stacks from a sampling profiler, aggregated per frame name.
struct StackAggregation {
    var totalWeight = 0.0
    var totalByName: [String: Double] = [:]
    var selfByName: [String: Double] = [:]
    var countByName: [String: Int] = [:]
    var callers: [String: [String: (total: Double, count: Int)]] = [:]
    var callees: [String: [String: (total: Double, count: Int)]] = [:]
    var tree: CallTreeNode?
    /// Stacks deeper than `CallTreeBuilder.maximumDepth`: folded at that depth in the tree.
    var foldedStacks = 0

    init(stacks: [StackSample]) {
        var builder = CallTreeBuilder(rootName: "all")
        for stack in stacks where !stack.frames.isEmpty {
            let weight = stack.weight
            totalWeight += weight
            var seen = Set<String>()
            var node = 0
            var previous: String?
            if stack.frames.count > CallTreeBuilder.maximumDepth { foldedStacks += 1 }
            for (depth, frame) in stack.frames.enumerated() {
                if seen.insert(frame).inserted {
                    totalByName[frame, default: 0] += weight
                    countByName[frame, default: 0] += 1
                }
                // Past the tree's depth, the weight stays with the deepest node kept.
                if depth < CallTreeBuilder.maximumDepth {
                    node = builder.child(of: node, named: frame)
                    builder.add(node: node, total: weight, selfValue: 0)
                }
                if let previous {
                    callers[frame, default: [:]][previous, default: (0, 0)].total += weight
                    callers[frame, default: [:]][previous, default: (0, 0)].count += 1
                    callees[previous, default: [:]][frame, default: (0, 0)].total += weight
                    callees[previous, default: [:]][frame, default: (0, 0)].count += 1
                }
                previous = frame
            }
            builder.add(node: node, total: 0, selfValue: weight, count: 0)
            selfByName[stack.frames.last!, default: 0] += weight
        }
        builder.add(node: 0, total: totalWeight, selfValue: 0, count: 0)
        tree = stacks.isEmpty ? nil : builder.build()
    }

    func operations(total: Double, unit: WeightUnit?) -> [OperationStatistics] {
        let metricUnit: MetricUnit =
            switch unit {
            case .nanoseconds: .nanoseconds
            case .bytes: .bytes
            case .samples, nil: .count
            }
        return totalByName.map { name, weight in
            let selfWeight = selfByName[name] ?? 0
            return OperationStatistics(
                name: name, metric: .timing, unit: metricUnit, count: countByName[name] ?? 0, total: weight,
                share: total > 0 ? weight / total : 0, selfTotal: selfWeight,
                selfShare: total > 0 ? selfWeight / total : 0, summary: nil,
                callers: callers[name].map(CallEdge.sorted) ?? [], callees: callees[name].map(CallEdge.sorted) ?? [])
        }
        .sorted(by: OperationStatistics.largestFirst)
    }
}

extension Analyzer {
    /// The raw samples each operation's statistics come from: its `operations` entry, else its
    /// spans' durations. Empty for sampled profiles, which have no per-call values.
    public static func samplesByOperation(_ profile: Profile) -> [String: [Double]] {
        OperationTimeline(profile: profile).samples
    }
}
