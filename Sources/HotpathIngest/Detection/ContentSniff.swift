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

    public static let prefixLength = 64 * 1024

    public init(bytes: UnsafeRawBufferPointer) {
        let head = UnsafeRawBufferPointer(rebasing: bytes[0..<min(bytes.count, Self.prefixLength)])
        prefix = String(decoding: head, as: UTF8.self)
        var scanner = JSONScanner(bytes: head)
        var keys: [String] = []
        var strings: [String: String] = [:]
        var elementKeys: [String] = []
        switch scanner.peek() {
        case UInt8(ascii: "{"):
            shape = .object
            // Stops at the prefix's end or at the first error; keeps what it saw.
            try? scanner.forEachMember { (scanner, key) throws(JSONError) in
                keys.append(key)
                if scanner.peek() == UInt8(ascii: "\"") {
                    let value = try scanner.readString()
                    if value.utf8.count <= 256 { strings[key] = value }
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
        topLevelKeys = keys
        topLevelStrings = strings
        firstElementKeys = elementKeys
    }

    public func hasKeys(_ keys: String...) -> Bool {
        keys.allSatisfy(topLevelKeys.contains)
    }
}
