/// Decodes `Decodable` types from a `JSONValue`, so the native format has one definition
/// (its `Codable` conformances) while parsing stays in Hotpath's own fast scanner.
///
/// Errors are `DecodingError`s whose coding path `JSONPathLocator` maps back to a line and column.
public struct JSONValueDecoder {
    /// Whether a double may be the string `"nan"`, `"inf"` or `"-inf"`, as `JSONBytesEncoder`
    /// writes non-finite values (Hotpath's own cache); dumps never take this leniency.
    public var nonFiniteStrings: Bool

    public init(nonFiniteStrings: Bool = false) {
        self.nonFiniteStrings = nonFiniteStrings
    }

    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try T(from: ValueDecoder(value: value, node: .root, nonFiniteStrings: nonFiniteStrings))
    }
}

/// Where a value sits, as a chain of keys made into an array only when asked (an error, or a
/// type that reads `codingPath`): building `codingPath + [key]` for every field of every row was
/// most of what decoding a cached analysis cost.
private final class CodingPathNode: @unchecked Sendable {
    let parent: CodingPathNode?
    let key: (any CodingKey)?

    init(parent: CodingPathNode?, key: (any CodingKey)?) {
        self.parent = parent
        self.key = key
    }

    static let root = CodingPathNode(parent: nil, key: nil)

    func appending(_ key: any CodingKey) -> CodingPathNode { CodingPathNode(parent: self, key: key) }

    var path: [any CodingKey] {
        var keys: [any CodingKey] = []
        var node: CodingPathNode? = self
        while let current = node {
            if let key = current.key { keys.append(key) }
            node = current.parent
        }
        return keys.reversed()
    }
}

private struct ValueDecoder: Decoder {
    let value: JSONValue
    let node: CodingPathNode
    var nonFiniteStrings = false
    var codingPath: [any CodingKey] { node.path }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let object) = value else {
            throw DecodingError.typeMismatch(
                [String: Any].self,
                .init(codingPath: codingPath, debugDescription: "expected an object, found \(value.typeDescription)"))
        }
        return KeyedDecodingContainer(
            KeyedContainer<Key>(object: object, node: node, nonFiniteStrings: nonFiniteStrings))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else {
            throw DecodingError.typeMismatch(
                [Any].self,
                .init(codingPath: codingPath, debugDescription: "expected an array, found \(value.typeDescription)"))
        }
        return UnkeyedContainer(elements: elements, node: node, nonFiniteStrings: nonFiniteStrings)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleContainer(value: value, node: node, nonFiniteStrings: nonFiniteStrings)
    }
}

/// Converts one JSON value to the scalar types Codable asks for.
private func decodeScalar<T: Decodable>(
    _ type: T.Type, from value: JSONValue, node: @autoclosure () -> CodingPathNode, nonFiniteStrings: Bool
) throws -> T {
    func mismatch(_ expected: String) -> DecodingError {
        .typeMismatch(
            type,
            .init(codingPath: node().path, debugDescription: "expected \(expected), found \(value.typeDescription)"))
    }
    switch type {
    case is String.Type:
        guard case .string(let string) = value else { throw mismatch("a string") }
        return string as! T
    case is Bool.Type:
        guard case .bool(let bool) = value else { throw mismatch("true or false") }
        return bool as! T
    case is Double.Type:
        if nonFiniteStrings, case .string(let text) = value, let number = nonFinite(text) { return number as! T }
        guard case .number(let number) = value else { throw mismatch("a number") }
        return number as! T
    case is Float.Type:
        guard case .number(let number) = value else { throw mismatch("a number") }
        return Float(number) as! T
    case let integer as any FixedWidthInteger.Type:
        // Every width (a file's size is a UInt64): the standard library's own decoding of them
        // asks for a single value again, which would come back here.
        guard case .number(let number) = value else { throw mismatch("an integer") }
        guard abs(number) < 9.0e18, let exact = integer.init(exactly: number) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: node().path, debugDescription: "expected an integer, found \(number)"))
        }
        return exact as! T
    default:
        return try T(from: ValueDecoder(value: value, node: node(), nonFiniteStrings: nonFiniteStrings))
    }
}

