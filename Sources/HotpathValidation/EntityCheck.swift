import CLibXML2

#if canImport(Glibc)
    import Glibc
#endif

/// Checks character references: named ones against libxml2's HTML entity table, numeric ones
/// for a valid code point. libxml2 2.9 passes unknown names like `&foo;` through silently.
enum EntityCheck {
    private static let scriptOpen = Array("<script".utf8)
    private static let scriptClose = Array("</script".utf8)
    private static let styleOpen = Array("<style".utf8)
    private static let styleClose = Array("</style".utf8)

    /// The names pages use most, known to libxml2's table: looked up there, each would be a
    /// linear search of 253 names.
    private static let common = ["amp", "lt", "gt", "quot", "nbsp"].map { Array($0.utf8) }.filter {
        htmlEntityLookup($0 + [0]) != nil
    }

    static func check(_ bytes: UnsafeBufferPointer<UInt8>) -> [PageCheck.Problem] {
        guard let base = bytes.baseAddress else { return [] }
        let common = Self.common
        var problems: [PageCheck.Problem] = []
        // Lines are counted only for a problem: the scan jumps from one '<' or '&' to the next.
        var lines = LineIndex(bytes)
        func next(_ byte: UInt8, from start: Int) -> Int {
            guard start < bytes.count, let found = memchr(base + start, Int32(byte), bytes.count - start) else {
                return bytes.count
            }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
        var nextTag = next(UInt8(ascii: "<"), from: 0)
        var nextReference = next(UInt8(ascii: "&"), from: 0)
        var rawTextEnd: [UInt8]? = nil
        while true {
            if nextTag < bytes.count, nextTag <= nextReference || rawTextEnd != nil {
                // Script and style content is raw text: no references there.
                let index = nextTag
                if let end = rawTextEnd {
                    if matches(end, at: index, in: bytes) { rawTextEnd = nil }
                } else if matches(scriptOpen, at: index, in: bytes) {
                    rawTextEnd = scriptClose
                } else if matches(styleOpen, at: index, in: bytes) {
                    rawTextEnd = styleClose
                }
                nextTag = next(UInt8(ascii: "<"), from: index + 1)
                if nextReference < nextTag, rawTextEnd != nil { nextReference = next(UInt8(ascii: "&"), from: nextTag) }
                continue
            }
            guard nextReference < bytes.count else { break }
            let index = nextReference
            var end = index + 1
            while end < bytes.count, end - index < 40, isReferenceByte(bytes[end]) { end += 1 }
            if end < bytes.count, bytes[end] == UInt8(ascii: ";"), end > index + 1,
                !common.contains(where: { $0.elementsEqual(bytes[(index + 1)..<end]) })
            {
                let name = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
                var message: String? = nil
                if name.hasPrefix("#") {
                    let digits = name.dropFirst()
                    let value: UInt32? =
                        digits.first == "x" || digits.first == "X"
                        ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
                    if value.flatMap(Unicode.Scalar.init) == nil || value == 0 {
                        message = "invalid character reference &\(name);"
                    }
                } else if htmlEntityLookup(name) == nil {
                    message = "unknown entity &\(name);"
                }
                if let message {
                    let (line, column) = lines.position(of: index)
                    problems.append(.init(line: line, column: column, message: message))
                }
            }
            nextReference = next(UInt8(ascii: "&"), from: max(end, index + 1))
        }
        return problems
    }

    private static func isReferenceByte(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == 35
    }

    private static func matches(_ needle: [UInt8], at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard index + needle.count <= bytes.count else { return false }
        for offset in 0..<needle.count {
            var byte = bytes[index + offset]
            if byte >= 65, byte <= 90 { byte += 32 }
            if byte != needle[offset] { return false }
        }
        return true
    }
}
