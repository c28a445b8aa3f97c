import HotpathModel

/// Reads pytest-benchmark's JSON (`--benchmark-json`, and the `.benchmarks/` storage files).
///
/// A benchmark's raw samples are `stats.data` (seconds per round, written with
/// `--benchmark-save-data` or `--benchmark-json` in recent versions), converted to
/// nanoseconds. Without them only summary statistics exist: they are kept as they are
/// (`ProfileResult.summary`: rounds, mean, stddev, min, quartiles, max), the five-number
/// summary stands in for samples, marked `summaryOnly` and warned about. `stats.data` with
/// fewer times than rounds (trimmed files) keeps the summary too, which the analysis prefers. `group` is the operation's group; `machine_info`, `commit_info` and
/// `datetime` describe the run.
public struct PytestBenchmarkImporter: DumpImporter {
    public init() {}

    public var format: DumpFormat { .pytestBenchmark }

    public func recognizes(_ sniff: ContentSniff) -> Bool {
        guard sniff.shape == .object,
            sniff.topLevelKeys.contains("benchmarks") || sniff.topLevelKeys.contains("machine_info")
        else { return false }
        if sniff.topLevelKeys.contains("machine_info") || sniff.topLevelKeys.contains("commit_info") { return true }
        let keys = sniff.memberElementKeys["benchmarks"] ?? []
        return keys.contains("stats") && (keys.contains("fullname") || keys.contains("options"))
    }

    public func importDump(_ input: DumpInput) throws(ImportFailure) -> ImportedDump {
        let bytes = input.bytes
        let root = try JSONNode.parse(bytes)
        guard root.isObject else {
            throw root.failure(
                "expected a pytest-benchmark object with \"benchmarks\", found \(root.value.typeDescription)", in: bytes
            )
        }
        let benchmarks = try root.requiredArray("benchmarks", in: bytes)
        var operations: [ProfileResult] = []
        var warnings: [ImportWarning] = []
        var entryWarnings = EntryWarnings()
        var usedNames: Set<String> = []
        var summaryOnlyNames: [String] = []
        for benchmark in benchmarks {
            guard benchmark.isObject else {
                throw benchmark.failure(
                    "expected a benchmark object, found \(benchmark.value.typeDescription)", in: bytes)
            }
            var name = try benchmark.requiredString("name", in: bytes)
            if name.isEmpty, let full = benchmark["fullname"]?.string { name = full }
            guard !name.isEmpty else {
                throw benchmark["name"]!.failure("expected a benchmark name, found an empty string", in: bytes)
            }
            // Tests of one name in several modules: fall back to the full node id.
            if usedNames.contains(name), let full = benchmark["fullname"]?.string { name = full }
            usedNames.insert(name)
            let stats = try benchmark.required("stats", in: bytes)
            guard stats.isObject else {
                throw stats.failure("expected an object of statistics, found \(stats.value.typeDescription)", in: bytes)
            }
            var samples: [Double] = []
            var summaryOnly = false
            let reported = reportedSummary(stats)
            var summary: SummaryStatistics?
            if let dataNode = stats["data"], let data = dataNode.value.array {
                // Seconds that hold as nanoseconds: finite, not negative, and finite times 1e9.
                let numbers = data.compactMap { $0.number.flatMap { $0 >= 0 && ($0 * 1e9).isFinite ? $0 : nil } }
                let skipped = data.count - numbers.count
                let rounds = stats["rounds"]?.number
                if skipped > 0 || (rounds != nil && !numbers.isEmpty && Double(numbers.count) != rounds) {
                    var message = "\"\(name)\" stats.data holds \(ImportSupport.plural(numbers.count, "time"))"
                    if let rounds { message += " for \(formatNumber(rounds)) rounds" }
                    if skipped > 0 {
                        message += " (\(ImportSupport.plural(skipped, "value")) not a time in seconds, skipped)"
                    }
                    message += ": the raw samples are incomplete"
                    // A handful of rounds out of thousands would misstate count and mean.
                    if let reported, numbers.count < reported.count {
                        summary = reported
                        message += "; count, mean, spread and quartiles come from the summary statistics"
                    }
                    entryWarnings.add("incomplete stats.data", dataNode.warning(message, in: bytes))
                }
                samples = numbers.map { $0 * 1e9 }
            }
            if samples.isEmpty {
                samples = ["min", "q1", "median", "q3", "max"].compactMap { stats[$0]?.number }
                    .map { $0 * 1e9 }.filter { $0.isFinite && $0 >= 0 }
                if samples.isEmpty, let mean = stats["mean"]?.number, mean >= 0, (mean * 1e9).isFinite {
                    samples = [mean * 1e9]
                }
                guard !samples.isEmpty else {
                    throw stats.failure(
                        "expected \"data\" or summary statistics (min, median, max…) in seconds", in: bytes)
                }
                summaryOnly = true
                summary = reported
                summaryOnlyNames.append(name)
            }
            operations.append(
                ProfileResult(
                    name: name, samples: samples, group: benchmark["group"]?.string, summaryOnly: summaryOnly,
                    summary: summary))
            try ImportSupport.checkOperations(operations.count, input.options, offset: benchmark.offset(in: bytes))
        }
        guard !operations.isEmpty else {
            throw root.failure("expected at least one benchmark in \"benchmarks\"", in: bytes)
        }
        if !summaryOnlyNames.isEmpty {
            let list = summaryOnlyNames.prefix(3).map { "\"\($0)\"" }.joined(separator: ", ")
            warnings.append(
                ImportWarning(
                    message:
                        "\(ImportSupport.plural(summaryOnlyNames.count, "benchmark")) (\(list)\(summaryOnlyNames.count > 3 ? ", …" : "")) \(summaryOnlyNames.count == 1 ? "has" : "have") no stats.data (run with --benchmark-save-data for raw samples): \(summaryOnlyNames.count == 1 ? "its" : "their") statistics are the file's summary (rounds, mean, stddev, min, quartiles, max), with no p90, p95 or p99"
                ))
        }
        return ImportedDump(
            profile: Profile(run: runMetadata(root, fileName: input.fileName), operations: operations),
            warnings: entryWarnings.all + warnings)
    }

