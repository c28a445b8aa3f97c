import HotpathModel

/// Reads BenchmarkDotNet's JSON exports (`JsonExporter.Full`, `*-report-full.json`, and the
/// brief form): an object with `Title`, `HostEnvironmentInfo` and `Benchmarks`, one entry per
/// benchmark case (method × parameters × job). A benchmark suite.
///
/// - Operations: `Namespace.Type.Method`, with `Parameters` (`A=1&B=2`) as `[A=1, B=2]`; when
///   several jobs ran the same method and parameters, the job (`DisplayInfo` after the colon)
///   in parentheses. The type (with its namespace) is the group.
/// - Samples: the raw measurements of the actual workload iterations only
///   (`IterationMode: Workload`, `IterationStage: Actual`; not the jitting, pilot, warmup or
///   overhead ones), each `Nanoseconds / Operations`: the time of one operation, in
///   nanoseconds. BenchmarkDotNet's own `Result` stage subtracts the overhead's median from
///   these; the raw ones are what was measured. Without measurements (the brief export, or
///   `ExcludeMeasurements`), `Statistics.OriginalValues` (already per operation) are the
///   samples, with a warning.
/// - MemoryDiagnoser: `Memory.BytesAllocatedPerOperation` becomes a memory operation
///   `<name> (alloc/op)`, in bytes per operation; the GC collections per 1,000 operations are
///   a label (`benchmarkdotnet.gc.<operation>`).
/// - `Statistics` (mean, its confidence interval, median) are kept as labels
///   (`benchmarkdotnet.score.<operation>`), the analysis computing its own from the samples.
/// - A case without statistics or measurements (it failed to run) is left out with a warning.
/// - Run: `HostEnvironmentInfo` as labels and the environment (runtime, processor, OS, cores,
///   build configuration); a DEBUG build or an attached debugger is warned of.
public struct BenchmarkDotNetImporter: DumpImporter {
    public init() {}

    public var format: DumpFormat { .benchmarkDotNet }

    public func recognizes(_ sniff: ContentSniff) -> Bool {
        guard sniff.shape == .object, sniff.topLevelKeys.contains("Benchmarks") else { return false }
        if sniff.topLevelKeys.contains("HostEnvironmentInfo") { return true }
        let keys = sniff.memberElementKeys["Benchmarks"] ?? []
        return keys.contains("FullName") || (keys.contains("Statistics") && keys.contains("Method"))
    }

    /// `ConfidenceInterval.Level` (BenchmarkDotNet's `ConfidenceLevel` enum) as a percentage.
    static let confidenceLevels = [
        "50%", "70%", "75%", "80%", "85%", "90%", "92%", "95%", "96%", "97%", "98%", "99%", "99.9%", "99.99%",
        "99.999%", "99.9999%",
    ]

