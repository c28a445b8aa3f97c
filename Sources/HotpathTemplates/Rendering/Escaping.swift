/// Escaping of interpolated values into the output buffer, by output format.
///
/// Both escapers scan for bytes that need work first and copy clean text in one go, since most
/// values (names, formatted numbers) need none.
enum Escaping {
    /// Bytes the HTML escaper looks at: the five special characters, control characters, and the
    /// lead bytes of C1 controls (`C2 80`–`C2 9F`) and of the noncharacters U+FFFE and U+FFFF
    /// (`EF BF BE`, `EF BF BF`), which it checks further.
    @inline(__always)
    private static func isHTMLSpecial(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): true
        case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x7F, 0xC2, 0xEF: true
        default: false
        }
    }

    /// A character XML 1.0 forbids or HTML treats as a parse error, shown instead as its Unicode
    /// control picture (`␀` for NUL, `␛` for ESC, `␡` for DEL), so a name keeps its
    /// information and the page stays well-formed.
    @inline(__always)
    private static func appendControlPicture(_ byte: UInt8, to output: OutputBuffer) {
        // U+2400 + byte (U+2421 for DEL): E2 90 80+byte.
        output.append(0xE2)
        output.append(0x90)
        output.append(byte == 0x7F ? 0xA1 : 0x80 + byte)
    }

    @inline(__always)
    private static func isMarkdownSpecial(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~"),
            UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "|"), UInt8(ascii: "$"), UInt8(ascii: "<"),
            UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "@"), UInt8(ascii: "#"), UInt8(ascii: "\n"),
            UInt8(ascii: "\r"), 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x7F, UInt8(ascii: ":"), UInt8(ascii: "w"),
            UInt8(ascii: "W"):
            true
        default:
            false
        }
    }

    static func append(_ text: String, as format: OutputFormat, to output: OutputBuffer) {
        switch format {
        case .plain: output.append(text)
        case .html: appendHTML(text, to: output)
        case .markdown: appendMarkdown(text, to: output)
        }
    }

    /// `& < > " '` → `&amp; &lt; &gt; &quot; &#39;`: safe in element content and in quoted
    /// attribute values, in HTML, SVG, XML and Atom alike. Control characters other than tab,
    /// newline and carriage return become their control pictures (`␀`), C1 controls and the
    /// noncharacters U+FFFE/U+FFFF become U+FFFD: XML forbids them and HTML calls them errors.
    static func appendHTML(_ text: String, to output: OutputBuffer) {
        text.withUTF8Bytes { appendHTML($0, to: output) }
    }

    private static func appendHTML(_ bytes: UnsafeBufferPointer<UInt8>, to output: OutputBuffer) {
        var clean = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard isHTMLSpecial(byte) else {
                index += 1
                continue
            }
            // How many bytes the replacement stands for; 0 when the byte needs nothing after all.
            var width = 1
            switch byte {
            case 0xC2:
                // C1 controls, U+0080–U+009F.
                width = index + 1 < bytes.count && (0x80...0x9F).contains(bytes[index + 1]) ? 2 : 0
            case 0xEF:
                // The noncharacters U+FFFE and U+FFFF.
                width = index + 2 < bytes.count && bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE ? 3 : 0
            default:
                break
            }
            guard width > 0 else {
                index += 1
                continue
            }
            if index > clean { output.append(UnsafeBufferPointer(rebasing: bytes[clean..<index])) }
            switch byte {
            case UInt8(ascii: "&"): output.append("&amp;")
            case UInt8(ascii: "<"): output.append("&lt;")
            case UInt8(ascii: ">"): output.append("&gt;")
            case UInt8(ascii: "\""): output.append("&quot;")
            case UInt8(ascii: "'"): output.append("&#39;")
            case 0xC2, 0xEF: output.append("\u{FFFD}")
            default: appendControlPicture(byte, to: output)
            }
            index += width
            clean = index
        }
        if clean < bytes.count { output.append(UnsafeBufferPointer(rebasing: bytes[clean...])) }
    }

    /// Escapes a value for GitHub-flavored Markdown, so that it shows as the text it is and
    /// cannot change the document's structure:
    /// - `\ ` `` ` `` `* _ ~ [ ] | $` get a backslash (`|` so a value stays in its table cell;
    ///   `$` because GitHub renders `$…$` as math);
    /// - `< > &` become `&lt; &gt; &amp;`, so raw HTML never passes (and `>` never quotes);
    /// - newlines become spaces, so a value never breaks a table row or starts a block; other
    ///   control characters but tab become their control pictures (`␀`);
    /// - at the start of a line (only spaces or tabs before it in the output), `#`, `-`, `+`,
    ///   `=` and a `1.`/`1)` list marker get a backslash so the value cannot start a heading or a
    ///   list;
    /// - `@name` becomes `@&#8203;name` (a zero-width space after `@`), which reads the same but
    ///   mentions no one, and `#123` becomes `#&#8203;123`, which links no issue; likewise
    ///   `https:&#8203;//…` and `www&#8203;.…`, which GFM would otherwise turn into links.
    static func appendMarkdown(_ text: String, to output: OutputBuffer) {
        if let codeSpan = output.openCodeSpan {
            text.withUTF8Bytes { appendMarkdownCode($0, inTableRow: codeSpan.inTableRow, to: output) }
            return
        }
        let atLineStart = output.isAtLineStart
        text.withUTF8Bytes { appendMarkdown($0, atLineStart: atLineStart, to: output) }
    }

    /// A value inside a code span the template opened (`` `{{ commit }}` ``): backslashes are
    /// literal there and entities are not decoded, so the only dangers are a backtick, which
    /// would close the span early (it becomes `ˋ`, U+02CB), a line end (a space), and in a
    /// table row a `|`, which GFM splits cells on even inside code (`\|`, which it reads back as `|`).
    private static func appendMarkdownCode(
        _ bytes: UnsafeBufferPointer<UInt8>, inTableRow: Bool, to output: OutputBuffer
    ) {
        var index = 0
        var clean = 0
        while index < bytes.count {
            let byte = bytes[index]
            let special =
                byte == UInt8(ascii: "`") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte < 0x20
                || byte == 0x7F
                || (inTableRow && byte == UInt8(ascii: "|"))
            guard special, byte != UInt8(ascii: "\t") else {
                index += 1
                continue
            }
            if index > clean { output.append(UnsafeBufferPointer(rebasing: bytes[clean..<index])) }
            switch byte {
            case UInt8(ascii: "`"): output.append("\u{02CB}")
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"): output.append(UInt8(ascii: " "))
            case UInt8(ascii: "|"): output.append("\\|")
            default: appendControlPicture(byte, to: output)
            }
            index += 1
            clean = index
        }
        if clean < bytes.count { output.append(UnsafeBufferPointer(rebasing: bytes[clean...])) }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || isDigit(byte)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func appendMarkdown(_ bytes: UnsafeBufferPointer<UInt8>, atLineStart: Bool, to output: OutputBuffer)
    {
        var start = 0
        if atLineStart {
            // Indentation the value brings is kept; what follows it must not start a block.
            while start < bytes.count, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") {
                start += 1
            }
            output.append(UnsafeBufferPointer(rebasing: bytes[0..<start]))
            if start < bytes.count {
                switch bytes[start] {
                case UInt8(ascii: "#"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "="):
                    output.append(UInt8(ascii: "\\"))
                    output.append(bytes[start])
                    if bytes[start] == UInt8(ascii: "#"), start + 1 < bytes.count, isDigit(bytes[start + 1]) {
                        output.append("&#8203;")
                    }
                    start += 1
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    var end = start
                    while end < bytes.count, isDigit(bytes[end]) { end += 1 }
                    // `1.` or `1)` starts an ordered list only when a space, a tab or the end follows.
                    let marker =
                        end < bytes.count && (bytes[end] == UInt8(ascii: ".") || bytes[end] == UInt8(ascii: ")"))
                    let listFollows =
                        end + 1 >= bytes.count || bytes[end + 1] == UInt8(ascii: " ")
                        || bytes[end + 1] == UInt8(ascii: "\t")
                    if marker, listFollows {
                        output.append(UnsafeBufferPointer(rebasing: bytes[start..<end]))
                        output.append(UInt8(ascii: "\\"))
                        output.append(bytes[end])
                        start = end + 1
                    }
                default:
                    break
                }
            }
        }
        var clean = start
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            guard isMarkdownSpecial(byte) else {
                index += 1
                continue
            }
            if index > clean { output.append(UnsafeBufferPointer(rebasing: bytes[clean..<index])) }
            let next: UInt8 = index + 1 < bytes.count ? bytes[index + 1] : 0
            switch byte {
            case UInt8(ascii: "<"): output.append("&lt;")
            case UInt8(ascii: ">"): output.append("&gt;")
            case UInt8(ascii: "&"): output.append("&amp;")
            case UInt8(ascii: "\r"):
                output.append(UInt8(ascii: " "))
                if next == UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "\n"):
                output.append(UInt8(ascii: " "))
            case UInt8(ascii: "@"):
                output.append(byte)
                if isAlphanumeric(next) { output.append("&#8203;") }
            case UInt8(ascii: "#"):
                output.append(byte)
                if isDigit(next) { output.append("&#8203;") }
            case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x7F:
                appendControlPicture(byte, to: output)
            case UInt8(ascii: ":"):
                // `https://…` would become a link (GFM's autolink extension); a zero-width space
                // after the colon keeps it text.
                output.append(byte)
                if next == UInt8(ascii: "/"), index + 2 < bytes.count, bytes[index + 2] == UInt8(ascii: "/") {
                    output.append("&#8203;")
                }
            case UInt8(ascii: "w"), UInt8(ascii: "W"):
                // So would `www.example.com`.
                if index + 3 < bytes.count, bytes[index + 1] | 0x20 == UInt8(ascii: "w"),
                    bytes[index + 2] | 0x20 == UInt8(ascii: "w"),
                    bytes[index + 3] == UInt8(ascii: ".")
                {
                    output.append(UnsafeBufferPointer(rebasing: bytes[index..<index + 3]))
                    output.append("&#8203;")
                    index += 2
                } else {
                    output.append(byte)
                }
            default:
                output.append(UInt8(ascii: "\\"))
                output.append(byte)
            }
            index += 1
            clean = index
        }
        if clean < bytes.count { output.append(UnsafeBufferPointer(rebasing: bytes[clean...])) }
    }
}
