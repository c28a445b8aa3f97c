import HotpathModel

/// Where analyzed runs are kept between reports, so a long history is not read again: keyed by
/// a dump's content (and the analysis settings, which the store knows), holding each run's
/// summary (for trends) and its full analysis (for pages and comparisons).
///
/// `DiskRunStore` is the one Hotpath uses (`--cache DIR`); tests and embedders can keep runs
/// anywhere else. A store that loses an entry costs time, never correctness: the loader reads
/// the dump again.
public protocol RunStore: Sendable {
    /// The key of the dump at `path`, whose size and modification time are given; nil when the
    /// store has no record of the file as it is now (the loader then hashes its bytes).
    func recordedKey(of path: String, file: FileStamp) -> String?
    /// Remembers the key of the dump at `path` as it is now.
    func record(key: String, of path: String, file: FileStamp)
    /// The summary stored under `key`, if any: its presence marks a complete entry.
    func summary(_ key: String) -> RunSummary?
    /// The full analysis stored under `key`; nil when none was stored (the loader then reads the
    /// dump again).
    func analysis(_ key: String) throws -> AnalyzedRun?
    /// Stores a run's summary under `key`, with its full analysis when given (the loader leaves
    /// out the analysis of a dump that is quicker to read again than to read back).
    func store(_ key: String, summary: RunSummary, analysis: AnalyzedRun?)
    /// What the analysis stored under `key` is made of: the key with the settings the store
    /// analyzes with, so a page cache can tell one analysis from another.
    func identity(of key: String) -> String
}

extension RunStore {
    public func identity(of key: String) -> String { key }
}

/// A file's size and times and where it is on its device: while they are all unchanged, the
/// file's content is taken as unchanged and its recorded content hash used without reading it.
///
/// The modification time alone can be set back (`cp -p`, `tar`, `rsync -t` and `touch -r` do), so
/// a dump replaced by one of the same size under the same name could pass for the old one; the
/// status change time cannot be set, and changes with any write, rename or change of times, and
/// the inode changes when another file takes the name.
public struct FileStamp: Sendable, Equatable, Codable {
    public var size: UInt64
    public var modified: Double
    /// The status change time (`st_ctime`), in seconds since 1970; nil when unknown.
    public var changed: Double?
    /// The device and inode numbers, as one string; nil when unknown.
    public var inode: String?

    public init(size: UInt64, modified: Double, changed: Double? = nil, inode: String? = nil) {
        self.size = size
        self.modified = modified
        self.changed = changed
        self.inode = inode
    }
}
