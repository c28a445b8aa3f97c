import HotpathModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads one trace event's fields without touching any shared state: strings are interned in
/// the tokenizer's own tables (one per chunk of the trace), numbers are parsed, everything else
/// is skipped. Several threads can each tokenize a part of a big trace at once; the reader then
/// maps each chunk's ids to its own (see `TraceEventReader+Parallel.swift`).
struct TraceEventTokenizer {
    let bytes: UnsafeRawBufferPointer
    var names = StringInterner()
    var categories = StringInterner()
    var identifiers = StringInterner()
    /// Phases longer than one byte (never valid, reported by name): kept here so an event holds
    /// no `String` and copies as plain bytes.
    var phaseTexts = StringInterner()
    /// The last category read as it is in the input, with its id: most traces give every event
    /// the same one ("FEE", "codegen"), which one comparison then finds without a hash.
    private var lastCategory: (start: Int, count: Int, id: Int32)?

    init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

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

    /// The eight keys read, quotes and colon included (`"name":`), matched as one word of the
    /// input: a key and its colon in one comparison instead of a scan, a classification and an
    /// `expect`. Nil for any other key or spelling (a space before the colon, an escape), which
    /// the general path reads.
    @inline(__always)
    private func knownKey(at position: Int) -> (field: Field, length: Int)? {
        guard position + 8 <= bytes.count, let base = bytes.baseAddress else { return nil }
        // The bytes as a little-endian number: byte 0 in the lowest bits, as the patterns are written.
        let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: position, as: UInt64.self))
        switch word & 0xFF_FFFF_FFFF {
        case 0x3A_2268_7022: return (.phase, 5)  // "ph":
        case 0x3A_2273_7422: return (.timestamp, 5)  // "ts":
        default: break
        }
        switch word & 0xFFFF_FFFF_FFFF {
        case 0x3A22_7461_6322: return (.category, 6)  // "cat":
        case 0x3A22_7275_6422: return (.duration, 6)  // "dur":
        case 0x3A22_6469_7022: return (.pid, 6)  // "pid":
        case 0x3A22_6469_7422: return (.tid, 6)  // "tid":
        default: break
        }
        switch word & 0xFF_FFFF_FFFF_FFFF {
        case 0x3A_2265_6D61_6E22: return (.name, 7)  // "name":
        case 0x3A_2273_6772_6122: return (.args, 7)  // "args":
        default: return nil
        }
    }

    @inline(__always)
    /// Static, with the bytes passed in: as a method on `self` it borrowed the whole tokenizer
    /// while one of its interners was `inout`, which a debug build resolved by copying the
    /// tokenizer, so every new string copied the interner's tables (quadratic: 26 s for a trace
    /// of 100,000 distinct names).
    private static func intern(_ raw: RawString, _ bytes: UnsafeRawBufferPointer, in interner: inout StringInterner)
        -> Int32
    {
        switch raw {
        case .raw(let start, let count): interner.intern(bytes, start: start, count: count)
        case .decoded(let text): interner.intern(text)
        }
    }

    /// Reads the event at the scanner's position (after whitespace).
    mutating func tokenize(_ scanner: inout JSONScanner) throws(JSONError) -> RawTraceEvent {
        let eventOffset = scanner.offset
        var event = RawTraceEvent(offset: eventOffset)
        guard bytes[eventOffset] == UInt8(ascii: "{") else {
            try scanner.skipValue()
            event.malformed = true
            return event
        }
        scanner.offset += 1
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
                    throw scanner.error(
                        "expected ',' or '}' after a member of a trace event, found \(scanner.describeFound(at: scanner.offset))"
                    )
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
            var keyStart = -1
            if let known = knownKey(at: scanner.offset) {
                key = known.field
                scanner.offset += known.length
            } else {
                switch try scanner.readRawString() {
                case .raw(let start, let count):
                    key = count >= 2 && count <= 4 ? field(start: start, count: count) : .other
                    keyStart = start
                case .decoded: key = .other
                }
                try scanner.expect(UInt8(ascii: ":"), "':' after a key")
            }
            scanner.skipWhitespace()
            guard scanner.offset < bytes.count else {
                throw scanner.error("expected a value, found the end of the file")
            }
            let valueByte = bytes[scanner.offset]
            switch key {
            case .phase:
                guard valueByte == UInt8(ascii: "\"") else {
                    try scanner.skipValue()
                    event.malformed = true
                    continue
                }
                switch try scanner.readRawString() {
                case .raw(let start, let count):
                    if count == 1 {
                        event.phase = bytes[start]
                    } else {
                        event.phase = 0
                        event.phaseText = phaseTexts.intern(bytes, start: start, count: count)
                    }
                case .decoded(let text):
                    event.phase = 0
                    event.phaseText = phaseTexts.intern(text)
                }
            case .name:
                guard valueByte == UInt8(ascii: "\"") else {
                    // Some producers write numeric names; keep them as text.
                    if let text = try scanner.readScalarText() {
                        event.name = names.intern(text)
                    } else {
                        event.malformed = true
                    }
                    continue
                }
                event.name = Self.intern(try scanner.readRawString(), bytes, in: &names)
            case .category:
                guard valueByte == UInt8(ascii: "\"") else {
                    try scanner.skipValue()
                    continue
                }
                event.category = category(try scanner.readRawString())
            case .timestamp:
                if valueByte == UInt8(ascii: "-") || valueByte &- UInt8(ascii: "0") < 10 {
                    event.timestamp = try scanner.readNumber()
                } else {
                    // Hermes writes times as strings of digits.
                    event.timestamp = try scanner.readNumberInText() ?? .nan
                }
            case .duration:
                if valueByte == UInt8(ascii: "-") || valueByte &- UInt8(ascii: "0") < 10 {
                    event.duration = try scanner.readNumber()
                } else if let number = try scanner.readNumberInText() {
                    event.duration = number
                } else {
                    event.malformed = true
                }
            case .pid:
                event.pid = try readID(&scanner, valueByte)
            case .tid:
                event.tid = try readID(&scanner, valueByte)
            case .args:
                let argsStart = scanner.offset
                try scanner.skipValue()
                event.argsStart = argsStart
                if scanner.offset - argsStart > 2 {  // more than `{}`
                    event.argsLength = scanner.offset - argsStart
                }
            case .other:
                // `id` / `id2` (async events) are looked for among the keys not read, so the
                // common keys pay nothing; where the value is, the reader reads for async events.
                if keyStart >= 0, bytes[keyStart] == UInt8(ascii: "i"), bytes[keyStart + 1] == UInt8(ascii: "d"),
                    bytes[keyStart + 2] == UInt8(ascii: "\"")
                        || (bytes[keyStart + 2] == UInt8(ascii: "2") && bytes[keyStart + 3] == UInt8(ascii: "\""))
                {
                    event.idDelta = Int32(truncatingIfNeeded: scanner.offset - eventOffset)
                }
                try scanner.skipValue()
            }
        }
        return event
    }

    @inline(__always)
    private mutating func category(_ raw: RawString) -> Int32 {
        guard case .raw(let start, let count) = raw else { return Self.intern(raw, bytes, in: &categories) }
        if let last = lastCategory, last.count == count,
            memcmp(bytes.baseAddress! + last.start, bytes.baseAddress! + start, count) == 0
        {
            return last.id
        }
        let id = categories.intern(bytes, start: start, count: count)
        lastCategory = (start, count, id)
        return id
    }

    private mutating func readID(_ scanner: inout JSONScanner, _ valueByte: UInt8) throws(JSONError) -> RawID {
        if valueByte == UInt8(ascii: "\"") {
            return .text(Self.intern(try scanner.readRawString(), bytes, in: &identifiers))
        }
        if valueByte &- UInt8(ascii: "0") < 10, let integer = scanner.readSmallInteger() { return .number(integer) }
        if valueByte == UInt8(ascii: "-") || valueByte &- UInt8(ascii: "0") < 10 {
            let number = try scanner.readNumber()
            if number == number.rounded(), abs(number) < 9e18 { return .number(Int64(number)) }
            return .text(identifiers.intern(formatNumber(number)))
        }
        try scanner.skipValue()
        return .none
    }
}

