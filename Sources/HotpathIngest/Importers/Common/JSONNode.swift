/// A parsed JSON value that remembers where it came from, so an importer's complaints about
/// content ("expected a number") point at the offending value's line and column.
///
/// Small formats (benchmark results, speedscope) are parsed whole into `JSONValue` and read
/// through this; the offset of a path is only looked up (with `JSONPathLocator`) when a
/// failure or warning needs it.
struct JSONNode {
    let value: JSONValue
    let path: [JSONPathKey]

    init(_ value: JSONValue, path: [JSONPathKey] = []) {
        self.value = value
        self.path = path
    }

    /// Parses a whole document, turning syntax errors into positioned failures.
    static func parse(_ bytes: UnsafeRawBufferPointer) throws(ImportFailure) -> JSONNode {
        do {
            return JSONNode(try JSONScanner.parseDocument(bytes))
        } catch {
            throw ImportFailure(error)
        }
    }

    subscript(key: String) -> JSONNode? {
        guard let member = value[key], member != .null else { return nil }
        return JSONNode(member, path: path + [JSONPathKey(key)])
    }

    /// A member's value, without a node (no path is made), nil when absent or null as with the
    /// subscript: for reads whose failure needs no position. A benchmark file reads thousands
    /// of entries, a dozen members each.
    func member(_ key: String) -> JSONValue? {
        guard let member = value[key], member != .null else { return nil }
        return member
    }

    var elements: [JSONNode]? {
        guard case .array(let values) = value else { return nil }
        return values.enumerated().map { JSONNode($0.element, path: path + [JSONPathKey($0.offset)]) }
    }

    var members: [(key: String, node: JSONNode)]? {
        guard case .object(let object) = value else { return nil }
        return object.members.map { ($0.key, JSONNode($0.value, path: path + [JSONPathKey($0.key)])) }
    }

    var string: String? { value.string }
    var number: Double? { value.number }
    var bool: Bool? { value.bool }
    var isObject: Bool { value.object != nil }

    /// A scalar as label text: strings as they are, integral numbers without a fraction.
    var scalarText: String? {
        switch value {
        case .string(let text): text
        case .number(let number): formatNumber(number)
        case .bool(let flag): flag ? "true" : "false"
        default: nil
        }
    }

    /// `operations[3].samples` style, for messages.
    var pathDescription: String { describeCodingPath(path) }

    func offset(in bytes: UnsafeRawBufferPointer) -> Int {
        JSONPathLocator.offset(of: path, in: bytes)
    }

    /// A content failure at this value: "benchmarks[2].real_time: expected a number, found a string".
    func failure(_ message: String, in bytes: UnsafeRawBufferPointer, kind: IngestError.Kind = .invalidContent)
        -> ImportFailure
    {
        let prefix = path.isEmpty ? "" : "\(pathDescription): "
        return ImportFailure(kind, offset: offset(in: bytes), message: prefix + message)
    }

    func warning(_ message: String, in bytes: UnsafeRawBufferPointer) -> ImportWarning {
        let prefix = path.isEmpty ? "" : "\(pathDescription): "
        return ImportWarning(offset: offset(in: bytes), message: prefix + message)
    }

    /// A required member of a given type, or a failure naming what was expected.
    func required(_ key: String, in bytes: UnsafeRawBufferPointer) throws(ImportFailure) -> JSONNode {
        guard let member = self[key] else {
            throw failure("missing required field \"\(key)\"", in: bytes)
        }
        return member
    }

    func requiredArray(_ key: String, in bytes: UnsafeRawBufferPointer) throws(ImportFailure) -> [JSONNode] {
        let member = try required(key, in: bytes)
        guard let elements = member.elements else {
            throw member.failure("expected an array, found \(member.value.typeDescription)", in: bytes)
        }
        return elements
    }

    func requiredNumber(_ key: String, in bytes: UnsafeRawBufferPointer) throws(ImportFailure) -> Double {
        let member = try required(key, in: bytes)
        guard let number = member.number else {
            throw member.failure("expected a number, found \(member.value.typeDescription)", in: bytes)
        }
        return number
    }

    func requiredString(_ key: String, in bytes: UnsafeRawBufferPointer) throws(ImportFailure) -> String {
        let member = try required(key, in: bytes)
        guard let text = member.string else {
            throw member.failure("expected a string, found \(member.value.typeDescription)", in: bytes)
        }
        return text
    }
}

/// One step of a JSON path: an object key or an array index.
struct JSONPathKey: CodingKey {
    private let key: String?
    let intValue: Int?
    /// An index's text is made only when a message needs it, not for every element walked.
    var stringValue: String { key ?? String(intValue ?? 0) }

    init(_ string: String) {
        key = string
        intValue = nil
    }
    init(_ index: Int) {
        key = nil
        intValue = index
    }
    init?(stringValue: String) { self.init(stringValue) }
    init?(intValue: Int) { self.init(intValue) }
}
