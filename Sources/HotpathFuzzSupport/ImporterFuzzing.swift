import HotpathAnalysis
import HotpathIngest
import HotpathModel
import HotpathOptimizer

/// Fuzzes one importer on its own: the bytes go straight to `importDump` (no detection, no
/// decoding), so every input exercises that importer's code.
///
/// What must hold, whatever the bytes:
/// - the import returns or throws an `ImportFailure` with a message and, when it has a
///   position, one inside the input — never a crash or a hang;
/// - an imported profile keeps `ProfileRules` (finite, non-negative times and weights, unique
///   span ids, parents that exist), and every warning's position is inside the input;
/// - the next stages take any imported profile: analysis (against itself as the baseline, so
///   the comparison runs too), recommendations, and the unit formatting every page uses.
///
/// The limits are small so a mutated count cannot make one input take seconds.
public struct ImporterFuzzing: Sendable {
    public let importer: any DumpImporter

    public static let options = IngestOptions(maximumEvents: 100_000, maximumOperations: 10_000, maximumBytes: 1 << 22)

    public init(_ importer: any DumpImporter) {
        self.importer = importer
    }

    public func check(_ bytes: UnsafeRawBufferPointer) throws(FuzzFinding) {
        var options = Self.options
        options.forcedFormat = importer.format
        let imported: ImportedDump
        do throws(ImportFailure) {
            imported = try importer.importDump(DumpInput(bytes: bytes, fileName: "fuzz.json", options: options))
        } catch {
            try fuzzCheck(!error.message.isEmpty, "\(importer.format.rawValue): an error without a message")
            if let offset = error.offset {
                try fuzzCheck(
                    offset >= 0 && offset <= bytes.count,
                    "\(importer.format.rawValue): error offset \(offset) outside the input")
            }
            if let line = error.line { try fuzzCheck(line >= 1, "\(importer.format.rawValue): error line \(line)") }
            return
        }
        for warning in imported.warnings {
            try fuzzCheck(!warning.message.isEmpty, "\(importer.format.rawValue): a warning without a message")
            if let offset = warning.offset {
                try fuzzCheck(
                    offset >= 0 && offset <= bytes.count,
                    "\(importer.format.rawValue): warning offset \(offset) outside the input")
            }
        }
        try Self.checkDownstream(imported.profile, format: importer.format)
    }

    /// The rules and the stages after import, for a profile that was read.
    public static func checkDownstream(_ profile: Profile, format: DumpFormat) throws(FuzzFinding) {
        if let violation = ProfileRules.firstViolation(in: profile) {
            try fuzzFailure("\(format.rawValue): the imported profile breaks a rule: \(violation)")
        }
        let report = Optimizer().optimize(Analyzer().analyze(profile, baseline: profile))
        for operation in report.operations {
            _ = UnitFormat.measure(operation.total, operation.unit)
            if let summary = operation.summary {
                for percentile in Percentile.allCases {
                    _ = summary.percentiles[percentile].map { UnitFormat.measure($0, operation.unit) }
                }
                _ = UnitFormat.measure(summary.mean, operation.unit)
                _ = UnitFormat.measure(summary.stddev, operation.unit)
            }
        }
        _ = UnitFormat.duration(report.totalNs)
        for recommendation in report.recommendations {
            try fuzzCheck(!recommendation.title.isEmpty, "\(format.rawValue): a recommendation without a title")
        }
    }
}

/// The whole reading path on bytes: gzip and UTF-16 decoding, detection by content, the chosen
/// importer and `Ingestor`'s own checks, as `hotpath report` reads a file.
public struct IngestFuzzing: Sendable {
    public init() {}

    public func check(_ bytes: UnsafeRawBufferPointer) throws(FuzzFinding) {
        let ingestor = Ingestor(options: ImporterFuzzing.options)
        let dump: IngestedDump
        do throws(IngestError) {
            dump = try ingestor.loadBytes(Array(bytes), path: "fuzz")
        } catch {
            try fuzzCheck(!error.message.isEmpty, "an ingest error without a message")
            if let line = error.line { try fuzzCheck(line >= 1, "ingest error line \(line)") }
            if let column = error.column { try fuzzCheck(column >= 1, "ingest error column \(column)") }
            return
        }
        try ImporterFuzzing.checkDownstream(dump.profile, format: dump.format)
    }
}
