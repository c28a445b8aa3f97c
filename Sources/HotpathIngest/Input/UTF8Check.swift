import Dispatch

/// Finds invalid UTF-8 in an input, so the repair importers make (U+FFFD in place of the bad
/// bytes, as `String(decoding:)` and `JSONScanner` do) is said, with where it first happened.
enum UTF8Check {
    /// The offset of the first byte that is not part of valid UTF-8, and how many such places
    /// there are; nil for valid input. ASCII runs are skipped 32 bytes at a time.
    /// With `releasing`, the pages of a mapped file are dropped from memory as they are checked.
    /// Inputs of `splitAbove` bytes or more are checked in two halves at once.
    /// A part the importer already checked (`CheckedPart`) is not read again: only what is
    /// before and after it.
    static func invalidSequences(
        in bytes: UnsafeRawBufferPointer, releasing: Bool = false, splitAbove: Int = 16 << 20,
        skipping checked: CheckedPart? = nil
    ) -> (firstOffset: Int, count: Int)? {
        guard let checked else {
            return invalidSequences(in: bytes, from: 0, to: bytes.count, releasing: releasing, splitAbove: splitAbove)
        }
        let parts = [
            invalidSequences(
                in: bytes, from: 0, to: checked.range.lowerBound, releasing: releasing, splitAbove: splitAbove),
            checked.invalid,
            invalidSequences(
                in: bytes, from: checked.range.upperBound, to: bytes.count, releasing: releasing,
                splitAbove: splitAbove),
        ]
        return combined(parts)
    }

    /// What an importer checked of its input while reading it (its worker threads, each on a
    /// chunk it had just faulted in): a range that starts a sequence and ends at an ASCII byte
    /// or the input's end, and what the check found in it. The check after the import then
    /// reads only the rest, instead of faulting a big input's dropped pages in once more.
    struct CheckedPart: Sendable {
        var range: Range<Int>
        var invalid: (firstOffset: Int, count: Int)?

        /// Extends the part by the range just after it, checked with `found`.
        mutating func append(upTo end: Int, found: (firstOffset: Int, count: Int)?) {
            invalid = UTF8Check.combined([invalid, found])
            range = range.lowerBound..<end
        }
    }

    /// The findings of consecutive parts, in input order, as one.
    static func combined(_ parts: [(firstOffset: Int, count: Int)?]) -> (firstOffset: Int, count: Int)? {
        let found = parts.compactMap { $0 }
        guard let first = found.first else { return nil }
        return (first.firstOffset, found.reduce(0) { $0 + $1.count })
    }

    /// `bytes[start..<end]` (`start` begins a sequence, `end` is the input's end or an ASCII
    /// byte), in two halves at once when it is `splitAbove` bytes or more.
    private static func invalidSequences(
        in bytes: UnsafeRawBufferPointer, from start: Int, to end: Int, releasing: Bool, splitAbove: Int
    ) -> (firstOffset: Int, count: Int)? {
        // A big input in two halves on two cores: the check runs after the import, alone, and
        // is bound by faulting the input's released pages back in.
        let bounds = halves(of: bytes, from: start, to: end, splitAbove: splitAbove)
        guard bounds.count > 2 else {
            return invalidSequences(in: bytes, from: start, to: end, releasing: releasing)
        }
        nonisolated(unsafe) let input = bytes
        var parts = [(firstOffset: Int, count: Int)?](repeating: nil, count: bounds.count - 1)
        parts.withUnsafeMutableBufferPointer { buffer in
            // Each part writes only its own slot.
            nonisolated(unsafe) let output = buffer.baseAddress!
            DispatchQueue.concurrentPerform(iterations: bounds.count - 1) { part in
                output[part] = invalidSequences(
                    in: input, from: bounds[part], to: bounds[part + 1], releasing: releasing)
            }
        }
        return combined(parts)
    }

    /// Whether `bytes[start..<end]` is plain ASCII (no byte above 0x7F), and so valid UTF-8:
    /// what an importer that reads every byte anyway can tell on the way, while the bytes are
    /// in the cache, sparing the ingestor its own pass over a big input (`ImportedDump.inputIsASCII`).
    @inline(__always)
    static func isASCII(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Bool {
        var index = start
        var bits: UInt64 = 0
        // Four loads a step: one OR chain per load kept the loop bound by its own carry.
        while index + 32 <= end {
            bits |= wordsOred(bytes, at: index)
            index += 32
        }
        while index < end {
            bits |= UInt64(bytes[index])
            index += 1
        }
        return bits & highBits == 0
    }

    /// The high bit of every byte of a word: set in a word holding a byte above 0x7F.
    static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The four words at `index` or'ed together: 32 bytes tested for ASCII at once.
    @inline(__always)
    static func wordsOred(_ bytes: UnsafeRawBufferPointer, at index: Int) -> UInt64 {
        bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            | bytes.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self)
            | bytes.loadUnaligned(fromByteOffset: index + 16, as: UInt64.self)
            | bytes.loadUnaligned(fromByteOffset: index + 24, as: UInt64.self)
    }

    /// Where to cut `start..<end` for checking it in parts: `start`, the first ASCII byte at or
    /// past the middle, `end`. An ASCII byte starts a sequence and can be no part of another,
    /// so the parts hold exactly the sequences (and invalid bytes) one pass over the whole finds.
    static func halves(of bytes: UnsafeRawBufferPointer, from start: Int = 0, to end: Int? = nil, splitAbove: Int)
        -> [Int]
    {
        let end = end ?? bytes.count
        guard end - start >= splitAbove else { return [start, end] }
        var middle = start + (end - start) / 2
        while middle < end, bytes[middle] >= 0x80 { middle += 1 }
        return middle < end ? [start, middle, end] : [start, end]
    }

    /// The check of `bytes[start..<end]`, where `start` begins a sequence and `end` is the
    /// input's end or an ASCII byte.
    static func invalidSequences(
        in bytes: UnsafeRawBufferPointer, from start: Int, to end: Int, releasing: Bool
    ) -> (firstOffset: Int, count: Int)? {
        var index = start
        var first: Int?
        var count = 0
        var released = start
        while index < end {
            if releasing, index - released >= 8 << 20 {
                MappedFile.release(bytes, from: released, to: index)
                released = index
            }
            // ASCII 32 bytes at a time (four words or'ed, one test), then 8.
            if index + 32 <= end, wordsOred(bytes, at: index) & highBits == 0 {
                index += 32
                continue
            }
            if index + 8 <= end,
                bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) & highBits == 0
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
