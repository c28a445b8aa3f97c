/// A string read without building it when it has no escapes.
public enum RawString {
    case raw(start: Int, count: Int)
    case decoded(String)

    /// The string's text (for messages).
    func text(in bytes: UnsafeRawBufferPointer) -> String {
        switch self {
        case .raw(let start, let count):
            String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<start + count]), as: UTF8.self)
        case .decoded(let text): text
        }
    }

    /// Whether the string is `literal` (ASCII), comparing bytes.
    @inline(__always)
    func isEqual(to literal: StaticString, in bytes: UnsafeRawBufferPointer) -> Bool {
        switch self {
        case .raw(let start, let count):
            guard count == literal.utf8CodeUnitCount else { return false }
            let expected = literal.utf8Start
            for index in 0..<count where bytes[start + index] != expected[index] { return false }
            return true
        case .decoded(let text):
            return text == literal.description
        }
    }
}

extension JSONScanner {
    /// Reads a string at the current position (no whitespace skipped): its byte range when it
    /// holds no escapes, else the decoded text.
    @inline(__always)
    mutating func readRawString() throws(JSONError) -> RawString {
        let quote = offset
        let index = stringSpecialByte(from: offset + 1)
        if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
            offset = index + 1
            return .raw(start: quote + 1, count: index - quote - 1)
        }
        offset = quote
        return .decoded(try readString())
    }

    /// A non-negative integer of at most 15 digits (so exactly what `readNumber` would give as
    /// a `Double`) with no fraction or exponent after it, such as a pid; nil, having consumed
    /// nothing, for anything else, which `readNumber` then reads.
    @inline(__always)
    mutating func readSmallInteger() -> Int64? {
        var index = offset
        var value: Int64 = 0
        while index < bytes.count, index - offset < 16 {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            value = value &* 10 &+ Int64(digit)
            index += 1
        }
        let digits = index - offset
        guard digits > 0, digits <= 15, digits == 1 || bytes[offset] != UInt8(ascii: "0") else { return nil }
        if index < bytes.count {
            let next = bytes[index]
            guard next != UInt8(ascii: "."), next | 0x20 != UInt8(ascii: "e") else { return nil }
        }
        offset = index
        return value
    }

    /// The first position at or after `start` that ends a string's plain run: a `"`, a `\\` or a
    /// control character; `bytes.count` when there is none. Eight bytes at a time (names in
    /// traces are long: a Python function with its file and line), then byte by byte within the
    /// word that holds one.
    @inline(__always)
    func stringSpecialByte(from start: Int) -> Int {
        var index = start
        let count = bytes.count
        if let base = bytes.baseAddress {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            while index + 8 <= count {
                let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                // A byte is zero in `word ^ c` where it equals c, and `(x - 0x01…) & ~x & 0x80…`
                // is non-zero exactly when some byte of x is zero; `(word - 0x20…) & ~word & 0x80…`
                // when some byte is below 0x20. (Which byte it marks may be off; whether is exact.)
                let quotes = word ^ (ones &* 0x22)
                let backslashes = word ^ (ones &* 0x5C)
                let marks =
                    (quotes &- ones) & ~quotes | (backslashes &- ones) & ~backslashes | (word &- ones &* 0x20) & ~word
                if marks & highs != 0 { break }
                index += 8
            }
        }
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { return index }
            index += 1
        }
        return count
    }
}
