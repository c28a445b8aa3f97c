import HotpathModel

/// Reads the Chrome Trace Event Format: Chrome and Perfetto exports, clang `-ftime-trace`,
/// viztracer, the PyTorch profiler and anything else that writes `traceEvents`.
///
/// Both forms are read: the JSON object (`traceEvents` plus `displayTimeUnit`, `otherData`,
/// `metadata`…) and the bare array, including an array whose closing `]` is missing (the
/// format allows it, for traces written by a process that may die). Events are streamed with
/// `JSONScanner`; nothing is built per event but a small fixed-size record. `Docs/formats.md`
/// describes how events map into the model and which conventions carry cache and I/O data.
public struct ChromeTraceImporter: DumpImporter {
    public init() {}

    public var format: DumpFormat { .chromeTrace }

    public func recognizes(_ sniff: ContentSniff) -> Bool {
        switch sniff.shape {
        case .object:
            // `traceEvents` may follow a member too long for the sniffed prefix.
            return sniff.topLevelKeys.contains("traceEvents") || sniff.prefixContains("\"traceEvents\"")
        case .array:
            if sniff.firstElementKeys.contains("ph") { return true }
            // The first event may be longer than the prefix; look for the phase key near the start.
            return sniff.firstElementKeys.isEmpty && sniff.prefix.utf8.count >= ContentSniff.prefixLength
                && sniff.prefixContains("\"ph\"")
        case .notJSON:
            return false
        }
    }

    public func importDump(_ input: DumpInput) throws(ImportFailure) -> ImportedDump {
        var reader = TraceEventReader(bytes: input.bytes, options: input.options)
        reader.isFileMapping = input.isFileMapping
        var document = TraceDocumentInfo()
        var scanner = JSONScanner(bytes: input.bytes)
        do {
            switch scanner.peek() {
            case UInt8(ascii: "["):
                try reader.readEvents(&scanner, allowUnclosed: true)
            case UInt8(ascii: "{"):
                var sawEvents = false
                let objectStart = scanner.offset
                try scanner.forEachMember { (scanner, key) throws(JSONError) in
                    if key == "traceEvents" {
                        guard scanner.peek() == UInt8(ascii: "[") else {
                            throw scanner.error(
                                "expected an array of trace events for \"traceEvents\", found \(scanner.describeFound(at: scanner.offset))"
                            )
                        }
                        sawEvents = true
                        try reader.readEvents(&scanner, allowUnclosed: false)
                    } else {
                        try document.readMember(key, &scanner)
                    }
                }
                guard sawEvents else {
                    throw ImportFailure(
                        .invalidContent, offset: objectStart,
                        message:
                            "expected a \"traceEvents\" array in the trace object; found only \(document.keys.joined(separator: ", "))"
                    )
                }
            default:
                throw scanner.error(
                    "expected a trace: an object with \"traceEvents\" or an array of events, found \(scanner.describeFound(at: scanner.offset))"
                )
            }
            scanner.skipWhitespace()
            guard scanner.isAtEnd else {
                throw scanner.error("expected the end of the trace, found \(scanner.describeFound(at: scanner.offset))")
            }
        } catch let error as JSONError {
            // A limit stops the read by throwing; the limit is the cause, not the JSON.
            if let failure = reader.failure { throw failure }
            throw ImportFailure(error)
        } catch let failure as ImportFailure {
            throw failure
        } catch {
            throw ImportFailure(.syntax, message: "\(error)")
        }
        let result = reader.finish()
        let run = document.runMetadata(fileName: input.fileName, originMicroseconds: result.originMicroseconds)
        // Samples are kept beside spans: the profile's sampled view (`PerformanceReport.sampled`).
        let stacks = try document.stackSamples(options: input.options) + result.sampledStacks
        try ImportSupport.checkEvents(stacks.count, input.options, what: "sampled stacks")
        let profile = Profile(
            run: run, spans: result.spans, stacks: StackTable(stacks), stackWeightUnit: stacks.isEmpty ? nil : .samples,
            memory: MemoryTimeline(samples: result.memory), io: result.io, caches: result.caches,
            phaseTotals: result.phaseTotals)
        var imported = ImportedDump(profile: profile, warnings: document.warnings + result.warnings)
        imported.checkedUTF8 = reader.checkedUTF8
        return imported
    }
}

/// What a trace object says besides its events: labels, start time, environment.
struct TraceDocumentInfo {
    var keys: [String] = []
    var labels: [String: String] = [:]
    var workflow: String?
    var runID: String?
    var startTime: String?
    /// clang's `beginningOfTime`: microseconds since the Unix epoch at which `ts` 0 lies.
    var beginningOfTime: Double?
    var environment = EnvironmentFingerprint()
    var warnings: [ImportWarning] = []
    /// The JSON trace's sampled profile (Chrome, Hermes): frames by id and samples naming them.
    var stackFrames: JSONValue?
    var samples: JSONValue?

    /// Labels longer than this are left out: command lines and field-trial lists are noise on a page.
    static let maximumLabelLength = 256

