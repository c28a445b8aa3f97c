import Foundation

/// Encodes an `Encodable` value into the very bytes Foundation's `JSONEncoder` writes with
/// `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]` and non-finite doubles as strings,
/// without the tree of values Foundation builds first: `hotpath analyze` prints a run's
/// analysis with it. Foundation's encoder was two fifths of `hotpath analyze` on a compiler's
/// folded stacks (a 66 MB analysis, mostly call tree).
///
/// Byte for byte means: two spaces of indentation, `"key" : value`, keys sorted by their UTF-8
/// bytes (Foundation's order outside Apple platforms), a later value for a key replacing an
/// earlier one, an empty object or array written `{`, two newlines and the closing bracket,
/// doubles in Swift's shortest form without a trailing `.0`, strings with `"`, `\` and control
/// characters escaped as Foundation escapes them, and nesting deeper than 511 containers an
/// error. `SortedJSONEncoderTests` holds the two encoders to the same bytes.
///
/// Arrays are written as they are encoded. An object's members are kept (scalars as they are,
/// other values to be encoded later) until the object closes, then written in key order, so no
/// byte is ever moved: a call tree's node encodes its children last but they sort first, and
/// moving them would copy every subtree once per level above it. Only a member written through
/// a nested container or super encoder is written at once, and an object with one is put in
/// key order by moving bytes.
public struct SortedJSONEncoder {
    /// The strings written for +∞, -∞ and NaN, as with `.convertToString`.
    public var positiveInfinity: String
    public var negativeInfinity: String
    public var nan: String

    public init(positiveInfinity: String = "Infinity", negativeInfinity: String = "-Infinity", nan: String = "NaN") {
        self.positiveInfinity = positiveInfinity
        self.negativeInfinity = negativeInfinity
        self.nan = nan
    }

    public func encode(_ value: some Encodable) throws -> [UInt8] {
        let output = PrettyOutput(nonFinite: [positiveInfinity, negativeInfinity, nan])
        output.bytes.reserveCapacity(1 << 16)
        try output.writeValue(value)
        if let failure = output.failure { throw failure }
        if output.tooDeep {
            throw EncodingError.invalidValue(
                value,
                EncodingError.Context(
                    codingPath: [], debugDescription: "Too many nested arrays or dictionaries (more than 511)."))
        }
        return output.bytes
    }
}

/// The document being written, shared by every encoder and container of it.
private final class PrettyOutput {
    /// One member of an open object: its key, and its value to write when the object closes,
    /// or where its bytes start (at its leading comma) when they are written already.
    struct Member {
        var key: String
        var value: Pending
    }

    enum Pending {
        case double(Double)
        case integer(Int)
        case string(String)
        case bool(Bool)
        case null
        case value((PrettyOutput) throws -> Void)
        case written(start: Int)
    }

    var bytes: [UInt8] = []
    /// Containers open around the current position: the indentation, in steps of two spaces.
    var depth = 0
    /// Set when a container opened deeper than Foundation allows; `encode` then throws.
    var tooDeep = false
    /// The members of every open object, innermost last (objects nest strictly).
    var members: [Member] = []
    /// Where an out-of-order object's bytes are copied while they are put in key order.
    var scratch: [UInt8] = []
    /// +∞, -∞ and NaN as strings.
    let nonFinite: [String]

    /// The first error a member's value threw when it was written, after its object closed.
    var failure: (any Error)?

    init(nonFinite: [String]) {
        self.nonFinite = nonFinite
    }

