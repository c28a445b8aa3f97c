import HotpathModel

/// Small helpers for writing SVG by hand: escaping and stable number formatting.
///
/// Charts are markup Hotpath makes itself, so templates insert them raw; everything that
/// came from a dump (operation names above all) goes through `SVG.escape` here.
enum SVG {
    /// Escapes text for SVG/XML content and attribute values.
    static func escape(_ text: String) -> String {
        // Most names need nothing: checked on the bytes, returned as they are.
        if !text.utf8.contains(where: Self.needsEscaping) { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default:
                // What XML 1.0 forbids or HTML calls a parse error, as the template engine
                // escapes it: C0 controls and DEL as their control pictures (NUL → ␀), C1
                // controls and the noncharacters U+FFFE/U+FFFF as U+FFFD.
                switch scalar.value {
                case 0x09, 0x0A, 0x0D: result.unicodeScalars.append(scalar)
                case 0x00..<0x20: result.unicodeScalars.append(Unicode.Scalar(0x2400 + scalar.value) ?? "\u{FFFD}")
                case 0x7F: result += "\u{2421}"
                case 0x80...0x9F, 0xFFFE, 0xFFFF: result += "\u{FFFD}"
                default: result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    /// A byte `escape` may replace: `&`, `<`, `>`, `"`, `'`, a control, or any non-ASCII byte
    /// (a C1 control or noncharacter is only found by looking at the scalar).
    private static func needsEscaping(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x26, 0x3C, 0x3E, 0x22, 0x27, 0x00..<0x20, 0x7F...: true
        default: false
        }
    }

    /// A coordinate with one decimal: short, and identical on every machine.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let text = UnitFormat.fixed(value, digits: 1)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// Shortens a label to fit `width` pixels at roughly 7 px per character.
    static func fit(_ text: String, width: Double, characterWidth: Double = 7) -> String? {
        let room = Int(width / characterWidth)
        guard room >= 3 else { return nil }
        if text.count <= room { return text }
        return String(text.prefix(room - 1)) + "…"
    }

    /// The opening `<svg>` tag with an accessible name and description.
    static func open(id: String, width: Double, height: Double, title: String, description: String, className: String)
        -> String
    {
        """
        <svg class="\(className)" viewBox="0 0 \(number(width)) \(number(height))" width="\(number(width))" height="\(number(height))" role="img" aria-labelledby="\(id)-title \(id)-desc" xmlns="http://www.w3.org/2000/svg"><title id="\(id)-title">\(escape(title))</title><desc id="\(id)-desc">\(escape(description))</desc>
        """
    }
}
