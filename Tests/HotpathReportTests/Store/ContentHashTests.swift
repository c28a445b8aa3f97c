import Testing

@testable import HotpathReport

/// The cache's content hash decides whether a dump's stored analysis still applies: any change
/// to the bytes, however small, must change it.
@Suite struct ContentHashTests {
    static func hash(_ bytes: [UInt8]) -> String { bytes.withUnsafeBytes { ContentHash.of($0) } }

    /// Every single-bit change, at every position of inputs around each lane and tail
    /// boundary (the 32-byte rounds, the 8-byte words, the last bytes).
    @Test(arguments: [0, 1, 7, 8, 9, 31, 32, 33, 63, 64, 65, 100, 257])
    func everyFlippedBitChangesTheHash(length: Int) {
        let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        let original = Self.hash(bytes)
        #expect(original.count == 16)
        #expect(Self.hash(bytes) == original)
        var seen: Set<String> = [original]
        for index in bytes.indices {
            for bit in 0..<8 {
                var changed = bytes
                changed[index] ^= 1 << bit
                seen.insert(Self.hash(changed))
            }
        }
        #expect(seen.count == 1 + bytes.count * 8)
    }

    /// Trailing zero bytes, and lanes' words swapped, are other contents.
    @Test func lengthsAndWordOrderCount() {
        let hashes = (0..<200).map { Self.hash([UInt8](repeating: 0, count: $0)) }
        #expect(Set(hashes).count == hashes.count)
        let words = (0..<64).map { UInt8($0) }
        var swapped = words
        swapped.replaceSubrange(0..<8, with: words[8..<16])
        swapped.replaceSubrange(8..<16, with: words[0..<8])
        #expect(Self.hash(words) != Self.hash(swapped))
        var lanesSwapped = words
        lanesSwapped.replaceSubrange(0..<8, with: words[32..<40])
        lanesSwapped.replaceSubrange(32..<40, with: words[0..<8])
        #expect(Self.hash(words) != Self.hash(lanesSwapped))
        #expect(ContentHash.of("a|b") != ContentHash.of("a|c"))
    }
}
