import HotpathModel

/// Reads one dump format into the native model.
///
/// Implementers guarantee: `recognizes` looks only at the sniffed prefix and never throws;
/// `importDump` never crashes on malformed input and reports every problem as an
/// `ImportFailure` with the best position it has; warnings describe what was skipped or repaired.
public protocol DumpImporter: Sendable {
    var format: DumpFormat { get }
    /// Whether the content looks like this format.
    func recognizes(_ sniff: ContentSniff) -> Bool
    func importDump(_ input: DumpInput) throws(ImportFailure) -> ImportedDump
    /// Whether the format is binary: such an importer is asked about binary content too, its
    /// errors are positioned by byte offset rather than line and column, and its input is not
    /// checked for invalid UTF-8. False by default.
    var readsBinary: Bool { get }
}

extension DumpImporter {
    public var readsBinary: Bool { false }
}

/// What an importer reads: UTF-8 bytes (already decompressed and transcoded; for a binary
/// format, its bytes after gzip decompression) plus options.
public struct DumpInput: @unchecked Sendable {
    /// Valid only during `importDump`.
    public let bytes: UnsafeRawBufferPointer
    /// The file name without folders, used as a fallback run id.
    public let fileName: String
    public let options: IngestOptions
    /// The bytes are a read-only mapping of the file: an importer may tell the kernel to drop
    /// pages it is done with (`MADV_DONTNEED`), which keeps resident memory low on huge inputs.
    /// Reading them again later still works; it only costs a page fault.
    public let isFileMapping: Bool

    public init(bytes: UnsafeRawBufferPointer, fileName: String, options: IngestOptions, isFileMapping: Bool = false) {
        self.bytes = bytes
        self.fileName = fileName
        self.options = options
        self.isFileMapping = isFileMapping
    }
}

public struct ImportedDump: Sendable {
    public var profile: Profile
    /// Problems that did not stop the import, e.g. trace lint findings.
    public var warnings: [ImportWarning]
    /// The part of the input the importer already checked for invalid UTF-8 (see
    /// `UTF8Check.CheckedPart`); nil when it checked none.
    var checkedUTF8: UTF8Check.CheckedPart?
    /// The importer read every byte of the input and none is above 0x7F: plain ASCII is valid
    /// UTF-8, so the ingestor skips its own check, a second pass over the whole input.
    public var inputIsASCII: Bool

    public init(profile: Profile, warnings: [ImportWarning] = [], inputIsASCII: Bool = false) {
        self.profile = profile
        self.warnings = warnings
        self.inputIsASCII = inputIsASCII
    }
}

public struct ImportWarning: Sendable, Equatable {
    public var offset: Int?
    public var line: Int?
    public var message: String

    public init(offset: Int? = nil, line: Int? = nil, message: String) {
        self.offset = offset
        self.line = line
        self.message = message
    }
}

/// Options that change how dumps are read.
public struct IngestOptions: Sendable {
    /// Skip detection and read every input as this format.
    public var forcedFormat: DumpFormat?
    /// For collapsed stacks: read counts as this unit (of time, converted to ns, or bytes)
    /// instead of sample counts.
    public var collapsedUnit: CollapsedUnit?
    /// Caps that turn runaway input into a clear `limitExceeded` error (naming the cap and the
    /// command-line option that raises it) instead of exhausted memory or a site of millions of
    /// pages. Every importer honours them; `Ingestor` checks the imported profile against them too.
    ///
    /// Events: trace events, spans, stack lines or stacks, samples and values, counted per dump.
    public var maximumEvents: Int
    /// Distinct operation names (operations, span names, stack frames). Each gets a page, so
    /// the default (100,000) keeps a report within a few GB of memory and minutes of work.
    public var maximumOperations: Int
    /// Largest input, on disk and after decompression, in bytes.
    public var maximumBytes: Int
    /// For pprof profiles: the sample type the stacks weigh (`alloc_space`, `cpu/nanoseconds`),
    /// from `--measure`; nil for the profile's default. A time measure's name (`real-time`,
    /// `cpu-time`) that no sample type has leaves the default.
    public var sampleType: String?
    /// Big event arrays are read on several cores in chunks of this many bytes …
    public var parallelChunkBytes = 4 << 20
    /// … when the input has at least this many bytes (one thread is faster below).
    public var parallelThresholdBytes = 24 << 20

    public static let defaultMaximumEvents = 50_000_000
    public static let defaultMaximumOperations = 100_000
    public static let defaultMaximumBytes = 4 << 30

    public init(
        forcedFormat: DumpFormat? = nil, collapsedUnit: CollapsedUnit? = nil,
        maximumEvents: Int = IngestOptions.defaultMaximumEvents,
        maximumOperations: Int = IngestOptions.defaultMaximumOperations,
        maximumBytes: Int = IngestOptions.defaultMaximumBytes
    ) {
        self.forcedFormat = forcedFormat
        self.collapsedUnit = collapsedUnit
        self.maximumEvents = maximumEvents
        self.maximumOperations = maximumOperations
        self.maximumBytes = maximumBytes
    }
}
