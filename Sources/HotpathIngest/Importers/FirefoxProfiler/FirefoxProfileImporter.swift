import HotpathModel

/// Reads the Firefox Profiler's profiles: the **processed** profile JSON that
/// profiler.firefox.com saves (and samply writes), the **Gecko** profile JSON Firefox itself
/// emits (`meta.version`, with its subprocesses under `processes`), and the old DevTools
/// performance panel's recordings, which hold a Gecko profile under `profile`.
///
/// - **Threads**: each thread's samples become weighted stacks on that thread, named by its
///   `name` (with pid and tid when two threads share a name).
/// - **Stacks**: a sample's `stack` indexes the stack table, whose `prefix` (or, from processed
///   version 66, `prefixOffset`) chains it to its caller; each stack's `frame` indexes the frame
///   table. A frame is its function's name (processed: `frameTable.func` → `funcTable.name`;
///   Gecko: the `location` string, `name (file:line:column)` split into the name and its code
///   location). The tables are the thread's own, or the profile's `shared` ones (processed
///   version 56 on); strings are the thread's `stringTable`/`stringArray` or `shared.stringArray`.
/// - **Weights**: a sample weighs its `weight` (1 when absent) times the sampling interval
///   (`meta.interval`, milliseconds) as time; `weightType: tracing-ms` weights are milliseconds
///   already; `weightType: bytes` weigh memory.
/// - **Markers** with a duration become **spans** on their thread: an interval (`phase` 1, or
///   `data.startTime`/`data.endTime` in old profiles), or a start (`phase` 2, `data.interval:
///   "start"`) paired with the next end of the same name (`phase` 3, `"end"`). Instant markers
///   are left out. Times are milliseconds from `meta.startTime`; a subprocess's are moved by the
///   difference of its `meta.startTime`.
public struct FirefoxProfileImporter: DumpImporter {
    public init() {}

    public var format: DumpFormat { .firefoxProfiler }

    public func recognizes(_ sniff: ContentSniff) -> Bool {
        guard sniff.shape == .object else { return false }
        let keys = Set(sniff.topLevelKeys)
        if keys.contains("meta"), !keys.isDisjoint(with: ["threads", "processes", "libs", "shared", "pausedRanges"]) {
            return true
        }
        // The DevTools performance panel's recording (Firefox 50–80s): the Gecko profile inside,
        // often after more than the sniffed prefix of markers, frames and ticks.
        if keys.contains("profile"), !keys.isDisjoint(with: ["systemHost", "systemClient", "ticks", "fileType"]) {
            return true
        }
        return keys.contains("label") && keys.contains("duration") && keys.contains("ticks")
            && !keys.isDisjoint(with: ["markers", "frames", "memory"])
    }

    public func importDump(_ input: DumpInput) throws(ImportFailure) -> ImportedDump {
        let bytes = input.bytes
        var root = try JSONNode.parse(bytes)
        guard root.isObject else {
            throw root.failure("expected a Firefox profile object, found \(root.value.typeDescription)", in: bytes)
        }
        var labels: [String: String] = [:]
        if root["meta"] == nil, let recording = root["profile"] {
            guard recording.isObject else {
                throw recording.failure(
                    "expected the recording's Gecko profile object, found \(recording.value.typeDescription)"
                        + (recording.string != nil
                            ? " (a profile serialized as a string, as Firefox before version 50 wrote it, is not read)"
                            : ""),
                    in: bytes)
            }
            labels["firefox.recording"] = "DevTools performance panel"
            if let duration = root["duration"]?.number { labels["firefox.recording_ms"] = formatNumber(duration) }
            root = recording
        }
        let meta = try root.required("meta", in: bytes)
        guard meta.isObject else {
            throw meta.failure("expected the meta object, found \(meta.value.typeDescription)", in: bytes)
        }
        var reader = FirefoxProfileReader(bytes: bytes, options: input.options)
        let startTime = meta["startTime"]?.number ?? 0
        try reader.readProcess(root, shared: root["shared"], timeOffset: 0, rootStart: startTime, depth: 0)
        for (key, label) in [
            ("product", "firefox.product"), ("version", "firefox.gecko_version"),
            ("preprocessedProfileVersion", "firefox.processed_version"), ("oscpu", "firefox.os"),
            ("platform", "firefox.platform"), ("misc", "firefox.misc"), ("interval", "firefox.interval_ms"),
        ] {
            if let value = meta[key]?.scalarText, !value.isEmpty { labels[label] = value }
        }
        return try reader.finish(
            fileName: input.fileName, labels: labels,
            startTime: startTime > 0 ? ImportSupport.isoTimestamp(microsecondsSinceEpoch: startTime * 1000) : nil,
            root: root)
    }
}

