import CLibXML2

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
        let common = Self.common
        var problems: [PageCheck.Problem] = []
        var line = 1
        var lineStart = 0
        var index = 0
        var rawTextEnd: [UInt8]? = nil
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                line += 1
                lineStart = index + 1
                index += 1
                continue
            }
            // Script and style content is raw text: no references there.
            if byte == UInt8(ascii: "<") {
                if let end = rawTextEnd {
                    if matches(end, at: index, in: bytes) { rawTextEnd = nil }
                } else if matches(scriptOpen, at: index, in: bytes) {
                    rawTextEnd = scriptClose
                } else if matches(styleOpen, at: index, in: bytes) {
                    rawTextEnd = styleClose
                }
            }
            guard byte == UInt8(ascii: "&"), rawTextEnd == nil else {
                index += 1
                continue
            }
            var end = index + 1
            while end < bytes.count, end - index < 40, isReferenceByte(bytes[end]) { end += 1 }
            let column = index - lineStart + 1
            if end < bytes.count, bytes[end] == UInt8(ascii: ";"), end > index + 1,
                !common.contains(where: { $0.elementsEqual(bytes[(index + 1)..<end]) })
            {
                let name = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
                if name.hasPrefix("#") {
                    let digits = name.dropFirst()
                    let value: UInt32? =
                        digits.first == "x" || digits.first == "X"
                        ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
                    if value.flatMap(Unicode.Scalar.init) == nil || value == 0 {
                        problems.append(
                            .init(line: line, column: column, message: "invalid character reference &\(name);"))
                    }
                } else if htmlEntityLookup(name) == nil {
                    problems.append(.init(line: line, column: column, message: "unknown entity &\(name);"))
                }
            }
            index = max(end, index + 1)
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
