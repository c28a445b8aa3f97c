/// A JSON syntax error at a byte offset; the ingest layer turns the offset into line and column.
public struct JSONError: Error, Sendable, Equatable {
    public var offset: Int
    /// What was expected and what was found, e.g. "expected ',' or '}' after an object member, found 'x'".
    public var message: String

    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }
}

/// Line and column (both from 1) of a byte offset; columns count bytes, as compilers do.
public struct SourcePosition: Sendable, Equatable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The line and column of `offset`. Warnings deep in a 100 MB trace are common, so lines
    /// are counted eight bytes at a time (a byte-by-byte loop took a twentieth of an import).
    public init(offset: Int, in bytes: UnsafeRawBufferPointer) {
        let end = max(0, min(offset, bytes.count))
        var newlines = 0
        var lineStart = 0
        var index = 0
        let newlineBytes: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        while index + 8 <= end {
            // Bytes equal to '\n' become zero; the high bit of each zero byte is then set exactly.
            let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ newlineBytes
            let marks = ~(((word & low7) &+ low7) | word | low7)
            if marks != 0 {
                newlines += marks.nonzeroBitCount
                // Little-endian: the highest mark is the word's last newline.
                lineStart = index + (63 - marks.leadingZeroBitCount) / 8 + 1
            }
            index += 8
        }
        while index < end {
            if bytes[index] == UInt8(ascii: "\n") {
                newlines += 1
                lineStart = index + 1
            }
            index += 1
        }
        self.init(line: newlines + 1, column: end - lineStart + 1)
    }
}