/// The state of one Firefox profile import: the frames and stacks of every thread read so far
/// and the spans of their markers.
struct FirefoxProfileReader {
    let bytes: UnsafeRawBufferPointer
    let options: IngestOptions

    var table = StackTable()
    var accumulator = StackAccumulator()
    var locations: [String: CodeLocation] = [:]
    /// Per accumulator thread: its name, pid and tid.
    var threads: [(name: String, pid: String?, tid: String?)] = []
    var spans: [(name: String, start: Double, end: Double, thread: Int32, type: String?)] = []
    var weightUnit: WeightUnit?
    var events = 0
    var samples = 0
    var warnings = EntryWarnings()

    /// Subprocesses nested deeper than this are not read (a guard against hostile input).
    static let maximumDepth = 16

    init(bytes: UnsafeRawBufferPointer, options: IngestOptions) {
        self.bytes = bytes
        self.options = options
    }

    /// Reads the threads of a profile (or a Gecko subprocess), then its subprocesses.
    mutating func readProcess(
        _ profile: JSONNode, shared: JSONNode?, timeOffset: Double, rootStart: Double, depth: Int
    ) throws(ImportFailure) {
        guard depth <= Self.maximumDepth else {
            throw profile.failure("subprocesses nested more than \(Self.maximumDepth) deep", in: bytes)
        }
        let meta = profile["meta"]
        let interval = meta?["interval"]?.number ?? 1
        guard interval.isFinite, interval > 0 else {
            throw (meta?["interval"] ?? profile).failure(
                "expected the sampling interval in milliseconds: a finite number above 0", in: bytes)
        }
        for element in profile["threads"]?.elements ?? [] {
            var thread = element
            if let text = element.string {
                // Gecko profiles before version 5 or so hold each thread as a JSON string. Errors
                // inside it point at the string.
                let parsed = Array(text.utf8).withUnsafeBytes { buffer in
                    Result { () throws(JSONError) in try JSONScanner.parseDocument(buffer) }
                }
                switch parsed {
                case .success(let value): thread = JSONNode(value, path: element.path)
                case .failure(let error):
                    throw element.failure(
                        "the thread, a JSON string as old Gecko profiles hold them, is not valid JSON: \(error.message) (at character \(error.offset + 1) of the string)",
                        in: bytes)
                }
            }
            guard thread.isObject else {
                throw thread.failure("expected a thread object, found \(thread.value.typeDescription)", in: bytes)
            }
            try readThread(thread, shared: shared, interval: interval, timeOffset: timeOffset)
        }
        for process in profile["processes"]?.elements ?? [] {
            guard process.isObject else {
                throw process.failure(
                    "expected a subprocess profile object, found \(process.value.typeDescription)", in: bytes)
            }
            let start = process["meta"]?["startTime"]?.number ?? rootStart
            try readProcess(
                process, shared: nil, timeOffset: start.isFinite ? start - rootStart : 0, rootStart: rootStart,
                depth: depth + 1)
        }
    }

    /// The table `name` of the thread, else of the profile's shared tables.
    func table(_ name: String, _ thread: JSONNode, _ shared: JSONNode?) throws(ImportFailure) -> FirefoxTable? {
        guard let node = thread[name] ?? shared?[name] else { return nil }
        return try FirefoxTable(node, what: name, in: bytes)
    }

