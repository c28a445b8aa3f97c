/// One run's dump in Hotpath's native format, version 1.
///
/// The native format keeps raw samples, not only aggregates, so that percentiles and
/// significance tests can be recomputed at any later time. Every duration is in
/// nanoseconds and every size in bytes; field names carry the unit (`_ns`, `_bytes`).
/// `Docs/native-format.md` documents each field; `Docs/hotpath-profile.schema.json` is the schema.
public struct Profile: Codable, Sendable, Equatable {
    /// Always `hotpath-profile`: lets detection tell a native dump from other JSON.
    public static let formatName = "hotpath-profile"
    /// The newest format version this build reads and writes.
    public static let currentVersion = 1

    public var format: String
    public var version: Int
    public var run: RunMetadata
    /// Raw samples per operation. When empty, operations are derived from `spans`.
    public var operations: [ProfileResult]
    /// Timed intervals with nesting; optional. Stored by column (see `SpanTable`), used like an array.
    public var spans: SpanTable
    /// Weighted call stacks from a sampling profiler; optional. Weights are not durations per call.
    public var stacks: StackTable
    /// What one unit of `StackSample.weight` means.
    public var stackWeightUnit: WeightUnit?
    /// What the stack weights count, in the producer's words, when they count something other
    /// than samples: callgrind's event (`Ir`, `Dr`), a perf event's period (`cycles`,
    /// `instructions`), a pprof sample type (`contentions`, `alloc_objects`, `alloc_space`).
    /// Pages and the Markdown summary write counts in the `samples` unit as `1,234 Ir`, not
    /// `1,234 samples`. Nil when the weights are samples (or the producer does not say).
    public var stackWeightName: String?
    /// Where each operation's code is, by operation name, when the input says (speedscope
    /// frames' `file` and `line`); shown on its page.
    public var locations: [String: CodeLocation]
    public var memory: MemoryTimeline
    public var io: [IOOperation]
    public var caches: [TemplateCacheStats]
    public var parallel: [ParallelExecutionStats]
    /// Per-phase summaries a compiler's time trace wrote (clang `-ftime-trace`'s `Total …`
    /// events); empty for other profiles.
    public var phaseTotals: [PhaseTotal]

    public init(
        run: RunMetadata,
        operations: [ProfileResult] = [],
        spans: SpanTable = [],
        stacks: StackTable = [],
        stackWeightUnit: WeightUnit? = nil,
        locations: [String: CodeLocation] = [:],
        memory: MemoryTimeline = MemoryTimeline(),
        io: [IOOperation] = [],
        caches: [TemplateCacheStats] = [],
        parallel: [ParallelExecutionStats] = [],
        phaseTotals: [PhaseTotal] = []
    ) {
        self.format = Self.formatName
        self.version = Self.currentVersion
        self.run = run
        self.operations = operations
        self.spans = spans
        self.stacks = stacks
        self.stackWeightUnit = stackWeightUnit
        self.locations = locations
        self.memory = memory
        self.io = io
        self.caches = caches
        self.parallel = parallel
        self.phaseTotals = phaseTotals
    }

    enum CodingKeys: String, CodingKey {
        case format, version, run, operations, spans, stacks
        case stackWeightUnit = "stack_weight_unit"
        case stackWeightName = "stack_weight_name"
        case locations
        case memory, io, caches, parallel
        case phaseTotals = "phase_totals"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        format = try container.decode(String.self, forKey: .format)
        guard format == Self.formatName else {
            throw DecodingError.dataCorruptedError(
                forKey: .format, in: container,
                debugDescription: "expected \"\(Self.formatName)\", found \"\(format)\"")
        }
        version = try container.decode(Int.self, forKey: .version)
        guard version >= 1, version <= Self.currentVersion else {
            throw DecodingError.dataCorruptedError(
                forKey: .version, in: container,
                debugDescription:
                    "version \(version) is not supported; this build reads versions 1...\(Self.currentVersion)")
        }
        run = try container.decode(RunMetadata.self, forKey: .run)
        operations = try container.decodeIfPresent([ProfileResult].self, forKey: .operations) ?? []
        spans = try container.decodeIfPresent(SpanTable.self, forKey: .spans) ?? []
        stacks = try container.decodeIfPresent(StackTable.self, forKey: .stacks) ?? []
        stackWeightUnit = try container.decodeIfPresent(WeightUnit.self, forKey: .stackWeightUnit)
        stackWeightName = try container.decodeIfPresent(String.self, forKey: .stackWeightName)
        locations = try container.decodeIfPresent([String: CodeLocation].self, forKey: .locations) ?? [:]
        memory = try container.decodeIfPresent(MemoryTimeline.self, forKey: .memory) ?? MemoryTimeline()
        io = try container.decodeIfPresent([IOOperation].self, forKey: .io) ?? []
        caches = try container.decodeIfPresent([TemplateCacheStats].self, forKey: .caches) ?? []
        parallel = try container.decodeIfPresent([ParallelExecutionStats].self, forKey: .parallel) ?? []
        phaseTotals = try container.decodeIfPresent([PhaseTotal].self, forKey: .phaseTotals) ?? []
    }

    /// As the synthesized encoding, with `locations` and `phase_totals` left out when empty, so
    /// dumps without them are written as before.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(format, forKey: .format)
        try container.encode(version, forKey: .version)
        try container.encode(run, forKey: .run)
        try container.encode(operations, forKey: .operations)
        try container.encode(spans, forKey: .spans)
        try container.encode(stacks, forKey: .stacks)
        try container.encodeIfPresent(stackWeightUnit, forKey: .stackWeightUnit)
        try container.encodeIfPresent(stackWeightName, forKey: .stackWeightName)
        // Written only when known, so dumps without locations are unchanged.
        if !locations.isEmpty { try container.encode(locations, forKey: .locations) }
        try container.encode(memory, forKey: .memory)
        try container.encode(io, forKey: .io)
        try container.encode(caches, forKey: .caches)
        try container.encode(parallel, forKey: .parallel)
        // Only a compiler's time trace has phase totals; other dumps are written as before.
        if !phaseTotals.isEmpty { try container.encode(phaseTotals, forKey: .phaseTotals) }
    }
}

/// Whether a profile measured each call (timed) or counted stacks (sampled).
///
/// Sampled profiles carry weights per stack, never durations per call, so reports show
/// self and total weight and shares for them and never percentiles.
public enum ProfileKind: String, Codable, Sendable {
    case timed
    case sampled
}

extension Profile {
    public var kind: ProfileKind {
        operations.isEmpty && spans.isEmpty && !stacks.isEmpty ? .sampled : .timed
    }
}

/// Where an operation's code is: a file and, when known, a line (1-based).
public struct CodeLocation: Codable, Sendable, Equatable, Hashable {
    public var file: String
    public var line: Int?

    public init(file: String, line: Int? = nil) {
        self.file = file
        self.line = line
    }

    /// `bz2.py:12`, `bz2.py` without a line.
    public var text: String { line.map { "\(file):\($0)" } ?? file }
}
