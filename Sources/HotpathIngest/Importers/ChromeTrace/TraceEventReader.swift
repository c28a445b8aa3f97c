import HotpathModel

/// Streams trace events into compact records: the hot loop of the Chrome importer.
///
/// Per event it reads only `ph`, `name`, `cat`, `ts`, `dur`, `pid`, `tid` and where `args`
/// starts, matching keys by their raw bytes and interning strings by their bytes, so a
/// million-event trace allocates per distinct name, not per event. Everything else is skipped
/// without being built. Times stay in microseconds (the format's unit) until `finish()`.
struct TraceEventReader {
    let bytes: UnsafeRawBufferPointer
    let options: IngestOptions

    /// Set when a limit stopped the read; the `JSONError` thrown to unwind is then not the cause.
    var failure: ImportFailure?
    var lint = TraceLint()
    var notes: [ImportWarning] = []

    var names = StringInterner()
    var categories = StringInterner()
    /// String pids and tids.
    var identifiers = StringInterner()
    /// Per category id: what the category asks for under Hotpath's conventions.
    var categoryRoles: [TraceCategoryRole] = []

    var threads: [TraceThreadKey] = []
    var threadIndex: [TraceThreadKey: Int32] = [:]
    /// Per thread: start and end of the previous event in the file, for the order lint.
    var threadLastStart: [Double] = []
    var threadLastEnd: [Double] = []
    private var lastThreadKey: TraceThreadKey?
    private var lastThread: Int32 = 0

    var processNames: [TraceID: String] = [:]
    var threadNames: [TraceThreadKey: String] = [:]

    var spans: [PendingSpan] = []
    var boundaries: [PendingBoundary] = []
    var instantCount = 0
    /// Spans whose args were not kept, past `maximumDistinctArgs`.
    var argsDropped = 0
    var counters = TraceCounters()
    var resources = TraceResourceEvents()

    /// Earliest and latest timestamps of imported events, in µs.
    var earliest = Double.infinity
    var latest = -Double.infinity
    var eventCount = 0

    init(bytes: UnsafeRawBufferPointer, options: IngestOptions) {
        self.bytes = bytes
        self.options = options
    }

    // MARK: The event array

    /// Reads `[ event, … ]`. With `allowUnclosed`, the array may end at the end of the file
    /// without `]`, after an event, a comma or whitespace: the format allows it.
    mutating func readEvents(_ scanner: inout JSONScanner, allowUnclosed: Bool) throws(JSONError) {
        try scanner.expect(UInt8(ascii: "["), "'[' to start the trace events")
        scanner.skipWhitespace()
        if scanner.offset < bytes.count, bytes[scanner.offset] == UInt8(ascii: "]") {
            scanner.offset += 1
            return
        }
        while true {
            scanner.skipWhitespace()
            if scanner.isAtEnd {
                guard allowUnclosed else { throw scanner.error("expected a trace event or ']', found the end of the file") }
                notes.append(
                    ImportWarning(
                        offset: scanner.offset,
                        message: "the event array has no closing ']' (allowed by the Trace Event Format); read to the end of the file"))
                return
            }
            if bytes[scanner.offset] == UInt8(ascii: "]") {
                // Only after a trailing comma: `[a, b,]`.
                scanner.offset += 1
                return
            }
            try readEvent(&scanner)
            scanner.skipWhitespace()
            guard scanner.offset < bytes.count else { continue }
            switch bytes[scanner.offset] {
            case UInt8(ascii: ","):
                scanner.offset += 1
            case UInt8(ascii: "]"):
                scanner.offset += 1
                return
            default:
                throw scanner.error("expected ',' or ']' after a trace event, found \(scanner.describeFound(at: scanner.offset))")
            }
        }
    }

    // MARK: One event

    private enum Field {
        case phase, name, category, timestamp, duration, pid, tid, args, other
    }

    @inline(__always)
    private func field(start: Int, count: Int) -> Field {
        let byte0 = bytes[start]
        switch count {
        case 2:
            let byte1 = bytes[start + 1]
            if byte0 == UInt8(ascii: "p"), byte1 == UInt8(ascii: "h") { return .phase }
            if byte0 == UInt8(ascii: "t"), byte1 == UInt8(ascii: "s") { return .timestamp }
        case 3:
            let byte1 = bytes[start + 1]
            let byte2 = bytes[start + 2]
            switch byte0 {
            case UInt8(ascii: "c") where byte1 == UInt8(ascii: "a") && byte2 == UInt8(ascii: "t"): return .category
            case UInt8(ascii: "d") where byte1 == UInt8(ascii: "u") && byte2 == UInt8(ascii: "r"): return .duration
            case UInt8(ascii: "p") where byte1 == UInt8(ascii: "i") && byte2 == UInt8(ascii: "d"): return .pid
            case UInt8(ascii: "t") where byte1 == UInt8(ascii: "i") && byte2 == UInt8(ascii: "d"): return .tid
            default: break
            }
        case 4:
            if byte0 == UInt8(ascii: "n"), bytes[start + 1] == UInt8(ascii: "a"), bytes[start + 2] == UInt8(ascii: "m"),
                bytes[start + 3] == UInt8(ascii: "e")
            {
                return .name
            }
            if byte0 == UInt8(ascii: "a"), bytes[start + 1] == UInt8(ascii: "r"), bytes[start + 2] == UInt8(ascii: "g"),
                bytes[start + 3] == UInt8(ascii: "s")
            {
                return .args
            }
        default: break
        }
        return .other
    }

