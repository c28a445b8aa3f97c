import HotpathModel

/// What each phase turns into.
extension TraceEventReader {
    /// Phases the format defines that carry nothing Hotpath imports: async instants (`n`) and
    /// legacy async (`S` `T` `p` `F`), flow (`s` `t` `f`), samples (`P`, but for V8's
    /// `Profile`/`ProfileChunk`, see `sample`), objects (`N` `O` `D`),
    /// marks (`R`), clock sync (`c`), contexts (`(` `)`), memory dumps (`v` `V`) and linked ids
    /// (`=`). Nestable async `b`/`e` pairs are spans.
    static let skippedPhases: Set<UInt8> = Set("nSTpFstfPNODRc()vV=".utf8)

    /// Timestamps and durations past 10^18 µs (some 30,000 years) are not times: they would
    /// overflow once differences are converted to nanoseconds, so such events are dropped as
    /// having no usable timestamp (or as malformed, for a duration).
    static let maximumMicroseconds = 1e18

    @inline(__always)
    static func isUsableTime(_ value: Double) -> Bool {
        value.isFinite && abs(value) < maximumMicroseconds
    }

    mutating func dispatch(_ event: TraceEventFields) {
        if event.category >= 0, Int(event.category) >= categoryRoles.count { updateCategoryRoles() }
        switch event.phase {
        case UInt8(ascii: "X"):
            complete(event)
        case UInt8(ascii: "B"), UInt8(ascii: "E"):
            boundary(event, isBegin: event.phase == UInt8(ascii: "B"))
        case UInt8(ascii: "b"), UInt8(ascii: "e"):
            asyncBoundary(event, isBegin: event.phase == UInt8(ascii: "b"))
        case UInt8(ascii: "i"), UInt8(ascii: "I"):
            instant(event)
        case UInt8(ascii: "C"):
            counter(event)
        case UInt8(ascii: "M"):
            metadata(event)
        case UInt8(ascii: "P"):
            sample(event)
        case let phase where Self.skippedPhases.contains(phase):
            lint.recordSkipped(phase: String(UnicodeScalar(phase)), at: event.offset)
        default:
            let label =
                event.phase == 0 ? (event.phaseText.map { "\($0)" } ?? "(no ph)") : String(UnicodeScalar(event.phase))
            lint.recordUnknown(phase: label, at: event.offset)
        }
    }

    /// Notes the event's time span and checks its order on its thread.
    ///
    /// Producers write either in start order (Chrome reserves an `X` when it begins) or in end
    /// order (viztracer writes an `X` when the call returns); an event is out of order only when
    /// both its start and its end are earlier than those of the event before it on its thread.
    @inline(__always)
    private mutating func place(start: Double, end: Double, thread: Int32, offset: Int, isAsync: Bool = false) {
        if start < earliest { earliest = start }
        if end > latest { latest = end }
        let index = Int(thread)
        if start < threadLastStart[index], end < threadLastEnd[index] {
            if isAsync {
                // Judged in `finish`: an LLVM time trace writes an include's `b` after the pairs of
                // the headers it includes, which is its order, not a fault.
                asyncBackwards.count += 1
                if asyncBackwards.first == nil { asyncBackwards.first = offset }
            } else {
                lint.record(.timestampsBackwards, at: offset)
            }
        }
        threadLastStart[index] = start
        threadLastEnd[index] = end
    }

    private mutating func complete(_ event: TraceEventFields) {
        guard Self.isUsableTime(event.timestamp) else {
            lint.record(.missingTimestamp, at: event.offset)
            return
        }
        var duration = event.duration
        if duration.isNaN {
            lint.record(.missingDuration, at: event.offset)
            duration = 0
        }
        guard Self.isUsableTime(duration) else {
            lint.record(.malformedEvent, at: event.offset)
            return
        }
        guard duration >= 0 else {
            lint.record(.negativeDuration, at: event.offset)
            return
        }
        let thread = thread(pid: event.pid, tid: event.tid)
        place(start: event.timestamp, end: event.timestamp + duration, thread: thread, offset: event.offset)
        spans.append(
            PendingSpan(
                name: event.name, category: event.category, thread: thread,
                order: Int32(truncatingIfNeeded: spans.count),
                start: event.timestamp, duration: duration, argsText: event.argsText,
                offset: event.offset))
        let role = role(of: event.category)
        if role != .plain { resource(event, role: role, duration: duration) }
    }

    private mutating func boundary(_ event: TraceEventFields, isBegin: Bool) {
        guard Self.isUsableTime(event.timestamp) else {
            lint.record(.missingTimestamp, at: event.offset)
            return
        }
        let thread = thread(pid: event.pid, tid: event.tid)
        place(start: event.timestamp, end: event.timestamp, thread: thread, offset: event.offset)
        boundaries.append(
            PendingBoundary(
                isBegin: isBegin, name: event.name, category: event.category, thread: thread,
                order: Int32(truncatingIfNeeded: boundaries.count), timestamp: event.timestamp,
                argsText: event.argsText, offset: event.offset))
    }

