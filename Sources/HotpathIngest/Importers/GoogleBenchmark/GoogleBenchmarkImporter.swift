import HotpathModel

/// Reads Google Benchmark's JSON (`--benchmark_format=json` / `--benchmark_out`): `context`
/// plus `benchmarks`.
///
/// Each iteration entry (`run_type: iteration`, or no `run_type` in older files) is one sample
/// of its benchmark (`run_name`, else `name`): repetitions give several. `real_time` is the
/// timing sample and `cpu_time` a separate `cpu` operation named `<benchmark> (cpu)`, both
/// converted to nanoseconds through `time_unit`. Aggregates (`mean`, `median`, `stddev`,
/// `cv`, `BigO`…) are statistics, not samples: they are used only for a benchmark that has no
/// iteration entry, and then only the location statistics (mean, median, or unnamed ones),
/// marked `summaryOnly`, with the aggregates as the operation's `summary` (repetitions, mean,
/// median, stddev) when all but the median are there. Errored and skipped entries are left out with a warning.
public struct GoogleBenchmarkImporter: DumpImporter {
    public init() {}

    public var format: DumpFormat { .googleBenchmark }

    static let entryKeys: Set<String> = [
        "run_type", "real_time", "cpu_time", "time_unit", "iterations", "run_name", "family_index", "repetition_index",
        "aggregate_name",
    ]

    public func recognizes(_ sniff: ContentSniff) -> Bool {
        guard sniff.shape == .object, sniff.topLevelKeys.contains("benchmarks") else { return false }
        if sniff.topLevelKeys.contains("context") { return true }
        // Some files have no context block: look at the first benchmark's keys.
        let keys = sniff.memberElementKeys["benchmarks"] ?? []
        return keys.contains(where: Self.entryKeys.contains) && !keys.contains("stats") && !keys.contains("runs")
    }

    private struct Benchmark {
        var name: String
        var group: String?
        var real: [Double] = []
        var cpu: [Double] = []
        var aggregateReal: [Double] = []
        var aggregateCPU: [Double] = []
    }

    /// A benchmark's named aggregates, for its summary when it has no repetitions: real and
    /// CPU time in ns by aggregate name (`mean`, `median`, `stddev`), and the repetitions.
    private struct Aggregates {
        var real: [String: Double] = [:]
        var cpu: [String: Double] = [:]
        var repetitions: Double?

        func summary(cpu useCPU: Bool) -> SummaryStatistics? {
            let values = useCPU ? cpu : real
            guard let repetitions, repetitions >= 1, repetitions < Double(ProfileRules.maximumCounter),
                let mean = values["mean"], let stddev = values["stddev"]
            else { return nil }
            return SummaryStatistics(count: Int(repetitions), mean: mean, stddev: stddev, median: values["median"])
        }
    }

