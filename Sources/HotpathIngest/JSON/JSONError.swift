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

    public init(offset: Int, in bytes: UnsafeRawBufferPointer) {
        var line = 1
        var lineStart = 0
        let end = min(offset, bytes.count)
        var index = 0
        while index < end {
            if bytes[index] == UInt8(ascii: "\n") {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        self.init(line: line, column: end - lineStart + 1)
    }
}
