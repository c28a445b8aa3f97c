/// A fast 64-bit content hash (not cryptographic): identifies a dump's bytes in the history
/// cache. Mixes 8 bytes at a time with multiply-rotate rounds and a final avalanche.
enum ContentHash {
    static func of(_ bytes: UnsafeRawBufferPointer) -> String {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        let prime: UInt64 = 0xFF51_AFD7_ED55_8CCD
        var index = 0
        while index + 8 <= bytes.count {
            let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            hash = (hash ^ (word &* prime)).rotated(27) &* 0xC4CE_B9FE_1A85_EC53 &+ 0x52DC_E729
            index += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count {
            tail |= UInt64(bytes[index]) << shift
            shift += 8
            index += 1
        }
        hash = (hash ^ (tail &* prime)).rotated(31) &* 0xC4CE_B9FE_1A85_EC53
        hash ^= hash >> 33
        hash &*= 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        hash &*= 0xC4CE_B9FE_1A85_EC53
        hash ^= hash >> 33
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    static func of(_ text: String) -> String {
        Array(text.utf8).withUnsafeBytes { of($0) }
    }
}

extension UInt64 {
    fileprivate func rotated(_ count: UInt64) -> UInt64 { (self << count) | (self >> (64 - count)) }
}
