import HotpathModel

/// Hotpath's own format read in one pass over the bytes.
///
/// The parts that grow with a run — `spans` and operations' `samples` — go straight from the
/// bytes into a `SpanTable` and arrays of doubles; everything else (run metadata, memory, I/O,
/// caches, executors, stacks) is small and decoded through the model's `Codable` conformances.
/// Decoding a million spans through a tree of `JSONValue`s and `Codable` took 3.9 s and 545 MB
/// for a 98 MB dump. An element the fast path does not expect (a wrong type, a missing field,
/// `args`) is read again the slow way, so errors and edge cases are exactly the decoder's.
struct NativeDocument {
    var rest = JSONObject()
    var spans: SpanTable?
    var operations: [ProfileResult]?

    /// A decoding error inside `operations[i]` or `spans[i]`, with the path from the document's root.
    struct ElementError: Error {
        var path: [any CodingKey]
        var message: String
    }

    static func read(_ bytes: UnsafeRawBufferPointer) throws -> NativeDocument {
        var document = NativeDocument()
        var scanner = JSONScanner(bytes: bytes)
        scanner.skipWhitespace()
        try members(&scanner) { scanner, key in
            if key.isEqual(to: "spans", in: bytes), scanner.peek() == UInt8(ascii: "[") {
                document.spans = try readSpans(&scanner)
            } else if key.isEqual(to: "operations", in: bytes), scanner.peek() == UInt8(ascii: "[") {
                document.operations = try readOperations(&scanner)
            } else {
                document.rest.members.append((key.text(in: bytes), try scanner.parseValue()))
            }
        }
        scanner.skipWhitespace()
        guard scanner.offset == bytes.count else {
            throw scanner.error(
                "expected the end of the file after the document, found \(scanner.describeFound(at: scanner.offset))")
        }
        return document
    }

    /// `JSONScanner.forEachRawMember` whose body may throw any error (the scanner's own walk,
    /// with the body's error carried past its typed throws); the value starts after whitespace.
    private static func members(_ scanner: inout JSONScanner, _ body: (inout JSONScanner, RawString) throws -> Void)
        throws
    {
        try carrying { (failure: inout (any Error)?) throws(JSONError) in
            try scanner.forEachRawMember { (scanner, key) throws(JSONError) in
                scanner.skipWhitespace()
                try carry(into: &failure, at: scanner.offset) { try body(&scanner, key) }
            }
        }
    }

    /// `forEachElement` whose body may throw any error, with the element's index.
    private static func elements(_ scanner: inout JSONScanner, _ body: (inout JSONScanner, Int) throws -> Void) throws {
        var index = 0
        try carrying { (failure: inout (any Error)?) throws(JSONError) in
            try scanner.forEachElement { (scanner) throws(JSONError) in
                scanner.skipWhitespace()
                try carry(into: &failure, at: scanner.offset) { try body(&scanner, index) }
                index += 1
            }
        }
    }

    /// Runs a scanner walk; an error its body set aside (see `carry`) is thrown in place of the
    /// placeholder that stopped the walk.
    private static func carrying(_ walk: (inout (any Error)?) throws(JSONError) -> Void) throws {
        var failure: (any Error)?
        do {
            try walk(&failure)
        } catch {
            if let failure { throw failure }
            throw error
        }
    }

    /// Runs `body`; a scanner error passes as it is, any other is set aside in `failure` and a
    /// placeholder stops the walk.
    private static func carry(into failure: inout (any Error)?, at offset: Int, _ body: () throws -> Void)
        throws(JSONError)
    {
        do {
            try body()
        } catch let error as JSONError {
            throw error
        } catch {
            failure = error
            throw JSONError(offset: offset, message: "")
        }
    }

    // MARK: Spans

    private static func readSpans(_ scanner: inout JSONScanner) throws -> SpanTable {
        var table = SpanTable()
        table.reserveCapacity(max(16, (scanner.bytes.count - scanner.offset) / 120))
        try elements(&scanner) { scanner, index in
            let start = scanner.offset
            do {
                try readSpanFast(&scanner, into: &table)
            } catch is Unusual {
                // Not the usual shape: decode this one element the slow way, for its exact error.
                scanner.offset = start
                let value = try scanner.parseValue()
                table.append(
                    try decodeElement(Span.self, from: value, path: [JSONPathKey("spans"), JSONPathKey(index)]))
            }
        }
        return table
    }

    /// An element the fast path leaves to the decoder.
    private struct Unusual: Error {}

