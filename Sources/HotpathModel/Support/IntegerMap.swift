/// A map from integer keys to small integer values with open addressing and a multiplicative
/// hash: several times faster than `Dictionary<Int, Int32>` (whose SipHash guards against
/// hostile keys, which keys built from counters are not). Used on hot paths that look up
/// millions of (parent, name) pairs.
public struct IntegerMap: Sendable {
    private var keys: [Int]
    private var values: [Int32]
    private var occupied: [Bool]
    public private(set) var count = 0

    public init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [Int](repeating: 0, count: size)
        values = [Int32](repeating: 0, count: size)
        occupied = [Bool](repeating: false, count: size)
    }

    /// A slot from every bit of the key: callers pack two ids as `high << 31 | low`, so a plain
    /// multiplicative hash, whose low bits see only the key's low bits, would pile keys that differ
    /// only in `high` into a few slots. MurmurHash3's finalizer mixes all bits into all bits.
    @inline(__always)
    private static func slot(_ key: Int, mask: Int) -> Int {
        var mixed = UInt64(bitPattern: Int64(key))
        mixed ^= mixed >> 33
        mixed &*= 0xFF51_AFD7_ED55_8CCD
        mixed ^= mixed >> 33
        mixed &*= 0xC4CE_B9FE_1A85_EC53
        mixed ^= mixed >> 33
        return Int(truncatingIfNeeded: mixed) & mask
    }

    public subscript(key: Int) -> Int32? {
        let mask = keys.count - 1
        var slot = Self.slot(key, mask: mask)
        while occupied[slot] {
            if keys[slot] == key { return values[slot] }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Sets `key` to `value`, growing when more than half full.
    public mutating func set(_ key: Int, _ value: Int32) {
        if (count + 1) * 2 > keys.count { grow() }
        let mask = keys.count - 1
        var slot = Self.slot(key, mask: mask)
        while occupied[slot] {
            if keys[slot] == key {
                values[slot] = value
                return
            }
            slot = (slot + 1) & mask
        }
        occupied[slot] = true
        keys[slot] = key
        values[slot] = value
        count += 1
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        let oldOccupied = occupied
        let size = keys.count * 2
        keys = [Int](repeating: 0, count: size)
        values = [Int32](repeating: 0, count: size)
        occupied = [Bool](repeating: false, count: size)
        count = 0
        for index in oldKeys.indices where oldOccupied[index] { set(oldKeys[index], oldValues[index]) }
    }

    /// Every key and value, in no particular order.
    public var entries: [(key: Int, value: Int32)] {
        keys.indices.compactMap { occupied[$0] ? (keys[$0], values[$0]) : nil }
    }
}
