import Foundation
import HotpathModel

/// Generated runs whose truth is known: which operations changed, and by how much.
///
/// Everything is drawn from one `SeededGenerator` per run or history, so a seed gives the same
/// profiles on every machine and the same report whatever the scheduling.
enum LabelledRuns {
    /// How an operation's samples are drawn, besides their median and spread.
    enum Shape: Sendable {
        /// Log-normal around the median.
        case logNormal
        /// Log-normal, and one operation in ten gets 0–3 samples ×10 on each side (a GC pause, a
        /// page fault): they move the mean a lot and the ranks hardly at all.
        case outliers
        /// Each sample from one of two log-normal modes 30% apart, 50/50 (a cache hit or miss).
        case bimodal
        /// Log-normal, then kept only as pytest-benchmark writes it without `stats.data`: count,
        /// mean, stddev and five quantiles, tested with Welch's t-test.
        case summaryOnly
    }

    /// Log-normal sigma giving the coefficient of variation `cv`: CV² = exp(σ²) − 1.
    static func sigma(cv: Double) -> Double { log(1 + cv * cv).squareRoot() }

    static func name(_ index: Int) -> String { String(format: "op_%03d", index) }

    /// Medians spread log-uniformly from 10 µs to 10 ms, as in a suite mixing small and large
    /// benchmarks; drawn once per seed so baseline and current measure the same operations.
    static func medians(_ count: Int, _ generator: inout SeededGenerator) -> [Double] {
        (0..<count).map { _ in 1e4 * pow(1e3, generator.unit()) }
    }

    /// One operation's measurements in one run, in ns (whole ns, as traces record them).
    static func operation(
        _ index: Int, median: Double, samples count: Int, cv: Double, shape: Shape, _ generator: inout SeededGenerator
    ) -> ProfileResult {
        let sigma = sigma(cv: cv)
        var samples = (0..<count).map { _ -> Double in
            let mode = shape == .bimodal && generator.unit() < 0.5 ? 1.3 : 1
            return generator.logNormal(median: median * mode, sigma: sigma).rounded()
        }
        switch shape {
        case .outliers where index % 10 == 9:
            for _ in 0..<Int(generator.next() % 4) {
                let position = Int(generator.next() % UInt64(samples.count))
                samples[position] *= 10
            }
        case .summaryOnly:
            return summarized(name(index), samples)
        default:
            break
        }
        return ProfileResult(name: name(index), samples: samples)
    }

    /// What the pytest-benchmark importer makes of a benchmark without `stats.data`: the five
    /// quantiles as representative values, the reported summary beside them.
    static func summarized(_ name: String, _ samples: [Double]) -> ProfileResult {
        let sorted = samples.sorted()
        let count = Double(sorted.count)
        let mean = sorted.reduce(0, +) / count
        let variance = sorted.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / max(count - 1, 1)
        // Linear interpolation between closest ranks, as Python's statistics module does.
        func quantile(_ q: Double) -> Double {
            let position = q * (count - 1)
            let low = Int(position)
            let high = min(low + 1, sorted.count - 1)
            return sorted[low] + (sorted[high] - sorted[low]) * (position - Double(low))
        }
        let quantiles = [0, 0.25, 0.5, 0.75, 1].map(quantile)
        return ProfileResult(
            name: name, samples: quantiles, summaryOnly: true,
            summary: SummaryStatistics(
                count: sorted.count, mean: mean, stddev: variance.squareRoot(), min: quantiles[0], max: quantiles[4],
                q1: quantiles[1], median: quantiles[2], q3: quantiles[3]))
    }

    static func profile(runID: String, night: Int = 0, _ operations: [ProfileResult]) -> Profile {
        Profile(
            run: RunMetadata(
                workflow: "accuracy", runID: runID,
                startTime: ISO8601DateFormatter().string(
                    from: Date(timeIntervalSince1970: 1_767_225_600 + Double(night) * 86_400)),
                environment: EnvironmentFingerprint(os: "Linux", cores: 2, buildConfiguration: "release")),
            operations: operations)
    }

    /// A generator for one scenario and seed: scenarios draw independent numbers, and adding one
    /// does not change the others.
    static func generator(_ scenario: String, seed: Int) -> SeededGenerator {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in scenario.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return SeededGenerator(seed: hash ^ (UInt64(seed) &* 0x9E37_79B9_7F4A_7C15))
    }
}
