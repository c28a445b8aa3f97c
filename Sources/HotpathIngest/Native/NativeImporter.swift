import HotpathModel

/// Reads Hotpath's own format: spans and samples straight from the bytes, the rest through the
/// model's `Codable` conformances (`NativeDocument`), then checks what JSON types cannot say (`ProfileRules`: finite,
/// non-negative durations; span ids unique and parents present), pointing at the value.
public struct NativeImporter: DumpImporter {
    public init() {}

    public var format: DumpFormat { .native }

    public func recognizes(_ sniff: ContentSniff) -> Bool {
        sniff.shape == .object && sniff.topLevelStrings["format"] == Profile.formatName
    }

    public func importDump(_ input: DumpInput) throws(ImportFailure) -> ImportedDump {
        var profile: Profile
        do {
            let document = try NativeDocument.read(input.bytes)
            profile = try JSONValueDecoder().decode(Profile.self, from: .object(document.rest))
            if let spans = document.spans { profile.spans = spans }
            if let operations = document.operations { profile.operations = operations }
        } catch let error as JSONError {
            throw ImportFailure(error)
        } catch let error as NativeDocument.ElementError {
            throw failure(at: error.path, error.message, in: input.bytes)
        } catch let error as DecodingError {
            let (path, message) = error.pathAndMessage
            throw failure(at: path, message, in: input.bytes)
        } catch {
            throw ImportFailure(.invalidContent, message: "\(error)")
        }
        try ImportSupport.checkOperations(profile.operations.count, input.options, what: "operations")
        let events = profile.operations.reduce(0) { $0 + $1.samples.count } + profile.spans.count + profile.stacks.count
        try ImportSupport.checkEvents(events, input.options, what: "samples, spans and stacks")
        if let violation = ProfileRules.firstViolation(in: profile) {
            throw failure(at: violation.path, violation.message, in: input.bytes)
        }
        return ImportedDump(profile: profile)
    }

    private func failure(at path: [any CodingKey], _ message: String, in bytes: UnsafeRawBufferPointer) -> ImportFailure
    {
        let where_ = path.isEmpty ? "" : "\(describeCodingPath(path)): "
        return ImportFailure(
            .invalidContent, offset: JSONPathLocator.offset(of: path, in: bytes), message: where_ + message)
    }
}