    /// Writes one value: scalars and common arrays directly, anything else through an encoder
    /// whose container is closed when the value is done.
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
            writeArray(unsafeBitCast(value, to: [Double].self)) { $0.writeNumber($1) }
        } else if T.self == [String].self {
            writeArray(unsafeBitCast(value, to: [String].self)) { $0.writeString($1) }
        } else if T.self == [Int].self {
            writeArray(unsafeBitCast(value, to: [Int].self)) { $0.writeInteger($1) }
        } else if T.self == Float.self {
            writeNumber(unsafeBitCast(value, to: Float.self))
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
        } else if T.self == URL.self {
            // Foundation's own exceptions to `encode(to:)`.
            writeString(unsafeBitCast(value, to: URL.self).absoluteString)
        } else if T.self == Decimal.self {
            bytes.append(contentsOf: unsafeBitCast(value, to: Decimal.self).description.utf8)
        } else if T.self == Data.self {
            writeString(unsafeBitCast(value, to: Data.self).base64EncodedString())
        } else {
            let encoder = PrettyEncoder(output: self)
            try value.encode(to: encoder)
            encoder.finish()
        }
    }

    func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    func writeIndent() {
        for _ in 0..<depth { append("  ") }
    }

    /// Foundation's number text: Swift's `description` without a trailing `.0`.
    func writeNumber<F: BinaryFloatingPoint & CustomStringConvertible>(_ number: F) {
        guard number.isFinite else {
            writeString(nonFinite[number.isNaN ? 2 : number < 0 ? 1 : 0])
            return
        }
        // Whole numbers well inside the range `description` writes without an exponent (below
        // 1e16 for a double, 2^24 for a float), as integers: most counts and nanosecond totals.
        // -0 keeps its sign.
        let plain: F = F.significandBitCount > 23 ? 1e15 : 1e6
        if number == number.rounded(), number.magnitude < plain, number != 0 || number.sign == .plus {
            writeInteger(Int64(number))
            return
        }
        var text = number.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    func writeInteger(_ number: some BinaryInteger) {
        appendDecimal(number, to: &bytes)
    }

    /// A string as Foundation escapes it: `"` and `\`, the control characters with a short
    /// escape (`\b \f \n \r \t`), the other control characters as `\u00xx`; `/` as it is.
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
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
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

    func writeArray<Element>(_ elements: [Element], _ write: (PrettyOutput, Element) -> Void) {
        openContainer()
        bytes.append(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            beginElement(index)
            write(self, element)
        }
        closeArray(isEmpty: elements.isEmpty)
    }

    // MARK: Containers

    func openContainer() {
        depth += 1
        if depth >= 512 { tooDeep = true }
    }

    /// The separator and indentation before an array's element.
    func beginElement(_ index: Int) {
        if index > 0 { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\n"))
        writeIndent()
    }

    /// Closes an array whose `[` is written.
    func closeArray(isEmpty: Bool) {
        depth -= 1
        if isEmpty { bytes.append(UInt8(ascii: "\n")) }
        bytes.append(UInt8(ascii: "\n"))
        writeIndent()
        bytes.append(UInt8(ascii: "]"))
    }

    /// Starts a member written at once: a comma (the first member's becomes the `{` when the
    /// object closes), the indentation, the key and the colon.
    func beginMember(_ key: String) {
        members.append(Member(key: key, value: .written(start: bytes.count)))
        writeMemberHead(key)
    }

    private func writeMemberHead(_ key: String) {
        append(",\n")
        writeIndent()
        writeString(key)
        append(" : ")
    }

    private func write(_ value: Pending) {
        switch value {
        case .double(let number): writeNumber(number)
        case .integer(let number): writeInteger(number)
        case .string(let text): writeString(text)
        case .bool(let flag): append(flag ? "true" : "false")
        case .null: append("null")
        case .value(let write):
            do { try write(self) } catch { failure = failure ?? error }
        case .written: break
        }
    }

    /// Closes an object whose members are `members[base...]` (those written already start at
    /// or after `start`): writes them in key order, the last of equal keys kept, in brackets.
    func closeObject(start: Int, memberBase base: Int) {
        defer { members.removeSubrange(base...) }
        guard members.count > base else {
            depth -= 1
            append("{\n\n")
            writeIndent()
            bytes.append(UInt8(ascii: "}"))
            return
        }
        var inOrder = true
        var allPending = true
        for index in base..<members.count {
            if case .written = members[index].value { allPending = false }
            if index > base, !members[index - 1].key.utf8.lexicographicallyPrecedes(members[index].key.utf8) {
                inOrder = false
            }
        }
        if allPending {
            let order = inOrder ? Array(base..<members.count) : keyOrder(base)
            for index in order {
                writeMemberHead(members[index].key)
                write(members[index].value)
            }
        } else {
            writeInPlace(start: start, memberBase: base)
        }
        bytes[start] = UInt8(ascii: "{")
        depth -= 1
        bytes.append(UInt8(ascii: "\n"))
        writeIndent()
        bytes.append(UInt8(ascii: "}"))
    }

    /// The members' indexes in key order; of equal keys only the last encoded.
    private func keyOrder(_ base: Int) -> [Int] {
        var order = Array(base..<members.count)
        // Stable, so of equal keys the last written is last; it alone is kept.
        order.sort { lhs, rhs in
            let left = members[lhs].key.utf8
            let right = members[rhs].key.utf8
            return left.lexicographicallyPrecedes(right) || (left.elementsEqual(right) && lhs < rhs)
        }
        var kept: [Int] = []
        kept.reserveCapacity(order.count)
        for (position, index) in order.enumerated()
        where position + 1 == order.count || members[order[position + 1]].key != members[index].key {
            kept.append(index)
        }
        return kept
    }

    /// An object with members written through nested containers: the others are written after
    /// them, then all are put in key order by moving their bytes.
    private func writeInPlace(start: Int, memberBase base: Int) {
        for index in base..<members.count {
            if case .written = members[index].value { continue }
            let value = members[index].value
            members[index].value = .written(start: bytes.count)
            writeMemberHead(members[index].key)
            write(value)
        }
        let end = bytes.count
        var startOf: [Int: Int] = [:]
        var starts: [Int] = []
        for index in base..<members.count {
            guard case .written(let memberStart) = members[index].value else { continue }
            startOf[index] = memberStart
            starts.append(memberStart)
        }
        starts.sort()
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: bytes[start..<end])
        bytes.removeSubrange(start...)
        for index in keyOrder(base) {
            let from = startOf[index, default: start]
            let next = starts.first { $0 > from } ?? end
            bytes.append(contentsOf: scratch[(from - start)..<(next - start)])
        }
    }

    /// Keeps a member to write when its object closes.
    func addMember(_ key: String, _ value: Pending) {
        members.append(Member(key: key, value: value))
    }

    /// Keeps a member's value to write when its object closes: scalars as they are, anything
    /// else to be encoded then.
    func addMember<T: Encodable>(_ key: String, _ value: T) {
        if T.self == Double.self {
            addMember(key, .double(unsafeBitCast(value, to: Double.self)))
        } else if T.self == String.self {
            addMember(key, .string(unsafeBitCast(value, to: String.self)))
        } else if T.self == Int.self {
            addMember(key, .integer(unsafeBitCast(value, to: Int.self)))
        } else if T.self == Bool.self {
            addMember(key, .bool(unsafeBitCast(value, to: Bool.self)))
        } else {
            addMember(key, .value { try $0.writeValue(value) })
        }
    }
}

