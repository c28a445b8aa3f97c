/// Turns an `Encodable` view model into a render context: a struct becomes a dictionary keyed by
/// its property names in snake case (`pageTitle` → `page_title`, `p95Text` → `p95_text`), an
/// array a list, `nil` a `.null` that is present (so strict mode and `| default(…)` see the key),
/// a non-finite double `.null`, and a `TemplateValueConvertible` value (a `TemplateValue`,
/// trusted markup) itself.
///
/// So a page's data is a typed struct whose property list is the template's documentation,
/// not a dictionary of string keys padded with placeholders. Two containers asked of one
/// encoder write into the same dictionary: a type can encode the fields of another beside its own
/// (a layout's fields and a page's, flat, as templates read them).
public enum TemplateValueEncoder {
    public static func encode(_ value: some Encodable) throws -> TemplateValue {
        try box(value)
    }

    /// The snake-case key for a property name: a capital starts a new word, lowercased.
    /// Property names are ASCII in practice; they take a byte loop (this runs once per field of
    /// every row of every page), and a name without capitals is returned as it is.
    public static func key(for propertyName: String) -> String {
        var name = propertyName
        return name.withUTF8 { utf8 -> String? in
            // One pass to tell the common case (lowercase ASCII, returned as it is) from the others.
            var capitals = 0
            for byte in utf8 {
                if byte >= 0x80 { return nil }
                if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { capitals += 1 }
            }
            if capitals == 0 { return propertyName }
            // On the stack: one underscore per capital, and most keys fit a small string.
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: utf8.count + capitals) { buffer in
                var count = 0
                for byte in utf8 {
                    if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") {
                        if count > 0 {
                            buffer[count] = UInt8(ascii: "_")
                            count += 1
                        }
                        buffer[count] = byte + 32
                    } else {
                        buffer[count] = byte
                    }
                    count += 1
                }
                return String(decoding: UnsafeMutableBufferPointer(rebasing: buffer[..<count]), as: UTF8.self)
            }
        } ?? unicodeKey(for: propertyName)
    }

    private static func unicodeKey(for propertyName: String) -> String {
        var key = ""
        for character in propertyName {
            if character.isUppercase {
                if !key.isEmpty { key.append("_") }
                key += character.lowercased()
            } else {
                key.append(character)
            }
        }
        return key
    }

    static func box(_ value: some Encodable) throws -> TemplateValue {
        if let convertible = value as? any TemplateValueConvertible {
            let converted = convertible.templateValue
            if case .double(let number) = converted, !number.isFinite { return .null }
            return converted
        }
        let encoder = ValueEncoder()
        try value.encode(to: encoder)
        return encoder.storage.value
    }
}

/// Where one value being encoded ends up: set once for a single value, filled in for a keyed
/// or unkeyed container. The dictionary and the array are stored apart from the shape so that
/// adding to them mutates in place (a list of 10,000 rows is not copied per row).
private final class Storage {
    enum Shape {
        case empty
        case single
        case keyed
        case unkeyed
    }

    var shape = Shape.empty
    var single = TemplateValue.null
    var dictionary: [String: TemplateValue] = [:]
    var array: [TemplateValue] = []

    var value: TemplateValue {
        switch shape {
        case .empty: .null
        case .single: single
        case .keyed: .dictionary(dictionary)
        case .unkeyed: .array(array)
        }
    }

    func set(_ key: String, _ value: TemplateValue) {
        shape = .keyed
        dictionary[key] = value
    }

    func append(_ value: TemplateValue) {
        shape = .unkeyed
        array.append(value)
    }

    func setSingle(_ value: TemplateValue) {
        shape = .single
        single = value
    }
}

/// The coding path is always empty: no view model reads it, and building it (an array per
/// nested value) was a good part of encoding a page's rows.
private final class ValueEncoder: Encoder {
    var codingPath: [any CodingKey] { [] }
    let userInfo: [CodingUserInfoKey: Any] = [:]
    let storage = Storage()

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if storage.shape != .keyed {
            storage.shape = .keyed
            // Most view models have about a dozen fields: one allocation instead of four.
            storage.dictionary.reserveCapacity(12)
        }
        return KeyedEncodingContainer(KeyedContainer<Key>(storage: storage))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        storage.shape = .unkeyed
        return UnkeyedContainer(storage: storage)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleContainer(storage: storage)
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let storage: Storage
    var codingPath: [any CodingKey] { [] }

