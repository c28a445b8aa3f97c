import HotpathModel

/// Reads JMH's JSON results (`-rf json`, `-rff results.json`): an array with one entry per
/// benchmark and parameter combination.
///
/// - Operations: `benchmark` (the method's full name), with its `params` as `[key=value, …]`;
///   the class is the group. One sample per measurement iteration of every fork
///   (`primaryMetric.rawData`, forks × iterations), so the analysis sees JMH's own spread; in
///   `sample` mode, `rawDataHistogram`'s `[value, count]` pairs expanded.
/// - Modes: `avgt`, `sample` and `ss` measure time per operation (`ns/op`, `us/op`, `ms/op`,
///   `s/op`): timing, in nanoseconds, smaller is better. `thrpt` measures operations per time
///   (`ops/s`, `ops/ms`…): imported as **throughput**, larger is better (a drop is the
///   regression), converted to operations per second, and the operation's name ends in
///   `(ops/s)` since the model's count unit does not say it.
/// - `secondaryMetrics`: `·gc.alloc.rate.norm` (B/op, from `-prof gc`) becomes a memory
///   operation `<name> (alloc/op)`, in bytes per operation; the others are labels
///   (`jmh.<metric>` → `score unit` of the first benchmark that has it).
/// - JMH's own `score`, `scoreError` and `scoreConfidence` (99.9%) are kept as labels
///   (`jmh.score.<operation>`), the analysis computing its statistics from the raw samples.
/// - Run: `jmhVersion`, `jdkVersion`, `vmName`, `vmVersion`, `jvmArgs` as labels and the
///   environment's toolchain.
public struct JMHImporter: DumpImporter {
    public init() {}

    public var format: DumpFormat { .jmh }

    public func recognizes(_ sniff: ContentSniff) -> Bool {
        guard sniff.shape == .array else { return false }
        let keys = sniff.firstElementKeys
        return keys.contains("jmhVersion") || (keys.contains("benchmark") && keys.contains("mode"))
            || (keys.contains("benchmark") && keys.contains("primaryMetric"))
    }

    /// Time per operation, by JMH's unit, in nanoseconds.
    static let timeUnits: [String: Double] = [
        "ns/op": 1, "us/op": 1e3, "µs/op": 1e3, "ms/op": 1e6, "s/op": 1e9, "min/op": 60e9, "hr/op": 3600e9,
    ]
    /// Operations per time, by JMH's unit, as a factor to operations per second.
    static let rateUnits: [String: Double] = [
        "ops/ns": 1e9, "ops/us": 1e6, "ops/µs": 1e6, "ops/ms": 1e3, "ops/s": 1, "ops/min": 1.0 / 60,
        "ops/hr": 1.0 / 3600,
    ]

