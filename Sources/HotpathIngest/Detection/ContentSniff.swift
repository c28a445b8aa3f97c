import Foundation

/// A cheap look at the start of a dump, enough for importers to recognize their format.
public struct ContentSniff: Sendable {
    public enum JSONShape: Sendable, Equatable {
        case object
        case array
        case notJSON
    }

    /// The first bytes as text (invalid UTF-8 repaired).
    public let prefix: String
    public let shape: JSONShape
    /// Top-level object keys seen within the prefix, in order.
    public let topLevelKeys: [String]
    /// Top-level keys whose values are short strings, with those values (e.g. "format").
    public let topLevelStrings: [String: String]
    /// For an array: the keys of its first element, when that is an object within the prefix.
    public let firstElementKeys: [String]
    /// For an object: for each top-level member whose value is an array of objects, the keys of
    /// that array's first element (e.g. `benchmarks` → `["name", "run_type", …]`), within the prefix.
    /// Tells formats apart that share a top-level key such as `benchmarks`.
    public let memberElementKeys: [String: [String]]

    /// Binary data, not text: a NUL byte, or more than 30% of control characters and invalid
    /// UTF-8, in the first KiB. Only importers that read binary (pprof) are asked about such a
    /// file (gzip and UTF-16 are decoded before this look); the text formats never are, so it
    /// is refused rather than read as broken collapsed stacks.
    public let isBinary: Bool

    /// The first bytes as they are (up to `prefixLength`), for binary formats (pprof's protobuf).
    public let leadingBytes: [UInt8]

    public static let prefixLength = 64 * 1024

    /// Whether the first bytes hold `text`, searched as bytes: Foundation's `contains` on the
    /// 64 KiB `prefix` was a few percent of reading a history of benchmark files.
    public func prefixContains(_ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard !needle.isEmpty else { return true }
        return leadingBytes.withUnsafeBytes { haystack in
            guard let base = haystack.baseAddress, haystack.count >= needle.count else { return false }
            let last = base + (haystack.count - needle.count)
            var at = base
            // Each place the first byte occurs, then the rest compared.
            while at <= last, let found = memchr(at, Int32(needle[0]), last - at + 1) {
                if memcmp(found, needle, needle.count) == 0 { return true }
                at = UnsafeRawPointer(found) + 1
            }
            return false
        }
    }

    /// How many bytes `isBinary` looks at.
    static let binaryWindow = 1024

    public init(bytes: UnsafeRawBufferPointer) {
        let head = UnsafeRawBufferPointer(rebasing: bytes[0..<min(bytes.count, Self.prefixLength)])
        isBinary = Self.looksBinary(UnsafeRawBufferPointer(rebasing: head.prefix(Self.binaryWindow)))
        leadingBytes = Array(head)
        prefix = String(decoding: head, as: UTF8.self)
        var scanner = JSONScanner(bytes: head)
        var keys: [String] = []
        var strings: [String: String] = [:]
        var elementKeys: [String] = []
        var memberKeys: [String: [String]] = [:]
        switch scanner.peek() {
        case UInt8(ascii: "{"):
            shape = .object
            // Stops at the prefix's end or at the first error; keeps what it saw.
            try? scanner.forEachMember { (scanner, key) throws(JSONError) in
                keys.append(key)
                if scanner.peek() == UInt8(ascii: "\"") {
                    let value = try scanner.readString()
                    if value.utf8.count <= 256 { strings[key] = value }
                } else if scanner.peek() == UInt8(ascii: "[") {
                    let start = scanner.offset
                    scanner.offset += 1
                    if scanner.peek() == UInt8(ascii: "{") {
                        var found: [String] = []
                        // Record what was seen even when the prefix ends inside the element.
                        defer { memberKeys[key] = found }
                        try scanner.forEachMember { (scanner, elementKey) throws(JSONError) in
                            found.append(elementKey)
                            try scanner.skipValue()
                        }
                    }
                    scanner.offset = start
                    try scanner.skipValue()
                } else {
                    try scanner.skipValue()
                }
            }
        case UInt8(ascii: "["):
            shape = .array
            scanner.offset += 1
            if scanner.peek() == UInt8(ascii: "{") {
                try? scanner.forEachMember { (scanner, key) throws(JSONError) in
                    elementKeys.append(key)
                    try scanner.skipValue()
                }
            }
        default:
            shape = .notJSON
        }
        if shape == .object, bytes.count > head.count, strings["format"] == nil, !keys.isEmpty,
            keys.allSatisfy(Self.nativeKeys.contains)
        {
            // A native dump whose `format` member comes after a long one: JSONEncoder does not
            // keep the model's key order, so `"format"` may follow megabytes of spans.
            strings["format"] = Self.lateFormat(in: bytes)
        }
        topLevelKeys = keys
        topLevelStrings = strings
        firstElementKeys = elementKeys
        memberElementKeys = memberKeys
    }