    public func importDump(_ input: DumpInput) throws(ImportFailure) -> ImportedDump {
        let bytes = input.bytes
        let root = try JSONNode.parse(bytes)
        guard root.isObject else {
            throw root.failure(
                "expected a BenchmarkDotNet report object, found \(root.value.typeDescription)", in: bytes)
        }
        let entries = try root.requiredArray("Benchmarks", in: bytes)
        var warnings = EntryWarnings()
        var labels: [String: String] = [:]
        var cases: [(entry: JSONNode, name: String, group: String, job: String)] = []
        for entry in entries {
            guard entry.isObject else {
                throw entry.failure(
                    "expected a benchmark case object, found \(entry.value.typeDescription)", in: bytes)
            }
            let (name, group) = try Self.name(of: entry, in: bytes)
            var job = ""
            if let display = entry["DisplayInfo"]?.string, let colon = display.range(of: ": ") {
                job = String(display[colon.upperBound...])
            }
            cases.append((entry, name, group, job))
        }
        var nameCounts: [String: Int] = [:]
        for item in cases { nameCounts[item.name, default: 0] += 1 }

        var operations: [ProfileResult] = []
        var events = 0
        var usedNames: Set<String> = []
        var fromStatistics = 0
        var firstFromStatistics: JSONNode?
        for item in cases {
            let entry = item.entry
            var name = item.name
            if nameCounts[name, default: 0] > 1, !item.job.isEmpty { name += " (\(item.job))" }
            guard usedNames.insert(name).inserted else {
                throw entry.failure(
                    "benchmark \"\(name)\" appears twice with the same parameters and job: which one to read is not known",
                    in: bytes)
            }
            let group = item.group.isEmpty ? nil : item.group
            var samples = try Self.actualWorkload(entry, bytes, events: &events, input.options)
            let statistics = entry["Statistics"]
            if samples.isEmpty, let statistics {
                samples = try Self.originalValues(statistics, bytes, events: &events, input.options)
                if !samples.isEmpty {
                    fromStatistics += 1
                    if firstFromStatistics == nil { firstFromStatistics = statistics }
                }
            }
            guard !samples.isEmpty else {
                warnings.add(
                    "no results",
                    entry.warning(
                        "benchmark \"\(name)\" has no actual workload measurements and no statistics (did it fail?): left out",
                        in: bytes))
                continue
            }
            operations.append(ProfileResult(name: name, metric: .timing, samples: samples, group: group))
            if let statistics, let score = Self.score(statistics) { labels["benchmarkdotnet.score.\(name)"] = score }
            if let memory = entry["Memory"] {
                guard memory.isObject else {
                    throw memory.failure("expected an object, found \(memory.value.typeDescription)", in: bytes)
                }
                if let allocated = memory["BytesAllocatedPerOperation"] {
                    let value = try allocated.number(
                        "bytes allocated per operation: a finite number, not negative", in: bytes
                    ) { $0.isFinite && $0 >= 0 }
                    operations.append(
                        ProfileResult(name: "\(name) (alloc/op)", metric: .memory, samples: [value], group: group))
                }
                if let gc = Self.collections(memory) { labels["benchmarkdotnet.gc.\(name)"] = gc }
            }
            try ImportSupport.checkOperations(operations.count, input.options, offset: entry.offset(in: bytes))
        }
        if let firstFromStatistics {
            warnings.add(
                "statistics",
                firstFromStatistics.warning(
                    "\(ImportSupport.plural(fromStatistics, "benchmark")) without raw measurements (a brief export?): their samples are Statistics.OriginalValues, BenchmarkDotNet's per-operation results with the overhead subtracted",
                    in: bytes))
        }
        guard !operations.isEmpty else {
            throw root.failure(
                entries.isEmpty
                    ? "the report has no benchmarks"
                    : "none of the \(ImportSupport.plural(entries.count, "benchmark")) has results",
                in: bytes)
        }
        if let title = root["Title"]?.string { labels["benchmarkdotnet.title"] = title }
        var run = RunMetadata(
            workflow: ImportSupport.fileStem(input.fileName), runID: input.fileName, kind: .benchmarkSuite)
        if let host = root["HostEnvironmentInfo"] {
            for warning in Self.host(host, into: &run, labels: &labels, bytes) { warnings.add("host", warning) }
        }
        run.labels = labels
        return ImportedDump(profile: Profile(run: run, operations: operations), warnings: warnings.all)
    }

    /// The operation name and group of a case: `Namespace.Type.Method [A=1, B=2]` and `Namespace.Type`;
    /// from `FullName` when the parts are missing.
    static func name(of entry: JSONNode, in bytes: UnsafeRawBufferPointer) throws(ImportFailure) -> (String, String) {
        let method = entry["Method"]?.string ?? ""
        let type = entry["Type"]?.string ?? ""
        let namespace = entry["Namespace"]?.string ?? ""
        var group = [namespace, type].filter { !$0.isEmpty }.joined(separator: ".")
        var name: String
        if !method.isEmpty {
            name = group.isEmpty ? method : "\(group).\(method)"
        } else if let full = entry["FullName"]?.string, !full.isEmpty {
            // `Namespace.Type.Method(A: 1, B: 2)`: parameters are read from `Parameters` below.
            name = String(full.prefix { $0 != "(" })
            if group.isEmpty { group = name.split(separator: ".").dropLast().joined(separator: ".") }
        } else {
            throw entry.failure("a benchmark without a \"Method\" or \"FullName\": its name is not known", in: bytes)
        }
        if let parameters = entry["Parameters"]?.string, !parameters.isEmpty {
            name += " [\(parameters.split(separator: "&").joined(separator: ", "))]"
        }
        return (name, group)
    }

    /// `Nanoseconds / Operations` of every `Workload`/`Actual` measurement, in file order.
    static func actualWorkload(
        _ entry: JSONNode, _ bytes: UnsafeRawBufferPointer, events: inout Int, _ options: IngestOptions
    ) throws(ImportFailure) -> [Double] {
        guard let measurements = entry["Measurements"] else { return [] }
        guard let list = measurements.elements else {
            throw measurements.failure(
                "expected an array of measurements, found \(measurements.value.typeDescription)", in: bytes)
        }
        var samples: [Double] = []
        for measurement in list {
            guard measurement.isObject else {
                throw measurement.failure(
                    "expected a measurement object, found \(measurement.value.typeDescription)", in: bytes)
            }
            guard measurement["IterationMode"]?.string == "Workload", measurement["IterationStage"]?.string == "Actual"
            else { continue }
            let count = try measurement.required("Operations", in: bytes).number(
                "the operations of the iteration: a whole number, at least 1", in: bytes
            ) { $0.isFinite && $0 >= 1 && $0 == $0.rounded() }
            let nanoseconds = try measurement.required("Nanoseconds", in: bytes).number(
                "the iteration's time in nanoseconds: a finite number, not negative", in: bytes
            ) { $0.isFinite && $0 >= 0 }
            events += 1
            try ImportSupport.checkEvents(
                events, options, offset: measurement.offset(in: bytes), what: "measurements")
            samples.append(nanoseconds / count)
        }
        return samples
    }

