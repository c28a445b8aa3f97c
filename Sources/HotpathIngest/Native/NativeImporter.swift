import HotpathModel

/// Reads Hotpath's own format: parses with `JSONScanner`, decodes through the model's
/// `Codable` conformances, then checks what JSON types cannot say (finite, non-negative
/// durations; span ids unique and parents present).
public struct NativeImporter: DumpImporter {
    public init() {}

    public var format: DumpFormat { .native }

    public func recognizes(_ sniff: ContentSniff) -> Bool {
        sniff.shape == .object && sniff.topLevelStrings["format"] == Profile.formatName
    }

    public func importDump(_ input: DumpInput) throws(ImportFailure) -> ImportedDump {
        let document: JSONValue
        do {
            document = try JSONScanner.parseDocument(input.bytes)
        } catch {
            throw ImportFailure(error)
        }
        let profile: Profile
        do {
            profile = try JSONValueDecoder().decode(Profile.self, from: document)
        } catch let error as DecodingError {
            let (path, message) = error.pathAndMessage
            throw failure(at: path, message, in: input.bytes)
        } catch {
            throw ImportFailure(.invalidContent, message: "\(error)")
        }
        if let problem = Self.firstProblem(in: profile) {
            throw failure(at: problem.path, problem.message, in: input.bytes)
        }
        return ImportedDump(profile: profile)
    }

    private func failure(at path: [any CodingKey], _ message: String, in bytes: UnsafeRawBufferPointer) -> ImportFailure {
        let where_ = path.isEmpty ? "" : "\(describeCodingPath(path)): "
        return ImportFailure(.invalidContent, offset: JSONPathLocator.offset(of: path, in: bytes), message: where_ + message)
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int?
        init(_ string: String) { stringValue = string }
        init(_ index: Int) {
            stringValue = "\(index)"
            intValue = index
        }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { self.init(intValue) }
    }

    /// The first rule the profile breaks, with the coding path of the offending value.
    static func firstProblem(in profile: Profile) -> (path: [any CodingKey], message: String)? {
        func valid(_ value: Double) -> Bool { value.isFinite && value >= 0 }
        for (index, operation) in profile.operations.enumerated() {
            if operation.name.isEmpty {
                return ([Key("operations"), Key(index), Key("name")], "an operation name cannot be empty")
            }
            if let bad = operation.samples.firstIndex(where: { !valid($0) }) {
                return (
                    [Key("operations"), Key(index), Key("samples"), Key(bad)],
                    "samples must be finite and not negative, found \(operation.samples[bad])"
                )
            }
        }
        var ids = Set<Int>()
        for (index, span) in profile.spans.enumerated() {
            if !ids.insert(span.id).inserted {
                return ([Key("spans"), Key(index), Key("id")], "span id \(span.id) is used twice")
            }
            if !valid(span.startNs) {
                return ([Key("spans"), Key(index), Key("start_ns")], "start_ns must be finite and not negative")
            }
            if !valid(span.durationNs) {
                return ([Key("spans"), Key(index), Key("duration_ns")], "duration_ns must be finite and not negative")
            }
        }
        for (index, span) in profile.spans.enumerated() {
            if let parent = span.parent, !ids.contains(parent) {
                return ([Key("spans"), Key(index), Key("parent")], "parent \(parent) is not the id of any span")
            }
        }
        for (index, sample) in profile.memory.samples.enumerated() where !valid(sample.rssBytes) || !valid(sample.tNs) {
            return ([Key("memory"), Key("samples"), Key(index)], "memory samples must be finite and not negative")
        }
        for (index, operation) in profile.io.enumerated() where !valid(operation.bytes) || !valid(operation.durationNs) {
            return ([Key("io"), Key(index)], "I/O bytes and duration_ns must be finite and not negative")
        }
        for (index, cache) in profile.caches.enumerated() where cache.hits < 0 || cache.misses < 0 || cache.evictions < 0 {
            return ([Key("caches"), Key(index)], "cache counters cannot be negative")
        }
        for (index, executor) in profile.parallel.enumerated()
        where !valid(executor.wallNs) || !valid(executor.busyNs) || executor.concurrencyLimit < 1 || executor.cores < 1 {
            return (
                [Key("parallel"), Key(index)],
                "wall_ns and busy_ns must be finite and not negative; concurrency_limit and cores at least 1"
            )
        }
        return nil
    }
}
