/// Lines and columns of byte offsets in a page, counted only when a problem needs one: the
/// newlines are found once, then each offset is looked up.
struct LineIndex {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var lineStarts: [Int]?

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The 1-based line and byte column of `offset`.
    mutating func position(of offset: Int) -> (line: Int, column: Int) {
        let starts = lineStarts ?? Self.lineStarts(of: bytes)
        lineStarts = starts
        // The last line start at or before the offset.
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return (low + 1, offset - starts[low] + 1)
    }

    private static func lineStarts(of bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        var starts = [0]
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") { starts.append(index + 1) }
        return starts
    }
}