    mutating func readThread(_ thread: JSONNode, shared: JSONNode?, interval: Double, timeOffset: Double)
        throws(ImportFailure)
    {
        let stringsNode = thread["stringTable"] ?? thread["stringArray"] ?? shared?["stringArray"]
        var strings: [String] = []
        if let stringsNode {
            guard let list = stringsNode.value.array else {
                throw stringsNode.failure(
                    "expected the string table: an array of strings, found \(stringsNode.value.typeDescription)",
                    in: bytes)
            }
            strings = list.map { $0.string ?? "" }
        }
        let name = thread["name"]?.string ?? thread["processName"]?.string ?? "thread \(threads.count + 1)"
        let threadIndex = Int32(threads.count)
        threads.append((name, thread["pid"]?.scalarText, thread["tid"]?.scalarText))

        if let samplesNode = thread["samples"] {
            let samples = try FirefoxTable(samplesNode, what: "samples", in: bytes)
            if samples.count > 0 {
                guard let stackTable = try table("stackTable", thread, shared),
                    let frameTable = try table("frameTable", thread, shared)
                else {
                    throw thread.failure(
                        "the thread has samples but no stackTable or frameTable (in the thread or in shared)", in: bytes
                    )
                }
                let funcTable = try table("funcTable", thread, shared)
                try readSamples(
                    samples, stacks: stackTable, frames: frameTable, functions: funcTable, strings: strings,
                    thread: threadIndex, interval: interval)
            }
        }
        if let markersNode = thread["markers"] {
            let markers = try FirefoxTable(markersNode, what: "markers", in: bytes)
            try readMarkers(markers, strings: strings, thread: threadIndex, timeOffset: timeOffset)
        }
    }

    // MARK: - Samples

    mutating func readSamples(
        _ samples: FirefoxTable, stacks: FirefoxTable, frames: FirefoxTable, functions: FirefoxTable?,
        strings: [String], thread: Int32, interval: Double
    ) throws(ImportFailure) {
        let unit: WeightUnit
        let scale: Double
        switch samples.node["weightType"]?.string ?? "samples" {
        case "samples": (unit, scale) = (.nanoseconds, interval * 1e6)
        case "tracing-ms": (unit, scale) = (.nanoseconds, 1e6)
        case "bytes": (unit, scale) = (.bytes, 1)
        case let other:
            throw (samples.node["weightType"] ?? samples.node).failure(
                "unknown weightType \"\(other)\": expected samples, tracing-ms or bytes", in: bytes)
        }
        if let weightUnit, weightUnit != unit {
            warnings.add(
                "units",
                samples.node.warning(
                    "the thread's samples weigh \(unit == .bytes ? "bytes" : "time") but earlier threads' weigh \(weightUnit == .bytes ? "bytes" : "time"): left out",
                    in: bytes))
            return
        }
        weightUnit = unit

        // Each stack's parent and frame, checked once; stacks refer only to earlier ones, so a
        // chain of prefixes always ends.
        let stackCount = stacks.count
        var parents = [Int32](repeating: -1, count: stackCount)
        var stackFrames = [Int32](repeating: -1, count: stackCount)
        let usesOffsets = !stacks.has("prefix") && stacks.has("prefixOffset")
        var frameOfEntry = [Int32](repeating: -1, count: frames.count)
        for stack in 0..<stackCount {
            if usesOffsets {
                if let offset = try stacks.index(
                    "prefixOffset", stack, below: stack + 1, what: "a prefix offset", in: bytes),
                    offset > 0
                {
                    parents[stack] = Int32(stack - offset)
                }
            } else if let parent = try stacks.index(
                "prefix", stack, below: max(stack, 1), what: "an earlier stack", in: bytes)
            {
                guard parent < stack else {
                    throw stacks.failure("prefix", stack, "a stack's prefix must be an earlier stack", in: bytes)
                }
                parents[stack] = Int32(parent)
            }
            guard let frame = try stacks.index("frame", stack, below: frames.count, what: "a frame index", in: bytes)
            else {
                throw stacks.failure("frame", stack, "a stack without a frame", in: bytes)
            }
            if frameOfEntry[frame] < 0 {
                frameOfEntry[frame] = try internFrame(frame, frames: frames, functions: functions, strings: strings)
            }
            stackFrames[stack] = frameOfEntry[frame]
        }

        var path: [Int32] = []
        for row in 0..<samples.count {
            events += 1
            try ImportSupport.checkEvents(events, options, offset: nil, what: "samples and markers")
            guard let stack = try samples.index("stack", row, below: stackCount, what: "a stack index", in: bytes)
            else { continue }
            var weight = 1.0
            if let value = samples.value("weight", row) {
                weight = try JSONNode(value, path: samples.cell("weight", row).path).number(
                    "a sample weight: a finite number, not negative", in: bytes
                ) { $0.isFinite && $0 >= 0 }
            }
            guard weight > 0 else { continue }
            self.samples += 1
            path.removeAll(keepingCapacity: true)
            var current = Int32(stack)
            while current >= 0 {
                path.append(stackFrames[Int(current)])
                current = parents[Int(current)]
            }
            path.reverse()
            let total = accumulator.add(thread: thread, frames: path, weight: weight * scale)
            guard total.isFinite else {
                throw samples.failure(
                    "weight", row, "the weights of one stack add up to more than Hotpath can hold", in: bytes)
            }
        }
    }

