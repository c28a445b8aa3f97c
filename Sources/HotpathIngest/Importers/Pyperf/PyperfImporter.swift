import HotpathModel

/// Reads pyperf's JSON (format 1.0; `.json` or `.json.gz`, decompressed by `InputDecoding`).
///
/// Each benchmark's runs contribute their `values` (warmups are left out: pyperf itself
/// ignores them); calibration runs without values add nothing. Metadata is looked up on the
/// benchmark, then on the file (run-level metadata holds per-run details such as `date`). The
/// `unit` decides the metric: `second` → timing in nanoseconds, `byte` → memory in bytes,
/// `integer` → a count (imported as `throughput`: the model has no neutral count metric).
public struct PyperfImporter: DumpImporter {
    public init() {}

    public var format: DumpFormat { .pyperf }

    public func recognizes(_ sniff: ContentSniff) -> Bool {
        guard sniff.shape == .object,
            sniff.topLevelKeys.contains("benchmarks") || sniff.topLevelKeys.contains("metadata")
        else { return false }
        if let keys = sniff.memberElementKeys["benchmarks"], keys.contains("runs") { return true }
        // A file whose benchmarks sit beyond the prefix: pyperf's version plus file metadata.
        return sniff.topLevelKeys.contains("metadata") && sniff.topLevelStrings["version"] != nil
            && !sniff.topLevelKeys.contains("context") && !sniff.topLevelKeys.contains("machine_info")
            && (sniff.prefixContains("\"perf_version\"") || sniff.prefixContains("\"runs\""))
    }

    public func importDump(_ input: DumpInput) throws(ImportFailure) -> ImportedDump {
        let bytes = input.bytes
        let root = try JSONNode.parse(bytes)
        guard root.isObject else {
            throw root.failure(
                "expected a pyperf object with \"benchmarks\", found \(root.value.typeDescription)", in: bytes)
        }
        if let version = root["version"]?.string, !version.hasPrefix("1.") {
            throw root["version"]!.failure(
                "pyperf JSON version \(version) is not supported; this build reads version 1.x", in: bytes)
        }
        let fileMetadata = root["metadata"]
        let benchmarks = try root.requiredArray("benchmarks", in: bytes)
        var operations: [ProfileResult] = []
        var warnings = EntryWarnings()
        var earliestDate: String?
        for (index, benchmark) in benchmarks.enumerated() {
            guard benchmark.isObject else {
                throw benchmark.failure(
                    "expected a benchmark object, found \(benchmark.value.typeDescription)", in: bytes)
            }
            let metadata = benchmark["metadata"]
            func lookup(_ key: String) -> JSONNode? { metadata?[key] ?? fileMetadata?[key] }
            var name = benchmarks.count == 1 ? ImportSupport.fileStem(input.fileName) : "benchmark \(index + 1)"
            if let given = lookup("name")?.scalarText, !given.isEmpty { name = given }
            let unitNode = lookup("unit")
            let unit = unitNode?.string ?? "second"
            let metric: ProfileMetricType
            let factor: Double
            switch unit {
            case "second":
                (metric, factor) = (.timing, 1e9)
            case "byte":
                (metric, factor) = (.memory, 1)
            case "integer":
                (metric, factor) = (.throughput, 1)
                warnings.add(
                    "integer units",
                    (unitNode ?? benchmark).warning(
                        "benchmark \"\(name)\" counts integers; imported as a throughput count (larger is better), the model having no neutral count metric",
                        in: bytes))
            default:
                throw (unitNode ?? benchmark).failure(
                    "expected a unit of second, byte or integer, found \"\(unit)\"", in: bytes)
            }
            var samples: [Double] = []
            for run in try benchmark.requiredArray("runs", in: bytes) {
                if let date = run["metadata"]?["date"]?.string.flatMap(ImportSupport.isoTimestamp) {
                    earliestDate = earliestDate.map { min($0, date) } ?? date
                }
                guard let valuesNode = run["values"] else { continue }
                guard let values = valuesNode.value.array else {
                    throw valuesNode.failure(
                        "expected an array of values, found \(valuesNode.value.typeDescription)", in: bytes)
                }
                for (position, value) in values.enumerated() {
                    guard let number = value.number, number.isFinite, number >= 0, (number * factor).isFinite else {
                        throw JSONNode(value, path: valuesNode.path + [JSONPathKey(position)])
                            .failure(
                                "expected a value in \(unit)s: a finite number, not negative, that Hotpath can hold",
                                in: bytes)
                    }
                    samples.append(number * factor)
                }
                try ImportSupport.checkEvents(samples.count, input.options, what: "values")
            }
            guard !samples.isEmpty else {
                warnings.add(
                    "benchmarks without values",
                    benchmark.warning(
                        "benchmark \"\(name)\" has no run with values (only calibration or warmups); left out",
                        in: bytes))
                continue
            }
            operations.append(ProfileResult(name: name, metric: metric, samples: samples))
            try ImportSupport.checkOperations(operations.count, input.options, offset: benchmark.offset(in: bytes))
        }
        guard !operations.isEmpty else {
            throw root.failure("expected at least one benchmark with values in \"benchmarks\"", in: bytes)
        }
        let run = runMetadata(
            fileMetadata, firstBenchmark: benchmarks.first?["metadata"], date: earliestDate, fileName: input.fileName)
        return ImportedDump(profile: Profile(run: run, operations: operations), warnings: warnings.all)
    }

    private func runMetadata(_ file: JSONNode?, firstBenchmark: JSONNode?, date: String?, fileName: String)
        -> RunMetadata
    {
        func lookup(_ key: String) -> JSONNode? { file?[key] ?? firstBenchmark?[key] }
        var run = RunMetadata(
            workflow: ImportSupport.fileStem(fileName), runID: fileName, startTime: date, kind: .benchmarkSuite)
        run.host = lookup("hostname")?.string
        var environment = EnvironmentFingerprint()
        environment.cpuModel = lookup("cpu_model_name")?.string
        if let cores = lookup("cpu_count")?.number, cores >= 1, cores < 1e6 { environment.cores = Int(cores) }
        environment.os = lookup("platform")?.string
        if let version = lookup("python_version")?.string {
            let implementation = lookup("python_implementation")?.string.map { $0 == "cpython" ? "CPython" : $0 }
            environment.toolchain = [implementation, version].compactMap { $0 }.joined(separator: " ")
        }
        run.environment = environment == EnvironmentFingerprint() ? nil : environment
        for key in ["perf_version", "performance_version", "timer", "loops", "cpu_config", "aslr", "description"] {
            if let text = lookup(key)?.scalarText, text.utf8.count <= TraceDocumentInfo.maximumLabelLength {
                run.labels[key] = text
            }
        }
        return run
    }
}
