import HotpathModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads the text `perf script` writes (Linux perf's default output, and `-F` field selections):
/// one sample per block, a header line (`comm pid/tid [cpu] time: period event:`) followed by its
/// call chain, leaf first, one `address symbol+offset (dso)` line per frame.
///
/// - Weights: a sample weighs its period when the header prints one, else 1. For `cpu-clock` and
///   `task-clock` the period is nanoseconds, so those stacks weigh time; for other events
///   (cycles, instructions…) the weight is the event count, in the `samples` unit.
/// - Events: the model holds one weight per stack, so the stacks are those of the event with the
///   most samples (the first seen on a tie); every event's sample count and period total are
///   labels (`perf.<event>.samples`, `perf.<event>.period`), and a warning names the events left out.
/// - Threads: `comm pid/tid` as printed; when the file has more than one, each stack starts with
///   a root frame naming its thread.
/// - Frames: the symbol without its `+0x…` offset; kernel symbols as they are; an unresolved
///   symbol (`[unknown]`) is named by its DSO, `[unknown] (libc.so.6)`; `--inline` frames
///   (`symbol (inlined)`) are frames of their own; `-F +srcline` lines are skipped.
/// - `#` header lines are skipped, but for perf's `# hostname :`, `# perf version :`,
///   `# cmdline :`… which become labels.
public struct PerfScriptImporter: DumpImporter {
    public init() {}

    public var format: DumpFormat { .perfScript }

    /// Most unreadable lines reported one by one; the rest are counted in one warning.
    static let maximumLineWarnings = 20

    public func recognizes(_ sniff: ContentSniff) -> Bool {
        guard sniff.shape == .notJSON else { return false }
        var text = Array(sniff.prefix.utf8)
        // The last line may be cut by the prefix's end.
        if text.count >= ContentSniff.prefixLength, let newline = text.lastIndex(of: 0x0A) {
            text.removeSubrange((newline + 1)...)
        }
        return text.withUnsafeBytes(Self.looksLikePerfScript)
    }

    /// A header line followed by an indented `address symbol (dso)` line (or carrying one itself,
    /// for samples without a call chain), and no more unreadable lines than readable ones.
    static func looksLikePerfScript(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var pairs = 0
        var good = 0
        var bad = 0
        var previousWasHeader = false
        var inSample = false
        var lineStart = 0
        var considered = 0
        while lineStart < bytes.count, considered < 400 {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            var end = lineEnd
            if end > lineStart, bytes[end - 1] == 0x0D { end -= 1 }
            var first = lineStart
            while first < end, PerfScriptSyntax.isBlank(bytes[first]) { first += 1 }
            if first == end {
                previousWasHeader = false
                inSample = false
                continue
            }
            if bytes[first] == UInt8(ascii: "#") { continue }
            considered += 1
            let indented = first > lineStart
            let header = PerfScriptSyntax.header(bytes, from: lineStart, to: end)
            // Frames are indented, but for old files that print them at the start of the line.
            if indented || (inSample && header == nil),
                let frame = PerfScriptSyntax.frame(bytes, from: lineStart, to: end), !frame.dso.isEmpty
            {
                good += 1
                if previousWasHeader { pairs += 1 }
                previousWasHeader = false
            } else if let header {
                good += 1
                previousWasHeader = true
                inSample = true
                if !header.rest.isEmpty,
                    let frame = PerfScriptSyntax.frame(bytes, from: header.rest.lowerBound, to: header.rest.upperBound),
                    !frame.dso.isEmpty
                {
                    pairs += 1
                }
            } else if indented, PerfScriptSyntax.isSourceLine(bytes, from: lineStart, to: end) {
                good += 1
            } else {
                bad += 1
                previousWasHeader = false
            }
        }
        return pairs > 0 && good > bad
    }

    public func importDump(_ input: DumpInput) throws(ImportFailure) -> ImportedDump {
        var reader = PerfScriptReader(bytes: input.bytes, options: input.options)
        try reader.read()
        return try reader.finish(fileName: input.fileName)
    }
}

/// The state of one `perf script` import.
struct PerfScriptReader {
    let bytes: UnsafeRawBufferPointer
    let options: IngestOptions

    /// Per event (by id in `eventNames`): the merged stacks and totals.
    struct Event {
        var stacks = StackAccumulator()
        var samples = 0
        var samplesWithPeriod = 0
        var period = 0.0
        var samplesWithoutFrames = 0
    }

    var table = StackTable()
    /// Symbol bytes → index in `table`, through `symbols`' ids.
    var symbols = StringInterner()
    var symbolFrame: [Int32] = []
    /// DSO names (for unresolved symbols) → index in `table`.
    var unknownInDSO = StringInterner()
    var unknownFrame: [Int32] = []
    /// The first DSO each frame of `table` was seen in.
    var frameDSO: [String?] = []
    var threads = StringInterner()
    var eventNames = StringInterner()
    var events: [Event] = []
    var labels: [String: String] = [:]

    var badLines: [(offset: Int, line: Int)] = []
    var badLineCount = 0
    var sawDSO = false

    // The sample being read.
    var inSample = false
    var sampleEvent: Int32 = 0
    var sampleThread: Int32 = 0
    var sampleWeight = 1.0
    var sampleOffset = 0
    var leafFirst: [Int32] = []
    var sampleCount = 0

    init(bytes: UnsafeRawBufferPointer, options: IngestOptions) {
        self.bytes = bytes
        self.options = options
    }

    mutating func read() throws(ImportFailure) {
        var lineStart = 0
        var lineNumber = 0
        let count = bytes.count
        guard let base = bytes.baseAddress else { return }
        while lineStart < count {
            lineNumber += 1
            let lineEnd: Int
            if let found = memchr(base + lineStart, 0x0A, count - lineStart) {
                lineEnd = base.distance(to: UnsafeRawPointer(found))
            } else {
                lineEnd = count
            }
            defer { lineStart = lineEnd + 1 }
            var end = lineEnd
            if end > lineStart, bytes[end - 1] == 0x0D { end -= 1 }
            var first = lineStart
            while first < end, PerfScriptSyntax.isBlank(bytes[first]) { first += 1 }
            if first == end {
                try endSample()
                continue
            }
            if bytes[first] == UInt8(ascii: "#") {
                if !inSample { readComment(from: first + 1, to: end) }
                continue
            }
            let indented = first > lineStart
            // Frames are indented, but for old files that print them at the start of the line
            // (those never read as a header).
            if inSample, let frame = PerfScriptSyntax.frame(bytes, from: first, to: end),
                indented || PerfScriptSyntax.header(bytes, from: first, to: end) == nil
            {
                if lineEnd == count, frame.dso.isEmpty, sawDSO, !frame.isInlined {
                    throw ImportFailure(
                        .syntax, offset: end,
                        message:
                            "the file ends inside a frame line, before its \"(dso)\": it looks truncated")
                }
                addFrame(frame)
                continue
            }
            if inSample, indented, PerfScriptSyntax.isSourceLine(bytes, from: first, to: end) { continue }
            if let header = PerfScriptSyntax.header(bytes, from: first, to: end) {
                try endSample()
                try startSample(header, offset: first)
                continue
            }
            if lineEnd == count {
                throw ImportFailure(
                    .syntax, offset: end,
                    message:
                        "the file ends inside a line that is neither a sample header nor a frame: it looks truncated")
            }
            badLineCount += 1
            if badLines.count <= PerfScriptImporter.maximumLineWarnings {
                badLines.append((first, lineNumber))
            }
        }
        try endSample()
    }

    /// `# hostname : box`, `# perf version : 6.1`: perf's own header, kept as labels.
    mutating func readComment(from start: Int, to end: Int) {
        guard end - start < 4096 else { return }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        guard let colon = text.firstIndex(of: ":") else { return }
        let key = String(text[..<colon]).trimmingSpaces
        let value = String(text[text.index(after: colon)...]).trimmingSpaces
        let names = [
            "hostname": "perf.hostname", "os release": "perf.os_release", "perf version": "perf.version",
            "arch": "perf.arch", "cpudesc": "perf.cpu", "cmdline": "perf.cmdline", "captured on": "perf.captured_on",
        ]
        if let name = names[key], !value.isEmpty, labels[name] == nil { labels[name] = value }
    }

    mutating func startSample(_ header: PerfScriptSyntax.Header, offset: Int) throws(ImportFailure) {
        inSample = true
        sampleOffset = offset
        sampleCount += 1
        try ImportSupport.checkEvents(sampleCount, options, offset: offset, what: "samples")
        sampleEvent = eventNames.intern(bytes, start: header.event.lowerBound, count: header.event.count)
        if Int(sampleEvent) == events.count { events.append(Event()) }
        let threadStart = header.comm.isEmpty ? header.ids.lowerBound : header.comm.lowerBound
        let threadEnd = header.ids.isEmpty ? header.comm.upperBound : header.ids.upperBound
        sampleThread = threads.intern(bytes, start: threadStart, count: max(0, threadEnd - threadStart))
        sampleWeight = header.period ?? 1
        events[Int(sampleEvent)].samples += 1
        if let period = header.period {
            events[Int(sampleEvent)].samplesWithPeriod += 1
            events[Int(sampleEvent)].period += period
        }
        leafFirst.removeAll(keepingCapacity: true)
        // A sample without a call chain prints its own `ip sym (dso)` after the event.
        if !header.rest.isEmpty,
            let frame = PerfScriptSyntax.frame(bytes, from: header.rest.lowerBound, to: header.rest.upperBound),
            !frame.dso.isEmpty
        {
            addFrame(frame)
        }
    }

    mutating func addFrame(_ frame: PerfScriptSyntax.Frame) {
        let symbol = frame.symbol
        let isUnknown = symbol.isEmpty || PerfScriptSyntax.matches(bytes, symbol, "[unknown]")
        if !frame.dso.isEmpty, !frame.isInlined { sawDSO = true }
        if isUnknown {
            // Named by the DSO's file name: `[unknown] (libc.so.6)`.
            var dso = frame.dso
            if PerfScriptSyntax.matches(bytes, dso, "[unknown]") { dso = dso.upperBound..<dso.upperBound }
            var nameStart = dso.lowerBound
            for index in dso where bytes[index] == UInt8(ascii: "/") && index + 1 < dso.upperBound {
                nameStart = index + 1
            }
            let local = Int(unknownInDSO.intern(bytes, start: nameStart, count: dso.upperBound - nameStart))
            if local == unknownFrame.count {
                let file = unknownInDSO[Int32(local)]
                unknownFrame.append(internFrame(file.isEmpty ? "[unknown]" : "[unknown] (\(file))", dso: frame.dso))
            }
            leafFirst.append(unknownFrame[local])
            return
        }
        let local = Int(symbols.intern(bytes, start: symbol.lowerBound, count: symbol.count))
        if local == symbolFrame.count {
            symbolFrame.append(internFrame(symbols[Int32(local)], dso: frame.isInlined ? nil : frame.dso))
        }
        leafFirst.append(symbolFrame[local])
    }

    mutating func internFrame(_ name: String, dso: Range<Int>?) -> Int32 {
        let index = table.internFrame(name)
        if Int(index) == frameDSO.count {
            frameDSO.append(
                dso.flatMap {
                    $0.isEmpty ? nil : String(decoding: UnsafeRawBufferPointer(rebasing: bytes[$0]), as: UTF8.self)
                })
        }
        return index
    }

    mutating func endSample() throws(ImportFailure) {
        guard inSample else { return }
        inSample = false
        guard !leafFirst.isEmpty else {
            events[Int(sampleEvent)].samplesWithoutFrames += 1
            return
        }
        let total = events[Int(sampleEvent)].stacks.add(
            thread: sampleThread, frames: leafFirst.reversed(), weight: sampleWeight)
        guard total.isFinite else {
            throw ImportFailure(
                .invalidContent, offset: sampleOffset,
                message: "the periods of one stack add up to more than Hotpath can hold")
        }
    }

    /// `java 3244`, `iperf 27409/28744`: blanks between the fields made one space.
    func threadName(_ id: Int32) -> String {
        threads[id].split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    func finish(fileName: String) throws(ImportFailure) -> ImportedDump {
        guard !events.isEmpty else {
            throw ImportFailure(
                .invalidContent, offset: badLines.first?.offset ?? 0,
                message:
                    "expected perf script output: a sample header (\"comm pid time: period event:\") followed by frame lines (\"address symbol (dso)\"); no line is a sample header"
            )
        }
        // The event with the most samples weighs the stacks; the first seen on a tie.
        var chosen = 0
        for index in events.indices where events[index].samples > events[chosen].samples { chosen = index }
        let event = events[chosen]
        let eventName = eventNames[Int32(chosen)]
        guard event.stacks.count > 0 else {
            throw ImportFailure(
                .invalidContent, offset: badLines.first?.offset ?? 0,
                message:
                    "the \(ImportSupport.plural(event.samples, "sample")) of \(eventName.isEmpty ? "the profile" : "event \"\(eventName)\"") have no frames: record with a call graph (perf record -g) or print ip and sym (perf script -F +ip,+sym)"
            )
        }

        var warnings: [ImportWarning] = []
        for bad in badLines.prefix(PerfScriptImporter.maximumLineWarnings) {
            warnings.append(
                ImportWarning(
                    offset: bad.offset,
                    message: "neither a sample header nor an \"address symbol (dso)\" frame line; skipped"))
        }
        if badLineCount > PerfScriptImporter.maximumLineWarnings {
            warnings.append(
                ImportWarning(
                    message:
                        "\(ImportSupport.plural(badLineCount - PerfScriptImporter.maximumLineWarnings, "more line")) neither sample headers nor frame lines; skipped"
                ))
        }

        var labels = self.labels
        let displayName = { (index: Int) -> String in
            let name = eventNames[Int32(index)]
            return name.isEmpty ? "(unnamed)" : name
        }
        for index in events.indices {
            let name = displayName(index)
            labels["perf.\(name).samples"] = String(events[index].samples)
            if events[index].samplesWithPeriod > 0 {
                labels["perf.\(name).period"] = formatNumber(events[index].period)
            }
        }
        labels["perf.events"] = events.indices.map(displayName).joined(separator: ", ")
        labels["perf.event"] = displayName(chosen)
        labels["perf.threads"] = String(threads.count)
        if events.count > 1 {
            let others = events.indices.filter { $0 != chosen }.map {
                "\(displayName($0)) (\(ImportSupport.plural(events[$0].samples, "sample")))"
            }
            warnings.append(
                ImportWarning(
                    message:
                        "\(events.count) events; the stacks are those of \(displayName(chosen)) (\(ImportSupport.plural(event.samples, "sample"))), the one with the most samples; \(others.joined(separator: ", ")) not imported as stacks: their totals are the labels perf.<event>.samples and perf.<event>.period"
                ))
        }
        if event.samplesWithoutFrames > 0 {
            warnings.append(
                ImportWarning(
                    message:
                        "\(ImportSupport.plural(event.samplesWithoutFrames, "sample")) of \(displayName(chosen)) without frames left out of the stacks"
                ))
        }
        let weighsPeriods = event.samplesWithPeriod > 0
        if weighsPeriods, event.samplesWithPeriod < event.samples {
            warnings.append(
                ImportWarning(
                    message:
                        "\(ImportSupport.plural(event.samples - event.samplesWithPeriod, "sample")) of \(displayName(chosen)) print no period and weigh 1, the others their period"
                ))
        }
        let baseName = eventName.split(separator: ":").first.map(String.init) ?? eventName
        let isClock = baseName == "cpu-clock" || baseName == "task-clock"
        let unit: WeightUnit =
            weighsPeriods && isClock && event.samplesWithPeriod == event.samples ? .nanoseconds : .samples
        labels["perf.weight"] =
            unit == .nanoseconds
            ? "period (ns of \(baseName))" : weighsPeriods ? "period (count of \(displayName(chosen)))" : "samples"

        // A table of this event's frames only: the other events' frames are not operations.
        var stacks = StackTable()
        var remapped = [Int32](repeating: -1, count: table.frameNames.count)
        let threaded = Set(event.stacks.threads).count > 1
        var threadFrames: [Int32: Int32] = [:]
        var frames: [Int32] = []
        // A period of 0 weighs nothing: such stacks are left out.
        for index in 0..<event.stacks.count where event.stacks.weights[index] > 0 {
            frames.removeAll(keepingCapacity: true)
            if threaded {
                let thread = event.stacks.threads[index]
                if let frame = threadFrames[thread] {
                    frames.append(frame)
                } else {
                    let frame = stacks.internFrame(threadName(thread))
                    threadFrames[thread] = frame
                    frames.append(frame)
                }
            }
            for frame in event.stacks.frames(at: index) {
                if remapped[Int(frame)] < 0 { remapped[Int(frame)] = stacks.internFrame(table.frameNames[Int(frame)]) }
                frames.append(remapped[Int(frame)])
            }
            stacks.append(frames: frames, weight: event.stacks.weights[index])
        }
        guard !stacks.isEmpty else {
            throw ImportFailure(
                .invalidContent, offset: 0,
                message: "every sample of \(displayName(chosen)) has a period of 0: nothing to weigh")
        }
        let run = RunMetadata(
            workflow: ImportSupport.fileStem(fileName), runID: fileName, host: labels["perf.hostname"], labels: labels)
        var profile = Profile(run: run, stacks: stacks, stackWeightUnit: unit)
        // Weighed by their periods, the stacks count the event (cycles, instructions…), not samples.
        if weighsPeriods, unit == .samples { profile.stackWeightName = baseName }
        return ImportedDump(profile: profile, warnings: warnings)
    }
}