    /// The frame's name in `table`, and its code location when the profile gives one.
    mutating func internFrame(_ frame: Int, frames: FirefoxTable, functions: FirefoxTable?, strings: [String])
        throws(ImportFailure) -> Int32
    {
        func string(_ index: Int?) -> String? {
            guard let index, index < strings.count else { return nil }
            return strings[index]
        }
        if let functions, frames.has("func") {
            guard
                let function = try frames.index(
                    "func", frame, below: functions.count, what: "a function index", in: bytes)
            else {
                throw frames.failure("func", frame, "a frame without a function", in: bytes)
            }
            let nameIndex = try functions.index(
                "name", function, below: max(strings.count, 1), what: "a string index", in: bytes)
            var name = string(nameIndex) ?? ""
            if name.isEmpty { name = "(function \(function))" }
            let index = table.internFrame(name)
            if locations[name] == nil,
                let file = string(
                    try functions.index(
                        "fileName", function, below: max(strings.count, 1), what: "a string index", in: bytes)),
                !file.isEmpty
            {
                let line = functions.number("lineNumber", function).flatMap { $0 >= 1 && $0 < 1e9 ? Int($0) : nil }
                locations[name] = CodeLocation(file: file, line: line)
            }
            return index
        }
        guard
            let location = string(
                try frames.index("location", frame, below: max(strings.count, 1), what: "a string index", in: bytes))
        else {
            throw frames.failure("location", frame, "a frame without a location string", in: bytes)
        }
        let (name, code) = Self.splitLocation(location)
        let index = table.internFrame(name)
        if let code, locations[name] == nil { locations[name] = code }
        return index
    }

    /// `frobnicate (chrome://blargh:34)` → `frobnicate` at `chrome://blargh`, line 34; also
    /// `name (file:line:column)` and a trailing `[sourceIndex]`. Other strings (`0x100000f84`,
    /// `Startup::XRE_Main`) are the name as they are.
    static func splitLocation(_ location: String) -> (String, CodeLocation?) {
        var text = Substring(location)
        if text.hasSuffix("]"), let open = text.lastIndex(of: "["),
            text[text.index(after: open)..<text.index(before: text.endIndex)].allSatisfy(\.isNumber)
        {
            text = text[..<open]
        }
        guard text.hasSuffix(")"), let open = text.range(of: " (", options: .backwards) else {
            return (location, nil)
        }
        let name = text[..<open.lowerBound]
        var inside = text[open.upperBound..<text.index(before: text.endIndex)]
        var numbers: [Int] = []
        while numbers.count < 2, let colon = inside.lastIndex(of: ":"),
            let number = Int(inside[inside.index(after: colon)...])
        {
            numbers.insert(number, at: 0)
            inside = inside[..<colon]
        }
        guard !name.isEmpty, !inside.isEmpty, !numbers.isEmpty || inside.contains("/") else { return (location, nil) }
        return (String(name), CodeLocation(file: String(inside), line: numbers.first.flatMap { $0 >= 1 ? $0 : nil }))
    }

    // MARK: - Markers

