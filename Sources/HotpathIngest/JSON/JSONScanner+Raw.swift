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
}
