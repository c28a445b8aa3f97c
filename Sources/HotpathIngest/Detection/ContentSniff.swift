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

    public static let prefixLength = 64 * 1024

    public init(bytes: UnsafeRawBufferPointer) {
        let head = UnsafeRawBufferPointer(rebasing: bytes[0..<min(bytes.count, Self.prefixLength)])
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
        "format", "version", "run", "operations", "spans", "stacks", "stack_weight_unit", "memory", "io", "caches", "parallel",
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

    public func hasKeys(_ keys: String...) -> Bool {
        keys.allSatisfy(topLevelKeys.contains)
    }
}