    public func importDump(_ input: DumpInput) throws(ImportFailure) -> ImportedDump {
        let bytes = input.bytes
        let root = try JSONNode.parse(bytes)
        guard root.isObject else {
            throw root.failure(
                "expected a Google Benchmark object with \"benchmarks\", found \(root.value.typeDescription)", in: bytes
            )
        }
        let entries = try root.requiredArray("benchmarks", in: bytes)
        var warnings: [ImportWarning] = []
        var entryWarnings = EntryWarnings()
        var order: [String] = []
        var benchmarks: [String: Benchmark] = [:]
        var missingTimes: [JSONNode] = []
        var complexity = 0
        var excluded = ExcludedRuns()
        var otherAggregates = 0
        var aggregates: [String: Aggregates] = [:]

        for entry in entries {
            guard entry.isObject else {
                throw entry.failure("expected a benchmark object, found \(entry.value.typeDescription)", in: bytes)
            }
            let name = try entry.requiredString("name", in: bytes)
            guard !name.isEmpty else {
                throw entry["name"]!.failure("expected a benchmark name, found an empty string", in: bytes)
            }
            if entry["error_occurred"]?.bool == true {
                let message = entry["error_message"]?.string.map { ": \($0)" } ?? ""
                excluded.note(name, entry, "reported an error\(message)")
                continue
            }
            if entry["skipped"]?.bool == true || entry["skip_message"] != nil {
                let message = entry["skip_message"]?.string.map { ": \($0)" } ?? ""
                excluded.note(name, entry, "was skipped\(message)")
                continue
            }
            let runType = entry["run_type"]?.string ?? "iteration"
            let aggregateName = entry["aggregate_name"]?.string
            var runName = Self.stripAggregateSuffix(name, aggregateName)
            if let given = entry["run_name"]?.string, !given.isEmpty { runName = given }
            if runType == "aggregate" {
                if let aggregateName, ["mean", "median", "stddev"].contains(aggregateName),
                    entry["aggregate_unit"]?.string != "percentage", let real = entry["real_time"]?.number,
                    real.isFinite,
                    real >= 0
                {
                    // Kept as they are for a benchmark without repetitions (its summary).
                    let factor = try Self.nanosecondsPerUnit(entry, bytes)
                    aggregates[runName, default: Aggregates()].real[aggregateName] = real * factor
                    if let cpu = entry["cpu_time"]?.number, cpu.isFinite, cpu >= 0 {
                        aggregates[runName, default: Aggregates()].cpu[aggregateName] = cpu * factor
                    }
                    if let repetitions = entry["repetitions"]?.number, repetitions == repetitions.rounded() {
                        aggregates[runName, default: Aggregates()].repetitions = repetitions
                    }
                }
                // Spread (stddev, cv, percentages) and complexity (BigO, RMS) are not times.
                if let aggregateName, !["mean", "median"].contains(aggregateName) {
                    if ["BigO", "RMS"].contains(aggregateName) { complexity += 1 } else { otherAggregates += 1 }
                    continue
                }
                if entry["aggregate_unit"]?.string == "percentage" {
                    otherAggregates += 1
                    continue
                }
            } else if runType != "iteration" {
                entryWarnings.add(
                    "unknown run types", entry.warning("unknown run_type \"\(runType)\"; left out", in: bytes))
                continue
            }
            guard let realNode = entry["real_time"], let real = realNode.number else {
                missingTimes.append(entry)
                continue
            }
            let factor = try Self.nanosecondsPerUnit(entry, bytes)
            guard real.isFinite, real >= 0 else {
                throw realNode.failure("expected a time that is finite and not negative", in: bytes)
            }
            guard (real * factor).isFinite else {
                throw realNode.failure(
                    "a time of \(real) \(entry["time_unit"]?.string ?? "ns") is more nanoseconds than Hotpath can hold",
                    in: bytes)
            }
            var cpu: Double?
            if let cpuTime = entry["cpu_time"]?.number, cpuTime.isFinite, cpuTime >= 0, (cpuTime * factor).isFinite {
                cpu = cpuTime * factor
            }
            if benchmarks[runName] == nil {
                order.append(runName)
                try ImportSupport.checkOperations(
                    order.count, input.options, offset: entry.offset(in: bytes), what: "benchmarks")
                benchmarks[runName] = Benchmark(name: runName, group: Self.family(of: runName))
            }
            if runType == "aggregate" {
                benchmarks[runName]?.aggregateReal.append(real * factor)
                if let cpu { benchmarks[runName]?.aggregateCPU.append(cpu) }
            } else {
                benchmarks[runName]?.real.append(real * factor)
                if let cpu { benchmarks[runName]?.cpu.append(cpu) }
            }
        }
        excluded.warnings(in: bytes, into: &entryWarnings)
        if let first = missingTimes.first {
            warnings.append(
                first.warning(
                    "\(ImportSupport.plural(missingTimes.count, "benchmark entry", "benchmark entries")) without a numeric \"real_time\" left out",
                    in: bytes))
        }
        if complexity > 0 {
            warnings.append(
                ImportWarning(
                    message:
                        "\(ImportSupport.plural(complexity, "complexity aggregate")) (BigO, RMS) left out: they are not times"
                ))
        }

        var operations: [ProfileResult] = []
        for name in order {
            guard let benchmark = benchmarks[name] else { continue }
            let summaryOnly = benchmark.real.isEmpty
            let real = summaryOnly ? benchmark.aggregateReal : benchmark.real
            let cpu = summaryOnly ? benchmark.aggregateCPU : benchmark.cpu
            guard !real.isEmpty else { continue }
            let named = summaryOnly ? aggregates[name] : nil
            if summaryOnly {
                let what =
                    named?.summary(cpu: false) != nil
                    ? "its statistics are the aggregates (repetitions, mean, median, stddev), with no other percentiles"
                    : "its mean/median stand in for samples"
                entryWarnings.add(
                    "benchmarks with only aggregates",
                    ImportWarning(message: "benchmark \"\(name)\" has only aggregates (no repetitions); \(what)"))
            }
            operations.append(
                ProfileResult(
                    name: name, samples: real, group: benchmark.group, summaryOnly: summaryOnly,
                    summary: named?.summary(cpu: false)))
            if !cpu.isEmpty {
                operations.append(
                    ProfileResult(
                        name: "\(name) (cpu)", metric: .cpu, samples: cpu, group: benchmark.group,
                        summaryOnly: summaryOnly,
                        summary: named?.summary(cpu: true)))
            }
        }
        // With their CPU-time twins.
        try ImportSupport.checkOperations(operations.count, input.options)
        if operations.isEmpty {
            // Valid Google Benchmark output can carry no timings (compare.py's ordering fixtures):
            // the run is kept, empty, and the warning says why.
            let where_ = missingTimes.first ?? entries.first ?? root
            var found: [String] = []
            if !missingTimes.isEmpty {
                found.append(
                    ImportSupport.plural(missingTimes.count, "entry without real_time", "entries without real_time"))
            }
            if otherAggregates + complexity > 0 {
                found.append(
                    ImportSupport.plural(otherAggregates + complexity, "aggregate")
                        + " that \(otherAggregates + complexity == 1 ? "is" : "are") not a mean or median")
            }
            warnings.append(
                where_.warning(
                    "no benchmark repetition, and no mean or median aggregate, has a numeric \"real_time\" (found \(found.isEmpty ? "none" : found.joined(separator: " and "))); the run has no operations",
                    in: bytes))
        }
        let (run, contextWarnings) = runMetadata(root["context"], fileName: input.fileName, bytes: bytes)
        return ImportedDump(
            profile: Profile(run: run, operations: operations), warnings: contextWarnings + entryWarnings.all + warnings
        )
    }

