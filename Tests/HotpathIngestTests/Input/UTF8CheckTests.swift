import Testing

@testable import HotpathIngest

/// A big input's UTF-8 check runs in two halves at once: it must find what one pass finds,
/// whatever straddles the cut.
@Suite struct UTF8CheckTests {
    /// Bytes of valid sequences of every length, stray continuation bytes, truncated and
    /// overlong sequences and surrogates, mixed at random (seeded).
    static func mixed(count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        let pieces: [[UInt8]] = [
            Array("ascii text ".utf8), Array("a".utf8), Array("{}".utf8), Array(",".utf8), Array("é".utf8),
            Array("€".utf8), Array("🔥".utf8), [0x80], [0xBF, 0x80],
            [0xE2, 0x82], [0xF0, 0x9F, 0x94], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF],
        ]
        var bytes: [UInt8] = []
        while bytes.count < count { bytes += pieces[Int(next() % UInt64(pieces.count))] }
        return bytes
    }

    @Test(arguments: 0..<40) func halvesFindWhatOnePassFinds(seed: Int) {
        let bytes = Self.mixed(count: 200 + seed * 7, seed: UInt64(seed))
        bytes.withUnsafeBytes { buffer in
            let whole = UTF8Check.invalidSequences(in: buffer, from: 0, to: buffer.count, releasing: false)
            let split = UTF8Check.invalidSequences(in: buffer, splitAbove: 64)
            #expect(UTF8Check.halves(of: buffer, splitAbove: 64).count == 3)
            #expect(whole?.firstOffset == split?.firstOffset)
            #expect(whole?.count == split?.count)
            #expect(whole != nil)
        }
    }

    /// The trace importer checks the chunks it reads on its threads and the check after the
    /// import skips them: what it finds before, in and after the skipped part is what one pass finds.
    @Test(arguments: 0..<40) func aCheckedPartIsSkippedWithTheSameFindings(seed: Int) {
        let bytes = Self.mixed(count: 300 + seed * 11, seed: UInt64(seed) + 100)
        // Cuts at ASCII bytes (as chunk starts are `{`), one of them possibly at the end.
        let ascii = bytes.indices.filter { bytes[$0] < 0x80 }
        let lower = ascii[seed % (ascii.count / 2)]
        let upper = seed % 5 == 0 ? bytes.count : ascii[ascii.count / 2 + seed % (ascii.count / 2)]
        bytes.withUnsafeBytes { buffer in
            let whole = UTF8Check.invalidSequences(in: buffer, from: 0, to: buffer.count, releasing: false)
            var checked = UTF8Check.CheckedPart(range: lower..<lower)
            let middle = lower + (upper - lower) / 3
            let cut = buffer[middle...].firstIndex { $0 < 0x80 }.map { min($0, upper) } ?? upper
            checked.append(
                upTo: cut, found: UTF8Check.invalidSequences(in: buffer, from: lower, to: cut, releasing: false))
            checked.append(
                upTo: upper, found: UTF8Check.invalidSequences(in: buffer, from: cut, to: upper, releasing: false))
            for splitAbove in [64, Int.max] {
                let skipping = UTF8Check.invalidSequences(in: buffer, splitAbove: splitAbove, skipping: checked)
                #expect(skipping?.firstOffset == whole?.firstOffset)
                #expect(skipping?.count == whole?.count)
            }
            #expect(whole != nil)
        }
    }

    @Test func validInputHasNoFinding() {
        let bytes = Array(String(repeating: "naïve café 🔥 ", count: 100).utf8)
        bytes.withUnsafeBytes { buffer in
            #expect(UTF8Check.invalidSequences(in: buffer, splitAbove: 64) == nil)
        }
    }

    /// A byte above 0x7F is seen at any offset: in a 32-byte step, in the tail after the last
    /// step, at either end of the range; bytes outside the range are not looked at.
    @Test func isASCIIFindsAHighByteAnywhereInTheRange() {
        let plain = [UInt8](repeating: UInt8(ascii: "a"), count: 75)
        plain.withUnsafeBytes { #expect(UTF8Check.isASCII($0, from: 0, to: $0.count)) }
        for offset in plain.indices {
            var bytes = plain
            bytes[offset] = 0x80
            bytes.withUnsafeBytes { buffer in
                #expect(!UTF8Check.isASCII(buffer, from: 0, to: buffer.count), "at \(offset)")
                #expect(UTF8Check.isASCII(buffer, from: offset + 1, to: buffer.count), "after \(offset)")
                #expect(UTF8Check.isASCII(buffer, from: 0, to: offset), "before \(offset)")
            }
        }
    }

    @Test func theCutIsAnASCIIByteAtOrPastTheMiddle() {
        let bytes =
            Array(String(repeating: "é", count: 100).utf8) + Array("x".utf8)
            + Array(String(repeating: "é", count: 10).utf8)
        bytes.withUnsafeBytes { buffer in
            let bounds = UTF8Check.halves(of: buffer, splitAbove: 64)
            #expect(bounds == [0, 200, buffer.count])
            #expect(UTF8Check.invalidSequences(in: buffer, splitAbove: 64) == nil)
        }
    }
}