    /// The native format's top-level keys: a prefix holding only these may be a native dump whose
    /// `format` lies beyond it.
    static let nativeKeys: Set<String> = [
        "format", "version", "run", "operations", "spans", "stacks", "stack_weight_unit", "stack_weight_name", "memory",
        "io", "caches",
        "parallel",
    ]

    /// The top-level `format` string of a whole document, found by skipping the other members
    /// (no allocation per value); nil when there is none or the JSON breaks first.
    static func lateFormat(in bytes: UnsafeRawBufferPointer) -> String? {
        var scanner = JSONScanner(bytes: bytes)
        var format: String?
        try? scanner.forEachMember { (scanner, key) throws(JSONError) in
            if key == "format", scanner.peek() == UInt8(ascii: "\"") {
                format = try scanner.readString()
                throw scanner.error("found")
            }
            try scanner.skipValue()
        }
        return format.flatMap { $0.utf8.count <= 256 ? $0 : nil }
    }

    static func looksBinary(_ window: UnsafeRawBufferPointer) -> Bool {
        if window.contains(0) { return true }
        var odd = 0
        var iterator = window.makeIterator()
        var decoder = UTF8()
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                // Tab, line feed, form feed and carriage return are text.
                if (scalar.value < 0x20 && ![0x09, 0x0A, 0x0C, 0x0D].contains(scalar.value)) || scalar.value == 0x7F {
                    odd += 1
                }
            case .error: odd += 1
            case .emptyInput: break decoding
            }
        }
        return odd * 10 > window.count * 3
    }

    /// What the input starts with, for an error about content no format recognizes: its first
    /// non-empty line (up to 40 characters) quoted, with tabs as `\t` and other control
    /// characters escaped, or the first 8 bytes in hex for binary data.
    public static func opening(of bytes: UnsafeRawBufferPointer) -> String {
        let window = UnsafeRawBufferPointer(rebasing: bytes.prefix(binaryWindow))
        if looksBinary(window) {
            let hex = window.prefix(8).map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined(
                separator: " ")
            return "bytes " + hex + (window.count > 8 ? " …" : "")
        }
        let text = String(decoding: window, as: UTF8.self)
        let line =
            text.split(omittingEmptySubsequences: true) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
            .lazy.map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty } ?? ""
        return quoted(line)
    }

    /// The start of `text` (its first 200 characters) with every run of white space, line breaks
    /// included, as one space: how a file starts when its first line alone says little (`{`).
    static func flattened(_ text: String) -> String {
        text.prefix(200).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// `text` in double quotes, cut at 40 characters (with "…"), tabs shown as `\t`, quotes and
    /// backslashes as `\"` and `\\`, other control characters as `\u{1B}`: what a message
    /// quotes from a file must not break the message's line or hide what the file holds.
    public static func quoted<Text: StringProtocol>(_ text: Text) -> String {
        var shown = ""
        for character in text.prefix(40) {
            for scalar in character.unicodeScalars {
                switch scalar {
                case "\t": shown += "\\t"
                case "\n": shown += "\\n"
                case "\r": shown += "\\r"
                case "\"": shown += "\\\""
                case "\\": shown += "\\\\"
                default:
                    if scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format {
                        shown += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                    } else {
                        shown.unicodeScalars.append(scalar)
                    }
                }
            }
        }
        return "\"\(shown)\(text.count > 40 ? "…" : "")\""
    }

    public func hasKeys(_ keys: String...) -> Bool {
        keys.allSatisfy(topLevelKeys.contains)
    }
}