    mutating func readMember(_ key: String, _ scanner: inout JSONScanner) throws(JSONError) {
        keys.append(key)
        switch key {
        case "displayTimeUnit":
            // Only how viewers display times; `ts` and `dur` stay microseconds.
            if case .string(let unit) = try scanner.parseValue() { labels["displayTimeUnit"] = unit }
        case "otherData", "metadata":
            try readLabels(&scanner, prefix: "")
        case "viztracer_metadata":
            try readLabels(&scanner, prefix: "viztracer.")
        case "beginningOfTime":
            if case .number(let value) = try scanner.parseValue() { beginningOfTime = value }
        case "deviceProperties":
            // PyTorch profiler: one object per GPU.
            if case .array(let devices) = try scanner.parseValue() {
                for (index, device) in devices.enumerated() {
                    if let name = device["name"]?.string { labels["device.\(index)"] = name }
                }
            }
        case "stackFrames":
            stackFrames = try scanner.parseValue()
        case "samples":
            samples = try scanner.parseValue()
        default:
            // traceEvents' companions we read nothing from: systemTraceEvents, stackFrames,
            // samples, file_info (viztracer's sources), powerTraceAsString…
            try scanner.skipValue()
        }
    }

    private mutating func readLabels(_ scanner: inout JSONScanner, prefix: String) throws(JSONError) {
        guard scanner.peek() == UInt8(ascii: "{") else {
            try scanner.skipValue()
            return
        }
        try scanner.forEachMember { (scanner, key) throws(JSONError) in
            let value = try scanner.parseValue()
            let node = JSONNode(value)
            guard let text = node.scalarText, text.utf8.count <= Self.maximumLabelLength else { return }
            switch key {
            case "workflow": workflow = text
            case "run_id", "runID": runID = text
            case "startTime", "start_time", "trace-capture-datetime":
                startTime = startTime ?? ImportSupport.isoTimestamp(text)
            case "cpu-brand", "cpu_model", "cpuModel": environment.cpuModel = text
            case "num-cpus", "hardwareConcurrency", "num_cpus", "cpu_count":
                if let cores = node.number, cores >= 1, cores < 1e6 { environment.cores = Int(cores) }
            case "os-name", "os": environment.os = text
            case "build_configuration", "buildConfiguration": environment.buildConfiguration = text
            default: break
            }
            labels[prefix + key] = text
        }
    }

    /// The `samples` of a JSON trace as stacks, root first: each sample's `sf` names its leaf in
    /// `stackFrames`, whose `parent` links lead to the root. Weights (`weight`, default 1) are
    /// sample counts. Identical stacks are merged, in order of first appearance. The samples and
    /// the frames of all stacks count against `maximumEvents`: a million leaves each 4,096
    /// frames deep would otherwise build billions of names.
    mutating func stackSamples(options: IngestOptions) throws(ImportFailure) -> [StackSample] {
        guard let frames = stackFrames?.object, let list = samples?.array, !list.isEmpty else { return [] }
        func key(_ value: JSONValue?) -> String? {
            switch value {
            case .string(let text): text
            case .number(let number): formatNumber(number)
            default: nil
            }
        }
        var table: [String: (name: String, parent: String?)] = [:]
        for member in frames.members {
            table[member.key] = (member.value["name"]?.string ?? "(unnamed)", key(member.value["parent"]))
        }
        try ImportSupport.checkEvents(list.count, options, what: "samples")
        var order: [String] = []
        var merged: [String: (frames: [String], weight: Double)] = [:]
        var unresolved = 0
        var frameCount = 0
        for sample in list {
            guard let leaf = key(sample["sf"]), table[leaf] != nil else {
                unresolved += 1
                continue
            }
            let weight = sample["weight"].flatMap { $0.number ?? $0.string.flatMap { Double($0) } } ?? 1
            if merged[leaf] == nil {
                var stack: [String] = []
                var current: String? = leaf
                // The depth cap also stops parent cycles.
                while let id = current, let frame = table[id], stack.count < 4096 {
                    stack.append(frame.name)
                    current = frame.parent
                }
                frameCount += stack.count
                try ImportSupport.checkEvents(frameCount, options, what: "frames in the sampled stacks")
                merged[leaf] = (stack.reversed(), 0)
                order.append(leaf)
            }
            // Weights past 10^15 samples are not counts; left out, so merged sums stay finite.
            merged[leaf]?.weight += weight.isFinite && weight > 0 && weight < 1e15 ? weight : 0
        }
        if unresolved > 0 {
            warnings.append(
                ImportWarning(
                    message:
                        "\(ImportSupport.plural(unresolved, "sample")) named no frame of \"stackFrames\" and were skipped"
                ))
        }
        return order.compactMap { merged[$0].map { StackSample(frames: $0.frames, weight: $0.weight) } }
    }

    func runMetadata(fileName: String, originMicroseconds: Double?) -> RunMetadata {
        var start = startTime
        if start == nil, let beginningOfTime {
            start = ImportSupport.isoTimestamp(microsecondsSinceEpoch: beginningOfTime + (originMicroseconds ?? 0))
        }
        return RunMetadata(
            workflow: workflow ?? ImportSupport.fileStem(fileName), runID: runID ?? fileName, startTime: start,
            environment: environment == EnvironmentFingerprint() ? nil : environment, labels: labels)
    }
}
