import Foundation
import HotpathModel

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
private final class PrettyOutput: JSONStreamWriter {
    /// One member of an open object: its key, and its value to write when the object closes,
    /// or where its bytes start (at its leading comma) when they are written already.
    struct Member {
        var key: String
        var value: Pending
    }

    enum Pending {
        case scalar(JSONScalar)
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
    /// Spaces for the indentation, as many as the deepest container so far needed.
    var spaces: [UInt8] = []
    /// The keys of the last object written from pending members, and their order (offsets from
    /// the object's first member): objects of one type come one after another (a call tree's
    /// nodes), and their keys need sorting once, not once per object.
    var lastKeys: [String] = []
    var lastOrder: [Int] = []
    /// +∞, -∞ and NaN as strings.
    let nonFinite: [String]

    /// The first error a member's value threw when it was written, after its object closed.
    var failure: (any Error)?

    init(nonFinite: [String]) {
        self.nonFinite = nonFinite
    }

    /// Foundation's own exceptions to `encode(to:)`, and call trees (`writeCallTree`).
    func writeSpecialValue<T: Encodable>(_ value: T) -> Bool {
        if T.self == CallTreeNode.self {
            writeCallTree(unsafeBitCast(value, to: CallTreeNode.self))
        } else if T.self == URL.self {
            writeString(unsafeBitCast(value, to: URL.self).absoluteString)
        } else if T.self == Decimal.self {
            bytes.append(contentsOf: unsafeBitCast(value, to: Decimal.self).description.utf8)
        } else if T.self == Data.self {
            writeString(unsafeBitCast(value, to: Data.self).base64EncodedString())
        } else {
            return false
        }
        return true
    }

    /// A call tree node and its subtree, the bytes its synthesized `encode(to:)` gives through
    /// the containers, written by `CallTreeWriter` into the document's bytes, moved to it and back.
    func writeCallTree(_ node: CallTreeNode) {
        var writer = CallTreeWriter(depth: depth, spaces: spaces, nonFinite: nonFinite)
        swap(&writer.bytes, &bytes)
        // On all cores for a big tree; a small one is written sooner than threads start.
        writer.write(node, splitting: node.subtreeSize(upTo: 4096) >= 4096)
        swap(&writer.bytes, &bytes)
        spaces = writer.spaces
        if writer.tooDeep { tooDeep = true }
    }

    func writeScalar(_ scalar: JSONScalar) {
        switch scalar {
        case .null: append("null")
        case .bool(let flag): append(flag ? "true" : "false")
        case .string(let text): writeString(text)
        case .double(let number): writeNumber(number)
        case .float(let number): writeNumber(number)
        case .signed(let number): appendDecimal(number, to: &bytes)
        case .unsigned(let number): appendDecimal(number, to: &bytes)
        }
    }

    func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    func writeIndent() {
        appendIndent(depth, spaces: &spaces, to: &bytes)
    }

    func writeNumber<F: BinaryFloatingPoint & CustomStringConvertible>(_ number: F) {
        appendNumber(number, nonFinite: nonFinite, to: &bytes)
    }

    /// A string as Foundation escapes it.
    func writeString(_ string: String) {
        appendJSONString(string, to: &bytes, shortControlEscapes: true)
    }

    // MARK: Containers

    func openContainer() {
        depth += 1
        if depth >= 512 { tooDeep = true }
    }

    func openArray() {
        openContainer()
        bytes.append(UInt8(ascii: "["))
    }

