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
    /// The bytes map a file: consumed chunks may be dropped from memory.
    var isFileMapping = false

    /// The part of the input the chunked read checked for invalid UTF-8 on its threads.
    var checkedUTF8: UTF8Check.CheckedPart?

    /// Set when a limit stopped the read; the `JSONError` thrown to unwind is then not the cause.
    var failure: ImportFailure?
    var lint = TraceLint()
    var notes: [ImportWarning] = []

    var names = StringInterner()
    var categories = StringInterner()
    /// Distinct `args` objects by their text (see `argsText`).
    var argsTexts = StringInterner()
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
    var asyncBoundaries: [PendingAsyncBoundary] = []
    /// Async events that went back in time on their track (see `place`), lint unless a time trace.
    var asyncBackwards: (count: Int, first: Int?) = (0, nil)
    var instantCount = 0
    /// Spans whose args were not kept, past `maximumDistinctArgs`.
    var argsDropped = 0
    var counters = TraceCounters()
    var cpuProfiles = TraceCPUProfiles()
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
        if try readEventsInParallel(&scanner, allowUnclosed: allowUnclosed) { return }
        try readEventsSequentially(&scanner, allowUnclosed: allowUnclosed)
    }

    /// The event loop on one thread, from the start of an event (or of a closing `]` after a
    /// trailing comma).
    mutating func readEventsSequentially(_ scanner: inout JSONScanner, allowUnclosed: Bool) throws(JSONError) {
        var tokenizer = TraceEventTokenizer(bytes: bytes)
        var map = ChunkIDMap()
        while true {
            scanner.skipWhitespace()
            if scanner.isAtEnd {
                guard allowUnclosed else {
                    throw scanner.error("expected a trace event or ']', found the end of the file")
                }
                notes.append(
                    ImportWarning(
                        offset: scanner.offset,
                        message:
                            "the event array has no closing ']' (allowed by the Trace Event Format); read to the end of the file"
                    ))
                return
            }
            if bytes[scanner.offset] == UInt8(ascii: "]") {
                // Only after a trailing comma: `[a, b,]`.
                scanner.offset += 1
                return
            }
            try readEvent(&scanner, &tokenizer, &map)
            scanner.skipWhitespace()
            guard scanner.offset < bytes.count else { continue }
            switch bytes[scanner.offset] {
            case UInt8(ascii: ","):
                scanner.offset += 1
            case UInt8(ascii: "]"):
                scanner.offset += 1
                return
            default:
                throw scanner.error(
                    "expected ',' or ']' after a trace event, found \(scanner.describeFound(at: scanner.offset))")
            }
        }
    }

    // MARK: One event

    mutating func readEvent(
        _ scanner: inout JSONScanner, _ tokenizer: inout TraceEventTokenizer, _ map: inout ChunkIDMap
    ) throws(JSONError) {
        try consume(try tokenizer.tokenize(&scanner), from: tokenizer, map: &map, scanner: scanner)
    }

    /// Maps one tokenizer's string ids to the reader's, filled as ids are first met.
    struct ChunkIDMap {
        var names: [Int32] = []
        var categories: [Int32] = []
        var identifiers: [Int32] = []
    }

    /// Turns a tokenized event's ids into the reader's and dispatches it by phase: the only
    /// stateful step of reading an event, so tokenizing can run on several threads while this
    /// runs in file order.
    mutating func consume(
        _ event: RawTraceEvent, from tokenizer: TraceEventTokenizer, map: inout ChunkIDMap, scanner: JSONScanner
    ) throws(JSONError) {
        eventCount += 1
        if eventCount > options.maximumEvents {
            failure = ImportFailure(
                .limitExceeded, offset: event.offset,
                message: ImportSupport.limitMessage(
                    "more than \(options.maximumEvents) trace events", limit: options.maximumEvents, option: .events))
            throw scanner.error("event limit reached", at: event.offset)
        }
        if event.malformed {
            lint.record(.malformedEvent, at: event.offset)
            return
        }
        let name = Self.global(event.name, &map.names, tokenizer.names, &names)
        if names.count > options.maximumOperations {
            failure = ImportFailure(
                .limitExceeded, offset: event.offset,
                message: ImportSupport.limitMessage(
                    "more than \(options.maximumOperations) distinct event names", limit: options.maximumOperations,
                    option: .operations))
            throw scanner.error("operation limit reached", at: event.offset)
        }
        let category = Self.global(event.category, &map.categories, tokenizer.categories, &categories)
        dispatch(
            TraceEventFields(
                phase: event.phase, phaseText: event.phaseText >= 0 ? tokenizer.phaseTexts[event.phaseText] : nil,
                name: name, category: category,
                timestamp: event.timestamp, duration: event.duration,
                pid: identifier(event.pid, tokenizer, &map), tid: identifier(event.tid, tokenizer, &map),
                idStart: event.idDelta >= 0 ? event.offset + Int(event.idDelta) : -1, argsStart: event.argsStart,
                argsText: event.argsLength > 0 ? argsText(start: event.argsStart, count: event.argsLength) : -1,
                offset: event.offset))
    }

    /// The reader's id for an args text: interned up to `maximumDistinctArgs` texts, -2 past
    /// that for texts not seen before (their spans keep only their category; memory stays bounded).
    @inline(__always)
    private mutating func argsText(start: Int, count: Int) -> Int32 {
        argsTexts.count < Self.maximumDistinctArgs
            ? argsTexts.intern(bytes, start: start, count: count)
            : (argsTexts.find(bytes, start: start, count: count) ?? -2)
    }

    /// The reader's id for a tokenizer's id, interning the string the first time it is met.
    @inline(__always)
    private static func global(
        _ local: Int32, _ map: inout [Int32], _ source: StringInterner, _ target: inout StringInterner
    ) -> Int32 {
        guard local >= 0 else { return -1 }
        let index = Int(local)
        if index < map.count, map[index] >= 0 { return map[index] }
        if index >= map.count { map.append(contentsOf: repeatElement(-1, count: index - map.count + 1)) }
        let id = target.intern(source[local])
        map[index] = id
        return id
    }

    @inline(__always)
    private mutating func identifier(_ id: RawID, _ tokenizer: TraceEventTokenizer, _ map: inout ChunkIDMap) -> TraceID
    {
        switch id {
        case .none: .none
        case .number(let number): .number(number)
        case .text(let local): .string(Self.global(local, &map.identifiers, tokenizer.identifiers, &identifiers))
        }
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
    /// Where the value of `id` (or `id2`) starts, or -1: read for async events only (`asyncID`).
    var idStart: Int
    /// Where the event's `args` value starts, or -1, and its text's id in `argsTexts`
    /// (-1 none, -2 past the limit of distinct args).
    var argsStart: Int
    var argsText: Int32
    var offset: Int
}

