/// A map from integer keys to small integer values with open addressing: several times faster
/// than `Dictionary<Int, Int32>` (whose SipHash guards against hostile keys, which keys built
/// from counters are not). Used on hot paths that look up millions of (parent, name) pairs.
///
/// Each slot holds its key and value side by side, an empty slot marked by a key of `Int.min`
/// (that key itself is kept apart), so a lookup touches one cache line: with millions of
/// entries the table is far bigger than the cache, and separate key, value and occupancy
/// arrays cost three misses per probe.
///
/// Inlinable: lookups sit in the innermost loops of other modules (a call tree of a million
/// spans looks up a child per span), where a call per lookup showed in profiles.
public struct IntegerMap: Sendable {
    @usableFromInline
    struct Slot: Sendable {
        @usableFromInline var key: Int
        @usableFromInline var value: Int32

        @inlinable
        init(key: Int, value: Int32) {
            self.key = key
            self.value = value
        }
    }

    @usableFromInline static var empty: Int { Int.min }
    @usableFromInline var slots: [Slot]
    /// The value of the key `Int.min`, which marks empty slots.
    @usableFromInline var valueOfEmptyKey: Int32?
    @usableFromInline var storedCount = 0

    /// Keys set.
    public var count: Int { storedCount }

    public init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Slot](repeating: Slot(key: Self.empty, value: 0), count: size)
    }

    /// A slot from every bit of the key: callers pack two ids as `high << 31 | low`, so a plain
    /// multiplicative hash, whose low bits see only the key's low bits, would pile keys that differ
    /// only in `high` into a few slots. MurmurHash3's finalizer mixes all bits into all bits.
    @inlinable @inline(__always)
    static func slot(_ key: Int, mask: Int) -> Int {
        var mixed = UInt64(bitPattern: Int64(key))
        mixed ^= mixed >> 33
        mixed &*= 0xFF51_AFD7_ED55_8CCD
        mixed ^= mixed >> 33
        mixed &*= 0xC4CE_B9FE_1A85_EC53
        mixed ^= mixed >> 33
        return Int(truncatingIfNeeded: mixed) & mask
    }

    @inlinable
    public subscript(key: Int) -> Int32? {
        if key == Self.empty { return valueOfEmptyKey }
        return slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var index = Self.slot(key, mask: mask)
            while true {
                let slot = slots[index]
                if slot.key == key { return slot.value }
                if slot.key == Self.empty { return nil }
                index = (index + 1) & mask
            }
        }
    }

    /// Sets `key` to `value`, growing when more than half full.
    @inlinable
    public mutating func set(_ key: Int, _ value: Int32) {
        if key == Self.empty {
            if valueOfEmptyKey == nil { storedCount += 1 }
            valueOfEmptyKey = value
            return
        }
        if (storedCount + 1) * 2 > slots.count { grow() }
        let added = slots.withUnsafeMutableBufferPointer { slots in
            let mask = slots.count - 1
            var index = Self.slot(key, mask: mask)
            while slots[index].key != Self.empty {
                if slots[index].key == key {
                    slots[index].value = value
                    return false
                }
                index = (index + 1) & mask
            }
            slots[index] = Slot(key: key, value: value)
            return true
        }
        if added { storedCount += 1 }
    }

    /// The value of `key`, or, when it has none, `value` set for it (`inserted`): one probe
    /// sequence where a lookup and then `set` take two. For tables that mostly miss, such as a
    /// call tree's children when most paths are new.
    @inlinable
    public mutating func value(forKey key: Int, insertingIfAbsent value: Int32) -> (value: Int32, inserted: Bool) {
        if key == Self.empty {
            if let existing = valueOfEmptyKey { return (existing, false) }
            set(key, value)
            return (value, true)
        }
        if (storedCount + 1) * 2 > slots.count { grow() }
        let existing: Int32? = slots.withUnsafeMutableBufferPointer { slots in
            let mask = slots.count - 1
            var index = Self.slot(key, mask: mask)
            while slots[index].key != Self.empty {
                if slots[index].key == key { return slots[index].value }
                index = (index + 1) & mask
            }
            slots[index] = Slot(key: key, value: value)
            return nil
        }
        if let existing { return (existing, false) }
        storedCount += 1
        return (value, true)
    }

    @usableFromInline
    mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(key: Self.empty, value: 0), count: old.count * 2)
        let mask = slots.count - 1
        slots.withUnsafeMutableBufferPointer { slots in
            for slot in old where slot.key != Self.empty {
                var index = Self.slot(slot.key, mask: mask)
                while slots[index].key != Self.empty { index = (index + 1) & mask }
                slots[index] = slot
            }
        }
    }

    /// Every key and value, in no particular order.
    public var entries: [(key: Int, value: Int32)] {
        slots.filter { $0.key != Self.empty }.map { ($0.key, $0.value) }
            + (valueOfEmptyKey.map { [(Self.empty, $0)] } ?? [])
    }
}
