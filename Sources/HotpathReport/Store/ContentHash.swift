/// A fast 64-bit content hash (not cryptographic): identifies a dump's bytes in the history
/// cache, and a page's bytes in the page cache.
///
/// Four independent lanes of multiply-rotate rounds over 32 bytes at a time, merged with a
/// final avalanche: one lane's chain of multiplications (the hash before this one) waited for
/// each product before the next, hashing a 187 MB dump at about a third of this speed, a
/// twelfth of a cached `hotpath report` of it. Byte order is the machine's (little-endian on
/// every platform Hotpath builds for); a changed hash only makes a cache miss once.
enum ContentHash {
    private static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let prime3: UInt64 = 0xFF51_AFD7_ED55_8CCD

    @inline(__always)
    private static func round(_ lane: UInt64, _ word: UInt64) -> UInt64 {
        (lane &+ word &* prime2).rotated(31) &* prime1
    }

    static func of(_ bytes: UnsafeRawBufferPointer) -> String {
        let seed: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var lanes = (seed, seed &+ prime1, seed &+ prime2, seed &- prime1)
        var index = 0
        while index + 32 <= bytes.count {
            lanes.0 = round(lanes.0, bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            lanes.1 = round(lanes.1, bytes.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self))
            lanes.2 = round(lanes.2, bytes.loadUnaligned(fromByteOffset: index + 16, as: UInt64.self))
            lanes.3 = round(lanes.3, bytes.loadUnaligned(fromByteOffset: index + 24, as: UInt64.self))
            index += 32
        }
        var hash = lanes.0.rotated(1) &+ lanes.1.rotated(7) &+ lanes.2.rotated(12) &+ lanes.3.rotated(18)
        for lane in [lanes.0, lanes.1, lanes.2, lanes.3] { hash = (hash ^ round(0, lane)) &* prime1 &+ prime3 }
        while index + 8 <= bytes.count {
            hash =
                (hash ^ round(0, bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))).rotated(27)
                &* prime1 &+ prime3
            index += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count {
            tail |= UInt64(bytes[index]) << shift
            shift += 8
            index += 1
        }
        // The tail's length is in the seed (the input's length), so trailing zero bytes count.
        hash = (hash ^ (tail &* prime3)).rotated(31) &* 0xC4CE_B9FE_1A85_EC53
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
