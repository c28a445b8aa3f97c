/// Finds invalid UTF-8 in an input, so the repair importers make (U+FFFD in place of the bad
/// bytes, as `String(decoding:)` and `JSONScanner` do) is said, with where it first happened.
enum UTF8Check {
    /// The offset of the first byte that is not part of valid UTF-8, and how many such places
    /// there are; nil for valid input. ASCII runs are skipped eight bytes at a time.
    /// With `releasing`, the pages of a mapped file are dropped from memory as they are checked.
    static func invalidSequences(in bytes: UnsafeRawBufferPointer, releasing: Bool = false) -> (
        firstOffset: Int, count: Int
    )? {
        var index = 0
        var first: Int?
        var count = 0
        let end = bytes.count
        var released = 0
        while index < end {
            if releasing, index - released >= 8 << 20 {
                MappedFile.release(bytes, from: released, to: index)
                released = index
            }
            if index + 8 <= end,
                bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
            {
                index += 8
                continue
            }
            let length = sequenceLength(bytes, at: index)
            if length == 0 {
                if first == nil { first = index }
                count += 1
                index += 1
            } else {
                index += length
            }
        }
        if releasing { MappedFile.release(bytes, from: released, to: end) }
        return first.map { ($0, count) }
    }

    /// The length of the valid UTF-8 sequence at `index` (1–4), or 0 when it is not valid
    /// (stray continuation bytes, overlong forms, surrogates, values past U+10FFFF, truncation).
    private static func sequenceLength(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Int {
        let lead = bytes[index]
        if lead < 0x80 { return 1 }
        func continuation(_ offset: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            index + offset < bytes.count && range.contains(bytes[index + offset])
        }
        switch lead {
        case 0xC2...0xDF:
            return continuation(1) ? 2 : 0
        case 0xE0:
            return continuation(1, 0xA0...0xBF) && continuation(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF:
            return continuation(1) && continuation(2) ? 3 : 0
        case 0xED:
            return continuation(1, 0x80...0x9F) && continuation(2) ? 3 : 0
        case 0xF0:
            return continuation(1, 0x90...0xBF) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3:
            return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4:
            return continuation(1, 0x80...0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default:
            return 0
        }
    }
}
