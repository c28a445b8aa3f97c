/// Finds where a coding path's value starts in the original bytes, so a decoding error
/// can point at a line and column. Walks only the path, skipping everything else.
public enum JSONPathLocator {
    /// The byte offset of the value at `path`, or of the deepest container on the path
    /// that exists (a missing key points at its object).
    public static func offset(of path: [any CodingKey], in bytes: UnsafeRawBufferPointer) -> Int {
        var scanner = JSONScanner(bytes: bytes)
        scanner.skipWhitespace()
        var found = scanner.offset
        do {
            for key in path {
                scanner.skipWhitespace()
                found = scanner.offset
                if let index = key.intValue {
                    guard try seekElement(index, &scanner) else { return found }
                } else {
                    guard try seekMember(key.stringValue, &scanner) else { return found }
                }
            }
            scanner.skipWhitespace()
            return scanner.offset
        } catch {
            return found
        }
    }

    private static func seekElement(_ target: Int, _ scanner: inout JSONScanner) throws(JSONError) -> Bool {
        guard scanner.peek() == UInt8(ascii: "[") else { return false }
        scanner.offset += 1
        for index in 0... {
            guard let next = scanner.peek(), next != UInt8(ascii: "]") else { return false }
            if index > 0 {
                try scanner.expect(UInt8(ascii: ","), "','")
            }
            if index == target { return true }
            try scanner.skipValue()
        }
        return false
    }

    private static func seekMember(_ target: String, _ scanner: inout JSONScanner) throws(JSONError) -> Bool {
        guard scanner.peek() == UInt8(ascii: "{") else { return false }
        scanner.offset += 1
        var first = true
        var match: Int?
        // Keep the last match: duplicate keys resolve to the last value, as in JSONObject.
        while let next = scanner.peek(), next != UInt8(ascii: "}") {
            if !first { try scanner.expect(UInt8(ascii: ","), "','") }
            first = false
            let key = try scanner.readString()
            try scanner.expect(UInt8(ascii: ":"), "':'")
            scanner.skipWhitespace()
            if key == target { match = scanner.offset }
            try scanner.skipValue()
        }
        guard let match else { return false }
        scanner.offset = match
        return true
    }
}
