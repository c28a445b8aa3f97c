import ArgumentParser
import HotpathIngest
import HotpathModel

/// Options shared by every command that reads dumps.
struct InputOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Read every input as this format instead of detecting it by content.",
            discussion: "One of: \(DumpFormat.allCases.map(\.rawValue).joined(separator: ", ")).",
            valueName: "name"))
    var format: DumpFormat?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "For collapsed stacks: read counts as this unit instead of sample counts.",
            discussion:
                "A time (ns, us or µs, ms, s; converted to nanoseconds) or bytes. Without it, an austin header says the unit (# mode: wall or cpu: us; memory: bytes), else counts are samples.",
            valueName: "unit"))
    var unit: CollapsedUnit?

    @Option(
        name: .customLong("max-events"),
        help: ArgumentHelp(
            "Refuse a dump with more events than this.",
            discussion:
                "Events are trace events, spans, stack lines, samples and values, counted per dump. A dump over the limit is an error (exit code 3) naming the limit, not a run out of memory.",
            valueName: "count"))
    var maximumEvents: Int = IngestOptions.defaultMaximumEvents

    @Option(
        name: .customLong("max-operations"),
        help: ArgumentHelp(
            "Refuse a dump with more distinct operation names than this.",
            discussion:
                "Operations are named by benchmarks, spans and stack frames; each gets a page. The default keeps a report within a few GB of memory and minutes of work; raise it for bigger profiles.",
            valueName: "count"))
    var maximumOperations: Int = IngestOptions.defaultMaximumOperations

    @Option(
        name: .customLong("max-input-bytes"),
        help: ArgumentHelp(
            "Refuse a dump larger than this, on disk or decompressed.",
            discussion: "A number of bytes, or with a binary suffix: 512K, 200M, 4G.",
            valueName: "size"))
    var maximumBytes: ByteCount = ByteCount(IngestOptions.defaultMaximumBytes)

    func validate() throws {
        guard maximumEvents >= 1 else { throw ValidationError("--max-events must be at least 1") }
        guard maximumOperations >= 1 else { throw ValidationError("--max-operations must be at least 1") }
        guard maximumBytes.value >= 1 else { throw ValidationError("--max-input-bytes must be at least 1") }
    }

    var ingestOptions: IngestOptions {
        IngestOptions(
            forcedFormat: format, collapsedUnit: unit, maximumEvents: maximumEvents,
            maximumOperations: maximumOperations,
            maximumBytes: maximumBytes.value)
    }
}

/// A size in bytes as given on the command line: `1048576`, `512K`, `200M`, `4G` (binary units;
/// `KiB`, `MB` and friends are read the same way).
struct ByteCount: ExpressibleByArgument, CustomStringConvertible, Sendable {
    var value: Int

    init(_ value: Int) { self.value = value }

    init?(argument: String) {
        var text = Substring(argument.uppercased())
        for suffix in ["IB", "B"] where text.hasSuffix(suffix) {
            text = text.dropLast(suffix.count)
            break
        }
        var multiplier = 1
        if let last = text.last, let power = ["K": 1, "M": 2, "G": 3, "T": 4][String(last)] {
            multiplier = 1 << (10 * power)
            text = text.dropLast()
        }
        guard let number = Int(text), number >= 0 else { return nil }
        let (product, overflow) = number.multipliedReportingOverflow(by: multiplier)
        guard !overflow else { return nil }
        value = product
    }

    /// The largest binary unit that divides the value: `4G`, `200M`, `1000`.
    var description: String {
        for (power, suffix) in [(4, "T"), (3, "G"), (2, "M"), (1, "K")]
        where value > 0 && value % (1 << (10 * power)) == 0 {
            return "\(value >> (10 * power))\(suffix)"
        }
        return String(value)
    }

    static var defaultCompletionKind: CompletionKind { .default }
}

extension DumpFormat: ExpressibleByArgument {}
extension CollapsedUnit: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
