import HotpathModel

/// Reads hyperfine's `--export-json`: one result per benchmarked command.
///
/// `times` (seconds) become the command's timing samples in nanoseconds; `memory_usage_byte`
/// (peak RSS per run, hyperfine ≥ 1.16) becomes a `memory` operation `<command> (memory)`.
/// The command text already holds its parameter values (`--parameter-scan`, `-L`); the names
/// of the parameters become the operation's group, so one scan's commands sit together. Runs
/// with a non-zero exit code are kept (hyperfine timed them) and reported in a warning. The run
/// is a command comparison (`RunKind.commandComparison`): its report ranks the commands.
public struct HyperfineImporter: DumpImporter {
    public init() {}

    public var format: DumpFormat { .hyperfine }

    public func recognizes(_ sniff: ContentSniff) -> Bool {
        guard sniff.shape == .object, sniff.topLevelKeys.contains("results") else { return false }
        let keys = sniff.memberElementKeys["results"] ?? []
        return keys.contains("command") || keys.contains("times") || keys.contains("exit_codes")
    }

    public func importDump(_ input: DumpInput) throws(ImportFailure) -> ImportedDump {
        let bytes = input.bytes
        let root = try JSONNode.parse(bytes)
        guard root.isObject else {
            throw root.failure(
                "expected a hyperfine object with \"results\", found \(root.value.typeDescription)", in: bytes)
        }
        let results = try root.requiredArray("results", in: bytes)
        var operations: [ProfileResult] = []
        var warnings = EntryWarnings()
        for result in results {
            guard result.isObject else {
                throw result.failure("expected a result object, found \(result.value.typeDescription)", in: bytes)
            }
            let command = try result.requiredString("command", in: bytes)
            guard !command.isEmpty else {
                throw result["command"]!.failure("expected a command, found an empty string", in: bytes)
            }
            let group = Self.group(result["parameters"])
            var summaryOnly = false
            var summary: SummaryStatistics?
            var samples: [Double]
            if let timesNode = result["times"] {
                samples = try Self.numbers(timesNode, bytes, what: "times in seconds", factor: 1e9)
            } else {
                // Exports without per-run times still have the summary.
                samples = ["mean", "median"].compactMap { result[$0]?.number }.map { $0 * 1e9 }.filter {
                    $0.isFinite && $0 >= 0
                }
                summaryOnly = true
                summary = Self.reportedSummary(result)
                let what =
                    summary == nil
                    ? "its mean/median stand in for samples"
                    : "its statistics are the summary (runs counted by exit_codes, mean, stddev, min, median, max), with no other percentiles"
                warnings.add(
                    "commands without times",
                    result.warning("command \"\(command)\" has no \"times\"; \(what)", in: bytes))
            }
            guard !samples.isEmpty else {
                throw result.failure("expected \"times\" (seconds per run) for command \"\(command)\"", in: bytes)
            }
            operations.append(
                ProfileResult(name: command, samples: samples, group: group, summaryOnly: summaryOnly, summary: summary)
            )
            if let memoryNode = result["memory_usage_byte"] {
                let memory = try Self.numbers(memoryNode, bytes, what: "bytes")
                if !memory.isEmpty {
                    operations.append(
                        ProfileResult(name: "\(command) (memory)", metric: .memory, samples: memory, group: group))
                }
            }
            try ImportSupport.checkOperations(operations.count, input.options, offset: result.offset(in: bytes))
            if let codes = result["exit_codes"]?.value.array {
                let failed = codes.compactMap(\.number).filter { $0 != 0 }
                if !failed.isEmpty {
                    let distinct = Array(Set(failed)).sorted().map(formatNumber).joined(separator: ", ")
                    warnings.add(
                        "non-zero exit codes",
                        result["exit_codes"]!.warning(
                            "command \"\(command)\" exited with a non-zero code (\(distinct)) in \(failed.count) of \(codes.count) runs; its times are kept",
                            in: bytes))
                }
            }
        }
        guard !operations.isEmpty else { throw root.failure("expected at least one result in \"results\"", in: bytes) }
        let run = RunMetadata(
            workflow: ImportSupport.fileStem(input.fileName), runID: input.fileName, kind: .commandComparison)
        return ImportedDump(profile: Profile(run: run, operations: operations), warnings: warnings.all)
    }

    /// The names of the parameters (`threads, size`), or nil without parameters.
    static func group(_ parameters: JSONNode?) -> String? {
        guard let names = parameters?.value.object?.keys, !names.isEmpty else { return nil }
        return names.sorted().joined(separator: ", ")
    }

    /// The array's numbers times `factor`; each must be finite and not negative, before and after.
    /// A result's summary in ns when it has no `times`: the runs are counted by `exit_codes`
    /// (one per run); `stddev` is null for a single run. Nil without a count, mean or spread.
    static func reportedSummary(_ result: JSONNode) -> SummaryStatistics? {
        func time(_ key: String) -> Double? {
            guard let seconds = result[key]?.number, seconds >= 0, (seconds * 1e9).isFinite else { return nil }
            return seconds * 1e9
        }
        guard let runs = result["exit_codes"]?.value.array?.count, runs >= 1, let mean = time("mean"),
            let stddev = time("stddev") ?? (runs == 1 ? 0 : nil)
        else { return nil }
        return SummaryStatistics(
            count: runs, mean: mean, stddev: stddev, min: time("min"), max: time("max"), median: time("median"))
    }

    static func numbers(_ node: JSONNode, _ bytes: UnsafeRawBufferPointer, what: String, factor: Double = 1)
        throws(ImportFailure) -> [Double]
    {
        guard let values = node.value.array else {
            throw node.failure("expected an array of \(what), found \(node.value.typeDescription)", in: bytes)
        }
        var numbers: [Double] = []
        numbers.reserveCapacity(values.count)
        for (index, value) in values.enumerated() {
            guard let number = value.number, number.isFinite, number >= 0, (number * factor).isFinite else {
                throw JSONNode(value, path: node.path + [JSONPathKey(index)])
                    .failure(
                        "expected \(what): a finite number, not negative, that Hotpath can hold in \(factor == 1 ? "a Double" : "nanoseconds")",
                        in: bytes)
            }
            numbers.append(number * factor)
        }
        return numbers
    }
}