    /// Rare in traces that have other spans: kept out of line so `dispatch` stays small.
    @inline(never)
    private mutating func asyncBoundary(_ event: TraceEventFields, isBegin: Bool) {
        guard Self.isUsableTime(event.timestamp) else {
            lint.record(.missingTimestamp, at: event.offset)
            return
        }
        let base = thread(pid: event.pid, tid: event.tid)
        let track = thread(pid: event.pid, tid: .asyncTrack(base))
        place(start: event.timestamp, end: event.timestamp, thread: track, offset: event.offset, isAsync: true)
        let boundary = PendingBoundary(
            isBegin: isBegin, name: event.name, category: event.category, thread: track,
            order: Int32(truncatingIfNeeded: asyncBoundaries.count), timestamp: event.timestamp,
            argsText: event.argsText, offset: event.offset)
        asyncBoundaries.append(
            PendingAsyncBoundary(
                boundary: boundary,
                key: .init(pid: event.pid, category: event.category, id: asyncID(at: event.idStart), name: event.name)))
    }

    /// An async event's `id`: a number or string, or `id2`'s `{"local": …}` / `{"global": …}`
    /// value (local ids are per process, and async events are matched per process anyway).
    private mutating func asyncID(at start: Int) -> TraceID {
        guard start >= 0 else { return .none }
        var scanner = JSONScanner(bytes: bytes, offset: start, maximumDepth: 8)
        if scanner.peek() == UInt8(ascii: "{") {
            var value: JSONValue?
            try? scanner.forEachMember { (scanner, _) throws(JSONError) in
                if value == nil { value = try scanner.parseValue() } else { try scanner.skipValue() }
            }
            return traceID(value)
        }
        return traceID(try? scanner.parseValue())
    }

    private mutating func traceID(_ value: JSONValue?) -> TraceID {
        if let number = value?.number, number == number.rounded(), abs(number) < 9e18 { return .number(Int64(number)) }
        if let text = value?.string { return .string(identifiers.intern(text)) }
        if let number = value?.number { return .string(identifiers.intern(formatNumber(number))) }
        return .none
    }

    /// `Profile` and `ProfileChunk` (V8 CPU profiles) are read into `cpuProfiles`; other
    /// sample events are skipped. Out of line: rare, and `dispatch` stays small.
    @inline(never)
    private mutating func sample(_ event: TraceEventFields) {
        let name = event.name >= 0 ? names[event.name] : ""
        let args = name == "ProfileChunk" || name == "Profile" ? args(at: event.argsStart) : nil
        // V8's `Profile` says when its profile started (`args.data`); without it, it is some other sample event.
        guard name == "ProfileChunk" || args?["data"] != nil else {
            lint.recordSkipped(phase: "P", at: event.offset)
            return
        }
        cpuProfiles.add(name: name, key: .init(pid: event.pid, id: asyncID(at: event.idStart)), args: args)
    }

    private mutating func instant(_ event: TraceEventFields) {
        guard Self.isUsableTime(event.timestamp) else {
            lint.record(.missingTimestamp, at: event.offset)
            return
        }
        let thread = thread(pid: event.pid, tid: event.tid)
        place(start: event.timestamp, end: event.timestamp, thread: thread, offset: event.offset)
        instantCount += 1
        let role = role(of: event.category)
        if role != .plain { resource(event, role: role, duration: 0) }
    }

    private mutating func counter(_ event: TraceEventFields) {
        guard Self.isUsableTime(event.timestamp) else {
            lint.record(.missingTimestamp, at: event.offset)
            return
        }
        let thread = thread(pid: event.pid, tid: event.tid)
        place(start: event.timestamp, end: event.timestamp, thread: thread, offset: event.offset)
        let name = event.name >= 0 ? names[event.name] : ""
        counters.add(name: name, timestamp: event.timestamp, args: args(at: event.argsStart))
    }

    private mutating func metadata(_ event: TraceEventFields) {
        // An empty name (clang names its thread "") names nothing: the id stands in.
        guard event.name >= 0, let label = args(at: event.argsStart)?["name"]?.string, !label.isEmpty else { return }
        switch names[event.name] {
        case "process_name": processNames[event.pid] = label
        case "thread_name": threadNames[TraceThreadKey(pid: event.pid, tid: event.tid)] = label
        default: break
        }
    }

    private mutating func resource(_ event: TraceEventFields, role: TraceCategoryRole, duration: Double) {
        guard let args = args(at: event.argsStart) else { return }
        let name = event.name >= 0 ? names[event.name] : ""
        switch role {
        case .cache: resources.addCacheLookup(name: name, timestamp: event.timestamp, duration: duration, args: args)
        case .io: resources.addIO(name: name, timestamp: event.timestamp, duration: duration, args: args)
        case .plain: break
        }
    }

    /// Parses an event's `args` (small) into a tree; nil when absent or not an object.
    func args(at start: Int) -> JSONValue? {
        guard start >= 0 else { return nil }
        var scanner = JSONScanner(bytes: bytes, offset: start, maximumDepth: 64)
        guard let value = try? scanner.parseValue(), value.object != nil else { return nil }
        return value
    }
}