/// One value being encoded: it opens at most one container (two asked of it share it, as with
/// Foundation), and closes it in `finish()`.
private final class PrettyEncoder: Encoder {
    enum State {
        case empty
        case keyed(start: Int, memberBase: Int)
        case unkeyed(count: Int)
        case single
    }

    let output: PrettyOutput
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    var state = State.empty
    /// A nested container or super encoder still open: closed before this one writes again.
    var child: PrettyEncoder?

    init(output: PrettyOutput) {
        self.output = output
    }

    func finish() {
        closeChild()
        switch state {
        case .empty:
            // A value that encoded nothing is an empty object, as with Foundation.
            output.openContainer()
            output.closeObject(start: output.bytes.count, memberBase: output.members.count)
        case .single: break
        case .keyed(let start, let base): output.closeObject(start: start, memberBase: base)
        case .unkeyed(let count): output.closeArray(isEmpty: count == 0)
        }
    }

    func closeChild() {
        child?.finish()
        child = nil
    }

    func openKeyed() {
        guard case .empty = state else { return }
        output.openContainer()
        state = .keyed(start: output.bytes.count, memberBase: output.members.count)
    }

    func openUnkeyed() {
        guard case .empty = state else { return }
        output.openContainer()
        output.bytes.append(UInt8(ascii: "["))
        state = .unkeyed(count: 0)
    }

    /// Starts a member written at once (a nested container's or a super encoder's).
    func beginMember(_ key: String) {
        closeChild()
        openKeyed()
        output.beginMember(key)
    }

    /// Keeps a member to write when the object closes.
    func addMember<T: Encodable>(_ key: String, _ value: T) {
        closeChild()
        openKeyed()
        output.addMember(key, value)
    }

    func beginElement() {
        closeChild()
        openUnkeyed()
        guard case .unkeyed(let count) = state else { return }
        output.beginElement(count)
        state = .unkeyed(count: count + 1)
    }

    /// An encoder for a value nested at the current position, closed before the next write.
    func openChild() -> PrettyEncoder {
        let encoder = PrettyEncoder(output: output)
        child = encoder
        return encoder
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        openKeyed()
        return KeyedEncodingContainer(PrettyKeyedContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        openUnkeyed()
        return PrettyUnkeyedContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        PrettySingleContainer(encoder: self)
    }
}

private struct PrettyKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: PrettyEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    func encodeNil(forKey key: Key) {
        encoder.closeChild()
        encoder.openKeyed()
        encoder.output.addMember(key.stringValue, .null)
    }

    func encode<T: Encodable>(_ value: T, forKey key: Key) {
        encoder.addMember(key.stringValue, value)
    }

    // Absent optionals are left out, as Foundation's encoder leaves them out.
    func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) {
        guard let value else { return }
        encode(value, forKey: key)
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

private struct PrettyUnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: PrettyEncoder
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

private struct PrettySingleContainer: SingleValueEncodingContainer {
    let encoder: PrettyEncoder
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
    private func write(_ body: (PrettyOutput) -> Void) {
        encoder.state = .single
        body(encoder.output)
    }
    func encode(_ value: Bool) { write { $0.append(value ? "true" : "false") } }
    func encode(_ value: String) { write { $0.writeString(value) } }
    func encode(_ value: Double) { write { $0.writeNumber(value) } }
    func encode(_ value: Float) { write { $0.writeNumber(value) } }
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
