/// Writes small `profile.proto` messages for tests: the wire format by hand, so a test states
/// exactly which fields a profile has (and which it breaks).
struct ProfileProtoBuilder {
    var strings: [String] = [""]
    var fields: [UInt8] = []

    /// The string's index in the string table, adding it when new.
    mutating func string(_ text: String) -> UInt64 {
        if let index = strings.firstIndex(of: text) { return UInt64(index) }
        strings.append(text)
        return UInt64(strings.count - 1)
    }

    static func varint(_ value: UInt64) -> [UInt8] {
        var value = value
        var out: [UInt8] = []
        while value >= 0x80 {
            out.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        out.append(UInt8(value))
        return out
    }

    static func field(_ number: Int, varint value: UInt64) -> [UInt8] {
        varint(UInt64(number) << 3) + varint(value)
    }

    static func field(_ number: Int, bytes: [UInt8]) -> [UInt8] {
        varint(UInt64(number) << 3 | 2) + varint(UInt64(bytes.count)) + bytes
    }

    static func packed(_ number: Int, _ values: [UInt64]) -> [UInt8] {
        field(number, bytes: values.flatMap(varint))
    }

    mutating func sampleType(_ type: String, _ unit: String) {
        let message = Self.field(1, varint: string(type)) + Self.field(2, varint: string(unit))
        fields += Self.field(1, bytes: message)
    }

    mutating func sample(_ locations: [UInt64], _ values: [Int64], labels: [(String, String)] = []) {
        var message = Self.packed(1, locations) + Self.packed(2, values.map { UInt64(bitPattern: $0) })
        for (key, value) in labels {
            message += Self.field(3, bytes: Self.field(1, varint: string(key)) + Self.field(2, varint: string(value)))
        }
        fields += Self.field(2, bytes: message)
    }

    /// A location whose lines are `(function id, line)`, innermost first.
    mutating func location(_ id: UInt64, lines: [(UInt64, Int64)], address: UInt64 = 0) {
        var message = Self.field(1, varint: id) + Self.field(3, varint: address)
        for (function, line) in lines {
            message += Self.field(4, bytes: Self.field(1, varint: function) + Self.field(2, varint: UInt64(line)))
        }
        fields += Self.field(4, bytes: message)
    }

    mutating func function(_ id: UInt64, _ name: String, file: String = "", startLine: Int64 = 0) {
        let message =
            Self.field(1, varint: id) + Self.field(2, varint: string(name)) + Self.field(4, varint: string(file))
            + Self.field(5, varint: UInt64(startLine))
        fields += Self.field(5, bytes: message)
    }

    mutating func defaultSampleType(_ type: String) {
        fields += Self.field(14, varint: string(type))
    }

    /// The profile: the fields as added, then the string table.
    var bytes: [UInt8] {
        fields + strings.flatMap { Self.field(6, bytes: Array($0.utf8)) }
    }
}
