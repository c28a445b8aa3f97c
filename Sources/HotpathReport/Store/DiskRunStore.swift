import Foundation
import HotpathAnalysis
import HotpathIngest
import HotpathModel
import HotpathSite

/// The history cache on disk (`--cache DIR`): one folder per analyzed dump, keyed by the dump's
/// content hash and the analysis settings, so adding a dump to a long history reads only that dump.
///
/// Layout (every file is per run or per input; none grows with the history):
/// - `files/<hash of path>.json`: the input's size, modification and status change times, inode
///   and content hash. A dump is read again when any of them but the hash changed (`FileStamp`);
///   its content hash then decides whether the cached analysis still applies.
/// - `runs/<content hash>-<settings hash>/summary.bin`: the run's summary (for trends), as bytes
///   (`SummaryFile`).
/// - `runs/<content hash>-<settings hash>/analysis.json`: the full analysis and raw samples, for
///   a dump that took long to read and analyze (`HistoryLoader.storeAnalysisAfter`).
///
/// Every file is written atomically (HotpathSite's `AtomicFile`); a damaged or unwritable entry
/// is ignored and rebuilt.
public struct DiskRunStore: RunStore {
    public let root: URL
    /// Changes whenever something that shapes an analysis changes: Hotpath's version, the
    /// analysis settings or the ingest options.
    public let settingsKey: String

    public static let version = "hotpath-cache-6"

    public init(root: String, configuration: Configuration, ingestOptions: IngestOptions) {
        self.root = URL(fileURLWithPath: root)
        settingsKey = String(
            ContentHash.of(
                "\(Self.version)|\(configuration.analysis)|\(ingestOptions.forcedFormat?.rawValue ?? "")|\(ingestOptions.collapsedUnit?.rawValue ?? "")\(ingestOptions.sampleType.map { "|sample_type=" + $0 } ?? "")"
            ).prefix(8))
    }

    struct FileRecord: Codable {
        var path: String
        var size: UInt64
        var modified: Double
        /// Absent from records of earlier versions: such a record never matches.
        var changed: Double?
        var inode: String?
        var hash: String
    }

    private func recordURL(_ path: String) -> URL {
        root.appendingPathComponent("files/\(ContentHash.of(path)).json")
    }

    public func recordedKey(of path: String, file: FileStamp) -> String? {
        guard let data = try? Data(contentsOf: recordURL(path)),
            let record = try? Self.decode(FileRecord.self, from: data),
            record.path == path, record.size == file.size, record.modified == file.modified,
            record.changed != nil, record.changed == file.changed, record.inode != nil, record.inode == file.inode
        else { return nil }
        return record.hash
    }

    public func record(key: String, of path: String, file: FileStamp) {
        write(
            FileRecord(
                path: path, size: file.size, modified: file.modified, changed: file.changed, inode: file.inode,
                hash: key),
            to: recordURL(path))
    }

    func entry(_ key: String) -> URL {
        root.appendingPathComponent("runs/\(identity(of: key))")
    }

    public func identity(of key: String) -> String { "\(key)-\(settingsKey)" }

    public func summary(_ key: String) -> RunSummary? {
        guard let data = try? Data(contentsOf: entry(key).appendingPathComponent("summary.bin")) else { return nil }
        return data.withUnsafeBytes { SummaryFile.decode($0) }
    }

    public func analysis(_ key: String) throws -> AnalyzedRun? {
        let url = entry(key).appendingPathComponent("analysis.json")
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try Self.decode(AnalyzedRun.self, from: Data(contentsOf: url))
    }

    /// Reads what `write` wrote with Hotpath's own JSON scanner: a history reads hundreds of
    /// these per build, and Foundation's decoder was a sixth of a warm build's time.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let value = try data.withUnsafeBytes { bytes throws in try JSONScanner.parseDocument(bytes) }
        return try JSONValueDecoder(nonFiniteStrings: true).decode(type, from: value)
    }

    public func store(_ key: String, summary: RunSummary, analysis: AnalyzedRun?) {
        // The summary goes last: its presence marks a complete entry.
        if let analysis { write(analysis, to: entry(key).appendingPathComponent("analysis.json")) }
        guard let bytes = try? SummaryFile.encode(summary) else { return }
        try? AtomicFile.write(bytes, to: entry(key).appendingPathComponent("summary.bin").path)
    }

    /// Writes `value` as JSON, atomically; a cache that cannot be written is only slower.
    /// Hotpath's own encoder: Foundation's was two fifths of a long history's first build.
    private func write(_ value: some Encodable, to url: URL) {
        guard let bytes = try? JSONBytesEncoder().encode(value) else { return }
        try? AtomicFile.write(bytes, to: url.path)
    }
}
