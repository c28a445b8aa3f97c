import Testing

@testable import HotpathIngest

@Suite struct JSONValueDecoderTests {
    struct Widths: Decodable, Equatable {
        var size: UInt64
        var small: UInt8
        var signed: Int32
        var plain: Int
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        var bytes = Array(text.utf8)
        let value = try bytes.withUnsafeMutableBytes { try JSONScanner.parseDocument(UnsafeRawBufferPointer($0)) }
        return try JSONValueDecoder().decode(type, from: value)
    }

    /// Every integer width decodes (a UInt64 once recursed forever through the standard
    /// library's own `init(from:)`).
    @Test func integersOfEveryWidth() throws {
        let widths = try Self.decode(Widths.self, #"{"size": 123456789012, "small": 255, "signed": -7, "plain": 42}"#)
        #expect(widths == Widths(size: 123_456_789_012, small: 255, signed: -7, plain: 42))
    }

    @Test(arguments: [
        #"{"size": 1, "small": 256, "signed": 0, "plain": 0}"#, #"{"size": -1, "small": 0, "signed": 0, "plain": 0}"#,
        #"{"size": 1, "small": 0, "signed": 1.5, "plain": 0}"#, #"{"size": 1, "small": 0, "signed": 0, "plain": 1e19}"#,
    ])
    func integersOutOfRangeOrFractionalAreRefused(_ text: String) {
        #expect(throws: DecodingError.self) { try Self.decode(Widths.self, text) }
    }
}
