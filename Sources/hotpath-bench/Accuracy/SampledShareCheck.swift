import Foundation
import HotpathAnalysis
import HotpathModel

/// Whether a sampled operation's share of the samples could be compared between two runs with
/// a two-proportion test (issue 20, item 2): on *unchanged* pairs of sampled profiles, how often
/// that test, adjusted with Benjamini–Hochberg across the operations and kept only for changes of
/// at least the 5% threshold, raises an alarm anyway.
///
/// Each run is 30 calls of the same call tree with every frame's own time log-normal at the
/// CV (what makes spans' comparisons honest: the run-to-run noise is in their samples), sampled
/// at a fixed rate: each call path gets a Poisson number of samples with its time's mean, the
/// most generous model for the test (real samplers are periodic, so autocorrelated, which only
/// makes it worse). The test sees the samples; the run-to-run noise of the times is invisible to
/// it, so the more samples, the more it mistakes that noise for a change.
enum SampledShareCheck {
    /// Self time per call path (paths as frame-name arrays) of one run of `calls` root calls.
    static func selfTimes(
        _ tree: AttributionHarness.Frame, calls: Int, cv: Double, generator: inout SeededGenerator
    ) -> [[String]: Double] {
        var times: [[String]: Double] = [:]
        func visit(_ frame: AttributionHarness.Frame, _ path: [String]) {
            let here = path + [frame.name]
            times[here, default: 0] += generator.logNormal(median: frame.selfNs, sigma: cv)
            for child in frame.children { for _ in 0..<child.calls { visit(child, here) } }
        }
        for _ in 0..<calls { visit(tree, []) }
        return times
    }

    /// A Poisson count with the given mean (normal approximation past 50).
    static func poisson(_ mean: Double, _ generator: inout SeededGenerator) -> Int {
        if mean > 50 { return max(0, Int((mean + mean.squareRoot() * generator.normal()).rounded())) }
        let limit = exp(-mean)
        var product = generator.unit()
        var count = 0
        while product > limit {
            product *= generator.unit()
            count += 1
        }
        return count
    }

    /// Samples per operation (every path through it, counted once per stack) and the total.
    static func sample(
        _ times: [[String]: Double], totalSamples: Double, generator: inout SeededGenerator
    ) -> (byName: [String: Double], total: Double) {
        let totalTime = times.values.reduce(0, +)
        var byName: [String: Double] = [:]
        var total = 0.0
        for (path, time) in times.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            let count = Double(poisson(time / totalTime * totalSamples, &generator))
            total += count
            for name in Set(path) { byName[name, default: 0] += count }
        }
        return (byName, total)
    }

    /// Whether an unchanged pair raises an alarm: some operation whose share changed at least
    /// `threshold`, significant at `q` after Benjamini–Hochberg.
    static func falseAlarm(
        _ tree: AttributionHarness.Frame, cv: Double, totalSamples: Double, seed: UInt64, threshold: Double = 0.05,
        q: Double = 0.05
    ) -> Bool {
        var generator = SeededGenerator(seed: seed &* 104_729 &+ 17)
        let a = sample(
            selfTimes(tree, calls: 30, cv: cv, generator: &generator), totalSamples: totalSamples,
            generator: &generator)
        let b = sample(
            selfTimes(tree, calls: 30, cv: cv, generator: &generator), totalSamples: totalSamples,
            generator: &generator)
        var pValues: [Double] = []
        var changes: [Double] = []
        for name in Set(a.byName.keys).intersection(b.byName.keys).sorted() {
            let before = a.byName[name] ?? 0
            let after = b.byName[name] ?? 0
            guard before > 0,
                let test = RateTests.twoProportion(
                    current: after, currentTotal: b.total, baseline: before, baselineTotal: a.total)
            else { continue }
            pValues.append(test.pValue)
            changes.append((after / b.total) / (before / a.total) - 1)
        }
        let adjusted = BenjaminiHochberg.adjusted(pValues)
        return adjusted.indices.contains { adjusted[$0] < q && abs(changes[$0]) >= threshold }
    }

    /// The rate of false alarms on unchanged sampled pairs, per number of samples a run.
    static func report(trees: [(String, (UInt64) -> AttributionHarness.Frame)], seeds: Int) -> [String] {
        var lines = [
            "Sampled profiles, unchanged pairs: an operation's share compared by a two-proportion test (BH q = 5%, change ≥ 5%)"
        ]
        for samples in [1_000.0, 10_000, 100_000] {
            var cells: [String] = []
            for cv in [0.05, 0.10, 0.15] {
                var alarms = 0
                var pairs = 0
                for (_, make) in trees {
                    for seed in 0..<UInt64(max(seeds, 10)) {
                        pairs += 1
                        if falseAlarm(make(seed), cv: cv, totalSamples: samples, seed: seed) { alarms += 1 }
                    }
                }
                cells.append(
                    "CV \(Int(cv * 100))%: \(String(format: "%.0f%%", 100 * Double(alarms) / Double(max(pairs, 1)))) of \(pairs)"
                )
            }
            lines.append("  \(Int(samples)) samples a run: false alarm in " + cells.joined(separator: ", "))
        }
        return lines
    }
}
