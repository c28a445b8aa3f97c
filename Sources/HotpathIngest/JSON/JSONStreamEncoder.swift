/// The `Encoder` plumbing shared by `JSONBytesEncoder` and `SortedJSONEncoder`: one encoder
/// class and its three containers, generic over a `JSONStreamWriter` that decides the bytes.
///
/// Values are handed to the writer as they are encoded, with no tree in between. A container is
/// closed when the value that asked for it returns from `encode(to:)`; a nested container or
/// super encoder is closed before its parent writes again, so nested and super encoders work as
/// long as a type writes one container after another, as every `Encodable` does. Coding paths
/// are not kept (every encoder's is empty): building one per value was a fifth of the encoding.

/// A scalar as JSON writes it: the one type dispatch both encoders use for every value.
enum JSONScalar {
    case null
    case bool(Bool)
    case string(String)
    case double(Double)
    case float(Float)
    case signed(Int64)
    case unsigned(UInt64)

    /// The scalar `value` is, or nil for anything else (arrays, objects, the smaller integers,
    /// which come back through their own `encode(to:)`). Type comparisons, not casts: this runs
    /// for every value of a run's analysis, and a cast to `any BinaryInteger` is a conformance
    /// lookup each time.
    @inline(__always)
    init?<T>(_ value: T) {
        if T.self == Double.self {
            self = .double(unsafeBitCast(value, to: Double.self))
        } else if T.self == String.self {
            self = .string(unsafeBitCast(value, to: String.self))
        } else if T.self == Int.self {
            self = .signed(Int64(unsafeBitCast(value, to: Int.self)))
        } else if T.self == Bool.self {
            self = .bool(unsafeBitCast(value, to: Bool.self))
        } else if T.self == Float.self {
            self = .float(unsafeBitCast(value, to: Float.self))
        } else if T.self == Int64.self {
            self = .signed(unsafeBitCast(value, to: Int64.self))
        } else if T.self == UInt64.self {
            self = .unsigned(unsafeBitCast(value, to: UInt64.self))
        } else if T.self == Int32.self {
            self = .signed(Int64(unsafeBitCast(value, to: Int32.self)))
        } else if T.self == UInt32.self {
            self = .unsigned(UInt64(unsafeBitCast(value, to: UInt32.self)))
        } else if T.self == UInt.self {
            self = .unsigned(UInt64(unsafeBitCast(value, to: UInt.self)))
        } else {
            return nil
        }
    }
}

/// Where a streaming encoder's values go. An implementer writes (or keeps, to write in another
/// order) one JSON document: it must accept the calls in the order the containers make them,
/// `openObject`/`openArray` before the members or elements of that container and the matching
/// close after them, containers nesting strictly.
protocol JSONStreamWriter: AnyObject {
    /// What an open object needs to be closed (where it started, say).
    associatedtype ObjectMark

    func openObject() -> ObjectMark
    /// Closes an object in which `count` members were begun.
    func closeObject(_ mark: ObjectMark, count: Int)
    func openArray()
    /// Before the array's element `index` (0 for the first).
    func beginElement(_ index: Int)
    /// Closes an array of `count` elements.
    func closeArray(count: Int)
    /// Starts member `index` whose value a nested container or super encoder writes next.
    func beginMember(_ key: String, index: Int)
    /// Member `index` with a value known now.
    func addMember<T: Encodable>(_ key: String, index: Int, _ value: T) throws
    func addMember(_ key: String, index: Int, _ scalar: JSONScalar)
    func writeScalar(_ scalar: JSONScalar)
    /// Writes a value the writer treats apart from its `encode(to:)` (Foundation's own
    /// exceptions); false for any other.
    func writeSpecialValue<T: Encodable>(_ value: T) -> Bool
}

extension JSONStreamWriter {
    func writeSpecialValue<T: Encodable>(_ value: T) -> Bool { false }

    /// Writes one value: scalars and common arrays directly, anything else through an encoder
    /// whose container is closed when the value is done.
    func writeValue<T: Encodable>(_ value: T) throws {
        if let scalar = JSONScalar(value) {
            writeScalar(scalar)
        } else if T.self == [Double].self {
            writeArray(unsafeBitCast(value, to: [Double].self)) { .double($0) }
        } else if T.self == [String].self {
            writeArray(unsafeBitCast(value, to: [String].self)) { .string($0) }
        } else if T.self == [Int].self {
            writeArray(unsafeBitCast(value, to: [Int].self)) { .signed(Int64($0)) }
        } else if !writeSpecialValue(value) {
            let encoder = StreamEncoder(writer: self)
            try value.encode(to: encoder)
            encoder.finish()
        }
    }

    private func writeArray<Element>(_ elements: [Element], _ scalar: (Element) -> JSONScalar) {
        openArray()
        for (index, element) in elements.enumerated() {
            beginElement(index)
            writeScalar(scalar(element))
        }
        closeArray(count: elements.count)
    }
}

/// One value being encoded: it opens at most one container (two asked of it share it, as with
/// Foundation), and closes it in `finish()`.
final class StreamEncoder<Writer: JSONStreamWriter>: Encoder {
    enum State {
        case empty
        case keyed(Writer.ObjectMark, count: Int)
        case unkeyed(count: Int)
        case single
    }

    let writer: Writer
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    var state = State.empty
    /// A nested container or super encoder still open: closed before this one writes again.
    var child: StreamEncoder?

    init(writer: Writer) {
        self.writer = writer
    }

