import HotpathModel

/// Reads pprof profiles: `profile.proto` (github.com/google/pprof `proto/profile.proto`), as Go's
/// `runtime/pprof`, `go test -cpuprofile`, pprof-rs, async-profiler and Google's pprof write it,
/// gzip-compressed (the ingest layer inflates it) or raw.
///
/// - Measures: every `sample_type` (`cpu/nanoseconds`, `samples/count`, `alloc_space/bytes`,
///   `inuse_space/bytes`, `contentions/count`, `delay/nanoseconds`…) is a measure, its total a
///   label (`pprof.<type>.total`, in its own unit). The stacks weigh one of them: the one
///   `IngestOptions.sampleType` names (`--measure`), else `default_sample_type`, else the last
///   one, as pprof chooses. Time units become nanoseconds, `bytes` bytes (memory), anything else
///   (`count`, `objects`) counts, in the `samples` unit.
/// - Stacks: a sample's locations, leaf first; a location's lines are its inlined frames, the
///   innermost first, each its own frame. A frame is its function's name (`system_name` when the
///   name is empty); a location without lines (not symbolized) is named by its address and its
///   mapping's file name, `0x4a3b2c (libc.so.6)`.
/// - Code locations: a function's file and start line (its first line seen when the start line
///   is unknown) are the operation's location, shown on its page.
/// - Threads: a sample's string label `thread`, `thread_name`, `thread name`, `thread_id` or
///   `thread id` (async-profiler, pprof-rs, Datadog) names its thread; other labels' keys are
///   listed in the label `pprof.labels`.
/// - Negative values (a `-diff_base` profile) leave their samples out, with a warning.
/// - `period`, `period_type`, `duration_nanos`, `time_nanos` and `comment` become labels and the
///   run's start time; `drop_frames`/`keep_frames` are not applied.
public struct PprofImporter: DumpImporter {
    public init() {}

    public var format: DumpFormat { .pprof }

    public var readsBinary: Bool { true }

    public func recognizes(_ sniff: ContentSniff) -> Bool {
        sniff.leadingBytes.withUnsafeBytes { Self.looksLikeProfileProto($0) }
    }

    /// Whether bytes open like a `profile.proto` message: every field key in them is one of
    /// `Profile`'s fields with its wire type, every length fits, each `sample_type` is a
    /// `ValueType` of two varints, and the first string is empty (pprof's rule). A field that
    /// runs past the bytes' end (a longer file, or a truncated one) ends the look, after at least
    /// one well-formed field.
    static func looksLikeProfileProto(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var reader = ProtobufReader(bytes)
        var fields = 0
        var sawStructure = false
        do throws(ImportFailure) {
            while let field = try reader.readField() {
                guard let expected = Self.profileFieldTypes[field.number], expected.contains(field.wireType) else {
                    return false
                }
                fields += 1
                guard field.wireType == .lengthDelimited else {
                    try reader.skip(field)
                    continue
                }
                let lengthStart = reader.position
                let length = try reader.readVarint()
                guard length <= UInt64(bytes.count - reader.position) else {
                    // Runs past what was sniffed: a long member of a longer file, or
                    // a truncated profile, which the importer then reports at this byte.
                    return fields > 1 && sawStructure
                }
                reader.position = lengthStart
                let range = try reader.readLength(of: field)
                switch field.number {
                case 1, 11:
                    var inner = ProtobufReader(bytes, range: range)
                    while let innerField = try inner.readField() {
                        guard innerField.wireType == .varint, innerField.number <= 2 else { return false }
                        _ = try inner.readVarint()
                    }
                    sawStructure = true
                case 6:
                    if !sawStructure, !range.isEmpty { return false }
                    sawStructure = true
                case 2, 3, 4, 5:
                    var inner = ProtobufReader(bytes, range: range)
                    while let innerField = try inner.readField() { try inner.skip(innerField) }
                    sawStructure = true
                default:
                    break
                }
            }
        } catch {
            return false
        }
        return fields >= 2 && sawStructure
    }

    /// `Profile`'s fields and the wire types each may have (repeated scalars packed or not).
    static let profileFieldTypes: [Int: [ProtobufReader.WireType]] = [
        1: [.lengthDelimited], 2: [.lengthDelimited], 3: [.lengthDelimited], 4: [.lengthDelimited],
        5: [.lengthDelimited], 6: [.lengthDelimited], 7: [.varint], 8: [.varint], 9: [.varint], 10: [.varint],
        11: [.lengthDelimited], 12: [.varint], 13: [.varint, .lengthDelimited], 14: [.varint],
    ]

    public func importDump(_ input: DumpInput) throws(ImportFailure) -> ImportedDump {
        var reader = PprofReader(bytes: input.bytes, options: input.options)
        try reader.readTables()
        try reader.chooseMeasure()
        try reader.readSamples()
        return try reader.finish(fileName: input.fileName)
    }
}
