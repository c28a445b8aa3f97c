/// Turns byte strings into small integer ids, creating each distinct `String` once.
///
/// A million-event trace repeats a few thousand names, categories and argument keys; looking
/// them up by their raw UTF-8 bytes (an open-addressing table over a byte arena) costs no
/// allocation per event, where building a `String` per event would dominate the import.
struct StringInterner {
    /// The strings by id; invalid UTF-8 was repaired with U+FFFD.
    private(set) var strings: [String] = []
    private var arena: [UInt8] = []
    /// Per id, its hash and where its bytes are in `arena`: side by side, so a probe that
    /// finds an id reads one entry (three arrays were three loads, each bounds-checked).
    private var entries: [Entry] = []
    /// Entry id per slot, -1 when empty; the count is a power of two.
    private var slots: [Int32] = [Int32](repeating: -1, count: 256)

    private struct Entry {
        var hash: UInt64
        var start: Int
        var count: Int
    }

    var count: Int { strings.count }

    subscript(id: Int32) -> String { strings[Int(id)] }

    /// The id of the bytes `base[start..<start+count]`, adding them when new.
    @inline(__always)
    mutating func intern(_ bytes: UnsafeRawBufferPointer, start: Int, count: Int) -> Int32 {
        guard let base = bytes.baseAddress, count > 0 else { return intern(empty: ()) }
        return intern(pointer: base + start, count: count)
    }

    mutating func intern(_ string: String) -> Int32 {
        var copy = string
        return copy.withUTF8 { buffer in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return intern(empty: ()) }
            return intern(pointer: UnsafeRawPointer(base), count: buffer.count)
        }
    }

    /// The id of a string already interned, without adding it.
    mutating func find(_ string: String) -> Int32? {
        var copy = string
        let id = copy.withUTF8 { buffer -> Int32 in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return -1 }
            return intern(pointer: UnsafeRawPointer(base), count: buffer.count, insert: false)
        }
        return id < 0 ? nil : id
    }

    /// The id of bytes already interned, without adding them.
    mutating func find(_ bytes: UnsafeRawBufferPointer, start: Int, count: Int) -> Int32? {
        guard let base = bytes.baseAddress, count > 0 else { return nil }
        let id = intern(pointer: base + start, count: count, insert: false)
        return id < 0 ? nil : id
    }

    private mutating func intern(empty: ()) -> Int32 {
        var byte: UInt8 = 0
        return withUnsafePointer(to: &byte) { intern(pointer: UnsafeRawPointer($0), count: 0) }
    }

    private mutating func intern(pointer: UnsafeRawPointer, count: Int, insert: Bool = true) -> Int32 {
        let hash = Self.hash(pointer, count)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        let found: Int32 = slots.withUnsafeBufferPointer { slots in
            entries.withUnsafeBufferPointer { entries in
                arena.withUnsafeBytes { stored in
                    while true {
                        let id = slots[slot]
                        if id < 0 { return -1 }
                        let entry = entries[Int(id)]
                        if entry.hash == hash, entry.count == count,
                            count == 0 || Self.equal(stored.baseAddress! + entry.start, pointer, count)
                        {
                            return id
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
        if found >= 0 { return found }
        guard insert else { return -1 }
        let id = Int32(strings.count)
        entries.append(Entry(hash: hash, start: arena.count, count: count))
        let buffer = UnsafeRawBufferPointer(start: pointer, count: count)
        arena.append(contentsOf: buffer)
        strings.append(String(decoding: buffer, as: UTF8.self))
        slots[slot] = id
        if strings.count * 2 > slots.count { grow() }
        return id
    }

    private mutating func grow() {
        var bigger = [Int32](repeating: -1, count: slots.count * 2)
        let mask = bigger.count - 1
        for (id, entry) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.hash) & mask
            while bigger[slot] >= 0 { slot = (slot + 1) & mask }
            bigger[slot] = Int32(id)
        }
        slots = bigger
    }

    /// Whether `count` bytes at `a` and `b` are the same, a word at a time: inline, where a call
    /// to `memcmp` cost more than comparing the short names traces repeat.
    @inline(__always)
    private static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
        var index = 0
        while index + 8 <= count {
            guard
                a.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    == b.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            else { return false }
            index += 8
        }
        while index < count {
            guard a.load(fromByteOffset: index, as: UInt8.self) == b.load(fromByteOffset: index, as: UInt8.self) else {
                return false
            }
            index += 1
        }
        return true
    }

    /// A fast 64-bit hash, eight bytes at a time (not for adversarial input: a collision only
    /// costs a comparison).
    @inline(__always)
    private static func hash(_ pointer: UnsafeRawPointer, _ count: Int) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: count)
        var index = 0
        while index + 8 <= count {
            let word = pointer.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            index += 8
        }
        if index < count {
            // The last bytes in one or two loads that may overlap bytes already hashed (the hash
            // only places strings in the table; ids follow insertion order), not a byte loop.
            var tail: UInt64
            if count >= 8 {
                tail = pointer.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            } else if count >= 4 {
                tail =
                    UInt64(pointer.loadUnaligned(as: UInt32.self)) << 32
                    | UInt64(pointer.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
            } else {
                tail = 0
                while index < count {
                    tail = tail << 8 | UInt64(pointer.load(fromByteOffset: index, as: UInt8.self))
                    index += 1
                }
            }
            hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        }
        hash ^= hash >> 29
        return hash
    }
}