private func nonFinite(_ text: String) -> Double? {
    switch text {
    case "nan": .nan
    case "inf": .infinity
    case "-inf": -.infinity
    default: nil
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let object: JSONObject
    let node: CodingPathNode
    let nonFiniteStrings: Bool
    var codingPath: [any CodingKey] { node.path }
    /// Each key's member, for a large object (a dictionary of thousands of entries): looking each
    /// key up among the members made decoding one quadratic.
    private let index: [String: Int]?

    init(object: JSONObject, node: CodingPathNode, nonFiniteStrings: Bool) {
        self.object = object
        self.node = node
        self.nonFiniteStrings = nonFiniteStrings
        index =
            object.members.count > 16
            ? Dictionary(
                object.members.enumerated().map { ($0.element.key, $0.offset) }, uniquingKeysWith: { _, last in last })
            : nil
    }

    var allKeys: [Key] { object.keys.compactMap { Key(stringValue: $0) } }

    /// The member named `key` (the last, when a key repeats).
    private func member(_ key: String) -> JSONValue? {
        guard let index else { return object[key] }
        return index[key].map { object.members[$0].value }
    }

    func contains(_ key: Key) -> Bool { member(key.stringValue) != nil }

    private func value(for key: Key) throws -> JSONValue {
        guard let value = member(key.stringValue) else {
            throw DecodingError.keyNotFound(
                key, .init(codingPath: codingPath, debugDescription: "missing required field \"\(key.stringValue)\""))
        }
        return value
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        member(key.stringValue).map { $0 == .null } ?? true
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decodeScalar(
            type, from: try value(for: key), node: node.appending(key), nonFiniteStrings: nonFiniteStrings)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = member(key.stringValue), value != .null else { return nil }
        return try decodeScalar(type, from: value, node: node.appending(key), nonFiniteStrings: nonFiniteStrings)
    }

    // The common scalars without the generic path's type tests.
    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        if case .string(let string) = try value(for: key) { return string }
        return try decode(type, forKey: key, generic: ())
    }

    func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
        if case .number(let number) = try value(for: key) { return number }
        return try decode(type, forKey: key, generic: ())
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        if case .bool(let bool) = try value(for: key) { return bool }
        return try decode(type, forKey: key, generic: ())
    }

    /// The generic path, for the error (or the non-finite string) a fast path does not handle.
    private func decode<T: Decodable>(_ type: T.Type, forKey key: Key, generic: Void) throws -> T {
        try decodeScalar(
            type, from: try value(for: key), node: node.appending(key), nonFiniteStrings: nonFiniteStrings)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try ValueDecoder(value: try value(for: key), node: node.appending(key), nonFiniteStrings: nonFiniteStrings)
            .container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try ValueDecoder(value: try value(for: key), node: node.appending(key), nonFiniteStrings: nonFiniteStrings)
            .unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        ValueDecoder(value: .object(object), node: node, nonFiniteStrings: nonFiniteStrings)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        ValueDecoder(value: try value(for: key), node: node.appending(key), nonFiniteStrings: nonFiniteStrings)
    }
}

private struct IndexKey: CodingKey {
    let index: Int
    var intValue: Int? { index }
    /// Made only when asked: every element of every array has a key.
    var stringValue: String { "\(index)" }
    init(_ index: Int) { self.index = index }
    init?(intValue: Int) { self.init(intValue) }
    init?(stringValue: String) { nil }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let elements: [JSONValue]
    let node: CodingPathNode
    let nonFiniteStrings: Bool
    var currentIndex = 0
    var codingPath: [any CodingKey] { node.path }

    init(elements: [JSONValue], node: CodingPathNode, nonFiniteStrings: Bool) {
        self.elements = elements
        self.node = node
        self.nonFiniteStrings = nonFiniteStrings
    }

    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    private mutating func next<T>(_ type: T.Type) throws -> (JSONValue, Int) {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                type, .init(codingPath: codingPath, debugDescription: "the array has no more elements"))
        }
        defer { currentIndex += 1 }
        return (elements[currentIndex], currentIndex)
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, elements[currentIndex] == .null else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (value, index) = try next(type)
        return try decodeScalar(
            type, from: value, node: node.appending(IndexKey(index)), nonFiniteStrings: nonFiniteStrings)
    }

    mutating func decode(_ type: Double.Type) throws -> Double {
        if !isAtEnd, case .number(let number) = elements[currentIndex] {
            currentIndex += 1
            return number
        }
        let (value, index) = try next(type)
        return try decodeScalar(
            type, from: value, node: node.appending(IndexKey(index)), nonFiniteStrings: nonFiniteStrings)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        let (value, index) = try next([String: Any].self)
        return try ValueDecoder(value: value, node: node.appending(IndexKey(index)), nonFiniteStrings: nonFiniteStrings)
            .container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (value, index) = try next([Any].self)
        return try ValueDecoder(value: value, node: node.appending(IndexKey(index)), nonFiniteStrings: nonFiniteStrings)
            .unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let (value, index) = try next(JSONValue.self)
        return ValueDecoder(value: value, node: node.appending(IndexKey(index)), nonFiniteStrings: nonFiniteStrings)
    }
}

private struct SingleContainer: SingleValueDecodingContainer {
    let value: JSONValue
    let node: CodingPathNode
    let nonFiniteStrings: Bool
    var codingPath: [any CodingKey] { node.path }

    func decodeNil() -> Bool { value == .null }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if case .null = value {
            throw DecodingError.valueNotFound(type, .init(codingPath: codingPath, debugDescription: "found null"))
        }
        return try decodeScalar(type, from: value, node: node, nonFiniteStrings: nonFiniteStrings)
    }
}

extension DecodingError {
    /// The coding path and a one-line message without Foundation's boilerplate.
    public var pathAndMessage: (path: [any CodingKey], message: String) {
        switch self {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return (context.codingPath, context.debugDescription)
        case .keyNotFound(let key, let context):
            return (context.codingPath, "missing required field \"\(key.stringValue)\"")
        @unknown default:
            return ([], "\(self)")
        }
    }
}

/// Renders a coding path as `run.environment.cores` or `operations[3].samples[0]`.
public func describeCodingPath(_ path: [any CodingKey]) -> String {
    var text = ""
    for key in path {
        if let index = key.intValue {
            text += "[\(index)]"
        } else {
            text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
        }
    }
    return text
}
