import Dispatch

/// Finds invalid UTF-8 in an input, so the repair importers make (U+FFFD in place of the bad
/// bytes, as `String(decoding:)` and `JSONScanner` do) is said, with where it first happened.
enum UTF8Check {
    /// The offset of the first byte that is not part of valid UTF-8, and how many such places
    /// there are; nil for valid input. ASCII runs are skipped eight bytes at a time.
    /// With `releasing`, the pages of a mapped file are dropped from memory as they are checked.
    /// Inputs of `splitAbove` bytes or more are checked in two halves at once.
    static func invalidSequences(
        in bytes: UnsafeRawBufferPointer, releasing: Bool = false, splitAbove: Int = 16 << 20
    ) -> (firstOffset: Int, count: Int)? {
        // A big input in two halves on two cores: the check runs after the import, alone, and
        // is bound by faulting the input's released pages back in.
        let bounds = halves(of: bytes, splitAbove: splitAbove)
        guard bounds.count > 2 else {
            return invalidSequences(in: bytes, from: 0, to: bytes.count, releasing: releasing)
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
        let found = parts.compactMap { $0 }
        guard let first = found.first else { return nil }
        return (first.firstOffset, found.reduce(0) { $0 + $1.count })
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
            bits |=
                bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                | bytes.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self)
                | bytes.loadUnaligned(fromByteOffset: index + 16, as: UInt64.self)
                | bytes.loadUnaligned(fromByteOffset: index + 24, as: UInt64.self)
            index += 32
        }
        while index < end {
            bits |= UInt64(bytes[index])
            index += 1
        }
        return bits & 0x8080_8080_8080_8080 == 0
    }

    /// Where to cut the input for checking it in parts: 0, the first ASCII byte at or past the
    /// middle, the end. An ASCII byte starts a sequence and can be no part of another, so the
    /// parts hold exactly the sequences (and invalid bytes) one pass over the whole finds.
    static func halves(of bytes: UnsafeRawBufferPointer, splitAbove: Int) -> [Int] {
        guard bytes.count >= splitAbove else { return [0, bytes.count] }
        var middle = bytes.count / 2
        while middle < bytes.count, bytes[middle] >= 0x80 { middle += 1 }
        return middle < bytes.count ? [0, middle, bytes.count] : [0, bytes.count]
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