    /// One span object of the usual shape (id, name, start_ns, duration_ns, thread, parent;
    /// unknown keys skipped); throws `Unusual`, having appended nothing, for anything else.
    private static func readSpanFast(_ scanner: inout JSONScanner, into table: inout SpanTable) throws {
        guard scanner.peek() == UInt8(ascii: "{") else { throw Unusual() }
        var id: Int?
        var name: String?
        var start: Double?
        var duration: Double?
        var thread: String?
        var parent: Int?
        let bytes = scanner.bytes
        try members(&scanner) { scanner, key in
            let byte = scanner.peek() ?? 0
            let isNumber = byte == UInt8(ascii: "-") || (byte >= 0x30 && byte <= 0x39)
            let isString = byte == UInt8(ascii: "\"")
            let isNull = byte == UInt8(ascii: "n")
            if key.isEqual(to: "id", in: bytes) {
                guard isNumber, let value = integer(try scanner.readNumber()) else { throw Unusual() }
                id = value
            } else if key.isEqual(to: "name", in: bytes) {
                guard isString else { throw Unusual() }
                name = try scanner.readString()
            } else if key.isEqual(to: "start_ns", in: bytes) {
                guard isNumber else { throw Unusual() }
                start = try scanner.readNumber()
            } else if key.isEqual(to: "duration_ns", in: bytes) {
                guard isNumber else { throw Unusual() }
                duration = try scanner.readNumber()
            } else if key.isEqual(to: "thread", in: bytes) {
                guard isNull || isString else { throw Unusual() }
                if isNull { _ = try scanner.readBoolOrNull() } else { thread = try scanner.readString() }
            } else if key.isEqual(to: "parent", in: bytes) {
                if isNull {
                    _ = try scanner.readBoolOrNull()
                } else {
                    guard isNumber, let value = integer(try scanner.readNumber()) else { throw Unusual() }
                    parent = value
                }
            } else if key.isEqual(to: "args", in: bytes) {
                throw Unusual()
            } else {
                try scanner.skipValue()  // unknown keys are ignored, as the decoder does
            }
        }
        guard let id, let name, let start, let duration else { throw Unusual() }
        table.append(
            id: id, nameIndex: table.internName(name), startNs: start, durationNs: duration,
            threadIndex: thread.map { table.internThread($0) } ?? -1, parentID: parent)
    }

    /// The decoder's rule for integers: whole and within ±9·10^18.
    private static func integer(_ number: Double) -> Int? {
        number.rounded() == number && abs(number) < 9.0e18 ? Int(number) : nil
    }

    // MARK: Operations

    private static func readOperations(_ scanner: inout JSONScanner) throws -> [ProfileResult] {
        var operations: [ProfileResult] = []
        try elements(&scanner) { scanner, index in
            let start = scanner.offset
            let path: [any CodingKey] = [JSONPathKey("operations"), JSONPathKey(index)]
            guard scanner.peek() == UInt8(ascii: "{") else {
                operations.append(try decodeElement(ProfileResult.self, from: try scanner.parseValue(), path: path))
                return
            }
            var fields = JSONObject()
            var samples: [Double]?
            var usual = true
            let bytes = scanner.bytes
            try members(&scanner) { scanner, key in
                if usual, key.isEqual(to: "samples", in: bytes), scanner.peek() == UInt8(ascii: "[") {
                    samples = try readNumbers(&scanner)
                    if samples == nil { usual = false }
                } else {
                    fields.members.append((key.text(in: bytes), try scanner.parseValue()))
                }
            }
            guard usual, let samples else {
                // No samples, or not all numbers: the slow way, for the decoder's exact error.
                scanner.offset = start
                operations.append(try decodeElement(ProfileResult.self, from: try scanner.parseValue(), path: path))
                return
            }
            fields.members.append(("samples", .array([])))
            var operation = try decodeElement(ProfileResult.self, from: .object(fields), path: path)
            operation.samples = samples
            operations.append(operation)
        }
        return operations
    }

    /// An array of plain numbers; nil (consumed) when an element is anything else.
    private static func readNumbers(_ scanner: inout JSONScanner) throws -> [Double]? {
        var numbers: [Double] = []
        var plain = true
        try scanner.forEachElement { (scanner) throws(JSONError) in
            scanner.skipWhitespace()
            guard plain, let byte = scanner.peek(),
                byte == UInt8(ascii: "-") || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "N")
                    || byte == UInt8(ascii: "I")
            else {
                plain = false
                try scanner.skipValue()
                return
            }
            numbers.append(try scanner.readNumber())
        }
        return plain ? numbers : nil
    }

    private static func decodeElement<T: Decodable>(_ type: T.Type, from value: JSONValue, path: [any CodingKey]) throws
        -> T
    {
        do {
            return try JSONValueDecoder().decode(type, from: value)
        } catch let error as DecodingError {
            let (inner, message) = error.pathAndMessage
            throw ElementError(path: path + inner, message: message)
        }
    }
}
