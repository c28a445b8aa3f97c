#if canImport(Glibc)
    import Glibc
#endif

/// Checks that elements are closed and nested the way HTML5 allows, which libxml2 2.9's
/// parser repairs without a word: an element left open, an end tag that closes the wrong
/// element, an end tag nothing opened, `<div/>` on a non-void HTML element.
enum TagBalance {
    private struct OpenElement {
        var name: String
        /// Where its start tag's `<` is: its line and column are worked out only for a problem.
        var offset: Int
        var foreign: Bool
        /// An HTML element whose end tag may be left out (`HTMLElements.optionalEnd`).
        var optionalEnd: Bool

        /// Whether leaving it open is a problem.
        var mustClose: Bool { !optionalEnd || foreign }
    }

    private static let commentOpen = Array("<!--".utf8)
    private static let commentClose = Array("-->".utf8)
    private static let cdataOpen = Array("<![CDATA[".utf8)
    private static let cdataClose = Array("]]>".utf8)

    /// Read through a buffer: an array's bounds checks on every byte were half of the scan.
    static func check(_ bytes: UnsafeBufferPointer<UInt8>) -> [PageCheck.Problem] {
        let commentOpen = Self.commentOpen
        let commentClose = Self.commentClose
        let cdataOpen = Self.cdataOpen
        let cdataClose = Self.cdataClose
        var problems: [PageCheck.Problem] = []
        var open: [OpenElement] = []
        var index = 0
        let count = bytes.count
        // Lines are counted only for a problem: a valid page is scanned from one '<' to the next.
        var lines = LineIndex(bytes)
        func problem(at offset: Int, _ message: String) {
            let (line, column) = lines.position(of: offset)
            problems.append(.init(line: line, column: column, message: message))
        }

        func advance(to target: Int) { index = max(index, min(target, count)) }
        func find(_ needle: [UInt8], from start: Int, caseInsensitive: Bool = false) -> Int? {
            guard needle.count > 0, start + needle.count <= count else { return nil }
            var position = start
            while position + needle.count <= count {
                var matches = true
                for offset in 0..<needle.count {
                    var byte = bytes[position + offset]
                    if caseInsensitive, byte >= 65, byte <= 90 { byte += 32 }
                    if byte != needle[offset] {
                        matches = false
                        break
                    }
                }
                if matches { return position }
                position += 1
            }
            return nil
        }
        func startsWith(_ prefix: [UInt8], at position: Int) -> Bool {
            guard position + prefix.count <= count else { return false }
            for offset in 0..<prefix.count where bytes[position + offset] != prefix[offset] { return false }
            return true
        }
        func isNameByte(_ byte: UInt8) -> Bool {
            (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || (byte >= 48 && byte <= 57) || byte == 45
                || byte == 58 || byte == 95 || byte == 46
        }

        while index < count {
            guard let next = memchr(bytes.baseAddress! + index, Int32(UInt8(ascii: "<")), count - index) else { break }
            index = bytes.baseAddress!.distance(to: next.assumingMemoryBound(to: UInt8.self))
            let tagStart = index
            // Comments, doctype, CDATA, processing instructions.
            if startsWith(commentOpen, at: index) {
                let end = find(commentClose, from: index + 4)
                if end == nil {
                    problem(at: tagStart, "comment is never closed")
                }
                advance(to: (end ?? count) + 3)
                continue
            }
            if startsWith(cdataOpen, at: index) {
                advance(to: (find(cdataClose, from: index) ?? count) + 3)
                continue
            }
            if index + 1 < count, bytes[index + 1] == UInt8(ascii: "!") || bytes[index + 1] == UInt8(ascii: "?") {
                advance(to: (find([UInt8(ascii: ">")], from: index) ?? count) + 1)
                continue
            }
            let isEnd = index + 1 < count && bytes[index + 1] == UInt8(ascii: "/")
            let nameStart = index + (isEnd ? 2 : 1)
            var nameEnd = nameStart
            while nameEnd < count, isNameByte(bytes[nameEnd]) { nameEnd += 1 }
            guard nameEnd > nameStart, let first = bytes.indices.contains(nameStart) ? bytes[nameStart] : nil,
                (first >= 97 && first <= 122) || (first >= 65 && first <= 90)
            else {
                // A lone '<' in text: libxml2 reports what matters here.
                advance(to: index + 1)
                continue
            }
            // Hotpath writes lowercase names: lowercased only when a byte is not.
            var name = String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self)
            if bytes[nameStart..<nameEnd].contains(where: { $0 >= 65 && $0 <= 90 }) { name = name.lowercased() }
            // Find the tag's closing '>' outside quoted attribute values, jumping over each value
            // (a chart's path data is kilobytes long).
            var position = nameEnd
            while position < count {
                let byte = bytes[position]
                if byte == UInt8(ascii: ">") { break }
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    guard let close = memchr(bytes.baseAddress! + position + 1, Int32(byte), count - position - 1)
                    else {
                        position = count
                        break
                    }
                    position = bytes.baseAddress!.distance(to: close.assumingMemoryBound(to: UInt8.self))
                }
                position += 1
            }
            guard position < count else {
                problem(at: tagStart, "tag <\(name)> is never closed with '>'")
                break
            }
            let selfClosing = !isEnd && position > nameEnd && bytes[position - 1] == UInt8(ascii: "/")
            advance(to: position + 1)
            let inForeign = open.last?.foreign ?? false
            let traits = HTMLElements.traits[name] ?? []
            let isVoid = traits.contains(.void)
            let isForeignRoot = traits.contains(.foreignRoot)

            if isEnd {
                guard let match = open.lastIndex(where: { $0.name == name }) else {
                    if !isVoid {
                        problem(at: tagStart, "end tag </\(name)> has no open <\(name)>")
                    }
                    continue
                }
                for element in open[(match + 1)...].reversed() where element.mustClose {
                    let (line, column) = lines.position(of: element.offset)
                    problem(
                        at: tagStart, "<\(element.name)> opened at \(line):\(column) is not closed before </\(name)>")
                }
                open.removeSubrange(match...)
                continue
            }
            if selfClosing {
                if inForeign || isForeignRoot || isVoid {
                    continue
                }
                problem(at: tagStart, "<\(name)/> is not a void element; HTML ignores the '/' and leaves it open")
            }
            if !inForeign {
                // Only an element whose end tag may be left out is closed by another's start.
                while let top = open.last, !top.foreign, top.optionalEnd,
                    HTMLElements.implicitlyCloses(open: top.name, starting: name)
                {
                    open.removeLast()
                }
            }
            if isVoid && !inForeign { continue }
            if !inForeign, traits.contains(.rawText) {
                // Skip raw text to the matching end tag.
                guard let end = find(Array("</\(name)".utf8), from: index, caseInsensitive: true) else {
                    problem(at: tagStart, "<\(name)> is never closed")
                    advance(to: count)
                    break
                }
                advance(to: end)
                let close = find([UInt8(ascii: ">")], from: end) ?? count
                advance(to: close + 1)
                continue
            }
            open.append(
                OpenElement(
                    name: name, offset: tagStart,
                    foreign: inForeign || isForeignRoot, optionalEnd: traits.contains(.optionalEnd)))
        }
        for element in open.reversed() where element.mustClose {
            problem(at: element.offset, "<\(element.name)> is never closed")
        }
        return problems
    }
}