    public func importDump(_ input: DumpInput) throws(ImportFailure) -> ImportedDump {
        let bytes = input.bytes
        let root = try JSONNode.parse(bytes)
        guard let entries = root.elements else {
            throw root.failure("expected a JMH result array, found \(root.value.typeDescription)", in: bytes)
        }
        guard !entries.isEmpty else { throw root.failure("the JMH result array is empty: no benchmark", in: bytes) }
        var operations: [ProfileResult] = []
        var labels: [String: String] = [:]
        var warnings = EntryWarnings()
        var events = 0
        for entry in entries {
            guard entry.isObject else {
                throw entry.failure(
                    "expected a benchmark result object, found \(entry.value.typeDescription)", in: bytes)
            }
            let benchmark = try entry.requiredString("benchmark", in: bytes)
            guard !benchmark.isEmpty else {
                throw entry["benchmark"]!.failure("expected a benchmark name, found an empty string", in: bytes)
            }
            let mode = entry["mode"]?.string ?? ""
            var name = benchmark
            if let params = entry["params"]?.members, !params.isEmpty {
                let text = params.map { "\($0.key)=\($0.node.scalarText ?? "?")" }.joined(separator: ", ")
                name += " [\(text)]"
            }
            let group = benchmark.split(separator: ".").dropLast().joined(separator: ".")
            let primary = try entry.required("primaryMetric", in: bytes)
            guard primary.isObject else {
                throw primary.failure("expected an object, found \(primary.value.typeDescription)", in: bytes)
            }
            let unit = try primary.requiredString("scoreUnit", in: bytes)
            let metric: ProfileMetricType
            let factor: Double
            if let scale = Self.timeUnits[unit] {
                (metric, factor) = (.timing, scale)
            } else if let scale = Self.rateUnits[unit] {
                (metric, factor) = (.throughput, scale)
                name += " (ops/s)"
            } else {
                throw primary["scoreUnit"]!.failure(
                    "unknown score unit \"\(unit)\" for mode \"\(mode)\": expected a time per operation (ns/op, us/op, ms/op, s/op) or operations per time (ops/s, ops/ms, ops/us, ops/ns)",
                    in: bytes)
            }
            if !mode.isEmpty, (mode == "thrpt") != (metric == .throughput) {
                warnings.add(
                    "mode and unit",
                    primary.warning(
                        "benchmark \"\(benchmark)\" in mode \(mode) has unit \(unit); read by its unit", in: bytes))
            }
            let samples = try Self.samples(of: primary, factor: factor, bytes, events: &events, input.options)
            guard !samples.isEmpty else {
                throw primary.failure(
                    "benchmark \"\(benchmark)\" has no measurements (\"rawData\" or \"rawDataHistogram\")", in: bytes)
            }
            operations.append(
                ProfileResult(name: name, metric: metric, samples: samples, group: group.isEmpty ? nil : group))
            if let score = primary["score"]?.number {
                var text = "\(formatNumber(score)) \(unit)"
                if let error = primary["scoreError"]?.number, error.isFinite { text += " ± \(formatNumber(error))" }
                if let interval = primary["scoreConfidence"]?.value.array, interval.count == 2,
                    let low = interval[0].number, let high = interval[1].number
                {
                    text += " (99.9% CI \(formatNumber(low))…\(formatNumber(high)))"
                }
                labels["jmh.score.\(name)"] = text
            }
            for (key, node) in entry["secondaryMetrics"]?.members ?? [] {
                let metricName = key.hasPrefix("·") ? String(key.dropFirst()) : key
                if metricName == "gc.alloc.rate.norm" {
                    let allocated = try Self.samples(of: node, factor: 1, bytes, events: &events, input.options)
                    if !allocated.isEmpty {
                        operations.append(
                            ProfileResult(
                                name: "\(name) (alloc/op)", metric: .memory, samples: allocated,
                                group: group.isEmpty ? nil : group))
                    }
                } else if labels["jmh.\(metricName)"] == nil, let score = node["score"]?.number {
                    labels["jmh.\(metricName)"] = "\(formatNumber(score)) \(node["scoreUnit"]?.string ?? "")"
                }
            }
            try ImportSupport.checkOperations(operations.count, input.options, offset: entry.offset(in: bytes))
            if labels["jmh.version"] == nil {
                for (key, label) in [
                    ("jmhVersion", "jmh.version"), ("jdkVersion", "jmh.jdk"), ("vmName", "jmh.vm"),
                    ("vmVersion", "jmh.vm_version"), ("jvm", "jmh.jvm"),
                ] {
                    if let value = entry[key]?.string { labels[label] = value }
                }
                if let arguments = entry["jvmArgs"]?.value.array {
                    labels["jmh.jvm_args"] = arguments.compactMap(\.string).joined(separator: " ")
                }
            }
        }
        var run = RunMetadata(
            workflow: ImportSupport.fileStem(input.fileName), runID: input.fileName, labels: labels,
            kind: .benchmarkSuite)
        if let jdk = labels["jmh.jdk"] {
            var environment = EnvironmentFingerprint()
            environment.toolchain = "JDK \(jdk)" + (labels["jmh.vm"].map { " (\($0))" } ?? "")
            run.environment = environment
        }
        return ImportedDump(profile: Profile(run: run, operations: operations), warnings: warnings.all)
    }

    /// A metric's measurements times `factor`: `rawData` (forks × iterations) or, in `sample`
    /// mode, `rawDataHistogram` (forks × iterations × `[value, count]`) expanded.
    static func samples(
        of metric: JSONNode, factor: Double, _ bytes: UnsafeRawBufferPointer, events: inout Int,
        _ options: IngestOptions
    ) throws(ImportFailure) -> [Double] {
        var samples: [Double] = []
        func add(_ node: JSONNode, count: Double = 1) throws(ImportFailure) {
            guard let value = node.number, value.isFinite, value >= 0, (value * factor).isFinite else {
                throw node.failure(
                    "expected a measurement: a finite number, not negative, found \(node.number.map(formatNumber) ?? node.value.typeDescription)",
                    in: bytes)
            }
            guard count >= 0, count == count.rounded(), count <= Double(options.maximumEvents) else {
                throw node.failure("expected a whole count of measurements, found \(formatNumber(count))", in: bytes)
            }
            events += Int(count)
            try ImportSupport.checkEvents(events, options, offset: node.offset(in: bytes), what: "measurements")
            samples.append(contentsOf: repeatElement(value * factor, count: Int(count)))
        }
        if let raw = metric["rawData"] {
            guard let forks = raw.elements else {
                throw raw.failure(
                    "expected forks × iterations of numbers, found \(raw.value.typeDescription)", in: bytes)
            }
            for fork in forks {
                guard let iterations = fork.elements else {
                    throw fork.failure("expected a fork's iterations, found \(fork.value.typeDescription)", in: bytes)
                }
                for iteration in iterations { try add(iteration) }
            }
        } else if let histogram = metric["rawDataHistogram"] {
            for fork in histogram.elements ?? [] {
                for iteration in fork.elements ?? [] {
                    for pair in iteration.elements ?? [] {
                        guard let parts = pair.elements, parts.count == 2, let count = parts[1].number else {
                            throw pair.failure("expected a [value, count] pair", in: bytes)
                        }
                        try add(parts[0], count: count)
                    }
                }
            }
        }
        return samples
    }
}
