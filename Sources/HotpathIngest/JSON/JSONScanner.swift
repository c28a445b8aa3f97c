#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A pull parser over UTF-8 bytes: importers ask for the next value they expect and skip the rest.
///
/// Streaming importers (Chrome traces of hundreds of MB) walk events with it without building
/// a tree; small formats call `parseValue()` to get a `JSONValue`. Beyond RFC 8259 it accepts
/// `NaN`, `Infinity` and `-Infinity`, which Python's `json` module writes; importers decide
/// whether such numbers are acceptable where they appear.
public struct JSONScanner {
    public let bytes: UnsafeRawBufferPointer
    public var offset: Int
    /// Deepest nesting `parseValue` and `skipValue` accept; deeper input is an error, not a stack overflow.
    public var maximumDepth: Int
    /// Strings that held invalid UTF-8 and were repaired with U+FFFD.
    public private(set) var repairedStrings = 0

    public init(bytes: UnsafeRawBufferPointer, offset: Int = 0, maximumDepth: Int = 512) {
        self.bytes = bytes
        self.offset = offset
        self.maximumDepth = maximumDepth
    }

    // MARK: Bytes

    @inline(__always)
    public mutating func skipWhitespace() {
        while offset < bytes.count {
            let byte = bytes[offset]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            offset += 1
        }
    }

    /// The next significant byte, after whitespace; nil at the end.
    @inline(__always)
    public mutating func peek() -> UInt8? {
        skipWhitespace()
        return offset < bytes.count ? bytes[offset] : nil
    }

    public var isAtEnd: Bool { offset >= bytes.count }

    public func error(_ message: String, at position: Int? = nil) -> JSONError {
        JSONError(offset: position ?? offset, message: message)
    }

    func describeFound(at position: Int) -> String {
        guard position < bytes.count else { return "the end of the file" }
        let byte = bytes[position]
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }

    /// Consumes `byte` (after whitespace) or throws "expected …".
    @inline(__always)
    public mutating func expect(_ byte: UInt8, _ context: @autoclosure () -> String) throws(JSONError) {
        skipWhitespace()
        guard offset < bytes.count, bytes[offset] == byte else {
            throw error("expected \(context()), found \(describeFound(at: offset))")
        }
        offset += 1
    }

    // MARK: Containers

    /// Walks an object's members, calling `body` with each key; `body` must consume the value.
    public mutating func forEachMember(_ body: (inout JSONScanner, String) throws(JSONError) -> Void) throws(JSONError)
    {
        try forEachRawMember { (scanner, key) throws(JSONError) in
            switch key {
            case .raw(let start, let count):
                let slice = UnsafeRawBufferPointer(rebasing: scanner.bytes[start..<start + count])
                try body(&scanner, slice.allSatisfy { $0 < 0x80 } ? Self.asciiString(slice) : scanner.makeString(slice))
            case .decoded(let text):
                try body(&scanner, text)
            }
        }
    }

    /// `forEachMember` for hot loops over millions of small objects: keys are passed as their
    /// bytes, so no `String` is made for them.
    public mutating func forEachRawMember(_ body: (inout JSONScanner, RawString) throws(JSONError) -> Void)
        throws(JSONError)
    {
        try expect(UInt8(ascii: "{"), "'{' to start an object")
        var first = true
        while true {
            skipWhitespace()
            guard offset < bytes.count else {
                throw error("expected '}' to close the object, found the end of the file")
            }
            if bytes[offset] == UInt8(ascii: "}") {
                offset += 1
                return
            }
            if !first {
                guard bytes[offset] == UInt8(ascii: ",") else {
                    throw error("expected ',' or '}' after an object member, found \(describeFound(at: offset))")
                }
                offset += 1
                skipWhitespace()
            }
            first = false
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else {
                throw error("expected a string key, found \(describeFound(at: offset))")
            }
            let key = try readRawString()
            let input = bytes
            try expect(UInt8(ascii: ":"), "':' after the key \"\(key.text(in: input))\"")
            try body(&self, key)
        }
    }

    /// Walks an array's elements; `body` must consume each element.
    public mutating func forEachElement(_ body: (inout JSONScanner) throws(JSONError) -> Void) throws(JSONError) {
        try expect(UInt8(ascii: "["), "'[' to start an array")
        var first = true
        while true {
            skipWhitespace()
            guard offset < bytes.count else {
                throw error("expected ']' to close the array, found the end of the file")
            }
            if bytes[offset] == UInt8(ascii: "]") {
                offset += 1
                return
            }
            if !first {
                guard bytes[offset] == UInt8(ascii: ",") else {
                    throw error("expected ',' or ']' after an array element, found \(describeFound(at: offset))")
                }
                offset += 1
            }
            first = false
            try body(&self)
        }
    }

