import Foundation
import Testing

@testable import HotpathIngest

@Suite struct JSONBytesEncoderTests {
    struct Inner: Codable, Equatable {
        var name: String
        var values: [Double]
        var note: String?
    }

    enum Shape: Codable, Equatable {
        case point
        case box(width: Int, height: Int)
    }

    /// A type written by hand with a nested keyed container, a nested unkeyed one and a super
    /// encoder, in that order, so each must be closed before the next member.
    struct Nested: Codable, Equatable {
        var pair: [Int]
        var label: String
        var parent: Inner

        enum CodingKeys: String, CodingKey { case outer, list, label, parent }
        enum OuterKeys: String, CodingKey { case pair }

        init(pair: [Int], label: String, parent: Inner) {
            self.pair = pair
            self.label = label
            self.parent = parent
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            var list = try container.nestedUnkeyedContainer(forKey: .list)
            var pair: [Int] = []
            while !list.isAtEnd { pair.append(try list.decode(Int.self)) }
            self.pair = pair
            label = try container.decode(String.self, forKey: .label)
            parent = try Inner(from: try container.superDecoder(forKey: .parent))
            let outer = try container.nestedContainer(keyedBy: OuterKeys.self, forKey: .outer)
            #expect(try outer.decode([Int].self, forKey: .pair) == pair)
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            var outer = container.nestedContainer(keyedBy: OuterKeys.self, forKey: .outer)
            try outer.encode(pair, forKey: .pair)
            var list = container.nestedUnkeyedContainer(forKey: .list)
            for value in pair { try list.encode(value) }
            try container.encode(label, forKey: .label)
            try parent.encode(to: container.superEncoder(forKey: .parent))
        }
    }

    struct Everything: Codable, Equatable {
        var text = "quote \" backslash \\ newline \n tab \t bell \u{07} é 🔥"
        var whole = 42.0
        var fraction = 0.1
        var tiny = 1.5e-300
        var huge = 3.0e200
        var negative = -7
        var small: UInt8 = 255
        var wide: UInt64 = 18_446_744_073_709_551_615 / 4096
        var signed: Int32 = -2_147_483_648
        var single: Float = 0.5
        var flag = true
        var missing: Int? = nil
        var present: Int? = 3
        var inner = Inner(name: "a", values: [1, 2.5, -0.0], note: nil)
        var list = [Inner(name: "b", values: [], note: "n")]
        var map = ["x": 1, "y": 2]
        var shapes: [Shape] = [.point, .box(width: 2, height: 3)]
        var nested = Nested(pair: [4, 5], label: "l", parent: Inner(name: "p", values: [9], note: nil))
        var empty: [String] = []
    }

    static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        try bytes.withUnsafeBytes { try JSONScanner.parseDocument($0) }
    }

    /// Objects compared without regard to member order (Foundation's order is its own).
    static func canonical(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array(let values): .array(values.map(canonical))
        case .object(let object):
            .object(
                JSONObject(members: object.members.map { ($0.key, canonical($0.value)) }.sorted { $0.0 < $1.0 }))
        default: value
        }
    }

    @Test func roundTripsEveryKindOfValue() throws {
        let value = Everything()
        let bytes = try JSONBytesEncoder().encode(value)
        #expect(try JSONValueDecoder().decode(Everything.self, from: try Self.parse(bytes)) == value)
    }

    @Test func writesWhatFoundationWrites() throws {
        let ours = try Self.parse(try JSONBytesEncoder().encode(Everything()))
        let foundation = try Self.parse(Array(try JSONEncoder().encode(Everything())))
        #expect(Self.canonical(ours) == Self.canonical(foundation))
    }

    @Test func nonFiniteDoublesAreStringsReadBackOnlyWhenAllowed() throws {
        let values = [Double.nan, .infinity, -.infinity, 1]
        let bytes = try JSONBytesEncoder().encode(Inner(name: "n", values: values, note: nil))
        #expect(String(decoding: bytes, as: UTF8.self).contains(#"["nan","inf","-inf",1]"#))
        let decoded = try JSONValueDecoder(nonFiniteStrings: true).decode(Inner.self, from: try Self.parse(bytes))
        #expect(decoded.values[0].isNaN && decoded.values[1] == .infinity && decoded.values[2] == -.infinity)
        #expect(throws: DecodingError.self) {
            try JSONValueDecoder().decode(Inner.self, from: try Self.parse(bytes))
        }
    }

    @Test func controlCharactersAreEscaped() throws {
        let text = String(decoding: try JSONBytesEncoder().encode(["\u{01}\u{1F}\r"]), as: UTF8.self)
        #expect(text == #"["\u0001\u001f\r"]"#)
    }
}
