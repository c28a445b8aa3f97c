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
        try T(from: ValueDecoder(value: value, codingPath: [], nonFiniteStrings: nonFiniteStrings))
    }
}

private struct ValueDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    var nonFiniteStrings = false
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let object) = value else {
            throw DecodingError.typeMismatch(
                [String: Any].self,
                .init(codingPath: codingPath, debugDescription: "expected an object, found \(value.typeDescription)"))
        }
        return KeyedDecodingContainer(
            KeyedContainer<Key>(object: object, codingPath: codingPath, nonFiniteStrings: nonFiniteStrings))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else {
            throw DecodingError.typeMismatch(
                [Any].self,
                .init(codingPath: codingPath, debugDescription: "expected an array, found \(value.typeDescription)"))
        }
        return UnkeyedContainer(elements: elements, codingPath: codingPath, nonFiniteStrings: nonFiniteStrings)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleContainer(value: value, codingPath: codingPath, nonFiniteStrings: nonFiniteStrings)
    }
}

/// Converts one JSON value to the scalar types Codable asks for.
private func decodeScalar<T: Decodable>(
    _ type: T.Type, from value: JSONValue, codingPath: [any CodingKey], nonFiniteStrings: Bool
) throws -> T {
    func mismatch(_ expected: String) -> DecodingError {
        .typeMismatch(
            type,
            .init(codingPath: codingPath, debugDescription: "expected \(expected), found \(value.typeDescription)"))
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
                .init(codingPath: codingPath, debugDescription: "expected an integer, found \(number)"))
        }
        return exact as! T
    default:
        return try T(from: ValueDecoder(value: value, codingPath: codingPath, nonFiniteStrings: nonFiniteStrings))
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
    let codingPath: [any CodingKey]
    let nonFiniteStrings: Bool
    /// Each key's member, for a large object (a dictionary of thousands of entries): looking each
    /// key up among the members made decoding one quadratic.
    private let index: [String: Int]?

    init(object: JSONObject, codingPath: [any CodingKey], nonFiniteStrings: Bool) {
        self.object = object
        self.codingPath = codingPath
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
            type, from: try value(for: key), codingPath: codingPath + [key], nonFiniteStrings: nonFiniteStrings)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = member(key.stringValue), value != .null else { return nil }
        return try decodeScalar(type, from: value, codingPath: codingPath + [key], nonFiniteStrings: nonFiniteStrings)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try ValueDecoder(value: try value(for: key), codingPath: codingPath + [key], nonFiniteStrings: nonFiniteStrings)
            .container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try ValueDecoder(value: try value(for: key), codingPath: codingPath + [key], nonFiniteStrings: nonFiniteStrings)
            .unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        ValueDecoder(value: .object(object), codingPath: codingPath, nonFiniteStrings: nonFiniteStrings)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        ValueDecoder(value: try value(for: key), codingPath: codingPath + [key], nonFiniteStrings: nonFiniteStrings)
    }
}

private struct IndexKey: CodingKey {
    let intValue: Int?
    let stringValue: String
    init(_ index: Int) {
        intValue = index
        stringValue = "\(index)"
    }
    init?(intValue: Int) { self.init(intValue) }
    init?(stringValue: String) { nil }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let elements: [JSONValue]
    let codingPath: [any CodingKey]
    let nonFiniteStrings: Bool
    var currentIndex = 0

    init(elements: [JSONValue], codingPath: [any CodingKey], nonFiniteStrings: Bool) {
        self.elements = elements
        self.codingPath = codingPath
        self.nonFiniteStrings = nonFiniteStrings
    }

    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    private mutating func next<T>(_ type: T.Type) throws -> (JSONValue, [any CodingKey]) {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                type, .init(codingPath: codingPath, debugDescription: "the array has no more elements"))
        }
        defer { currentIndex += 1 }
        return (elements[currentIndex], codingPath + [IndexKey(currentIndex)])
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, elements[currentIndex] == .null else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (value, path) = try next(type)
        return try decodeScalar(type, from: value, codingPath: path, nonFiniteStrings: nonFiniteStrings)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        let (value, path) = try next([String: Any].self)
        return try ValueDecoder(value: value, codingPath: path, nonFiniteStrings: nonFiniteStrings).container(
            keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (value, path) = try next([Any].self)
        return try ValueDecoder(value: value, codingPath: path, nonFiniteStrings: nonFiniteStrings).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let (value, path) = try next(JSONValue.self)
        return ValueDecoder(value: value, codingPath: path, nonFiniteStrings: nonFiniteStrings)
    }
}

private struct SingleContainer: SingleValueDecodingContainer {
    let value: JSONValue
    let codingPath: [any CodingKey]
    let nonFiniteStrings: Bool

    func decodeNil() -> Bool { value == .null }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if case .null = value {
            throw DecodingError.valueNotFound(type, .init(codingPath: codingPath, debugDescription: "found null"))
        }
        return try decodeScalar(type, from: value, codingPath: codingPath, nonFiniteStrings: nonFiniteStrings)
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
