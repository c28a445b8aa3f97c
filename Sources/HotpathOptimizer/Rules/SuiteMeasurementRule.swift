import HotpathModel

/// Advice for a benchmark suite: how it is measured, never what to speed up. Each finding
/// names its evidence (the noise model, the producer's own context, pyperf's own checks) and
/// the option of that producer that fixes it; none has an Amdahl estimate (`area` is
/// `measurement`). See `Docs/analysis.md`, "Benchmark suites".
struct SuiteMeasurementRule: OptimizationRule {
    /// More repetitions fix noise up to this many times the ones taken; beyond, the benchmark
    /// is too noisy to gate on.
    static let repetitionFactor = 10
    /// pyperf's checks: a standard deviation of 10% of the mean, a minimum or maximum 50% from
    /// it, a raw value (value × loops) under 1 ms (`pyperf/_cli.py`, `format_checks`).
    static let pyperfUnstableCV = 0.10
    static let pyperfOutlier = 0.5
    static let pyperfShortestRawNs = 1e6
    /// hyperfine warns below 5 ms a command: the shell's spawn time is not calibrated closer.
    static let hyperfineShortestNs = 5e6
    /// Benchmarks named in one finding's evidence; the rest are counted.
    static let named = 5

    /// Which tool wrote the results, so the advice names its options.
    enum Producer {
        case googleBenchmark, hyperfine, pyperf, pytestBenchmark, other

        init(_ report: PerformanceReport) {
            let labels = report.run.labels
            if report.runKind == .commandComparison {
                self = .hyperfine
            } else if labels["library_version"] != nil || labels["cpu_scaling_enabled"] != nil
                || labels["executable"] != nil
            {
                self = .googleBenchmark
            } else if labels["pytest_benchmark_version"] != nil {
                self = .pytestBenchmark
            } else if labels["perf_version"] != nil || labels["loops"] != nil || labels["timer"] != nil {
                self = .pyperf
            } else {
                self = .other
            }
        }

        func repetitions(_ count: Int) -> String {
            switch self {
            case .googleBenchmark: "--benchmark_repetitions=\(count)"
            case .hyperfine: "--runs \(count)"
            case .pyperf: "more processes (--processes) or values per process (--values) for \(count) values"
            case .pytestBenchmark: "--benchmark-min-rounds=\(count)"
            case .other: "\(count) repetitions"
            }
        }
    }

    func recommendations(for report: PerformanceReport) -> [Finding] {
        guard report.runKind.isSuite else { return [] }
        let producer = Producer(report)
        let benchmarks = report.operations.filter { $0.metric == .timing }
        var findings: [Finding] = []
        findings += machine(report)
        findings += repetitions(benchmarks, producer: producer)
        if producer == .pyperf { findings += pyperfChecks(benchmarks, loops: report.run.labels["loops"]) }
        if producer == .hyperfine { findings += shortCommands(benchmarks) }
        return findings
    }

    /// The Google Benchmark context: CPU frequency scaling, a debug build of the library.
    private func machine(_ report: PerformanceReport) -> [Finding] {
        var findings: [Finding] = []
        if report.run.labels["cpu_scaling_enabled"] == "true" {
            findings.append(
                finding(
                    id: "suite:cpu-scaling", priority: .high, subject: report.run.runID,
                    title: "CPU frequency scaling was enabled",
                    observation:
                        "The benchmark's context says cpu_scaling_enabled: true\(report.run.labels["mhz_per_cpu"].map { " (\($0) MHz per CPU reported)" } ?? ""): the clock speed changed under the benchmarks, so their times vary with the governor, not only with the code.",
                    recommendation:
                        "Set the performance governor before benchmarking (sudo cpupower frequency-set --governor performance) and run again; compare only runs made that way.",
                    expected: "Steadier times: smaller intervals and fewer inconclusive verdicts.", operations: []))
        }
        if report.run.environment?.buildConfiguration == "debug" {
            findings.append(
                finding(
                    id: "suite:debug-build", priority: .high, subject: report.run.runID,
                    title: "The benchmark library was a debug build",
                    observation:
                        "The benchmark's context says library_build_type: debug: the timing loop itself ran unoptimized, which adds its own overhead to every benchmark.",
                    recommendation:
                        "Build the benchmark library in release (-DCMAKE_BUILD_TYPE=Release, or the release package) as well as the code under test, and run again.",
                    expected: "Times that reflect release performance.", operations: []))
        }
        return findings
    }