    /// `Statistics.OriginalValues`: per-operation times in nanoseconds.
    static func originalValues(
        _ statistics: JSONNode, _ bytes: UnsafeRawBufferPointer, events: inout Int, _ options: IngestOptions
    ) throws(ImportFailure) -> [Double] {
        guard statistics.isObject else {
            throw statistics.failure("expected an object, found \(statistics.value.typeDescription)", in: bytes)
        }
        guard let values = statistics["OriginalValues"] else { return [] }
        guard let list = values.elements else {
            throw values.failure("expected an array of numbers, found \(values.value.typeDescription)", in: bytes)
        }
        var samples: [Double] = []
        for value in list {
            let time = try value.number(
                "a time per operation in nanoseconds: a finite number, not negative", in: bytes
            ) { $0.isFinite && $0 >= 0 }
            events += 1
            try ImportSupport.checkEvents(events, options, offset: value.offset(in: bytes), what: "measurements")
            samples.append(time)
        }
        return samples
    }

    /// "mean 77.49 ns ± 21.45 (99.9% CI 56.04…98.95), median 77.42 ns, N = 3".
    static func score(_ statistics: JSONNode) -> String? {
        guard let mean = statistics["Mean"]?.number, mean.isFinite else { return nil }
        var text = "mean \(formatNumber(mean)) ns"
        if let interval = statistics["ConfidenceInterval"], let margin = interval["Margin"]?.number, margin.isFinite {
            text += " ± \(formatNumber(margin))"
            if let low = interval["Lower"]?.number, let high = interval["Upper"]?.number, low.isFinite, high.isFinite {
                var level = ""
                if let index = interval["Level"]?.number, index >= 0, index < Double(confidenceLevels.count),
                    index == index.rounded()
                {
                    level = confidenceLevels[Int(index)] + " "
                }
                text += " (\(level)CI \(formatNumber(low))…\(formatNumber(high)))"
            }
        }
        if let median = statistics["Median"]?.number, median.isFinite { text += ", median \(formatNumber(median)) ns" }
        if let count = statistics["N"]?.number, count.isFinite { text += ", N = \(formatNumber(count))" }
        return text
    }

    /// "Gen0 0.0219, Gen1 0, Gen2 0 per 1,000 operations" from the collection counts and `TotalOperations`.
    static func collections(_ memory: JSONNode) -> String? {
        guard let total = memory["TotalOperations"]?.number, total.isFinite, total >= 1 else { return nil }
        var parts: [String] = []
        for generation in 0...2 {
            guard let count = memory["Gen\(generation)Collections"]?.number, count.isFinite else { continue }
            parts.append("Gen\(generation) \(formatNumber(count / total * 1000))")
        }
        return parts.isEmpty ? nil : parts.joined(separator: ", ") + " per 1,000 operations"
    }

    /// The host's description into the run's labels and environment; warnings for a debug build.
    static func host(
        _ host: JSONNode, into run: inout RunMetadata, labels: inout [String: String], _ bytes: UnsafeRawBufferPointer
    ) -> [ImportWarning] {
        guard host.isObject else { return [] }
        for (key, label) in [
            ("BenchmarkDotNetVersion", "benchmarkdotnet.version"), ("OsVersion", "benchmarkdotnet.os"),
            ("ProcessorName", "benchmarkdotnet.processor"), ("RuntimeVersion", "benchmarkdotnet.runtime"),
            ("Architecture", "benchmarkdotnet.architecture"), ("Configuration", "benchmarkdotnet.configuration"),
            ("DotNetCliVersion", "benchmarkdotnet.sdk"), ("HardwareTimerKind", "benchmarkdotnet.timer"),
        ] {
            if let value = host[key]?.scalarText, !value.isEmpty { labels[label] = value }
        }
        var environment = EnvironmentFingerprint()
        environment.os = host["OsVersion"]?.string
        environment.cpuModel = host["ProcessorName"]?.string
        if let cores = host["LogicalCoreCount"]?.number, cores >= 1, cores < 1e6, cores == cores.rounded() {
            environment.cores = Int(cores)
        }
        environment.toolchain = host["RuntimeVersion"]?.string
        environment.buildConfiguration = host["Configuration"]?.string?.lowercased()
        run.environment = environment == EnvironmentFingerprint() ? nil : environment
        var warnings: [ImportWarning] = []
        if let configuration = host["Configuration"], environment.buildConfiguration == "debug" {
            warnings.append(
                configuration.warning(
                    "the benchmarks ran in a DEBUG build: timings may not reflect release performance", in: bytes))
        }
        if let debugger = host["HasAttachedDebugger"], debugger.bool == true {
            warnings.append(
                debugger.warning(
                    "a debugger was attached during the run: timings may not reflect release performance", in: bytes))
        }
        return warnings
    }
}