    mutating func readEvent(_ scanner: inout JSONScanner) throws(JSONError) {
        let eventOffset = scanner.offset
        eventCount += 1
        if eventCount > options.maximumEvents {
            failure = ImportFailure(
                .limitExceeded, offset: eventOffset,
                message: ImportSupport.limitMessage(
                    "more than \(options.maximumEvents) trace events", limit: options.maximumEvents, option: .events))
            throw scanner.error("event limit reached")
        }
        guard bytes[eventOffset] == UInt8(ascii: "{") else {
            try scanner.skipValue()
            lint.record(.malformedEvent, at: eventOffset)
            return
        }
        scanner.offset += 1

        var phase: UInt8 = 0
        var phaseText: String?
        var name: Int32 = -1
        var category: Int32 = -1
        var timestamp = Double.nan
        var duration = Double.nan
        var pid = TraceID.none
        var tid = TraceID.none
        var argsStart = -1
        var argsEnd = -1
        var malformed = false

        var first = true
        while true {
            scanner.skipWhitespace()
            guard scanner.offset < bytes.count else {
                throw scanner.error("expected '}' to close the trace event, found the end of the file")
            }
            var byte = bytes[scanner.offset]
            if byte == UInt8(ascii: "}") {
                scanner.offset += 1
                break
            }
            if !first {
                guard byte == UInt8(ascii: ",") else {
                    throw scanner.error("expected ',' or '}' after a member of a trace event, found \(scanner.describeFound(at: scanner.offset))")
                }
                scanner.offset += 1
                scanner.skipWhitespace()
                guard scanner.offset < bytes.count else {
                    throw scanner.error("expected a string key, found the end of the file")
                }
                byte = bytes[scanner.offset]
            }
            first = false
            guard byte == UInt8(ascii: "\"") else {
                throw scanner.error("expected a string key, found \(scanner.describeFound(at: scanner.offset))")
            }
            let key: Field
            switch try scanner.readRawString() {
            case .raw(let start, let count): key = count >= 2 && count <= 4 ? field(start: start, count: count) : .other
            case .decoded: key = .other
            }
            try scanner.expect(UInt8(ascii: ":"), "':' after a key")
            scanner.skipWhitespace()
            guard scanner.offset < bytes.count else { throw scanner.error("expected a value, found the end of the file") }
            let valueByte = bytes[scanner.offset]
            switch key {
            case .phase:
                guard valueByte == UInt8(ascii: "\"") else {
                    try scanner.skipValue()
                    malformed = true
                    continue
                }
                switch try scanner.readRawString() {
                case .raw(let start, let count):
                    if count == 1 {
                        phase = bytes[start]
                    } else {
                        phase = 0
                        phaseText = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<start + count]), as: UTF8.self)
                    }
                case .decoded(let text):
                    phase = 0
                    phaseText = text
                }
            case .name:
                guard valueByte == UInt8(ascii: "\"") else {
                    // Some producers write numeric names; keep them as text.
                    if let text = try scanner.readScalarText() { name = names.intern(text) } else { malformed = true }
                    continue
                }
                switch try scanner.readRawString() {
                case .raw(let start, let count): name = names.intern(bytes, start: start, count: count)
                case .decoded(let text): name = names.intern(text)
                }
            case .category:
                guard valueByte == UInt8(ascii: "\"") else {
                    try scanner.skipValue()
                    continue
                }
                switch try scanner.readRawString() {
                case .raw(let start, let count): category = categories.intern(bytes, start: start, count: count)
                case .decoded(let text): category = categories.intern(text)
                }
            case .timestamp:
                if valueByte == UInt8(ascii: "-") || valueByte &- UInt8(ascii: "0") < 10 {
                    timestamp = try scanner.readNumber()
                } else {
                    // Hermes writes times as strings of digits.
                    timestamp = try scanner.readNumberInText() ?? .nan
                }
            case .duration:
                if valueByte == UInt8(ascii: "-") || valueByte &- UInt8(ascii: "0") < 10 {
                    duration = try scanner.readNumber()
                } else if let number = try scanner.readNumberInText() {
                    duration = number
                } else {
                    malformed = true
                }
            case .pid:
                pid = try readID(&scanner, valueByte)
            case .tid:
                tid = try readID(&scanner, valueByte)
            case .args:
                argsStart = scanner.offset
                try scanner.skipValue()
                argsEnd = scanner.offset
            case .other:
                try scanner.skipValue()
            }
        }

        if names.count > options.maximumOperations {
            failure = ImportFailure(
                .limitExceeded, offset: eventOffset,
                message: ImportSupport.limitMessage(
                    "more than \(options.maximumOperations) distinct event names", limit: options.maximumOperations,
                    option: .operations))
            throw scanner.error("operation limit reached")
        }
        if malformed {
            lint.record(.malformedEvent, at: eventOffset)
            return
        }
        dispatch(
            TraceEventFields(
                phase: phase, phaseText: phaseText, name: name, category: category, timestamp: timestamp,
                duration: duration, pid: pid, tid: tid, argsStart: argsStart, argsLength: Int32(clamping: argsEnd - argsStart),
                offset: eventOffset))
    }

    private mutating func readID(_ scanner: inout JSONScanner, _ valueByte: UInt8) throws(JSONError) -> TraceID {
        if valueByte == UInt8(ascii: "\"") {
            switch try scanner.readRawString() {
            case .raw(let start, let count): return .string(identifiers.intern(bytes, start: start, count: count))
            case .decoded(let text): return .string(identifiers.intern(text))
            }
        }
        if valueByte == UInt8(ascii: "-") || valueByte &- UInt8(ascii: "0") < 10 {
            let number = try scanner.readNumber()
            if number == number.rounded(), abs(number) < 9e18 { return .number(Int64(number)) }
            return .string(identifiers.intern(formatNumber(number)))
        }
        try scanner.skipValue()
        return .none
    }

    // MARK: Threads

    @inline(__always)
    mutating func thread(pid: TraceID, tid: TraceID) -> Int32 {
        let key = TraceThreadKey(pid: pid, tid: tid)
        if key == lastThreadKey { return lastThread }
        let index: Int32
        if let known = threadIndex[key] {
            index = known
        } else {
            index = Int32(threads.count)
            threads.append(key)
            threadLastStart.append(-Double.infinity)
            threadLastEnd.append(-Double.infinity)
            threadIndex[key] = index
        }
        lastThreadKey = key
        lastThread = index
        return index
    }

    func role(of category: Int32) -> TraceCategoryRole {
        category >= 0 && Int(category) < categoryRoles.count ? categoryRoles[Int(category)] : .plain
    }

    mutating func updateCategoryRoles() {
        while categoryRoles.count < categories.count {
            categoryRoles.append(TraceCategoryRole(category: categories.strings[categoryRoles.count]))
        }
    }
}