    /// From the noise model: benchmarks whose repetitions are too few to see a change of the
    /// threshold, and those so noisy that no reasonable number would.
    private func repetitions(_ benchmarks: [OperationStatistics], producer: Producer) -> [Finding] {
        var fixable: [(OperationStatistics, NoiseEstimate, Int)] = []
        var hopeless: [(OperationStatistics, NoiseEstimate, Int)] = []
        for operation in benchmarks {
            guard let noise = operation.noise, let needed = noise.samplesNeeded, needed > operation.count else {
                continue
            }
            if needed > operation.count * Self.repetitionFactor {
                hopeless.append((operation, noise, needed))
            } else {
                fixable.append((operation, noise, needed))
            }
        }
        let single = benchmarks.filter { $0.count == 1 && !$0.summaryOnly }
        func describe(_ items: [(OperationStatistics, NoiseEstimate, Int)]) -> String {
            let shown = items.sorted { $0.2 != $1.2 ? $0.2 > $1.2 : $0.0.name < $1.0.name }.prefix(Self.named)
            let text = shown.map { operation, noise, needed in
                "\(operation.name) (\(UnitFormat.grouped(Double(operation.count))) samples, CV \(UnitFormat.percent(noise.cv)), sees changes of \(noise.minimumDetectableChange.map { UnitFormat.percent($0) } ?? "—"), needs \(UnitFormat.grouped(Double(needed))))"
            }.joined(separator: "; ")
            return text + (items.count > shown.count ? "; and \(items.count - shown.count) more" : "")
        }
        var findings: [Finding] = []
        if let first = single.first {
            let names = single.map(\.name)
            findings.append(
                finding(
                    id: "suite:single-run", priority: .medium, subject: first.name,
                    title:
                        "\(single.count == 1 ? "1 benchmark was" : "\(single.count) benchmarks were") measured once",
                    observation:
                        "One sample has no spread: no noise estimate, no interval, no verdict but \"inconclusive\": \(Self.list(names)).",
                    recommendation:
                        "Repeat them: \(producer.repetitions(10)) gives a spread to judge changes by.",
                    expected: "Verdicts with intervals instead of \"inconclusive\".", operations: names))
        }
        if let first = fixable.first {
            let most = fixable.map(\.2).max() ?? first.2
            let band = "±" + UnitFormat.percent(first.1.threshold, digits: 0)
            findings.append(
                finding(
                    id: "suite:repetitions", priority: .medium, subject: first.0.name,
                    title:
                        "\(fixable.count == 1 ? "1 benchmark has" : "\(fixable.count) benchmarks have") too few repetitions for \(fixable.count == 1 ? "its" : "their") noise",
                    observation:
                        "With this noise, a comparison cannot tell a \(band) change from noise: \(describe(fixable)).",
                    recommendation: "Take more repetitions: \(producer.repetitions(most)) covers them all.",
                    expected: "Verdicts instead of \"inconclusive\" for changes of \(band).",
                    operations: fixable.map(\.0.name)))
        }
        if let first = hopeless.first {
            findings.append(
                finding(
                    id: "suite:too-noisy", priority: .medium, subject: first.0.name,
                    title:
                        "\(hopeless.count == 1 ? "1 benchmark is" : "\(hopeless.count) benchmarks are") too noisy to gate on",
                    observation:
                        "Their run-to-run variation would take more than \(Self.repetitionFactor) times the repetitions taken to see a ±\(UnitFormat.percent(first.1.threshold, digits: 0)) change: \(describe(hopeless)).",
                    recommendation:
                        "Keep them out of the pull-request gate (or give them a looser budget), and make them steadier: a quiet machine, pinned cores, a fixed CPU frequency, longer benchmark bodies.",
                    expected: "A gate that fails on changes, not on noise.", operations: hopeless.map(\.0.name)))
        }
        return findings
    }

