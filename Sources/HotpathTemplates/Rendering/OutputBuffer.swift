/// The page being rendered, as UTF-8 bytes.
///
/// A growable buffer with plain `memcpy` appends: a 10,000-row page makes a few hundred thousand
/// small appends, and `Array.append(contentsOf:)` or `String.append` spend more time checking
/// than copying. Everything appended is valid UTF-8 cut only next to ASCII bytes, so the result
/// becomes a `String` without being validated again.
final class OutputBuffer {
    private var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(64, capacity)
        base = UnsafeMutablePointer<UInt8>.allocate(capacity: self.capacity)
    }

    deinit {
        base.deallocate()
    }

    private func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        var newCapacity = capacity * 2
        while newCapacity < count + extra { newCapacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = newCapacity
    }

    @inline(__always)
    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    @inline(__always)
    func append(_ text: String) {
        text.withUTF8Bytes { append($0) }
    }

    @inline(__always)
    func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    /// Whether only spaces and tabs stand between the last newline (or the start) and the end.
    var isAtLineStart: Bool {
        var index = count - 1
        while index >= 0 {
            switch base[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"): index -= 1
            case UInt8(ascii: "\n"): return true
            default: return false
            }
        }
        return true
    }

    /// Whether the current line has a code span open (a backtick run not yet matched by one of
    /// the same length, as CommonMark pairs them), and whether the line is a table row.
    var openCodeSpan: (length: Int, inTableRow: Bool)? {
        var lineStart = count
        while lineStart > 0, base[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
        var open: Int?
        var index = lineStart
        while index < count {
            let byte = base[index]
            if byte == UInt8(ascii: "\\"), open == nil {
                index += 2
                continue
            }
            guard byte == UInt8(ascii: "`") else {
                index += 1
                continue
            }
            var run = 0
            while index < count, base[index] == UInt8(ascii: "`") {
                run += 1
                index += 1
            }
            if open == nil {
                open = run
            } else if open == run {
                open = nil
            }
        }
        guard let open else { return nil }
        var first = lineStart
        while first < count, base[first] == UInt8(ascii: " ") || base[first] == UInt8(ascii: "\t") { first += 1 }
        return (open, first < count && base[first] == UInt8(ascii: "|"))
    }

    var string: String {
        let bytes = UnsafeBufferPointer(start: base, count: count)
        #if compiler(>=6.2)
            if #available(macOS 26, iOS 26, tvOS 26, watchOS 26, visionOS 26, *) {
                return String(copying: UTF8Span(unchecked: bytes.span))
            }
        #endif
        return String(decoding: bytes, as: UTF8.self)
    }
}