    /// Errored or skipped entries, one warning per benchmark however many repetitions it had.
    private struct ExcludedRuns {
        var order: [String] = []
        var runs: [String: (count: Int, first: JSONNode, reason: String)] = [:]

        mutating func note(_ name: String, _ entry: JSONNode, _ reason: String) {
            if runs[name] == nil { order.append(name) }
            runs[name, default: (0, entry, reason)].count += 1
        }

        func warnings(in bytes: UnsafeRawBufferPointer, into warnings: inout EntryWarnings) {
            for name in order {
                guard let run = runs[name] else { continue }
                let times = run.count == 1 ? "" : " (\(run.count) repetitions)"
                warnings.add(
                    "errored or skipped benchmarks",
                    run.first.warning("benchmark \"\(name)\" \(run.reason)\(times); left out", in: bytes))
            }
        }
    }

    /// `BM_Sort/1024_mean` → `BM_Sort/1024` for files without `run_name`.
    static func stripAggregateSuffix(_ name: String, _ aggregate: String?) -> String {
        guard let aggregate, name.hasSuffix("_" + aggregate) else { return name }
        return String(name.dropLast(aggregate.count + 1))
    }

    /// The benchmark family, the name before its first argument: `BM_Sort/1024` → `BM_Sort`.
    static func family(of name: String) -> String? {
        guard let slash = name.firstIndex(of: "/") else { return nil }
        return String(name[..<slash])
    }

    static func nanosecondsPerUnit(_ entry: JSONNode, _ bytes: UnsafeRawBufferPointer) throws(ImportFailure) -> Double {
        guard let unitNode = entry["time_unit"] else { return 1 }
        switch unitNode.string {
        case "ns": return 1
        case "us": return 1e3
        case "ms": return 1e6
        case "s": return 1e9
        default: throw unitNode.failure("expected a time_unit of ns, us, ms or s", in: bytes)
        }
    }

    private func runMetadata(_ context: JSONNode?, fileName: String, bytes: UnsafeRawBufferPointer)
        -> (RunMetadata, [ImportWarning])
    {
        var run = RunMetadata(workflow: ImportSupport.fileStem(fileName), runID: fileName)
        guard let context else { return (run, []) }
        var warnings: [ImportWarning] = []
        var environment = EnvironmentFingerprint()
        if let executable = context["executable"]?.string, !executable.isEmpty {
            run.workflow = String(executable.split(separator: "/").last ?? Substring(executable))
            run.labels["executable"] = executable
        }
        run.host = context["host_name"]?.string
        if let cores = context["num_cpus"]?.number, cores >= 1, cores < 1e6 { environment.cores = Int(cores) }
        environment.buildConfiguration = context["library_build_type"]?.string
        if let date = context["date"]?.string { run.startTime = ImportSupport.isoTimestamp(date) }
        for key in ["mhz_per_cpu", "cpu_scaling_enabled", "library_version", "json_schema_version"] {
            if let text = context[key]?.scalarText { run.labels[key] = text }
        }
        if let load = context["load_avg"]?.value.array?.compactMap(\.number), !load.isEmpty {
            run.labels["load_avg"] = load.map(formatNumber).joined(separator: " ")
        }
        if context["cpu_scaling_enabled"]?.bool == true {
            warnings.append(
                context.warning(
                    "CPU frequency scaling was enabled during the run: timings are noisier than they should be",
                    in: bytes))
        }
        if environment.buildConfiguration == "debug" {
            warnings.append(
                context.warning(
                    "the benchmark library was a debug build: timings may not reflect release performance", in: bytes))
        }
        run.environment = environment == EnvironmentFingerprint() ? nil : environment
        return (run, warnings)
    }
}