    func finish() {
        closeChild()
        switch state {
        case .empty:
            // A value that encoded nothing is an empty object, as with Foundation.
            writer.closeObject(writer.openObject(), count: 0)
        case .single: break
        case .keyed(let mark, let count): writer.closeObject(mark, count: count)
        case .unkeyed(let count): writer.closeArray(count: count)
        }
    }

    func closeChild() {
        child?.finish()
        child = nil
    }

    func openKeyed() {
        guard case .empty = state else { return }
        state = .keyed(writer.openObject(), count: 0)
    }

    /// The index of the member to start, counted; after closing a nested container still open.
    func nextMember() -> Int {
        closeChild()
        openKeyed()
        guard case .keyed(let mark, let count) = state else { return 0 }
        state = .keyed(mark, count: count + 1)
        return count
    }

    func beginElement() {
        closeChild()
        if case .empty = state {
            writer.openArray()
            state = .unkeyed(count: 0)
        }
        guard case .unkeyed(let count) = state else { return }
        writer.beginElement(count)
        state = .unkeyed(count: count + 1)
    }

    /// An encoder for a value nested at the current position, closed before the next write.
    func openChild() -> StreamEncoder {
        let encoder = StreamEncoder(writer: writer)
        child = encoder
        return encoder
    }

    /// A nested encoder for member `key`, written at once.
    func openMember(_ key: String) -> StreamEncoder {
        writer.beginMember(key, index: nextMember())
        return openChild()
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        openKeyed()
        return KeyedEncodingContainer(StreamKeyedContainer<Key, Writer>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .empty = state {
            writer.openArray()
            state = .unkeyed(count: 0)
        }
        return StreamUnkeyedContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        StreamSingleContainer(encoder: self)
    }
}

private struct StreamKeyedContainer<Key: CodingKey, Writer: JSONStreamWriter>: KeyedEncodingContainerProtocol {
    let encoder: StreamEncoder<Writer>
    var codingPath: [any CodingKey] { [] }

    func encodeNil(forKey key: Key) {
        encoder.writer.addMember(key.stringValue, index: encoder.nextMember(), .null)
    }

    func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try encoder.writer.addMember(key.stringValue, index: encoder.nextMember(), value)
    }

    // Absent optionals are left out, as Foundation's encoder leaves them out.
    func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        guard let value else { return }
        try encode(value, forKey: key)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        encoder.openMember(key.stringValue).container(keyedBy: keyType)
    }

    func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        encoder.openMember(key.stringValue).unkeyedContainer()
    }

    func superEncoder() -> any Encoder { encoder.openMember("super") }

    func superEncoder(forKey key: Key) -> any Encoder { encoder.openMember(key.stringValue) }
}

private struct StreamUnkeyedContainer<Writer: JSONStreamWriter>: UnkeyedEncodingContainer {
    let encoder: StreamEncoder<Writer>
    var codingPath: [any CodingKey] { [] }
    var count: Int {
        if case .unkeyed(let count) = encoder.state { return count }
        return 0
    }

    func encodeNil() {
        encoder.beginElement()
        encoder.writer.writeScalar(.null)
    }

    func encode<T: Encodable>(_ value: T) throws {
        encoder.beginElement()
        try encoder.writer.writeValue(value)
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

private struct StreamSingleContainer<Writer: JSONStreamWriter>: SingleValueEncodingContainer {
    let encoder: StreamEncoder<Writer>
    var codingPath: [any CodingKey] { [] }

    func encode<T: Encodable>(_ value: T) throws {
        encoder.state = .single
        try encoder.writer.writeValue(value)
    }

    // The scalars' own `encode(to:)` asks for a single value container again: each is written
    // here, never through an encoder (which would come back).
    private func write(_ scalar: JSONScalar) {
        encoder.state = .single
        encoder.writer.writeScalar(scalar)
    }
    func encodeNil() { write(.null) }
    func encode(_ value: Bool) { write(.bool(value)) }
    func encode(_ value: String) { write(.string(value)) }
    func encode(_ value: Double) { write(.double(value)) }
    func encode(_ value: Float) { write(.float(value)) }
    func encode(_ value: Int) { write(.signed(Int64(value))) }
    func encode(_ value: Int8) { write(.signed(Int64(value))) }
    func encode(_ value: Int16) { write(.signed(Int64(value))) }
    func encode(_ value: Int32) { write(.signed(Int64(value))) }
    func encode(_ value: Int64) { write(.signed(value)) }
    func encode(_ value: UInt) { write(.unsigned(UInt64(value))) }
    func encode(_ value: UInt8) { write(.unsigned(UInt64(value))) }
    func encode(_ value: UInt16) { write(.unsigned(UInt64(value))) }
    func encode(_ value: UInt32) { write(.unsigned(UInt64(value))) }
    func encode(_ value: UInt64) { write(.unsigned(value)) }
}

/// Appends a string's JSON text: `"` and `\` escaped, control characters as `\n`, `\r`, `\t`
/// (and with `shortControlEscapes`, Foundation's `\b` and `\f`) or else `\u00xx`; `/` as it is.
func appendJSONString(_ string: String, to bytes: inout [UInt8], shortControlEscapes: Bool) {
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
            case 0x08 where shortControlEscapes: bytes.append(UInt8(ascii: "b"))
            case 0x0C where shortControlEscapes: bytes.append(UInt8(ascii: "f"))
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            default:
                let hex: StaticString = "0123456789abcdef"
                let digits = hex.utf8Start
                bytes.append(contentsOf: [
                    UInt8(ascii: "u"), 0x30, 0x30, digits[Int(byte >> 4)], digits[Int(byte & 0xF)],
                ])
            }
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
    }
    bytes.append(UInt8(ascii: "\""))
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
