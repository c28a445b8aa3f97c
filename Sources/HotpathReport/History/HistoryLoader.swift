import Foundation
import HotpathAnalysis
import HotpathIngest
import HotpathModel
import HotpathProfiler

/// Reads a set of dumps into a history: every run's summary in time order, each full analysis
/// available on demand. With a run store, dumps seen before are not read again, and a dump
/// read now is read once (its bytes are hashed and parsed from the same read).
public struct HistoryLoader: Sendable {
    public var ingestor: Ingestor
    public var configuration: Configuration
    public var store: (any RunStore)?
    /// Measures each dump's ingest and analysis (Hotpath's self profile).
    public var profiler = Profiler.disabled
    /// A dump's full analysis is stored (and kept in memory for this build) only when reading
    /// and analyzing the dump took at least this long; a quicker dump is read again when its
    /// analysis is needed, so memory holds the history's summaries, not its analyses. Reading a stored
    /// analysis back costs about as much per byte as reading a dump, and a benchmark suite's
    /// analysis is larger than its dump: storing the 365 analyses of a year of nightly suites
    /// was a third of that history's first build, and reading one back was slower than
    /// reading its dump again.
    public var storeAnalysisAfter: Duration = .milliseconds(200)
    /// When at most this many dumps are new to the store (a nightly build), their analyses are
    /// held for this build however quick: the new run's page needs its analysis, and reading
    /// the dump again for it was a tenth of one night's loading.
    public var holdNewAnalysesUpTo = 8

    public init(ingestor: Ingestor, configuration: Configuration, store: (any RunStore)?) {
        self.ingestor = ingestor
        self.configuration = configuration
        self.store = store
    }

    public struct Loaded: Sendable {
        public var runs: [HistoryRun]
        public var errors: [IngestError]
        public var notes: [Diagnostic]
        /// How many dumps were parsed and analyzed (the rest came from the store).
        public var analyzed: Int
    }

    /// One dump's outcome: its run, the import warnings of a dump read now, and whether it was
    /// read now (else it came from the store).
    private struct Read: Sendable {
        var run: HistoryRun
        var notes: [Diagnostic]
        var analyzed: Bool
    }

    public func load(_ inputs: [String]) -> Loaded {
        var errors: [IngestError] = []
        let files = ingestor.expand(inputs, errors: &errors)
        // Dumps are independent: each is read (or found in the store) on its own core.
        // Each file's stamp, taken once: it tells how many dumps are new and keys each read.
        let stamped = files.map { (path: $0, stamp: Self.stamp(of: $0)) }
        let holdNew = store.map { store in
            stamped.count { file in file.stamp.flatMap { store.recordedKey(of: file.path, file: $0) } == nil }
                <= holdNewAnalysesUpTo
        }
        let reads = ParallelMap.map(stamped) { file in
            Result { () throws(IngestError) -> Read in
                try read(file.path, stamp: file.stamp, holdingAnalysis: holdNew ?? false)
            }
        }
        var runs: [(run: HistoryRun, sortTime: Date?, index: Int)] = []
        var analyzed = 0
        var notes: [Diagnostic] = []  // import warnings of the dumps read now, then ordering notes
        for (index, read) in reads.enumerated() {
            switch read {
            case .success(let read):
                notes += read.notes
                if read.analyzed { analyzed += 1 }
                runs.append((read.run, Self.sortTime(read.run.summary), index))
            case .failure(let error):
                errors.append(error)
            }
        }
        let byFileTime = runs.filter { $0.run.summary.orderedBy == "file_time" }.map(\.run.summary.source)
        if !byFileTime.isEmpty && runs.count > 1 {
            notes.append(
                Diagnostic(
                    .note,
                    message:
                        "\(byFileTime.count) dump(s) have no start time in their metadata and were ordered by file modification time (e.g. \(byFileTime[0]))"
                ))
        }
        let ordered = runs.sorted { a, b in
            switch (a.sortTime, b.sortTime) {
            case (let x?, let y?) where x != y: return x < y
            default: return a.index < b.index
            }
        }
        return Loaded(runs: ordered.map(\.run), errors: errors, notes: notes, analyzed: analyzed)
    }

    /// One dump, whose file is as `stamp` says: from the store when it has it, else read, analyzed
    /// and stored; its analysis is held in memory when it was slow or `holdingAnalysis` says so.
    private func read(_ path: String, stamp: FileStamp?, holdingAnalysis: Bool) throws(IngestError) -> Read {
        do {
            if let store, let stamp {
                let (key, bytes) = try self.key(of: path, stamp: stamp, in: store)
                let identity = store.identity(of: key)
                if let summary = store.summary(key) {
                    return Read(
                        run: HistoryRun(
                            summary: summary, identity: identity,
                            load: { try (try? store.analysis(key)) ?? reanalyze(path, key: key) }),
                        notes: [], analyzed: false)
                }
                let started = ContinuousClock.now
                let (analysis, summary) = try analyze(path, bytes: bytes, modified: stamp.modified)
                let slow = ContinuousClock.now - started >= storeAnalysisAfter
                store.store(key, summary: summary, analysis: slow ? analysis : nil)
                // A quick dump's analysis is not held either (unless few are new), but made again
                // when a page needs it: a first build of a year of nights would otherwise hold
                // every one at once.
                let kept = slow || holdingAnalysis ? analysis : nil
                return Read(
                    run: HistoryRun(
                        summary: summary, identity: identity,
                        load: { try kept ?? reanalyze(path, key: key) }),
                    notes: analysis.diagnostics, analyzed: true)
            }
            let (analysis, summary) = try analyze(path, bytes: nil, modified: stamp?.modified)
            return Read(
                run: HistoryRun(summary: summary, load: { analysis }), notes: analysis.diagnostics, analyzed: true)
        } catch let error as IngestError {
            throw error
        } catch {
            throw IngestError(.unreadable, file: path, message: "\(error)")
        }
    }

