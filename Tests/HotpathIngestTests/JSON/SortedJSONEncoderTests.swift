import Foundation
import HotpathModel
import Testing

@testable import HotpathIngest

/// `SortedJSONEncoder` must write what Foundation's `JSONEncoder` writes with the analysis
/// JSON's settings, byte for byte: `hotpath analyze`'s output is pinned by digests and read by
/// scripts that diff it run to run.
@Suite struct SortedJSONEncoderTests {
    static func foundation(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return Array(try encoder.encode(value))
    }

    static func expectSame(_ value: some Encodable, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = try foundation(value)
        let written = try SortedJSONEncoder().encode(value)
        #expect(
            String(decoding: written, as: UTF8.self) == String(decoding: expected, as: UTF8.self),
            sourceLocation: sourceLocation)
    }

    /// Keys declared out of alphabetical order, with names that sort differently by bytes than
    /// by case-insensitive or numeric comparison.
    struct Node: Codable {
        var name: String
        var total: Double
        var selfValue: Double
        var count: Int
        var children: [Node]
        var note: String?
        var flags: [Bool] = []

        enum CodingKeys: String, CodingKey {
            case name, total
            case selfValue = "self"
            case count, children, note
            case flags = "Flags"
        }
    }

    struct Numbers: Codable {
        var doubles: [Double] = [
            0, -0.0, 1, -1, 0.1, 1e15 - 1, 1e15, 1e16, 123_456_789.125, 9_007_199_254_740_994, .leastNonzeroMagnitude,
            .greatestFiniteMagnitude, .infinity, -.infinity, .nan, 1.0 / 3,
        ]
        var floats: [Float] = [0, 0.1, 1e6, 16_777_216, 1e8, .infinity, -0.0]
        var integers: [Int] = [0, -1, .max, .min]
        var sized: [String: Int64] = ["min": .min, "max": .max]
        var unsigned: UInt64 = .max
        var small: [Int8] = [-128, 127]
        var optionalNumber: Double? = nil
        var present: Double? = 2.5
    }

    struct Texts: Codable {
        var escapes = "quote \" backslash \\ slash / newline \n return \r tab \t backspace \u{08} feed \u{0C}"
        var controls = (0..<32).map { String(UnicodeScalar(UInt8($0))) }.joined() + "\u{7F}"
        var unicode = "é 🔥 \u{2028} \u{FEFF}"
        var empty = ""
    }

    enum Kind: String, Codable { case alpha, beta }

    struct Containers: Codable {
        var emptyArray: [Int] = []
        var emptyStrings: [String] = []
        var emptyObject: [String: Int] = [:]
        var emptyStruct = Empty()
        var nested: [[Double]] = [[], [1], [[2, 3]].flatMap { $0 }]
        var dictionary: [String: [Double]] = ["b": [1], "a": [], "B": [2], "a10": [3], "a9": [4], "é": [5], "": [6]]
        var kinds: [Kind: Int] = [.beta: 2, .alpha: 1]
        var integerKeys: [Int: String] = [10: "ten", 9: "nine", -1: "minus"]
        var optionals: [Int?] = [1, nil, 3]
        var url = URL(string: "https://example.com/a b?c=d")
        var data = Data([0, 1, 2, 255])
        var decimal = Decimal(string: "3.14159")
        var kind = Kind.alpha
        var tuple = Pair(first: 1, second: "two")

        struct Empty: Codable {}
    }

    /// Encodes an unkeyed container of its own, a nested keyed container, a super encoder and
    /// one key twice (the last value wins, as in Foundation's dictionary).
    struct Pair: Codable {
        var first: Int
        var second: String

        enum CodingKeys: String, CodingKey { case second, first, list, nested, parent }
        enum InnerKeys: String, CodingKey { case z, y }

        init(first: Int, second: String) {
            self.first = first
            self.second = second
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            first = try container.decode(Int.self, forKey: .first)
            second = try container.decode(String.self, forKey: .second)
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(second, forKey: .second)
            try container.encode(0, forKey: .first)
            var inner = container.nestedContainer(keyedBy: InnerKeys.self, forKey: .nested)
            try inner.encode("z", forKey: .z)
            try inner.encode([first], forKey: .y)
            var list = container.nestedUnkeyedContainer(forKey: .list)
            try list.encode(first)
            try list.encodeNil()
            var deeper = list.nestedContainer(keyedBy: InnerKeys.self)
            try deeper.encode(1, forKey: .z)
            try container.encode(first, forKey: .first)
            try Containers.Empty().encode(to: container.superEncoder(forKey: .parent))
            // A second call for the same value shares the container.
            var again = encoder.container(keyedBy: InnerKeys.self)
            try again.encode(true, forKey: .y)
        }
    }

    @Test func numbersAsFoundationWritesThem() throws {
        try Self.expectSame(Numbers())
        try Self.expectSame(3.5)
        try Self.expectSame(-0.0)
        try Self.expectSame(Double.nan)
        try Self.expectSame(42)
    }

    @Test func stringsEscapedAsFoundationEscapesThem() throws {
        try Self.expectSame(Texts())
        try Self.expectSame("top level / string")
    }

    @Test func containersAndKeysInFoundationsOrder() throws {
        try Self.expectSame(Containers())
        try Self.expectSame([Containers(), Containers()])
        try Self.expectSame([Int]())
        try Self.expectSame([String: Int]())
        try Self.expectSame(Containers.Empty())
    }

    @Test func deepTreeOutOfKeyOrder() throws {
        var node = Node(name: "leaf", total: 1, selfValue: 1, count: 1, children: [], flags: [true])
        for depth in 0..<150 {
            let sibling = Node(
                name: "s\(depth)", total: 0.5, selfValue: 0.5, count: depth, children: [], note: "n\(depth)")
            node = Node(
                name: "d\(depth)", total: node.total + 1.25, selfValue: 0.25, count: depth,
                children: depth % 2 == 0 ? [node, sibling] : [sibling, node])
        }
        try Self.expectSame(node)
    }

    /// Call trees are written by a path of their own (`writeCallTree`): the same bytes as
    /// through their synthesized `encode(to:)`, at the top, in arrays and inside other objects,
    /// with empty children, escaped and non-ASCII names, fractions, whole, huge and non-finite numbers.
    @Test func callTreesAsFoundationWritesThem() throws {
        var generator = SeededGenerator(seed: 23)
        let names = ["main", "parse \"file\"", "naïve/é", "tab\there", "🔥", ""]
        let numbers = [0, 1, 2.5, 1e15, 1e16, 123_456_789.123_4, -0.0, .nan, .infinity, 1e-7]
        func tree(_ depth: Int) -> CallTreeNode {
            let children = depth == 0 ? [] : (0..<Int(generator.next() % 4)).map { _ in tree(depth - 1) }
            return CallTreeNode(
                name: names[Int(generator.next() % UInt64(names.count))],
                total: numbers[Int(generator.next() % UInt64(numbers.count))],
                selfValue: numbers[Int(generator.next() % UInt64(numbers.count))],
                count: Int(generator.next() % 3) - 1, children: children)
        }
        for _ in 0..<20 {
            let root = tree(5)
            try Self.expectSame(root)
            try Self.expectSame([root, tree(2)])
            try Self.expectSame(["tree": root])
        }
        try Self.expectSame(CallTreeNode(name: "all", total: 0, selfValue: 0, count: 0, children: []))
    }

    /// A big call tree's subtrees are written on all cores, each into a writer of its own, below
    /// the first node with more than one child: the bytes of one writer, at the top and inside
    /// other containers, and too deep an error still.
    @Test func bigCallTreesWrittenInPiecesAsFoundationWritesThem() throws {
        var generator = SeededGenerator(seed: 5)
        func tree(_ depth: Int, fanOut: UInt64) -> CallTreeNode {
            let children =
                depth == 0 ? [] : (0...Int(generator.next() % fanOut)).map { _ in tree(depth - 1, fanOut: fanOut) }
            return CallTreeNode(
                name: "f\(generator.next() % 50) \"q\"", total: Double(generator.next() % 10_000) / 8,
                selfValue: Double(generator.next() % 100) / 3, count: Int(generator.next() % 9), children: children)
        }
        let fanned = CallTreeNode(
            name: "all", total: 1, selfValue: 0, count: 0, children: (0..<7).map { _ in tree(7, fanOut: 4) })
        #expect(fanned.subtreeSize(upTo: 100_000) > 4_096)
        // A chain above the fan-out, as under one `main`.
        let chained = CallTreeNode(
            name: "all", total: 1, selfValue: 0, count: 0,
            children: [CallTreeNode(name: "main", total: 1, selfValue: 0, count: 1, children: [fanned])])
        try Self.expectSame(fanned)
        try Self.expectSame(chained)
        try Self.expectSame(["tree": [chained]])
        // Deeper than Foundation allows, below the pieces: an error too.
        var deep = CallTreeNode(name: "leaf", total: 0, selfValue: 0, count: 0, children: [])
        for _ in 0..<260 { deep = CallTreeNode(name: "d", total: 0, selfValue: 0, count: 0, children: [deep]) }
        var wide = fanned
        wide.children.append(deep)
        #expect(throws: (any Error).self) { try SortedJSONEncoder().encode(wide) }
    }

    /// Objects one after another whose keys sort alike or not: the order found for one object's
    /// keys is used again only for the very same keys, byte for byte (`"é"` and `"e\u{301}"` are
    /// equal strings that sort on either side of `"f"`).
    @Test func keyOrderOfOneObjectIsNotTakenForAnother() throws {
        try Self.expectSame([["é": 1, "f": 2], ["e\u{301}": 1, "f": 2], ["é": 3, "f": 4], ["f": 5], [:]])
        try Self.expectSame([
            Node(name: "a", total: 1, selfValue: 0, count: 1, children: [], note: "x"),
            Node(name: "b", total: 2, selfValue: 0, count: 1, children: []),
            Node(name: "c", total: 3, selfValue: 0, count: 1, children: [], note: "y"),
        ])
    }

    @Test func tooDeepIsAnErrorAsInFoundation() throws {
        // `depth` arrays, one in another.
        func array(_ depth: Int) -> Deep { depth == 0 ? .leaf : .list([array(depth - 1)]) }
        #expect(throws: (any Error).self) { try Self.foundation(array(512)) }
        #expect(throws: (any Error).self) { try SortedJSONEncoder().encode(array(512)) }
        try Self.expectSame(array(511))
    }

    indirect enum Deep: Encodable {
        case leaf
        case list([Deep])

        func encode(to encoder: any Encoder) throws {
            switch self {
            case .leaf:
                var container = encoder.singleValueContainer()
                try container.encode(1)
            case .list(let items):
                var container = encoder.unkeyedContainer()
                for item in items { try container.encode(item) }
            }
        }
    }
}