/// A pid or tid as read; strings by their id in the tokenizer's `identifiers`.
enum RawID {
    case none
    case number(Int64)
    case text(Int32)
}

/// One event's fields, with strings as ids in the tokenizer's tables (-1 when absent): plain
/// bytes, so a chunk's million events copy and free without reference counting.
struct RawTraceEvent {
    var offset: Int
    var malformed = false
    var phase: UInt8 = 0
    /// A phase that is not one byte, as its id in the tokenizer's `phaseTexts`; -1 when absent.
    var phaseText: Int32 = -1
    var name: Int32 = -1
    var category: Int32 = -1
    /// Microseconds; NaN when missing.
    var timestamp = Double.nan
    var duration = Double.nan
    var pid = RawID.none
    var tid = RawID.none
    var argsStart = -1
    /// The length of the args object's text, 0 for none or `{}`. Interned by the reader, not
    /// here: most traces' args differ from event to event (a counter, an id), and a chunk's own
    /// table of them was a seventh of tokenizing on the threads that bound the read.
    var argsLength = 0
    /// Where the value of `id` or `id2` starts, from `offset`; -1 when absent. Kept as a small
    /// offset (it fits the struct's padding) rather than read: only async events need it.
    var idDelta: Int32 = -1

    init(offset: Int) {
        self.offset = offset
    }
}