    /// `stats` as written (seconds, converted to ns): rounds, mean and stddev are required, the
    /// rest is kept when present. Nil when they are missing or not times.
    private func reportedSummary(_ stats: JSONNode) -> SummaryStatistics? {
        func time(_ key: String) -> Double? {
            guard let seconds = stats[key]?.number, seconds >= 0 else { return nil }
            let nanoseconds = seconds * 1e9
            return nanoseconds.isFinite ? nanoseconds : nil
        }
        guard let rounds = stats["rounds"]?.number, rounds >= 1, rounds < Double(ProfileRules.maximumCounter),
            rounds == rounds.rounded(), let mean = time("mean"), let stddev = time("stddev")
        else { return nil }
        return SummaryStatistics(
            count: Int(rounds), mean: mean, stddev: stddev, min: time("min"), max: time("max"), q1: time("q1"),
            median: time("median"), q3: time("q3"))
    }

    private func runMetadata(_ root: JSONNode, fileName: String) -> RunMetadata {
        var run = RunMetadata(workflow: ImportSupport.fileStem(fileName), runID: fileName, kind: .benchmarkSuite)
        if let datetime = root["datetime"]?.string { run.startTime = ImportSupport.isoTimestamp(datetime) }
        if let version = root["version"]?.string { run.labels["pytest_benchmark_version"] = version }
        if let commit = root["commit_info"] {
            let git = GitInfo(commit: commit["id"]?.string, branch: commit["branch"]?.string)
            if git.commit != nil || git.branch != nil { run.git = git }
            if let dirty = commit["dirty"]?.bool { run.labels["git_dirty"] = dirty ? "true" : "false" }
            if let project = commit["project"]?.string { run.labels["project"] = project }
        }
        if let machine = root["machine_info"] {
            var environment = EnvironmentFingerprint()
            run.host = machine["node"]?.string
            let cpu = machine["cpu"]
            environment.cpuModel = cpu?["brand_raw"]?.string ?? cpu?["brand"]?.string
            if let count = cpu?["count"]?.number, count >= 1, count < 1e6 { environment.cores = Int(count) }
            let os = [machine["system"]?.string, machine["release"]?.string].compactMap { $0 }.joined(separator: " ")
            environment.os = os.isEmpty ? nil : os
            let python = [machine["python_implementation"]?.string, machine["python_version"]?.string].compactMap { $0 }
            environment.toolchain = python.isEmpty ? nil : python.joined(separator: " ")
            if let machineName = machine["machine"]?.string { run.labels["machine"] = machineName }
            if let compiler = machine["python_compiler"]?.string { run.labels["python_compiler"] = compiler }
            run.environment = environment == EnvironmentFingerprint() ? nil : environment
        }
        return run
    }
}
