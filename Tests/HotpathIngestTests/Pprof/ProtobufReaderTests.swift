import HotpathModel
import Testing

@testable import HotpathIngest

@Suite struct ProtobufReaderTests {
    /// Varints of every length from 1 to 10 bytes, back to back.
    static let values: [UInt64] =
        (0..<64).flatMap { bit -> [UInt64] in
            let value = UInt64(1) << bit
            return [value, value - 1, value | 0x55, value &* 3]
        } + [UInt64.max, 0, 127, 128, 16_383, 16_384]

    @Test func theWideReadAgreesWithTheBytewiseOneAtEveryPositionAndLength() throws {
        let bytes = Self.values.flatMap(ProfileProtoBuilder.varint)
        try bytes.withUnsafeBytes { bytes in
            var bytewise = ProtobufReader(bytes)
            var wide = ProtobufReader(bytes)
            var decoded: [UInt64] = []
            while !wide.isAtEnd {
                let expected = try bytewise.readVarint()
                decoded.append(try wide.readVarintWithoutBranches())
                #expect(decoded.last == expected)
                #expect(wide.position == bytewise.position)
            }
            #expect(decoded == Self.values)
        }
    }

    @Test func aVarintRunningPastItsRangeIsTheSameErrorEitherWay() {
        // A varint, then the first byte of a two-byte one where the range ends, more bytes after.
        let bytes: [UInt8] = [0x05, 0x96, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        bytes.withUnsafeBytes { bytes in
            var bytewise = ProtobufReader(bytes, range: 0..<2)
            var wide = ProtobufReader(bytes, range: 0..<2)
            #expect((try? bytewise.readVarint()) == 5)
            #expect((try? wide.readVarintWithoutBranches()) == 5)
            var failures: [ImportFailure] = []
            do throws(ImportFailure) {
                _ = try bytewise.readVarint()
            } catch {
                failures.append(error)
            }
            do throws(ImportFailure) {
                _ = try wide.readVarintWithoutBranches()
            } catch {
                failures.append(error)
            }
            #expect(failures.count == 2)
            #expect(failures.map(\.offset) == [1, 1])
            #expect(failures.first?.message == failures.last?.message)
            #expect(failures.first?.message.contains("ends inside a varint") == true)
        }
    }

    @Test func packedAndSingleValuesGiveTheSameRange() throws {
        let packed = ProfileProtoBuilder.packed(1, [300, 7])
        let single = ProfileProtoBuilder.field(1, varint: 300) + ProfileProtoBuilder.field(1, varint: 7)
        for bytes in [packed, single] {
            let values = try bytes.withUnsafeBytes { bytes -> [UInt64] in
                var reader = ProtobufReader(bytes)
                var values: [UInt64] = []
                while let field = try reader.readField() {
                    var inner = ProtobufReader(bytes, range: try reader.varintRange(of: field, "Sample.value"))
                    while !inner.isAtEnd { values.append(try inner.readVarintWithoutBranches()) }
                }
                return values
            }
            #expect(values == [300, 7])
        }
        let fixed: [UInt8] = [1 << 3 | 5, 0, 0, 0, 0]
        fixed.withUnsafeBytes { bytes in
            var reader = ProtobufReader(bytes)
            do throws(ImportFailure) {
                if let field = try reader.readField() { _ = try reader.varintRange(of: field, "Sample.value") }
                Issue.record("a 32-bit field read as varints")
            } catch {
                #expect(error.message.contains("(Sample.value) has wire type 5"))
            }
        }
    }
}
