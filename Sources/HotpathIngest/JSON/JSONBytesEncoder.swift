/// Encodes an `Encodable` value straight into compact JSON bytes, the writing twin of
/// `JSONScanner` + `JSONValueDecoder`: the history cache writes every analyzed run with it, and
/// Foundation's `JSONEncoder` was two fifths of building a long history from scratch.
///
/// Values are written as they are encoded, with no tree in between. A container's closing
/// bracket is written when the value that asked for it returns from `encode(to:)`; a nested
/// container is closed before its parent writes again, so nested and super encoders work as
/// long as a type writes one container after another, as every `Encodable` does.
///
/// Keys are the coding keys as they are; a non-finite double is written as the string `"nan"`,
/// `"inf"` or `"-inf"` (read back by `JSONValueDecoder(nonFiniteStrings: true)`).
public struct JSONBytesEncoder {
    public init() {}

    public func encode(_ value: some Encodable) throws -> [UInt8] {
        let output = Output()
        output.bytes.reserveCapacity(4096)
        try output.writeValue(value)
        return output.bytes
    }
}

/// The bytes written so far, shared by every encoder and container of one document.
private final class Output {
    var bytes: [UInt8] = []

    /// Writes one value: scalars and arrays of doubles directly, anything else through an
    /// encoder whose container is closed when the value is done.
    func writeValue<T: Encodable>(_ value: T) throws {
        // Type comparisons, not casts: this runs for every value of a run's analysis.
        if T.self == Double.self {
            writeNumber(unsafeBitCast(value, to: Double.self))
        } else if T.self == String.self {
            writeString(unsafeBitCast(value, to: String.self))
        } else if T.self == Int.self {
            writeInteger(unsafeBitCast(value, to: Int.self))
        } else if T.self == Bool.self {
            append(unsafeBitCast(value, to: Bool.self) ? "true" : "false")
        } else if T.self == [Double].self {
            bytes.append(UInt8(ascii: "["))
            for (index, number) in unsafeBitCast(value, to: [Double].self).enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                writeNumber(number)
            }
            bytes.append(UInt8(ascii: "]"))
        } else if T.self == Int64.self {
            writeInteger(unsafeBitCast(value, to: Int64.self))
        } else if T.self == UInt64.self {
            writeInteger(unsafeBitCast(value, to: UInt64.self))
        } else if T.self == Int32.self {
            writeInteger(unsafeBitCast(value, to: Int32.self))
        } else if T.self == UInt32.self {
            writeInteger(unsafeBitCast(value, to: UInt32.self))
        } else if T.self == UInt.self {
            writeInteger(unsafeBitCast(value, to: UInt.self))
        } else if T.self == Float.self {
            writeNumber(Double(unsafeBitCast(value, to: Float.self)))
        } else {
            // Anything else, the smaller integers included, through its own `encode(to:)`: a
            // cast to `any BinaryInteger` for every value is a conformance lookup each time.
            let encoder = BytesEncoder(output: self)
            try value.encode(to: encoder)
            encoder.finish()
        }
    }

    func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    func writeNumber(_ number: Double) {
        guard number.isFinite else {
            append(number.isNaN ? "\"nan\"" : number < 0 ? "\"-inf\"" : "\"inf\"")
            return
        }
        // Whole numbers as integers (most counts and nanosecond totals), the rest in Swift's
        // shortest form that reads back to the same double.
        if number == number.rounded(), abs(number) < 1e15 {
            writeInteger(Int(number))
        } else {
            bytes.append(contentsOf: number.description.utf8)
        }
    }

    func writeInteger(_ number: some BinaryInteger) {
        appendDecimal(number, to: &bytes)
    }

    func writeString(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            var runStart = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                runStart = index + 1
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

/// One value being encoded: it opens at most one container (two asked of it share it, as with
/// Foundation), and closes it in `finish()`.
///
/// Coding paths are not kept (every encoder's is empty): nothing here fails, and building one
/// per value was a fifth of the encoding.
private final class BytesEncoder: Encoder {
    enum State {
        case empty
        case keyed(first: Bool)
        case unkeyed(count: Int)
        case single
    }

    let output: Output
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    var state = State.empty
    /// A nested container or super encoder still open: closed before this one writes again.
    var child: BytesEncoder?

    init(output: Output) {
        self.output = output
    }

    func finish() {
        closeChild()
        switch state {
        case .empty, .single:
            if case .empty = state { output.append("{}") }
        case .keyed: output.bytes.append(UInt8(ascii: "}"))
        case .unkeyed: output.bytes.append(UInt8(ascii: "]"))
        }
    }

    func closeChild() {
        child?.finish()
        child = nil
    }

    /// Starts the next member of a keyed container: the separator and the key.
    func beginMember(_ key: String) {
        closeChild()
        if case .keyed(let first) = state {
            if !first { output.bytes.append(UInt8(ascii: ",")) }
        } else {
            output.bytes.append(UInt8(ascii: "{"))
        }
        state = .keyed(first: false)
        output.writeString(key)
        output.bytes.append(UInt8(ascii: ":"))
    }

    /// Starts the next element of an unkeyed container: the separator.
    func beginElement() {
        closeChild()
        var count = 0
        if case .unkeyed(let written) = state {
            count = written
            if written > 0 { output.bytes.append(UInt8(ascii: ",")) }
        } else {
            output.bytes.append(UInt8(ascii: "["))
        }
        state = .unkeyed(count: count + 1)
    }

    /// An encoder for a value nested at the current position, closed before the next write.
    func openChild() -> BytesEncoder {
        let encoder = BytesEncoder(output: output)
        child = encoder
        return encoder
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .empty = state {
            output.bytes.append(UInt8(ascii: "{"))
            state = .keyed(first: true)
        }
        return KeyedEncodingContainer(KeyedContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .empty = state {
            output.bytes.append(UInt8(ascii: "["))
            state = .unkeyed(count: 0)
        }
        return UnkeyedContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleContainer(encoder: self)
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: BytesEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    func encodeNil(forKey key: Key) {
        encoder.beginMember(key.stringValue)
        encoder.output.append("null")
    }

    func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        encoder.beginMember(key.stringValue)
        try encoder.output.writeValue(value)
    }

    // Absent optionals are left out, as Foundation's encoder leaves them out.
    func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        guard let value else { return }
        try encode(value, forKey: key)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        encoder.beginMember(key.stringValue)
        return encoder.openChild().container(keyedBy: keyType)
    }

    func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        encoder.beginMember(key.stringValue)
        return encoder.openChild().unkeyedContainer()
    }

    func superEncoder() -> any Encoder {
        encoder.beginMember("super")
        return encoder.openChild()
    }

    func superEncoder(forKey key: Key) -> any Encoder {
        encoder.beginMember(key.stringValue)
        return encoder.openChild()
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: BytesEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int {
        if case .unkeyed(let count) = encoder.state { return count }
        return 0
    }

    func encodeNil() {
        encoder.beginElement()
        encoder.output.append("null")
    }

    func encode<T: Encodable>(_ value: T) throws {
        encoder.beginElement()
        try encoder.output.writeValue(value)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        encoder.beginElement()
        return encoder.openChild().container(keyedBy: keyType)
    }

    func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        encoder.beginElement()
        return encoder.openChild().unkeyedContainer()
    }

    func superEncoder() -> any Encoder {
        encoder.beginElement()
        return encoder.openChild()
    }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let encoder: BytesEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    func encodeNil() {
        encoder.state = .single
        encoder.output.append("null")
    }

    func encode<T: Encodable>(_ value: T) throws {
        encoder.state = .single
        try encoder.output.writeValue(value)
    }

    // The scalars' own `encode(to:)` asks for a single value container again: each is written
    // here, never through an encoder (which would come back).
    private func write(_ body: (Output) -> Void) {
        encoder.state = .single
        body(encoder.output)
    }
    func encode(_ value: Bool) { write { $0.append(value ? "true" : "false") } }
    func encode(_ value: String) { write { $0.writeString(value) } }
    func encode(_ value: Double) { write { $0.writeNumber(value) } }
    func encode(_ value: Float) { write { $0.writeNumber(Double(value)) } }
    func encode(_ value: Int) { write { $0.writeInteger(value) } }
    func encode(_ value: Int8) { write { $0.writeInteger(value) } }
    func encode(_ value: Int16) { write { $0.writeInteger(value) } }
    func encode(_ value: Int32) { write { $0.writeInteger(value) } }
    func encode(_ value: Int64) { write { $0.writeInteger(value) } }
    func encode(_ value: UInt) { write { $0.writeInteger(value) } }
    func encode(_ value: UInt8) { write { $0.writeInteger(value) } }
    func encode(_ value: UInt16) { write { $0.writeInteger(value) } }
    func encode(_ value: UInt32) { write { $0.writeInteger(value) } }
    func encode(_ value: UInt64) { write { $0.writeInteger(value) } }
}

/// Appends an integer's decimal digits, made in a buffer on the stack and appended at once: a
/// byte at a time into an encoder's array paid an exclusivity and a uniqueness check per digit:
/// the integers were about half of the cache's encoding of a folded profile's analysis.
@inline(__always)
func appendDecimal<T: BinaryInteger>(_ number: T, to bytes: inout [UInt8]) {
    if number == 0 {
        bytes.append(UInt8(ascii: "0"))
        return
    }
    guard number.bitWidth <= 128 else {
        bytes.append(contentsOf: String(number).utf8)
        return
    }
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { buffer in
        var index = 40
        var magnitude = number.magnitude
        while magnitude > 0 {
            index -= 1
            buffer[index] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10)
            magnitude /= 10
        }
        if number < 0 {
            index -= 1
            buffer[index] = UInt8(ascii: "-")
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[index..<40]))
    }
}
