import HotpathModel

/// Reads Google Benchmark's JSON (`--benchmark_format=json` / `--benchmark_out`): `context`
/// plus `benchmarks`.
///
/// A benchmark (`run_name`, else `name`) is one operation. Each of its iteration entries
/// (`run_type: iteration`, or no `run_type` in older files) is one sample: repetitions give
/// several. `real_time` and `cpu_time` are two measures of that sample, not two operations: the
/// samples are the real time and `cpuSamples` the CPU time, both in nanoseconds through
/// `time_unit`; the analysis picks one for statistics and verdicts (`TimeMeasure`).
///
/// Aggregates (`run_type: aggregate`: mean, median, stddev, cv, BigO, RMS, user statistics) are
/// statistics of the repetitions, never samples and never operations: a benchmark with
/// repetitions ignores them. A benchmark with aggregates only (`--benchmark_report_aggregates_only`)
/// is `summaryOnly` with no samples at all: its summary is what the aggregates say (repetitions,
/// mean, stddev, and median, min or max when given), for each clock. One whose aggregates do
/// not give a mean, a standard deviation and the repetitions is left out with a warning, as
/// nothing could be reported for it without making numbers up. Errored and skipped entries are
/// left out with a warning.
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

    /// One benchmark's iteration entries: real and CPU time in ns, one per repetition.
    private struct Benchmark {
        var real: [Double] = []
        var cpu: [Double] = []
        /// Repetitions without a usable `cpu_time`: then no CPU time is kept (it would not line
        /// up with the real times).
        var missingCPU = 0
    }

    /// The statistics Google Benchmark computes over repetitions, by the name it gives them.
    static let summaryAggregates: Set<String> = ["mean", "median", "stddev", "min", "max"]

    /// A benchmark's aggregates: real and CPU time in ns by aggregate name (`mean`, `median`,
    /// `stddev`, user-defined `min`/`max`), the repetitions, and what could not be used.
    private struct Aggregates {
        var real: [String: Double] = [:]
        var cpu: [String: Double] = [:]
        var repetitions: Int?
        /// Aggregates without a name Hotpath can tell (no `aggregate_name`, no `_mean`-like suffix).
        var unnamed = 0
        /// Every aggregate entry of the benchmark, and its complexity ones (BigO, RMS).
        var count = 0
        var complexity = 0

        func summary(cpu useCPU: Bool) -> SummaryStatistics? {
            let values = useCPU ? cpu : real
            guard let repetitions, let mean = values["mean"], let stddev = values["stddev"] else { return nil }
            return SummaryStatistics(
                count: repetitions, mean: mean, stddev: stddev, min: values["min"], max: values["max"],
                median: values["median"])
        }

        /// What the aggregates lack to be a summary, in words.
        var missing: String {
            var missing: [String] = []
            if real["mean"] == nil { missing.append("a mean") }
            if real["stddev"] == nil { missing.append("a stddev") }
            if repetitions == nil { missing.append("\"repetitions\"") }
            return missing.joined(separator: ", ")
        }
    }

    public func importDump(_ input: DumpInput) throws(ImportFailure) -> ImportedDump {
        // A measure only a pprof profile could have is a mistake for this file, never ignored.
        if let requested = input.options.sampleType, TimeMeasure(name: requested) == nil {
            throw ImportFailure(
                .invalidContent,
                message: "--measure \(requested): a Google Benchmark file has the measures real-time and cpu-time")
        }
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
        var firstEntry: [String: JSONNode] = [:]
        var benchmarks: [String: Benchmark] = [:]
        var missingTimes: [JSONNode] = []
        var complexity = 0
        var excluded = ExcludedRuns()
        var aggregates: [String: Aggregates] = [:]

        for entry in entries {
            guard entry.isObject else {
                throw entry.failure("expected a benchmark object, found \(entry.value.typeDescription)", in: bytes)
            }
            // The node (and its path) only for the message when the name is missing or no string.
            var name = entry.member("name")?.string ?? ""
            if entry.member("name")?.string == nil { name = try entry.requiredString("name", in: bytes) }
            guard !name.isEmpty else {
                throw entry["name"]!.failure("expected a benchmark name, found an empty string", in: bytes)
            }
            if entry.member("error_occurred")?.bool == true {
                let message = entry.member("error_message")?.string.map { ": \($0)" } ?? ""
                excluded.note(name, entry, "reported an error\(message)")
                continue
            }
            if entry.member("skipped")?.bool == true || entry.member("skip_message") != nil {
                let message = entry.member("skip_message")?.string.map { ": \($0)" } ?? ""
                excluded.note(name, entry, "was skipped\(message)")
                continue
            }
            let runType = entry.member("run_type")?.string ?? "iteration"
            let aggregateName =
                entry.member("aggregate_name")?.string ?? Self.aggregateSuffix(of: name, runType: runType)
            var runName = Self.stripAggregateSuffix(name, aggregateName)
            if let given = entry.member("run_name")?.string, !given.isEmpty { runName = given }
            guard runType == "aggregate" || runType == "iteration" else {
                entryWarnings.add(
                    "unknown run types", entry.warning("unknown run_type \"\(runType)\"; left out", in: bytes))
                continue
            }
            if firstEntry[runName] == nil {
                firstEntry[runName] = entry
                order.append(runName)
                try ImportSupport.checkOperations(
                    order.count, input.options, offset: entry.offset(in: bytes), what: "benchmarks")
            }
            if runType == "aggregate" {
                aggregates[runName, default: Aggregates()].count += 1
                guard let aggregateName else {
                    aggregates[runName]?.unnamed += 1
                    continue
                }
                if ["BigO", "RMS"].contains(aggregateName) {
                    // Warned about once for the file: not a benchmark left out.
                    complexity += 1
                    aggregates[runName]?.complexity += 1
                }
                // Spread as a percentage (cv), complexity (BigO, RMS) and user statistics are
                // not times of the benchmark.
                guard Self.summaryAggregates.contains(aggregateName),
                    entry.member("aggregate_unit")?.string != "percentage",
                    let real = entry.member("real_time")?.number, real.isFinite, real >= 0
                else { continue }
                let factor = try Self.nanosecondsPerUnit(entry, bytes)
                aggregates[runName]?.real[aggregateName] = real * factor
                if let cpu = entry.member("cpu_time")?.number, cpu.isFinite, cpu >= 0 {
                    aggregates[runName]?.cpu[aggregateName] = cpu * factor
                }
                if let repetitions = entry.member("repetitions")?.number, repetitions == repetitions.rounded(),
                    repetitions >= 1, repetitions < Double(ProfileRules.maximumCounter)
                {
                    aggregates[runName]?.repetitions = Int(repetitions)
                }
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
                    "a time of \(real) \(entry.member("time_unit")?.string ?? "ns") is more nanoseconds than Hotpath can hold",
                    in: bytes)
            }
            benchmarks[runName, default: Benchmark()].real.append(real * factor)
            if let cpuTime = entry.member("cpu_time")?.number, cpuTime.isFinite, cpuTime >= 0,
                (cpuTime * factor).isFinite
            {
                benchmarks[runName]?.cpu.append(cpuTime * factor)
            } else {
                benchmarks[runName]?.missingCPU += 1
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
        var summaryOnly: [String] = []
        var unusable: [(name: String, why: String)] = []
        for name in order {
            if let benchmark = benchmarks[name], !benchmark.real.isEmpty {
                if benchmark.missingCPU > 0, !benchmark.cpu.isEmpty, let entry = firstEntry[name] {
                    entryWarnings.add(
                        "benchmarks with partial CPU times",
                        entry.warning(
                            "benchmark \"\(name)\": \(ImportSupport.plural(benchmark.missingCPU, "repetition")) without a numeric \"cpu_time\"; its CPU time is left out",
                            in: bytes))
                }
                operations.append(
                    ProfileResult(
                        name: name, samples: benchmark.real, group: Self.family(of: name),
                        cpuSamples: benchmark.missingCPU == 0 ? benchmark.cpu : nil))
            } else if let named = aggregates[name] {
                guard let summary = named.summary(cpu: false) else {
                    // Only benchmarks without a usable repetition get here.
                    if benchmarks[name] == nil, named.complexity < named.count {
                        let what =
                            named.unnamed == named.count
                            ? ImportSupport.plural(named.count, "aggregate") + " without a name"
                            : "aggregates without " + named.missing
                        unusable.append((name, what))
                    }
                    continue
                }
                summaryOnly.append(name)
                operations.append(
                    ProfileResult(
                        name: name, samples: [], group: Self.family(of: name), summaryOnly: true, summary: summary,
                        cpuSummary: named.summary(cpu: true)))
            }
        }
        if !summaryOnly.isEmpty {
            let list = summaryOnly.prefix(3).map { "\"\($0)\"" }.joined(separator: ", ")
            let many = summaryOnly.count > 1
            warnings.append(
                ImportWarning(
                    offset: firstEntry[summaryOnly[0]]?.offset(in: bytes),
                    message:
                        "\(ImportSupport.plural(summaryOnly.count, "benchmark")) (\(list)\(summaryOnly.count > 3 ? ", …" : "")) \(many ? "have" : "has") only aggregates, no repetitions (--benchmark_report_aggregates_only): \(many ? "their" : "its") statistics are the aggregates (repetitions, mean, stddev, median), with no other percentiles"
                ))
        }
        if let first = unusable.first {
            let list = unusable.prefix(3).map { "\"\($0.name)\" (\($0.why))" }.joined(separator: ", ")
            warnings.append(
                ImportWarning(
                    offset: firstEntry[first.name]?.offset(in: bytes),
                    message:
                        "\(ImportSupport.plural(unusable.count, "benchmark")) left out: \(list)\(unusable.count > 3 ? ", …" : ""); without repetitions, a benchmark needs mean and stddev aggregates and \"repetitions\" for Hotpath to report it without making numbers up"
                ))
        }
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
            let aggregateCount = aggregates.values.reduce(0) { $0 + $1.count }
            if aggregateCount > 0 {
                found.append(
                    ImportSupport.plural(aggregateCount, "aggregate")
                        + " that \(aggregateCount == 1 ? "is" : "are") not a mean and stddev")
            }
            warnings.append(
                where_.warning(
                    "no benchmark repetition has a numeric \"real_time\", and no benchmark has a mean and stddev aggregate (found \(found.isEmpty ? "none" : found.joined(separator: " and "))); the run has no operations",
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

    /// The aggregate an older file names only by suffix (`BM_Sort/1024_mean`, no
    /// `aggregate_name`); nil for an iteration entry or a name without such a suffix.
    static func aggregateSuffix(of name: String, runType: String) -> String? {
        guard runType == "aggregate" else { return nil }
        return ["mean", "median", "stddev", "cv", "BigO", "RMS"].first { name.hasSuffix("_" + $0) }
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
        guard let unit = entry.member("time_unit") else { return 1 }
        switch unit.string {
        case "ns": return 1
        case "us": return 1e3
        case "ms": return 1e6
        case "s": return 1e9
        default: throw entry["time_unit"]!.failure("expected a time_unit of ns, us, ms or s", in: bytes)
        }
    }

    private func runMetadata(_ context: JSONNode?, fileName: String, bytes: UnsafeRawBufferPointer)
        -> (RunMetadata, [ImportWarning])
    {
        var run = RunMetadata(workflow: ImportSupport.fileStem(fileName), runID: fileName, kind: .benchmarkSuite)
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