    // MARK: Scalars

    /// Reads a string at the current position (after whitespace).
    public mutating func readString() throws(JSONError) -> String {
        skipWhitespace()
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else {
            throw error("expected a string, found \(describeFound(at: offset))")
        }
        let start = offset + 1
        var index = start
        var highBits: UInt8 = 0
        // Fast path: no escapes.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                offset = index + 1
                let slice = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
                return highBits < 0x80 ? Self.asciiString(slice) : makeString(slice)
            }
            highBits |= byte
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error("control character in a string; expected '\\u00\(hex2(byte))'", at: index) }
            index += 1
        }
        guard index < bytes.count else { throw error("unterminated string", at: start - 1) }
        return try readEscapedString(start: start, escapeAt: index)
    }

    private func hex2(_ byte: UInt8) -> String {
        let text = String(byte, radix: 16, uppercase: true)
        return text.count == 1 ? "0" + text : text
    }

    /// ASCII needs no validation, and `String(validating:)` looks up generic metadata on every
    /// call (a seventh of a speedscope import's time when every key went through it).
    private static func asciiString(_ slice: UnsafeRawBufferPointer) -> String {
        String(unsafeUninitializedCapacity: slice.count) { buffer in
            _ = buffer.initialize(from: slice)
            return slice.count
        }
    }

    private mutating func makeString(_ slice: UnsafeRawBufferPointer) -> String {
        if let valid = String(validating: slice, as: UTF8.self) { return valid }
        repairedStrings += 1
        return String(decoding: slice, as: UTF8.self)
    }

    private mutating func readEscapedString(start: Int, escapeAt firstEscape: Int) throws(JSONError) -> String {
        var buffer = [UInt8]()
        buffer.reserveCapacity(firstEscape - start + 16)
        buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<firstEscape]))
        var index = firstEscape
        while true {
            guard index < bytes.count else { throw error("unterminated string", at: start - 1) }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                offset = index + 1
                return buffer.withUnsafeBytes { makeString($0) }
            }
            if byte < 0x20 { throw error("control character in a string; expected '\\u00\(hex2(byte))'", at: index) }
            if byte != UInt8(ascii: "\\") {
                buffer.append(byte)
                index += 1
                continue
            }
            guard index + 1 < bytes.count else { throw error("unterminated string", at: start - 1) }
            let escaped = bytes[index + 1]
            index += 2
            switch escaped {
            case UInt8(ascii: "\""): buffer.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "/"): buffer.append(UInt8(ascii: "/"))
            case UInt8(ascii: "b"): buffer.append(0x08)
            case UInt8(ascii: "f"): buffer.append(0x0C)
            case UInt8(ascii: "n"): buffer.append(0x0A)
            case UInt8(ascii: "r"): buffer.append(0x0D)
            case UInt8(ascii: "t"): buffer.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try readHex4(at: index)
                index += 4
                if (0xD800..<0xDC00).contains(scalar), index + 6 <= bytes.count,
                    bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                {
                    let low = try readHex4(at: index + 2)
                    if (0xDC00..<0xE000).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        index += 6
                    }
                }
                let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                buffer.append(contentsOf: Array(String(character).utf8))
            default:
                throw error("invalid escape '\\\(Character(Unicode.Scalar(escaped)))' in a string", at: index - 2)
            }
        }
    }

    private func readHex4(at position: Int) throws(JSONError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("expected 4 hex digits after '\\u'", at: position) }
        var value: UInt32 = 0
        for index in position..<position + 4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("expected 4 hex digits after '\\u'", at: index)
            }
            value = value << 4 | digit
        }
        return value
    }

    /// Exact powers of ten up to 10^22, the largest a Double holds exactly. A literal, so the
    /// compiler lays it out statically: no lazy initialization checked on every number.
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ]

    /// Reads a number at the current position. Values too large for a Double are an error.
    public mutating func readNumber() throws(JSONError) -> Double {
        skipWhitespace()
        if let value = readPlainNumber() { return value }
        return try readAnyNumber()
    }

    /// The numbers traces are made of, `-?digits(.digits)?` with at most 19 digits, read in one
    /// pass without the checks of the general syntax; nil, having consumed nothing, for anything
    /// else (an exponent, a leading zero, more digits, NaN, a syntax error), which
    /// `readAnyNumber` then reads from the same place. The value is the one `readAnyNumber`
    /// gives: Clinger's exact quotient where it applies, else the correctly rounded one.
    @inline(__always)
    private mutating func readPlainNumber() -> Double? {
        var index = offset
        let end = bytes.count
        guard index < end else { return nil }
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        let integerStart = index
        var mantissa: UInt64 = 0
        while index < end {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            mantissa = mantissa &* 10 &+ UInt64(digit)
            index += 1
        }
        let integerDigits = index - integerStart
        guard integerDigits > 0, integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else { return nil }
        var fractionDigits = 0
        if index < end, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < end {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { break }
                mantissa = mantissa &* 10 &+ UInt64(digit)
                index += 1
            }
            fractionDigits = index - fractionStart
            guard fractionDigits > 0 else { return nil }
        }
        // At most 19 digits cannot overflow the mantissa; an exponent goes the general way.
        guard integerDigits + fractionDigits <= 19, index == end || bytes[index] | 0x20 != UInt8(ascii: "e") else {
            return nil
        }
        let value: Double
        if mantissa < (1 << 53), fractionDigits <= 22 {
            value = Double(mantissa) / Self.exactPowersOfTen[fractionDigits]
        } else if let exact = DecimalToDouble.double(mantissa: mantissa, exponent: -fractionDigits, negative: false) {
            value = exact
        } else {
            return nil
        }
        offset = index
        return negative ? -value : value
    }

    /// `readNumber` for every syntax JSON (and Python's `json`) writes, with its errors.
    private mutating func readAnyNumber() throws(JSONError) -> Double {
        let start = offset
        var index = offset
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "N") || bytes[index] == UInt8(ascii: "I") {
            offset = index
            if try readKeyword("NaN") { return .nan }
            if try readKeyword("Infinity") { return negative ? -.infinity : .infinity }
            throw error("expected a number, found \(describeFound(at: start))", at: start)
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        let integerStart = index
        while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 {
            if digits < 19 {
                mantissa = mantissa &* 10 &+ UInt64(bytes[index] &- UInt8(ascii: "0"))
                if mantissa != 0 { digits += 1 }
            } else {
                exponent += 1
            }
            index += 1
        }
        guard index > integerStart else {
            throw error("expected a number, found \(describeFound(at: start))", at: start)
        }
        if bytes[integerStart] == UInt8(ascii: "0"), index - integerStart > 1 {
            throw error("a number cannot start with '0' followed by digits", at: integerStart)
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 {
                if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(bytes[index] &- UInt8(ascii: "0"))
                    if mantissa != 0 { digits += 1 }
                    exponent -= 1
                }
                index += 1
            }
            guard index > fractionStart else { throw error("expected a digit after '.'", at: index) }
        }
        var explicitExponent = 0
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            var exponentNegative = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            let exponentStart = index
            while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 {
                if explicitExponent < 100_000 {
                    explicitExponent = explicitExponent * 10 + Int(bytes[index] &- UInt8(ascii: "0"))
                }
                index += 1
            }
            guard index > exponentStart else { throw error("expected a digit in the exponent", at: index) }
            if exponentNegative { explicitExponent = -explicitExponent }
        }
        offset = index
        let totalExponent = exponent + explicitExponent
        // Clinger's fast path: both factors exact, so one rounding gives the correctly rounded value.
        // Any mantissa below 2^53 is exact, however many digits wrote it (viztracer's 16-digit
        // durations), as long as none was dropped (`digits` stops counting at 19).
        if digits < 19, mantissa < (1 << 53), abs(totalExponent) <= 22 {
            var value = Double(mantissa)
            if totalExponent < 0 {
                value /= Self.exactPowersOfTen[-totalExponent]
            } else {
                value *= Self.exactPowersOfTen[totalExponent]
            }
            return negative ? -value : value
        }
        // Eisel–Lemire, exact when it answers: 17-digit mantissas need no `strtod`.
        if digits < 19,
            let value = DecimalToDouble.double(mantissa: mantissa, exponent: totalExponent, negative: negative)
        {
            return value
        }
        let value = slowParse(start: start, end: index)
        guard value.isFinite else {
            throw error(
                "number \(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<min(index, start + 40)]), as: UTF8.self)) is out of range",
                at: start)
        }
        return value
    }

    /// `strtod` on a copy of the number's text: on the stack, as a number seldom needs more
    /// than a few dozen bytes (no allocation per number).
    private func slowParse(start: Int, end: Int) -> Double {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: end - start + 1) { text in
            for index in start..<end { text[index - start] = CChar(bitPattern: bytes[index]) }
            text[end - start] = 0
            return strtod(text.baseAddress!, nil)
        }
    }

    private mutating func readKeyword(_ keyword: StaticString) throws(JSONError) -> Bool {
        let count = keyword.utf8CodeUnitCount
        guard offset + count <= bytes.count else { return false }
        let matches = keyword.withUTF8Buffer { word in
            (0..<count).allSatisfy { bytes[offset + $0] == word[$0] }
        }
        if matches { offset += count }
        return matches
    }

    /// Reads `true`, `false` or `null`; returns nil for null.
    public mutating func readBoolOrNull() throws(JSONError) -> Bool? {
        skipWhitespace()
        if try readKeyword("true") { return true }
        if try readKeyword("false") { return false }
        if try readKeyword("null") { return nil }
        throw error("expected true, false or null, found \(describeFound(at: offset))")
    }

    // MARK: Whole values

    /// Skips one value of any type without building it.
    public mutating func skipValue() throws(JSONError) {
        if skipFlatObject() { return }
        try skipAnyValue()
    }

    /// `skipValue` without the flat-object pass: any value, with every error.
    mutating func skipAnyValue() throws(JSONError) {
        // Iterative, with an explicit stack of open containers, so deep nesting cannot overflow
        // the call stack. The stack lives in a bit set (1 marks an object) and only spills into
        // an array past 64 levels, so skipping an event's `args` allocates nothing.
        var openObjects = ContainerStack()
        repeat {
            guard let byte = peek() else { throw error("expected a value, found the end of the file") }
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let isObject = byte == UInt8(ascii: "{")
                guard openObjects.depth < maximumDepth else {
                    throw error("nesting deeper than \(maximumDepth) levels")
                }
                offset += 1
                if peek() == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    offset += 1
                } else {
                    openObjects.push(isObject)
                    if isObject { try skipKey() }
                    continue
                }
            case UInt8(ascii: "\""): try skipString()
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"): _ = try readBoolOrNull()
            default: _ = try readNumber()
            }
            // After a complete value: close containers, or move on to the next element or member.
            while let isObject = openObjects.last {
                let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                guard let next = peek() else {
                    throw error("expected ',' or '\(Character(Unicode.Scalar(close)))', found the end of the file")
                }
                if next == UInt8(ascii: ",") {
                    offset += 1
                    if isObject { try skipKey() }
                    break
                } else if next == close {
                    offset += 1
                    openObjects.pop()
                } else {
                    throw error(
                        "expected ',' or '\(Character(Unicode.Scalar(close)))', found \(describeFound(at: offset))")
                }
            }
        } while !openObjects.isEmpty
    }

    /// Skips an object whose members are all scalars written plainly (keys and strings without
    /// escapes, numbers `readPlainNumber` reads, `true`, `false`, `null`), such as most trace
    /// events' `args`, in one pass without the stack of open containers. False, having consumed
    /// nothing, for anything else: `skipValue` then walks it in full, and reports its errors.
    @inline(__always)
    private mutating func skipFlatObject() -> Bool {
        skipWhitespace()
        let start = offset
        guard maximumDepth > 0, offset < bytes.count, bytes[offset] == UInt8(ascii: "{") else { return false }
        offset += 1
        skipWhitespace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") {
            offset += 1
            return true
        }
        while offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") {
            let keyEnd = stringSpecialByte(from: offset + 1)
            guard keyEnd < bytes.count, bytes[keyEnd] == UInt8(ascii: "\"") else { break }
            offset = keyEnd + 1
            skipWhitespace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else { break }
            offset += 1
            skipWhitespace()
            guard offset < bytes.count else { break }
            switch bytes[offset] {
            case UInt8(ascii: "\""):
                let end = stringSpecialByte(from: offset + 1)
                guard end < bytes.count, bytes[end] == UInt8(ascii: "\"") else {
                    offset = start
                    return false
                }
                offset = end + 1
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                guard
                    (try? readKeyword("true")) == true || (try? readKeyword("false")) == true
                        || (try? readKeyword("null")) == true
                else {
                    offset = start
                    return false
                }
            default:
                guard readPlainNumber() != nil else {
                    offset = start
                    return false
                }
            }
            skipWhitespace()
            guard offset < bytes.count else { break }
            if bytes[offset] == UInt8(ascii: "}") {
                offset += 1
                return true
            }
            guard bytes[offset] == UInt8(ascii: ",") else { break }
            offset += 1
            skipWhitespace()
        }
        offset = start
        return false
    }

    private mutating func skipKey() throws(JSONError) {
        guard peek() == UInt8(ascii: "\"") else {
            throw error("expected a string key, found \(describeFound(at: offset))")
        }
        try skipString()
        try expect(UInt8(ascii: ":"), "':' after an object key")
    }

    /// Skips a string without building it; checks what `readString` checks except UTF-8 validity.
    public mutating func skipString() throws(JSONError) {
        skipWhitespace()
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else {
            throw error("expected a string, found \(describeFound(at: offset))")
        }
        let start = offset
        var index = offset + 1
        while true {
            index = stringSpecialByte(from: index)
            guard index < bytes.count else { break }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                offset = index + 1
                return
            }
            if byte == UInt8(ascii: "\\") {
                guard index + 1 < bytes.count else { break }
                switch bytes[index + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 2
                case UInt8(ascii: "u"):
                    _ = try readHex4(at: index + 2)
                    index += 6
                default:
                    throw error(
                        "invalid escape '\\\(Character(Unicode.Scalar(bytes[index + 1])))' in a string", at: index)
                }
                continue
            }
            throw error("control character in a string; expected '\\u00\(hex2(byte))'", at: index)
        }
        throw error("unterminated string", at: start)
    }

    /// Parses one value into a tree.
    public mutating func parseValue() throws(JSONError) -> JSONValue {
        try parseValue(depth: 0)
    }

    private mutating func parseValue(depth: Int) throws(JSONError) -> JSONValue {
        guard let byte = peek() else { throw error("expected a value, found the end of the file") }
        switch byte {
        case UInt8(ascii: "{"):
            guard depth < maximumDepth else { throw error("nesting deeper than \(maximumDepth) levels") }
            var members: [(key: String, value: JSONValue)] = []
            try forEachMember { (scanner, key) throws(JSONError) in
                members.append((key, try scanner.parseValue(depth: depth + 1)))
            }
            return .object(JSONObject(members: members))
        case UInt8(ascii: "["):
            guard depth < maximumDepth else { throw error("nesting deeper than \(maximumDepth) levels") }
            var elements: [JSONValue] = []
            try forEachElement { (scanner) throws(JSONError) in
                elements.append(try scanner.parseValue(depth: depth + 1))
            }
            return .array(elements)
        case UInt8(ascii: "\""):
            return .string(try readString())
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            if let value = try readBoolOrNull() { return .bool(value) }
            return .null
        default:
            return .number(try readNumber())
        }
    }

    /// Parses a whole document: one value and nothing after it but whitespace.
    public static func parseDocument(_ bytes: UnsafeRawBufferPointer, maximumDepth: Int = 512) throws(JSONError)
        -> JSONValue
    {
        var scanner = JSONScanner(bytes: bytes, maximumDepth: maximumDepth)
        let value = try scanner.parseValue()
        scanner.skipWhitespace()
        guard scanner.isAtEnd else {
            throw scanner.error(
                "expected the end of the document after the top-level value, found \(scanner.describeFound(at: scanner.offset))"
            )
        }
        return value
    }
}

/// Which containers `skipValue` has open: a bit per level (1 = object), spilling into an array
/// only for nesting deeper than 64 levels.
private struct ContainerStack {
    private var bits: UInt64 = 0
    private var overflow: [Bool] = []
    private(set) var depth = 0

    var isEmpty: Bool { depth == 0 }

    var last: Bool? {
        guard depth > 0 else { return nil }
        if depth > 64 { return overflow[overflow.count - 1] }
        return bits & (1 << UInt64(depth - 1)) != 0
    }

    mutating func push(_ isObject: Bool) {
        if depth >= 64 {
            overflow.append(isObject)
        } else if isObject {
            bits |= 1 << UInt64(depth)
        } else {
            bits &= ~(1 << UInt64(depth))
        }
        depth += 1
    }

    mutating func pop() {
        guard depth > 0 else { return }
        if depth > 64 { overflow.removeLast() }
        depth -= 1
    }
}