    private func set(_ key: Key, _ value: TemplateValue) {
        storage.set(TemplateValueEncoder.key(for: key.stringValue), value)
    }

    mutating func encodeNil(forKey key: Key) throws { set(key, .null) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        set(key, try TemplateValueEncoder.box(value))
    }

    // Scalars straight into the dictionary: the generic path makes an encoder, a storage and a
    // coding path for each, and a page of 10,000 rows has hundreds of thousands of fields.
    mutating func encode(_ value: String, forKey key: Key) throws { set(key, .string(value)) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { set(key, .bool(value)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { set(key, .int(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { set(key, value.isFinite ? .double(value) : .null) }

    // An absent optional is a present null: the template sees the key.
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { set(key, .null) }
    }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { set(key, .null) }
    }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { set(key, .null) }
    }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { set(key, .null) }
    }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { set(key, .null) }
    }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { set(key, .null) }
    }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { set(key, .null) }
    }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { set(key, .null) }
    }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { set(key, .null) }
    }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { set(key, .null) }
    }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { set(key, .null) }
    }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { set(key, .null) }
    }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { set(key, .null) }
    }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { set(key, .null) }
    }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { set(key, .null) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = Storage()
        nested.shape = .keyed
        defer { set(key, nested.value) }
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(storage: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        preconditionFailure("TemplateValueEncoder: nested containers are not supported; encode a value")
    }

    mutating func superEncoder() -> any Encoder { ValueEncoder() }
    mutating func superEncoder(forKey key: Key) -> any Encoder { ValueEncoder() }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let storage: Storage
    var codingPath: [any CodingKey] { [] }
    var count: Int { storage.array.count }

    mutating func encodeNil() throws { storage.append(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        storage.append(try TemplateValueEncoder.box(value))
    }

    mutating func encode(_ value: String) throws { storage.append(.string(value)) }
    mutating func encode(_ value: Bool) throws { storage.append(.bool(value)) }
    mutating func encode(_ value: Int) throws { storage.append(.int(value)) }
    mutating func encode(_ value: Double) throws { storage.append(value.isFinite ? .double(value) : .null) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        preconditionFailure("TemplateValueEncoder: nested containers are not supported; encode a value")
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        preconditionFailure("TemplateValueEncoder: nested containers are not supported; encode a value")
    }

    mutating func superEncoder() -> any Encoder { ValueEncoder() }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let storage: Storage
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { storage.setSingle(.null) }

    mutating func encode(_ value: Int8) throws { storage.setSingle(.integer(value)) }
    mutating func encode(_ value: Int16) throws { storage.setSingle(.integer(value)) }
    mutating func encode(_ value: Int32) throws { storage.setSingle(.integer(value)) }
    mutating func encode(_ value: Int64) throws { storage.setSingle(.integer(value)) }
    mutating func encode(_ value: UInt) throws { storage.setSingle(.integer(value)) }
    mutating func encode(_ value: UInt8) throws { storage.setSingle(.integer(value)) }
    mutating func encode(_ value: UInt16) throws { storage.setSingle(.integer(value)) }
    mutating func encode(_ value: UInt32) throws { storage.setSingle(.integer(value)) }
    mutating func encode(_ value: UInt64) throws { storage.setSingle(.integer(value)) }
    mutating func encode(_ value: Float) throws {
        storage.setSingle(Double(value).isFinite ? .double(Double(value)) : .null)
    }
    mutating func encode(_ value: Double) throws { storage.setSingle(value.isFinite ? .double(value) : .null) }
    mutating func encode(_ value: Int) throws { storage.setSingle(.int(value)) }
    mutating func encode(_ value: Bool) throws { storage.setSingle(.bool(value)) }
    mutating func encode(_ value: String) throws { storage.setSingle(.string(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        storage.setSingle(try TemplateValueEncoder.box(value))
    }
}

/// A view model can hold an already-built value (trusted markup, say) as a field; encoded by
/// `TemplateValueEncoder` it is itself, by any other encoder (JSON) the plain data it holds.
extension TemplateValue: Encodable {
    private struct DictionaryKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .bool(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .int(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .double(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .string(let value), .markup(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .array(let values):
            var container = encoder.unkeyedContainer()
            for value in values { try container.encode(value) }
        case .dictionary(let values):
            var container = encoder.container(keyedBy: DictionaryKey.self)
            for (key, value) in values { try container.encode(value, forKey: DictionaryKey(stringValue: key)) }
        }
    }
}