    /// The store's key for the dump at `path`: recorded, when the file is unchanged since; else
    /// its content hash, with the bytes read for it (so a dump the store lacks is not read twice).
    /// A file over the ingest limit is not read here: ingesting it says so.
    private func key(of path: String, stamp: FileStamp, in store: any RunStore) throws -> (String, [UInt8]?) {
        if let key = store.recordedKey(of: path, file: stamp) { return (key, nil) }
        guard stamp.size <= UInt64(ingestor.options.maximumBytes) else {
            return (ContentHash.of("unread|\(path)|\(stamp.size)|\(stamp.modified)"), nil)
        }
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let key = bytes.withUnsafeBytes { ContentHash.of($0) }
        store.record(key: key, of: path, file: stamp)
        return (key, bytes)
    }

    /// The analysis of a cached run whose analysis was not stored (or cannot be read): its dump
    /// read and analyzed again, after checking that it is still the dump the run was keyed by.
    private func reanalyze(_ path: String, key: String) throws -> AnalyzedRun {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        guard bytes.withUnsafeBytes({ ContentHash.of($0) }) == key else {
            throw IngestError(
                .unreadable, file: path, message: "the file changed while the report was being built; run it again")
        }
        return try analyze(path, bytes: bytes, modified: Self.stamp(of: path)?.modified).0
    }

    /// Wraps dumps already in memory (the demo) as a history.
    public static func inMemory(
        _ dumps: [IngestedDump], configuration: Configuration, profiler: Profiler = .disabled
    ) -> [HistoryRun] {
        dumps.enumerated().map { index, dump in
            let run = profiler.measure("analyze") { AnalyzedRun(dump: dump, configuration: configuration) }
            let summary = RunSummary(
                report: run.report, source: dump.path, orderedBy: "start_time", time: dump.profile.run.startTime)
            return HistoryRun(summary: summary, load: { run })
        }
        .sorted { a, b in
            (sortTime(a.summary) ?? .distantPast) < (sortTime(b.summary) ?? .distantPast)
        }
    }

    /// Ingests (from `bytes` when already read) and analyzes one dump.
    private func analyze(_ path: String, bytes: [UInt8]?, modified: Double?) throws(IngestError) -> (
        AnalyzedRun, RunSummary
    ) {
        // Typed throws through the profiler's generic measure crashes the release compiler
        // (Swift 6.3.1); a Result carries the error across instead.
        let loaded = profiler.measure("ingest") { () -> Result<IngestedDump, IngestError> in
            do throws(IngestError) {
                if let bytes { return .success(try ingestor.loadBytes(bytes, path: path)) }
                return .success(try ingestor.loadFile(path))
            } catch {
                return .failure(error)
            }
        }
        let dump = try loaded.get()
        let run = profiler.measure("analyze") { AnalyzedRun(dump: dump, configuration: configuration) }
        var orderedBy = "start_time"
        var time = dump.profile.run.startTime
        if time.flatMap(UnitFormat.parseISO8601) == nil, let modified {
            orderedBy = "file_time"
            time = UnitFormat.iso8601(Date(timeIntervalSince1970: modified))
        }
        return (run, RunSummary(report: run.report, source: path, orderedBy: orderedBy, time: time))
    }

    static func stamp(of path: String) -> FileStamp? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let size = attributes[.size] as? NSNumber, let modified = attributes[.modificationDate] as? Date
        else { return nil }
        var stamp = FileStamp(size: size.uint64Value, modified: modified.timeIntervalSince1970)
        #if canImport(Glibc)
            var status = stat()
            if stat(path, &status) == 0 {
                stamp.changed = Double(status.st_ctim.tv_sec) + Double(status.st_ctim.tv_nsec) / 1e9
                stamp.inode = "\(status.st_dev):\(status.st_ino)"
            }
        #elseif canImport(Darwin)
            var status = stat()
            if stat(path, &status) == 0 {
                stamp.changed = Double(status.st_ctimespec.tv_sec) + Double(status.st_ctimespec.tv_nsec) / 1e9
                stamp.inode = "\(status.st_dev):\(status.st_ino)"
            }
        #endif
        return stamp
    }

    static func sortTime(_ summary: RunSummary) -> Date? {
        summary.time.flatMap(UnitFormat.parseISO8601)
    }
}
