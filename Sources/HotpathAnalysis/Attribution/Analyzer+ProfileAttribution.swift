import HotpathModel

/// A profile of one run, for attributing the changes of a benchmark suite of the same run.
public struct RunProfile: Sendable {
    public var run: RunMetadata
    /// The file it came from.
    public var source: String
    public var contexts: CallContextTree

    public init(run: RunMetadata, source: String, contexts: CallContextTree) {
        self.run = run
        self.source = source
        self.contexts = contexts
    }
}

extension Analyzer {
    /// Attributes a benchmark suite's regressions and improvements with the profiles of the same
    /// two runs: the benchmark's verdict says that it changed (its own samples, its own test), the
    /// profile pair says where. Each changed benchmark is looked up in both profiles as a frame
    /// (`profileFrame(forBenchmark:in:)`) and that frame's change decomposed (`ChangeAttribution`).
    /// Only benchmarks of time (`timed`: their names, metric timing, CPU or throughput) are
    /// attributed. A benchmark whose frame is not in both profiles, or whose frame changed the
    /// other way in the profiles (they then tell nothing about the benchmark's change), keeps
    /// no attribution.
    public func attribute(
        _ comparison: inout Comparison, timed: Set<String>, current: RunProfile, baseline: RunProfile
    ) {
        guard options.attribution, comparison.comparable else { return }
        let attribution = ChangeAttribution(options: options)
        for index in comparison.operations.indices {
            let item = comparison.operations[index]
            guard item.verdict == .regression || item.verdict == .improvement, item.attribution == nil,
                timed.contains(item.name),
                let frame = Self.profileFrame(forBenchmark: item.name, in: [baseline.contexts, current.contexts]),
                var found = attribution.attribute(
                    operation: frame, baseline: baseline.contexts, current: current.contexts)
            else { continue }
            // A regression of a time or a throughput is a slowdown: the frame's time (or share of
            // the samples) must have grown in the profiles, and shrunk for an improvement.
            guard (item.verdict == .regression) == (found.change > 0) else { continue }
            found.profile = AttributionProfile(
                frame: frame, currentRun: current.run.runID, currentSource: current.source,
                baselineRun: baseline.run.runID, baselineSource: baseline.source)
            comparison.operations[index].attribution = found
        }
    }

    /// The frame that stands for a benchmark in a profile of its run, present in every tree of
    /// `trees`: the benchmark's name; else its function, the name before the first `/` or `[`
    /// (Google Benchmark's `BM_sort/1024`, pytest-benchmark's `test_parse[small]`). A frame
    /// matches with a parameter list after it (`BM_sort(benchmark::State&)`, as perf demangles
    /// C++). The first candidate found wins; nil when none is in every tree.
    public static func profileFrame(forBenchmark name: String, in trees: [CallContextTree]) -> String? {
        var candidates = [name]
        if let cut = name.firstIndex(where: { $0 == "/" || $0 == "[" }), cut > name.startIndex {
            candidates.append(String(name[..<cut]))
        }
        let names = trees.map { Set($0.names) }
        for candidate in candidates {
            // The exact name, else one frame name that is the candidate with a parameter list.
            if names.allSatisfy({ $0.contains(candidate) }) { return candidate }
            let withParameters = trees.first.map { tree in
                tree.names.filter { $0.hasPrefix(candidate + "(") }.sorted()
            }
            if let match = withParameters?.first, names.allSatisfy({ $0.contains(match) }) { return match }
        }
        return nil
    }
}
