/// The two kinds of line `perf script` writes, read from bytes: a sample's header
/// (`comm pid/tid [cpu] time: period event: …`) and a frame of its call chain
/// (`address symbol+offset (dso)`), plus the source lines `-F +srcline` adds below a frame.
///
/// Every field of the header is optional, as `-F` selections leave them out; only the order is
/// perf's: comm, pid/tid, [cpu], time:, period, event:, then whatever the event prints (a
/// tracepoint's arguments, or the sample's own `ip sym (dso)` when no call chain follows).
enum PerfScriptSyntax {
    /// A sample header's fields, as byte ranges into the input (empty ranges when absent).
    struct Header {
        var comm: Range<Int>
        /// `1234` or `1234/1235` (pid/tid), as printed.
        var ids: Range<Int>
        var event: Range<Int>
        var period: Double?
        /// Text after the event (a one-line sample's frame), empty when none.
        var rest: Range<Int>
    }

    /// One call-chain line.
    struct Frame {
        var symbol: Range<Int>
        /// Inside the parentheses, without a `+0x…` offset; empty when the line has none.
        var dso: Range<Int>
        /// `perf script --inline` prints an inlined function as `address symbol (inlined)`.
        var isInlined: Bool
    }

    @inline(__always) static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    @inline(__always) static func isHexDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10 || (byte | 0x20) &- UInt8(ascii: "a") < 6
    }

    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    /// The next whitespace-separated field at or after `start`, before `end`.
    @inline(__always)
    static func field(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Range<Int>? {
        var index = start
        while index < end, isBlank(bytes[index]) { index += 1 }
        guard index < end else { return nil }
        var fieldEnd = index
        while fieldEnd < end, !isBlank(bytes[fieldEnd]) { fieldEnd += 1 }
        return index..<fieldEnd
    }

    /// A call-chain line: leading blanks, a hexadecimal address, then the symbol and the
    /// parenthesised DSO. Nil when the line does not start with an address.
    static func frame(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Frame? {
        guard let address = field(bytes, from: start, to: end), address.count <= 16 else { return nil }
        for index in address where !isHexDigit(bytes[index]) { return nil }
        var symbolStart = address.upperBound
        while symbolStart < end, isBlank(bytes[symbolStart]) { symbolStart += 1 }
        var lineEnd = end
        while lineEnd > symbolStart, isBlank(bytes[lineEnd - 1]) { lineEnd -= 1 }
        var symbolEnd = lineEnd
        var dso = lineEnd..<lineEnd
        var isInlined = false
        if lineEnd > symbolStart, bytes[lineEnd - 1] == UInt8(ascii: ")") {
            // The DSO is the last parenthesised group (symbols have parentheses of their own:
            // `Lock::unlock() (/system/lib/libc.so)`), found by matching from the end.
            var depth = 0
            var open = lineEnd - 1
            while open >= symbolStart {
                let byte = bytes[open]
                if byte == UInt8(ascii: ")") {
                    depth += 1
                } else if byte == UInt8(ascii: "(") {
                    depth -= 1
                    if depth == 0 { break }
                }
                open -= 1
            }
            if open >= symbolStart, open == symbolStart || isBlank(bytes[open - 1]) {
                dso = (open + 1)..<(lineEnd - 1)
                symbolEnd = open
                while symbolEnd > symbolStart, isBlank(bytes[symbolEnd - 1]) { symbolEnd -= 1 }
                isInlined = matches(bytes, dso, "inlined")
                dso = withoutOffset(bytes, dso)
            }
        }
        return Frame(symbol: withoutOffset(bytes, symbolStart..<symbolEnd), dso: dso, isInlined: isInlined)
    }

    /// `native_write_msr+0x6` → `native_write_msr`; `libc.so.6+0x2a1c9` (`-F +dsoff`) → `libc.so.6`.
    static func withoutOffset(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Range<Int> {
        var index = range.upperBound
        while index > range.lowerBound, isHexDigit(bytes[index - 1]) { index -= 1 }
        guard index < range.upperBound, index - range.lowerBound >= 4, bytes[index - 1] == UInt8(ascii: "x"),
            bytes[index - 2] == UInt8(ascii: "0"), bytes[index - 3] == UInt8(ascii: "+")
        else { return range }
        return range.lowerBound..<(index - 3)
    }

    static func matches(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, _ text: StaticString) -> Bool {
        guard range.count == text.utf8CodeUnitCount else { return false }
        let pointer = text.utf8Start
        for offset in 0..<range.count where bytes[range.lowerBound + offset] != pointer[offset] { return false }
        return true
    }

    /// A time field: `198792.736893:`.
    static func isTime(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        guard range.count >= 3, bytes[range.upperBound - 1] == UInt8(ascii: ":") else { return false }
        var points = 0
        for index in range.lowerBound..<(range.upperBound - 1) {
            if bytes[index] == UInt8(ascii: ".") {
                points += 1
            } else if !isDigit(bytes[index]) {
                return false
            }
        }
        return points <= 1
    }

    /// `[003]`.
    static func isCPU(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        guard range.count >= 3, bytes[range.lowerBound] == UInt8(ascii: "["),
            bytes[range.upperBound - 1] == UInt8(ascii: "]")
        else { return false }
        return (range.lowerBound + 1..<range.upperBound - 1).allSatisfy { isDigit(bytes[$0]) }
    }

    /// `1234` or `1234/1235`.
    static func isIDs(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        var slashes = 0
        var digits = 0
        for index in range {
            if bytes[index] == UInt8(ascii: "/") {
                slashes += 1
                if digits == 0 { return false }
            } else if isDigit(bytes[index]) {
                digits += 1
            } else {
                return false
            }
        }
        return digits > 0 && slashes <= 1 && bytes[range.upperBound - 1] != UInt8(ascii: "/")
    }

    /// A sample header, or nil when the line is not one: it needs an event or a time (the
    /// fields that end in a colon), and a pid/tid or a time.
    static func header(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Header? {
        // Everything before the first structural field ([cpu], time:, event:) is the command
        // name (which may hold spaces) and, last, the pid/tid.
        var first = -1
        var previousEnd = start
        var last = start..<start
        var cursor = start
        var structural: Range<Int>?
        while let field = field(bytes, from: cursor, to: end) {
            if isCPU(bytes, field) || bytes[field.upperBound - 1] == UInt8(ascii: ":") {
                structural = field
                break
            }
            if first < 0 { first = field.lowerBound } else { previousEnd = last.upperBound }
            last = field
            cursor = field.upperBound
        }
        guard var current = structural else { return nil }
        var comm = start..<start
        var ids = start..<start
        if first >= 0 {
            if isIDs(bytes, last) {
                ids = last
                if last.lowerBound > first { comm = first..<previousEnd }
            } else {
                comm = first..<last.upperBound
            }
        }
        var period: Double?
        var sawTime = false
        while true {
            if isCPU(bytes, current) {
                // the CPU is not kept
            } else if !sawTime, isTime(bytes, current) {
                sawTime = true
            } else if bytes[current.upperBound - 1] == UInt8(ascii: ":") {
                // An event alone is not enough (`Call graph:`, `test result: ok`): perf
                // prints a pid or a time before it.
                guard sawTime || !ids.isEmpty else { return nil }
                let event = current.lowerBound..<(current.upperBound - 1)
                var rest = current.upperBound
                while rest < end, isBlank(bytes[rest]) { rest += 1 }
                return Header(comm: comm, ids: ids, event: event, period: period, rest: rest..<end)
            } else if let value = integer(bytes, current) {
                period = value
            } else {
                return nil
            }
            guard let next = field(bytes, from: current.upperBound, to: end) else {
                // A time with no event after it (`-F comm,tid,time`).
                guard sawTime else { return nil }
                return Header(comm: comm, ids: ids, event: end..<end, period: period, rest: end..<end)
            }
            current = next
        }
    }

    /// Decimal digits only, at most 18 of them.
    static func integer(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Double? {
        guard !range.isEmpty, range.count <= 18 else { return nil }
        var value = 0
        for index in range {
            guard isDigit(bytes[index]) else { return nil }
            value = value * 10 + Int(bytes[index] &- UInt8(ascii: "0"))
        }
        return Double(value)
    }

    /// A `-F +srcline` line under a frame: `  file.c:123` (a path, a colon, a line number).
    static func isSourceLine(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Bool {
        guard let text = field(bytes, from: start, to: end), field(bytes, from: text.upperBound, to: end) == nil
        else { return false }
        var index = text.upperBound
        while index > text.lowerBound, isDigit(bytes[index - 1]) { index -= 1 }
        return index < text.upperBound && index - text.lowerBound >= 2 && bytes[index - 1] == UInt8(ascii: ":")
    }
}