    /// pyperf's own checks (what `pyperf check` prints): unstable, outliers, too short.
    private func pyperfChecks(_ benchmarks: [OperationStatistics], loops: String?) -> [Finding] {
        let loopCount = loops.flatMap(Double.init) ?? 1
        var unstable: [String] = []
        var short: [String] = []
        var unstableNames: [String] = []
        var shortNames: [String] = []
        for operation in benchmarks {
            guard let summary = operation.summary, summary.mean > 0 else { continue }
            var reasons: [String] = []
            if summary.count >= 2, summary.cv >= Self.pyperfUnstableCV {
                reasons.append(
                    "the standard deviation (\(UnitFormat.duration(summary.stddev))) is \(UnitFormat.percent(summary.cv, digits: 0)) of the mean (\(UnitFormat.duration(summary.mean)))"
                )
            }
            for (word, value) in [("minimum", summary.min), ("maximum", summary.max)] {
                guard let value else { continue }
                let off = (value - summary.mean) / summary.mean
                if abs(off) >= Self.pyperfOutlier {
                    reasons.append(
                        "the \(word) (\(UnitFormat.duration(value))) is \(UnitFormat.percent(abs(off), digits: 0)) \(off > 0 ? "greater" : "smaller") than the mean"
                    )
                }
            }
            if !reasons.isEmpty {
                unstable.append("\(operation.name): " + reasons.joined(separator: ", "))
                unstableNames.append(operation.name)
            }
            if let minimum = summary.min, minimum * loopCount < Self.pyperfShortestRawNs {
                short.append(
                    "\(operation.name): the shortest raw value only took \(UnitFormat.duration(minimum * loopCount))")
                shortNames.append(operation.name)
            }
        }
        var findings: [Finding] = []
        if !unstable.isEmpty {
            findings.append(
                finding(
                    id: "suite:pyperf-unstable", priority: .medium, subject: unstableNames[0],
                    title:
                        "pyperf would call \(unstable.count == 1 ? "1 result" : "\(unstable.count) results") unstable",
                    observation: Self.list(unstable) + ".",
                    recommendation:
                        "Tune the machine (python -m pyperf system tune), then run again with more processes (--processes) or --rigorous; python -m pyperf check repeats these checks.",
                    expected: "Results pyperf accepts, and tighter intervals.", operations: unstableNames))
        }
        if !short.isEmpty {
            findings.append(
                finding(
                    id: "suite:pyperf-short", priority: .low, subject: shortNames[0],
                    title:
                        "\(short.count == 1 ? "1 benchmark is" : "\(short.count) benchmarks are") too short for the timer",
                    observation:
                        Self.list(short)
                        + " (pyperf wants a raw value, the time of all loops of one value, of at least 1 ms).",
                    recommendation:
                        "Let pyperf calibrate more loops (drop a fixed --loops), or make the benchmark body do more work per loop.",
                    expected: "Times well above the clock's resolution.", operations: shortNames))
        }
        return findings
    }

    /// hyperfine: commands faster than its 5 ms limit, near the shell's spawn time it subtracts.
    private func shortCommands(_ benchmarks: [OperationStatistics]) -> [Finding] {
        let commands = benchmarks.filter { ($0.summary?.mean ?? .infinity) < Self.hyperfineShortestNs }
        let short = commands.map { "\($0.name) (mean \(UnitFormat.duration($0.summary?.mean ?? 0)))" }
        guard let first = commands.first else { return [] }
        return [
            finding(
                id: "suite:hyperfine-short", priority: .low, subject: first.name,
                title: "\(short.count == 1 ? "1 command takes" : "\(short.count) commands take") less than 5 ms",
                observation:
                    Self.list(short)
                    + ": close to the time hyperfine spends spawning a shell, which it can only calibrate to about this limit.",
                recommendation:
                    "Run them without a shell (--shell=none, -N), or give each run more work (a larger input) so the timer's resolution and the spawn time do not matter.",
                expected: "Times that measure the command, not the shell.", operations: commands.map(\.name))
        ]
    }

    static func list(_ items: [String]) -> String {
        let shown = items.prefix(named).joined(separator: "; ")
        return items.count > named ? shown + "; and \(items.count - named) more" : shown
    }

    private func finding(
        id: String, priority: OptimizationPriority, subject: String, title: String, observation: String,
        recommendation: String, expected: String, operations: [String]
    ) -> Finding {
        Finding(
            OptimizationRecommendation(
                id: id, area: .measurement, priority: priority, subject: subject, title: title,
                observation: observation, recommendation: recommendation, expectedImprovement: expected,
                affectedShare: 0, assumedLocalSpeedup: 1, estimatedSpeedup: 1, affectedOperations: operations),
            affectedTime: [])
    }
}