    mutating func readMarkers(_ markers: FirefoxTable, strings: [String], thread: Int32, timeOffset: Double)
        throws(ImportFailure)
    {
        var open: [String: [Double]] = [:]
        let phased = markers.has("phase") || markers.has("startTime")
        var unmatched = 0
        for row in 0..<markers.count {
            events += 1
            try ImportSupport.checkEvents(events, options, offset: nil, what: "samples and markers")
            let nameIndex = try markers.index(
                "name", row, below: max(strings.count, 1), what: "a string index", in: bytes)
            let name = nameIndex.flatMap { $0 < strings.count ? strings[$0] : nil } ?? "marker"
            let data = markers.value("data", row)
            let type = data?["type"]?.string
            func time(_ column: String) throws(ImportFailure) -> Double? {
                guard let value = markers.value(column, row) else { return nil }
                let number = try JSONNode(value, path: markers.cell(column, row).path).number(
                    "a time in milliseconds: a finite number", in: bytes
                ) { $0.isFinite }
                return number + timeOffset
            }
            var start: Double?
            var end: Double?
            if phased {
                let phase = markers.number("phase", row) ?? (markers.value("endTime", row) != nil ? 1 : 0)
                switch phase {
                case 1: (start, end) = (try time("startTime"), try time("endTime"))
                case 2:
                    if let begin = try time("startTime") { open[name, default: []].append(begin) }
                    continue
                case 3:
                    end = try time("endTime")
                    start = open[name]?.popLast()
                    if start == nil { unmatched += 1 }
                default: continue
                }
            } else {
                let at = try time("time")
                if let from = data?["startTime"]?.number, let to = data?["endTime"]?.number, from.isFinite, to.isFinite
                {
                    (start, end) = (from + timeOffset, to + timeOffset)
                } else if data?["interval"]?.string == "start" {
                    if let at { open[name, default: []].append(at) }
                    continue
                } else if data?["interval"]?.string == "end" {
                    end = at
                    start = open[name]?.popLast()
                    if start == nil { unmatched += 1 }
                } else {
                    continue
                }
            }
            guard let start, let end else { continue }
            guard end >= start else {
                warnings.add(
                    "negative marker",
                    markers.warning(
                        "data", row, "marker \"\(name)\" ends before it starts: left out", in: bytes))
                continue
            }
            spans.append((name, start, end, thread, type))
        }
        let unclosed = open.values.reduce(0) { $0 + $1.count }
        if unmatched + unclosed > 0 {
            warnings.add(
                "unpaired markers",
                markers.node.warning(
                    "\(ImportSupport.plural(unclosed, "interval marker")) started and never ended, \(unmatched) ended without a start: left out",
                    in: bytes))
        }
    }

    // MARK: - The profile

    mutating func finish(fileName: String, labels: [String: String], startTime: String?, root: JSONNode)
        throws(ImportFailure) -> ImportedDump
    {
        guard accumulator.count > 0 || !spans.isEmpty else {
            throw root.failure(
                threads.isEmpty
                    ? "the profile has no threads: nothing to show"
                    : "none of the \(ImportSupport.plural(threads.count, "thread")) has a sample with a stack or a marker with a duration: nothing to show",
                in: bytes)
        }
        // Two threads of one name (a GeckoMain per process) are told apart by pid and tid.
        var nameCounts: [String: Int] = [:]
        for thread in threads { nameCounts[thread.name, default: 0] += 1 }
        let threadNames = threads.map { thread -> String in
            guard nameCounts[thread.name, default: 0] > 1 else { return thread.name }
            let ids = [thread.pid.map { "pid \($0)" }, thread.tid.map { "tid \($0)" }].compactMap { $0 }
            return ids.isEmpty ? thread.name : "\(thread.name) (\(ids.joined(separator: ", ")))"
        }

        let stacks = accumulator.takeStackTable(frameNames: table.frameNames) { threadNames[Int($0)] }

        var spanTable = SpanTable()
        let earliest = spans.map(\.start).min() ?? 0
        let shift = earliest < 0 ? -earliest : 0
        spanTable.reserveCapacity(spans.count)
        for (index, span) in spans.enumerated() {
            spanTable.append(
                Span(
                    id: index + 1, name: span.name, startNs: (span.start + shift) * 1e6,
                    durationNs: (span.end - span.start) * 1e6, thread: threadNames[Int(span.thread)],
                    args: span.type.map { ["type": $0] }))
        }
        var labels = labels
        labels["firefox.threads"] = String(threads.count)
        labels["firefox.samples"] = String(samples)
        labels["firefox.markers_with_duration"] = String(spans.count)
        let used = Set(stacks.frameNames)
        let run = RunMetadata(
            workflow: ImportSupport.fileStem(fileName), runID: fileName, startTime: startTime, labels: labels)
        return ImportedDump(
            profile: Profile(
                run: run, spans: spanTable, stacks: stacks, stackWeightUnit: stacks.isEmpty ? nil : weightUnit,
                locations: locations.filter { used.contains($0.key) }),
            warnings: warnings.all)
    }
}