    /// The separator and indentation before an array's element.
    func beginElement(_ index: Int) {
        if index > 0 { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\n"))
        writeIndent()
    }

    /// Closes an array whose `[` is written.
    func closeArray(count: Int) {
        depth -= 1
        if count == 0 { bytes.append(UInt8(ascii: "\n")) }
        bytes.append(UInt8(ascii: "\n"))
        writeIndent()
        bytes.append(UInt8(ascii: "]"))
    }

    /// An object's `{` is written when it closes, over its first member's comma.
    func openObject() -> (start: Int, memberBase: Int) {
        openContainer()
        return (bytes.count, members.count)
    }

    func closeObject(_ mark: (start: Int, memberBase: Int), count: Int) {
        closeObject(start: mark.start, memberBase: mark.memberBase)
    }

    /// Starts a member written at once: a comma (the first member's becomes the `{` when the
    /// object closes), the indentation, the key and the colon.
    func beginMember(_ key: String, index: Int) {
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
        case .scalar(let scalar): writeScalar(scalar)
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
        var allPending = true
        for index in base..<members.count {
            if case .written = members[index].value { allPending = false }
        }
        if allPending {
            // Keys compared by their bytes, the order's own measure (`==` on strings is
            // canonical equivalence).
            if !members[base...].elementsEqual(lastKeys, by: { $0.key.utf8.elementsEqual($1.utf8) }) {
                lastKeys = members[base...].map(\.key)
                lastOrder = keyOrder(base).map { $0 - base }
            }
            // Member values write objects of their own, which change `lastOrder`.
            let order = lastOrder
            for offset in order {
                writeMemberHead(members[base + offset].key)
                write(members[base + offset].value)
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

    /// Keeps a member's value to write when its object closes: scalars as they are, anything
    /// else to be encoded then.
    func addMember<T: Encodable>(_ key: String, index: Int, _ value: T) {
        if let scalar = JSONScalar(value) {
            addMember(key, index: index, scalar)
        } else {
            members.append(Member(key: key, value: .value { try $0.writeValue(value) }))
        }
    }

    func addMember(_ key: String, index: Int, _ scalar: JSONScalar) {
        members.append(Member(key: key, value: .scalar(scalar)))
    }
}

/// A call tree node and its subtree, the bytes its synthesized `encode(to:)` gives through the
/// containers, written straight: keys in byte order (children, count, name, self, total), no
/// member kept for later and no encoder per node. The call tree is most of a big analysis (9.6
/// of the 10.8 MB of a nested trace's), written on one core at the end; a struct writing into
/// its own array, because each append to the document's array (a class's property) paid a
/// dynamic exclusivity check, a third of the writing.
private struct CallTreeWriter {
    var bytes: [UInt8] = []
    /// Containers open around the current position.
    var depth: Int
    var spaces: [UInt8]
    let nonFinite: [String]
    /// Set when a container opened deeper than Foundation allows.
    var tooDeep = false

    init(depth: Int, spaces: [UInt8], nonFinite: [String]) {
        self.depth = depth
        self.spaces = spaces
        self.nonFinite = nonFinite
    }

    /// Writes `node`'s subtree. `splitting`: the children of the first node (down from `node`)
    /// with more than one are written on all cores at once, each into a writer of its own, and
    /// their bytes then appended in order.
    mutating func write(_ node: CallTreeNode, splitting: Bool = false) {
        open()
        append("{\n")
        indent()
        append("\"children\" : ")
        open()
        bytes.append(UInt8(ascii: "["))
        let children = node.children
        if splitting, children.count > 1 {
            for (index, piece) in pieces(of: children).enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                bytes.append(UInt8(ascii: "\n"))
                indent()
                bytes.append(contentsOf: piece)
            }
        } else {
            for index in children.indices {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                bytes.append(UInt8(ascii: "\n"))
                indent()
                write(children[index], splitting: splitting)
            }
        }
        depth -= 1
        if children.isEmpty { bytes.append(UInt8(ascii: "\n")) }
        bytes.append(UInt8(ascii: "\n"))
        indent()
        append("],\n")
        indent()
        append("\"count\" : ")
        appendDecimal(Int64(node.count), to: &bytes)
        append(",\n")
        indent()
        append("\"name\" : ")
        appendJSONString(node.name, to: &bytes, shortControlEscapes: true)
        append(",\n")
        indent()
        append("\"self\" : ")
        appendNumber(node.selfValue, nonFinite: nonFinite, to: &bytes)
        append(",\n")
        indent()
        append("\"total\" : ")
        appendNumber(node.total, nonFinite: nonFinite, to: &bytes)
        depth -= 1
        bytes.append(UInt8(ascii: "\n"))
        indent()
        bytes.append(UInt8(ascii: "}"))
    }

    /// Each child's subtree written at this depth, on all cores at once.
    private mutating func pieces(of children: [CallTreeNode]) -> [[UInt8]] {
        var pieces = [[UInt8]](repeating: [], count: children.count)
        var deep = [Bool](repeating: false, count: children.count)
        let (depth, spaces, nonFinite) = (self.depth, self.spaces, self.nonFinite)
        pieces.withUnsafeMutableBufferPointer { piecesOut in
            deep.withUnsafeMutableBufferPointer { deepOut in
                // Each iteration writes only its own child's entries.
                nonisolated(unsafe) let (piecesOut, deepOut) = (piecesOut, deepOut)
                DispatchQueue.concurrentPerform(iterations: children.count) { index in
                    var writer = CallTreeWriter(depth: depth, spaces: spaces, nonFinite: nonFinite)
                    writer.write(children[index])
                    piecesOut[index] = writer.bytes
                    deepOut[index] = writer.tooDeep
                }
            }
        }
        if deep.contains(true) { tooDeep = true }
        return pieces
    }

    private mutating func open() {
        depth += 1
        if depth >= 512 { tooDeep = true }
    }

    private mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func indent() {
        appendIndent(depth, spaces: &spaces, to: &bytes)
    }
}

extension CallTreeNode {
    /// The nodes in this subtree (this one included), counted up to `limit`.
    func subtreeSize(upTo limit: Int) -> Int {
        var size = 1
        for child in children where size < limit { size += child.subtreeSize(upTo: limit - size) }
        return size
    }
}

/// Two spaces per open container, appended at once from `spaces` (grown as needed): a call tree
/// nests tens of containers deep, and an append per level was most of writing its lines.
private func appendIndent(_ depth: Int, spaces: inout [UInt8], to bytes: inout [UInt8]) {
    let count = 2 * depth
    while spaces.count < count { spaces.append(contentsOf: spaces.isEmpty ? [0x20, 0x20] : spaces) }
    bytes.append(contentsOf: spaces[0..<count])
}

/// Foundation's number text: Swift's `description` without a trailing `.0`; +∞, -∞ and NaN as
/// the strings `nonFinite` gives.
private func appendNumber<F: BinaryFloatingPoint & CustomStringConvertible>(
    _ number: F, nonFinite: [String], to bytes: inout [UInt8]
) {
    guard number.isFinite else {
        appendJSONString(nonFinite[number.isNaN ? 2 : number < 0 ? 1 : 0], to: &bytes, shortControlEscapes: true)
        return
    }
    // Whole numbers well inside the range `description` writes without an exponent (below
    // 1e16 for a double, 2^24 for a float), as integers: most counts and nanosecond totals.
    // -0 keeps its sign.
    let plain: F = F.significandBitCount > 23 ? 1e15 : 1e6
    if number == number.rounded(), number.magnitude < plain, number != 0 || number.sign == .plus {
        appendDecimal(Int64(number), to: &bytes)
        return
    }
    var text = number.description
    if text.hasSuffix(".0") { text.removeLast(2) }
    bytes.append(contentsOf: text.utf8)
}
