import Dispatch
import Foundation
import HotpathAnalysis
import HotpathIngest
import HotpathModel

/// `hotpath-bench attribution`: how often attribution names the function a slowdown was injected
/// into (issue 20). Call trees, synthetic and one taken from a real trace of the fixtures, are
/// run 30 times per side with log-normal noise on every frame's own time; the current side has
/// one named frame slowed (its own time, or its calls per caller call) by what makes the root
/// `+10%`, `+20%` or `+50%`, at depths 1–4 and CVs 5–15%. Top-1 and top-3: the injected frame is
/// the first, or among the first three, frames of the root's attribution (a missed regression
/// counts as a miss). False attribution: unchanged pairs (both sides from the same tree) whose
/// root is attributed at all. Seeds fix every number drawn.
struct AttributionHarness {
    var seeds = 10
    static let usage = "USAGE: hotpath-bench attribution [--seeds N]"

    init?(arguments: [String]) {
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            guard argument == "--seeds", let value = rest.popFirst().flatMap(Int.init), value > 0 else { return nil }
            seeds = value
        }
    }

    /// A call tree: each call takes its own time plus its callees', `calls` times per caller call.
    struct Frame {
        var name: String
        var selfNs: Double
        var calls: Int
        var children: [Frame]

        var totalNs: Double { selfNs + children.reduce(0) { $0 + Double($1.calls) * $1.totalNs } }

        /// Paths (child indexes) of every frame below the root, with their depth.
        func paths(_ prefix: [Int] = []) -> [[Int]] {
            children.indices.flatMap { index in [prefix + [index]] + children[index].paths(prefix + [index]) }
        }

        subscript(path: [Int]) -> Frame {
            get { path.isEmpty ? self : children[path[0]][Array(path.dropFirst())] }
            set {
                if path.isEmpty { self = newValue } else { children[path[0]][Array(path.dropFirst())] = newValue }
            }
        }

        /// Calls of the frame at `path` per call of the root.
        func callsPerRoot(_ path: [Int]) -> Double {
            var frame = self
            var calls = 1.0
            for index in path {
                frame = frame.children[index]
                calls *= Double(frame.calls)
            }
            return calls
        }
    }

    /// A random tree of `depth` levels below the root, 2–4 callees a frame, names unique.
    static func syntheticTree(depth: Int, generator: inout SeededGenerator) -> Frame {
        var counter = 0
        func make(_ level: Int) -> Frame {
            counter += 1
            let name = level == 0 ? "root" : "f\(counter)"
            let children = level < depth ? (0..<(2 + Int(generator.next() % 3))).map { _ in make(level + 1) } : []
            return Frame(
                name: name, selfNs: generator.logNormal(median: 200_000, sigma: 0.8),
                calls: level == 0 ? 1 : 1 + Int(generator.next() % 3), children: children)
        }
        return make(0)
    }

    /// The call tree of a real trace, as average calls and own time per path (paths under 0.2%
    /// of the run left out), below a synthetic root.
    static func realTree() -> Frame? {
        let path = "Tests/Fixtures/samples/chrome-trace/from-clangbuildanalyzer/clang11-pid-45/test.json"
        guard let dump = try? Ingestor().loadFile(path),
            let tree = Analyzer().analyzeForComparison(dump.profile).contexts
        else { return nil }
        var children = [[Int]](repeating: [], count: tree.nodeCount)
        for node in 1..<tree.nodeCount { children[Int(tree.parents[node])].append(node) }
        let cutoff = tree.totals[0] * 0.002
        func make(_ node: Int, parentCount: Int, depth: Int) -> Frame {
            let kept = depth < 6 ? children[node].filter { tree.totals[$0] >= cutoff } : []
            let count = max(1, tree.counts[node])
            return Frame(
                name: tree.names[Int(tree.nameIndexes[node])],
                selfNs: max(1000, tree.selfTotals[node] / Double(count)),
                calls: max(1, Int((Double(count) / Double(max(1, parentCount))).rounded())),
                children: kept.map { make($0, parentCount: count, depth: depth + 1) })
        }
        let roots = children[0].filter { tree.totals[$0] >= cutoff }.map { make($0, parentCount: 1, depth: 1) }
        return Frame(name: "run", selfNs: 10_000, calls: 1, children: roots)
    }

    /// A profile of `rootCalls` calls of `tree`, each frame's own time log-normal with `cv`.
    static func profile(_ tree: Frame, rootCalls: Int, cv: Double, generator: inout SeededGenerator) -> Profile {
        var spans = SpanTable()
        var nextID = 1
        var clock = 0.0
        func emit(_ frame: Frame, parent: Int?) {
            let id = nextID
            nextID += 1
            let start = clock
            let own = generator.logNormal(median: frame.selfNs, sigma: cv)
            clock += own / 2
            let index = spans.count
            spans.append(Span(id: id, name: frame.name, startNs: start, durationNs: 0, parent: parent))
            for child in frame.children { for _ in 0..<child.calls { emit(child, parent: id) } }
            clock += own / 2
            spans[index].durationNs = clock - start
        }
        for _ in 0..<rootCalls { emit(tree, parent: nil) }
        return Profile(run: RunMetadata(workflow: "attribution", runID: "attribution"), spans: spans)
    }

    struct Tally {
        var cases = 0
        var detected = 0
        var top1 = 0
        var top3 = 0
        var unchanged = 0
        var falseAttributions = 0
        /// What each false attribution was: the operation, its change, its adjusted p-value.
        var falseExamples: [String] = []
        mutating func add(_ other: Tally) {
            falseExamples += other.falseExamples
            cases += other.cases
            detected += other.detected
            top1 += other.top1
            top3 += other.top3
            unchanged += other.unchanged
            falseAttributions += other.falseAttributions
        }
    }

    /// One injected slowdown: the root's regression, the noise, self time or call count, and
    /// the tree; the frame is drawn among those deep enough and large enough to carry it.
    static func trial(
        _ tree: Frame, regression: Double, cv: Double, callCount: Bool, seed: UInt64
    ) -> Tally {
        var generator = SeededGenerator(seed: seed)
        var tally = Tally()
        let rootTotal = tree.totalNs
        // Frames whose own change can make the root regress this much: a call-count change by
        // at most 3× per caller call, a self-time change by at most 20×.
        let candidates = tree.paths().filter { path in
            let frame = tree[path]
            let weight = tree.callsPerRoot(path) * (callCount ? frame.totalNs * 2 : frame.selfNs * 19)
            return weight >= regression * rootTotal && !(callCount && frame.calls > 1 && tree.callsPerRoot(path) < 1)
        }
        guard !candidates.isEmpty else { return tally }
        let path = candidates[Int(generator.next() % UInt64(candidates.count))]
        var slowed = tree
        let target = tree[path]
        let extra = regression * rootTotal
        if callCount {
            // More calls per caller call: the closest whole number of calls to the extra time.
            let perCall = target.totalNs * tree.callsPerRoot(path) / Double(target.calls)
            let more = max(1, Int((extra / perCall).rounded()))
            slowed[path].calls = target.calls + more
        } else {
            slowed[path].selfNs = target.selfNs + extra / tree.callsPerRoot(path)
        }
        let baseline = profile(tree, rootCalls: 30, cv: cv, generator: &generator)
        let current = profile(slowed, rootCalls: 30, cv: cv, generator: &generator)
        // The unchanged pair draws both its sides afresh from a seed of its own: reusing the
        // injected case's baseline made the pairs of one tree, seed and CV copies of each other
        // (the same false regression counted three times).
        var unchangedGenerator = SeededGenerator(
            seed: seed &* 1_000_003 &+ UInt64(regression * 1000) &* 7919 &+ UInt64(cv * 1000) &* 31
                &+ (callCount ? 1 : 0))
        let unchangedBaseline = profile(tree, rootCalls: 30, cv: cv, generator: &unchangedGenerator)
        let same = profile(tree, rootCalls: 30, cv: cv, generator: &unchangedGenerator)
        let analyzer = Analyzer()
        tally.cases = 1
        if let root = analyzer.analyze(current, baseline: baseline).comparison?.operations.first(where: {
            $0.name == tree.name
        }), root.verdict == .regression {
            tally.detected = 1
            let names = root.attribution?.frames.map(\.name) ?? []
            if names.first == target.name { tally.top1 = 1 }
            if names.prefix(3).contains(target.name) { tally.top3 = 1 }
        }
        tally.unchanged = 1
        let attributed = (analyzer.analyze(same, baseline: unchangedBaseline).comparison?.operations ?? []).filter {
            $0.attribution != nil
        }
        if !attributed.isEmpty {
            tally.falseAttributions = 1
            let nested = Set(Self.nestedNames(tree))
            tally.falseExamples = attributed.map { item in
                let change = item.interval?.estimate ?? item.meanChange ?? 0
                return
                    "\(item.name) \(item.verdict.rawValue) \(String(format: "%+.1f%%", change * 100)), adjusted p \(String(format: "%.4f", item.adjustedPValue ?? 1)), \(nested.contains(item.name) ? "nested in itself" : "not nested") (seed \(seed), CV \(cv))"
            }
        }
        return tally
    }

    /// Names that occur below a frame of the same name (recursion, or a name reused deeper).
    static func nestedNames(_ tree: Frame) -> [String] {
        var found: [String] = []
        func walk(_ frame: Frame, _ above: Set<String>) {
            if above.contains(frame.name) { found.append(frame.name) }
            for child in frame.children { walk(child, above.union([frame.name])) }
        }
        walk(tree, [])
        return found
    }

    func run() -> [String] {
        let started = Date()
        var lines = ["Attribution accuracy, \(seeds) seeds a scenario (hotpath-bench attribution)"]
        let real = Self.realTree()
        var total = Tally()
        var trees: [(String, (UInt64) -> Frame)] = (1...4).map { depth in
            (
                "synthetic, depth \(depth)",
                { seed in
                    var generator = SeededGenerator(seed: seed &* 7919 &+ UInt64(depth))
                    return Self.syntheticTree(depth: depth, generator: &generator)
                }
            )
        }
        if let real { trees.append(("real clang trace", { _ in real })) }
        for (label, make) in trees {
            for callCount in [false, true] {
                var tally = Tally()
                for regression in [0.1, 0.2, 0.5] {
                    for cv in [0.05, 0.10, 0.15] {
                        for seed in 0..<UInt64(seeds) {
                            tally.add(
                                Self.trial(make(seed), regression: regression, cv: cv, callCount: callCount, seed: seed)
                            )
                        }
                    }
                }
                total.add(tally)
                lines.append("  \(label), \(callCount ? "calls per caller" : "own time"): \(Self.describe(tally))")
                // Progress on stderr as each scenario ends; the report on stdout at the end.
                FileHandle.standardError.write(Data(((lines.last ?? "") + "\n").utf8))
            }
        }
        lines.append("All: \(Self.describe(total))")
        lines += SampledShareCheck.report(trees: trees, seeds: seeds)
        if !total.falseExamples.isEmpty {
            lines.append("False attributions (operations attributed in unchanged pairs):")
            lines += total.falseExamples.prefix(20).map { "  " + $0 }
        }
        lines.append(
            "Targets: top-1 ≥ 90%, top-3 ≥ 98% of the detected regressions ≥ 10% at CV ≤ 15%; no attribution for an unchanged pair."
        )
        lines.append("Wall time \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        return lines
    }

    static func describe(_ tally: Tally) -> String {
        func percent(_ part: Int, _ whole: Int) -> String {
            whole > 0 ? String(format: "%.1f%%", 100 * Double(part) / Double(whole)) : "—"
        }
        return "\(tally.cases) cases, detected \(percent(tally.detected, tally.cases)); of the detected top-1 "
            + "\(percent(tally.top1, tally.detected)), top-3 \(percent(tally.top3, tally.detected)); false attribution "
            + "\(percent(tally.falseAttributions, tally.unchanged)) of \(tally.unchanged) unchanged pairs"
    }
}