/// The fields one event had, as read.
struct TraceEventFields {
    var phase: UInt8
    var phaseText: String?
    var name: Int32
    var category: Int32
    /// Microseconds; NaN when missing.
    var timestamp: Double
    var duration: Double
    var pid: TraceID
    var tid: TraceID
    /// Where the event's `args` value starts, or -1, and how many bytes it spans.
    var argsStart: Int
    var argsLength: Int32
    var offset: Int
}

/// A `pid` or `tid`: producers write numbers or strings.
enum TraceID: Hashable {
    case none
    case number(Int64)
    /// Interned in `TraceEventReader.identifiers`.
    case string(Int32)
}

struct TraceThreadKey: Hashable {
    var pid: TraceID
    var tid: TraceID
}

/// A timed interval before nesting: from an `X` event or a matched `B`/`E` pair.
struct PendingSpan {
    var name: Int32
    var category: Int32
    var thread: Int32
    /// File order, the last tie-breaker when sorting.
    var order: Int32
    var start: Double
    var duration: Double
    var argsStart: Int
    var argsLength: Int32
    var offset: Int
}

/// A `B` or `E` event, matched into spans once all are read (they may be out of order).
struct PendingBoundary {
    var isBegin: Bool
    var name: Int32
    var category: Int32
    var thread: Int32
    var order: Int32
    var timestamp: Double
    var argsStart: Int
    var argsLength: Int32
    var offset: Int
}

/// A string read without building it when it has no escapes.
enum RawString {
    case raw(start: Int, count: Int)
    case decoded(String)
}

extension JSONScanner {
    /// Reads a string at the current position (no whitespace skipped): its byte range when it
    /// holds no escapes, else the decoded text.
    @inline(__always)
    mutating func readRawString() throws(JSONError) -> RawString {
        let quote = offset
        var index = offset + 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                offset = index + 1
                return .raw(start: quote + 1, count: index - quote - 1)
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            index += 1
        }
        offset = quote
        return .decoded(try readString())
    }

    /// A number written as a string (`"ts": "1155"`), or nil after skipping any other value.
    mutating func readNumberInText() throws(JSONError) -> Double? {
        guard peek() == UInt8(ascii: "\"") else {
            try skipValue()
            return nil
        }
        guard let number = Double(try readString().trimmingSpaces), number.isFinite else { return nil }
        return number
    }

    /// A number, string or boolean as text; nil (after skipping it) for null, objects and arrays.
    mutating func readScalarText() throws(JSONError) -> String? {
        switch peek() {
        case UInt8(ascii: "\""): return try readString()
        case UInt8(ascii: "{"), UInt8(ascii: "["), nil:
            try skipValue()
            return nil
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            return try readBoolOrNull().map { $0 ? "true" : "false" }
        default:
            return formatNumber(try readNumber())
        }
    }
}
