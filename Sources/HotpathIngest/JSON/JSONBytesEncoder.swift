/// Encodes an `Encodable` value straight into compact JSON bytes, the writing twin of
/// `JSONScanner` + `JSONValueDecoder`: the history cache writes every analyzed run with it, and
/// Foundation's `JSONEncoder` was two fifths of building a long history from scratch.
///
/// Values are written as they are encoded, with no tree in between (`StreamEncoder`).
///
/// Keys are the coding keys as they are; a non-finite double is written as the string `"nan"`,
/// `"inf"` or `"-inf"` (read back by `JSONValueDecoder(nonFiniteStrings: true)`).
public struct JSONBytesEncoder {
    public init() {}

    public func encode(_ value: some Encodable) throws -> [UInt8] {
        let output = CompactOutput()
        output.bytes.reserveCapacity(4096)
        try output.writeValue(value)
        return output.bytes
    }
}

/// The bytes written so far, shared by every encoder and container of one document: each call
/// writes at once.
private final class CompactOutput: JSONStreamWriter {
    var bytes: [UInt8] = []

    func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    func openObject() {
        bytes.append(UInt8(ascii: "{"))
    }

    func closeObject(_ mark: Void, count: Int) {
        bytes.append(UInt8(ascii: "}"))
    }

    func openArray() {
        bytes.append(UInt8(ascii: "["))
    }

    func beginElement(_ index: Int) {
        if index > 0 { bytes.append(UInt8(ascii: ",")) }
    }

    func closeArray(count: Int) {
        bytes.append(UInt8(ascii: "]"))
    }

    func beginMember(_ key: String, index: Int) {
        if index > 0 { bytes.append(UInt8(ascii: ",")) }
        appendJSONString(key, to: &bytes, shortControlEscapes: false)
        bytes.append(UInt8(ascii: ":"))
    }

    func addMember<T: Encodable>(_ key: String, index: Int, _ value: T) throws {
        beginMember(key, index: index)
        try writeValue(value)
    }

    func addMember(_ key: String, index: Int, _ scalar: JSONScalar) {
        beginMember(key, index: index)
        writeScalar(scalar)
    }

    func writeScalar(_ scalar: JSONScalar) {
        switch scalar {
        case .null: append("null")
        case .bool(let flag): append(flag ? "true" : "false")
        case .string(let text): appendJSONString(text, to: &bytes, shortControlEscapes: false)
        case .double(let number): writeNumber(number)
        case .float(let number): writeNumber(Double(number))
        case .signed(let number): appendDecimal(number, to: &bytes)
        case .unsigned(let number): appendDecimal(number, to: &bytes)
        }
    }

    func writeNumber(_ number: Double) {
        guard number.isFinite else {
            append(number.isNaN ? "\"nan\"" : number < 0 ? "\"-inf\"" : "\"inf\"")
            return
        }
        // Whole numbers as integers (most counts and nanosecond totals), the rest in Swift's
        // shortest form that reads back to the same double.
        if number == number.rounded(), abs(number) < 1e15 {
            appendDecimal(Int(number), to: &bytes)
        } else {
            bytes.append(contentsOf: number.description.utf8)
        }
    }
}
