/// A string read without building it when it has no escapes.
enum RawString {
    case raw(start: Int, count: Int)
    case decoded(String)

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

    /// `forEachMember` for hot loops over millions of small objects: keys are passed as their
    /// bytes, so no `String` is made for them.
    mutating func forEachRawMember(_ body: (inout JSONScanner, RawString) throws(JSONError) -> Void) throws(JSONError) {
        try expect(UInt8(ascii: "{"), "'{' to start an object")
        var first = true
        while true {
            skipWhitespace()
            guard offset < bytes.count else { throw error("expected '}' to close the object, found the end of the file") }
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
            try expect(UInt8(ascii: ":"), "':' after a key")
            try body(&self, key)
        }
    }
}