/// A `pid` or `tid`: producers write numbers or strings.
enum TraceID: Hashable {
    case none
    case number(Int64)
    /// Interned in `TraceEventReader.identifiers`.
    case string(Int32)
    /// The async track of a thread (its index in `TraceEventReader.threads`): spans from `b`/`e`
    /// pairs, kept apart from the thread's own spans so they never change those's nesting.
    case asyncTrack(Int32)
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
    /// The span's args text, by its id in `argsTexts` (-1 none, -2 past the limit of distinct
    /// args): where the args were in the input is not kept, as the spans are built after the
    /// input's pages may have been dropped.
    var argsText: Int32
    var offset: Int
}

/// A nestable async `b` or `e` event, matched by process, category, id and name once all are
/// read; the boundary's `thread` is the async track of the thread that wrote it.
struct PendingAsyncBoundary {
    var boundary: PendingBoundary
    var key: AsyncKey

    struct AsyncKey: Hashable {
        var pid: TraceID
        var category: Int32
        var id: TraceID
        var name: Int32
    }
}

/// A `B` or `E` event, matched into spans once all are read (they may be out of order).
struct PendingBoundary {
    var isBegin: Bool
    var name: Int32
    var category: Int32
    var thread: Int32
    var order: Int32
    var timestamp: Double
    var argsText: Int32
    var offset: Int
}

extension JSONScanner {
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
