import HotpathModel

/// Small helpers for writing SVG by hand: escaping and stable number formatting.
///
/// Charts are markup Hotpath makes itself, so templates insert them raw; everything that
/// came from a dump (operation names above all) goes through `SVG.escape` here.
enum SVG {
    /// Escapes text for SVG/XML content and attribute values.
    static func escape(_ text: String) -> String {
        var text = text
        // Most texts need nothing (tooltips' "µs" and "−" included): checked on the bytes,
        // returned as they are.
        return text.withUTF8 { bytes in needsEscaping(bytes) ? escaped(bytes) : nil } ?? text
    }

    /// Whether `escape` would change any byte of `bytes` (valid UTF-8).
    private static func needsEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case 0x26, 0x3C, 0x3E, 0x22, 0x27, 0x7F: return true
            case 0x09, 0x0A, 0x0D: break
            case 0x00..<0x20: return true
            case 0xC2 where index + 1 < bytes.count && (0x80...0x9F).contains(bytes[index + 1]): return true
            case 0xEF
            where index + 2 < bytes.count && bytes[index + 1] == 0xBF && (0xBE...0xBF).contains(bytes[index + 2]):
                return true
            default: break
            }
            index += 1
        }
        return false
    }

    /// `bytes` escaped (valid UTF-8, so a scalar's bytes are found whole).
    private static func escaped(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 16)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "&"): result += Array("&amp;".utf8)
            case UInt8(ascii: "<"): result += Array("&lt;".utf8)
            case UInt8(ascii: ">"): result += Array("&gt;".utf8)
            case UInt8(ascii: "\""): result += Array("&quot;".utf8)
            case UInt8(ascii: "'"): result += Array("&#39;".utf8)
            // What XML 1.0 forbids or HTML calls a parse error, as the template engine escapes
            // it: C0 controls and DEL as their control pictures (NUL → ␀, U+2400 + the code),
            // C1 controls (C2 80…C2 9F) and the noncharacters U+FFFE/U+FFFF (EF BF BE/BF) as U+FFFD.
            case 0x09, 0x0A, 0x0D: result.append(byte)
            case 0x00..<0x20: result += [0xE2, 0x90, 0x80 + byte]
            case 0x7F: result += [0xE2, 0x90, 0xA1]
            case 0xC2 where index + 1 < bytes.count && (0x80...0x9F).contains(bytes[index + 1]):
                result += [0xEF, 0xBF, 0xBD]
                index += 1
            case 0xEF
            where index + 2 < bytes.count && bytes[index + 1] == 0xBF && (0xBE...0xBF).contains(bytes[index + 2]):
                result += [0xEF, 0xBF, 0xBD]
                index += 2
            default: result.append(byte)
            }
            index += 1
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// A coordinate with one decimal: short, and identical on every machine.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let text = UnitFormat.fixed(value, digits: 1)
        // Bytes, not characters: a year of trend points is thousands of coordinates per chart.
        let utf8 = text.utf8
        guard utf8.count > 2, utf8.last == UInt8(ascii: "0"),
            utf8[utf8.index(utf8.endIndex, offsetBy: -2)] == UInt8(ascii: ".")
        else { return text }
        return String(Substring(utf8.dropLast(2)))
    }

    /// Appends `number(value)` to `bytes`: a year of nightly points is 1,460 coordinates per
    /// trend chart, written without a string each. Ties and large values take `number`'s path.
    static func appendNumber(_ value: Double, to bytes: inout [UInt8]) {
        guard let tenths = UnitFormat.roundedDigits(value, decimals: 1) else { return bytes += number(value).utf8 }
        if value.sign == .minus { bytes.append(UInt8(ascii: "-")) }
        var units = tenths / 10
        var divisor: UInt64 = 1
        while divisor <= units / 10 { divisor *= 10 }
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(units / divisor))
            units %= divisor
            divisor /= 10
        } while divisor > 0
        if tenths % 10 != 0 {
            bytes.append(UInt8(ascii: "."))
            bytes.append(UInt8(ascii: "0") + UInt8(tenths % 10))
        }
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
