import Foundation
import HotpathAnalysis
import HotpathIngest
import HotpathModel

/// The history cache: one folder per analyzed dump, keyed by the dump's content hash and the
/// analysis settings, so adding a dump to a long history reads only that dump.
///
/// Layout (every file is per run or per input; none grows with the history):
/// - `files/<hash of path>.json`: the input's size, modification time and content hash. A dump
///   is read again only when its size or modification time changed; its content hash then decides
///   whether the cached analysis still applies.
/// - `runs/<content hash>-<settings hash>/summary.json`: the run's summary (for trends).
/// - `runs/<content hash>-<settings hash>/analysis.json`: the full analysis and raw samples.
///
/// Everything written here is written atomically; a damaged entry is ignored and rebuilt.
struct HistoryCache: Sendable {
    let root: URL
    /// Changes whenever something that shapes an analysis changes: Hotpath's version, the
    /// analysis settings or the ingest options.
    let settingsKey: String

    static let version = "hotpath-cache-3"

    init(root: String, configuration: Configuration, ingestOptions: IngestOptions) {
        self.root = URL(fileURLWithPath: root)
        settingsKey = String(
            ContentHash.of(
                "\(Self.version)|\(configuration.analysis)|\(ingestOptions.forcedFormat?.rawValue ?? "")|\(ingestOptions.collapsedUnit?.rawValue ?? "")"
            ).prefix(8))
    }

    struct FileRecord: Codable {
        var path: String
        var size: UInt64
        var modified: Double
        var hash: String
    }

    /// The content hash of the file at `path`, from the record when the file is unchanged,
    /// else by reading it (and recording it).
    func contentHash(of path: String, attributes: (size: UInt64, modified: Double)) throws -> String {
        let recordURL = root.appendingPathComponent("files/\(ContentHash.of(path)).json")
        if let data = try? Data(contentsOf: recordURL),
            let record = try? JSONDecoder().decode(FileRecord.self, from: data),
            record.path == path, record.size == attributes.size, record.modified == attributes.modified
        {
            return record.hash
        }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let hash = bytes.withUnsafeBytes { ContentHash.of($0) }
        try? write(
            FileRecord(path: path, size: attributes.size, modified: attributes.modified, hash: hash), to: recordURL)
        return hash
    }

    func entry(_ hash: String) -> URL {
        root.appendingPathComponent("runs/\(hash)-\(settingsKey)")
    }

    func summary(_ hash: String) -> RunSummary? {
        guard let data = try? Data(contentsOf: entry(hash).appendingPathComponent("summary.json")) else { return nil }
        return try? JSONDecoder().decode(RunSummary.self, from: data)
    }

    func analysis(_ hash: String) throws -> AnalyzedRun {
        let data = try Data(contentsOf: entry(hash).appendingPathComponent("analysis.json"))
        return try JSONDecoder().decode(AnalyzedRun.self, from: data)
    }

    func store(_ hash: String, summary: RunSummary, analysis: AnalyzedRun) {
        // The summary goes last: its presence marks a complete entry.
        try? write(analysis, to: entry(hash).appendingPathComponent("analysis.json"))
        try? write(summary, to: entry(hash).appendingPathComponent("summary.json"))
    }

    private func write(_ value: some Encodable, to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let data = try encoder.encode(value)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url, options: .atomic)
    }
}
