import HotpathModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a benchmark suite's report adds: the ranking of a command comparison, the families of
/// parameterised benchmarks with their fitted complexity.
enum SuiteAnalyzer {
    static func analyze(_ operations: [OperationStatistics], kind: RunKind) -> SuiteAnalysis {
        let timed = operations.filter { $0.metric == .timing }
        return SuiteAnalysis(
            benchmarks: timed.count, ranking: kind == .commandComparison ? ranking(timed) : nil,
            families: BenchmarkFamilies.families(timed))
    }

    /// Every command against the fastest by mean, fastest first (ties by name), as hyperfine's
    /// summary: the ratio of the means and its standard deviation propagated from both
    /// commands' relative standard deviations, the errors taken as independent. Nil with
    /// fewer than two commands or a fastest mean of zero (no ratio to take).
    static func ranking(_ operations: [OperationStatistics]) -> [RankedCommand]? {
        let commands = operations.compactMap { operation -> (String, Double, Double?)? in
            guard let summary = operation.summary, summary.mean.isFinite else { return nil }
            return (operation.name, summary.mean, summary.count >= 2 ? summary.stddev : nil)
        }
        .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
        guard commands.count >= 2, let fastest = commands.first, fastest.1 > 0 else { return nil }
        return commands.map { name, mean, stddev in
            let ratio = mean / fastest.1
            let ratioStddev: Double? =
                if let stddev, let fastestStddev = fastest.2 {
                    ratio * sqrt(pow(stddev / mean, 2) + pow(fastestStddev / fastest.1, 2))
                } else {
                    nil
                }
            return RankedCommand(name: name, mean: mean, stddev: stddev, ratio: ratio, ratioStddev: ratioStddev)
        }
    }
}
