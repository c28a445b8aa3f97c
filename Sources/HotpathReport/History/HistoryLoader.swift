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

    public func load(_ inputs: [String]) -> Loaded {
        var errors: [IngestError] = []
        let files = ingestor.expand(inputs, errors: &errors)
        var runs: [(run: HistoryRun, sortTime: Date?, index: Int)] = []
        var analyzed = 0
        var notes: [Diagnostic] = []  // import warnings of the dumps read now, then ordering notes
        for (index, path) in files.enumerated() {
            let stamp = Self.stamp(of: path)
            do {
                let run: HistoryRun
                if let store, let stamp {
                    let (key, bytes) = try self.key(of: path, stamp: stamp, in: store)
                    if let summary = store.summary(key) {
                        run = HistoryRun(summary: summary, load: { try store.analysis(key) })
                    } else {
                        let (analysis, summary) = try analyze(path, bytes: bytes, modified: stamp.modified)
                        store.store(key, summary: summary, analysis: analysis)
                        notes += analysis.diagnostics
                        analyzed += 1
                        run = HistoryRun(summary: summary, load: { analysis })
                    }
                } else {
                    let (analysis, summary) = try analyze(path, bytes: nil, modified: stamp?.modified)
                    notes += analysis.diagnostics
                    analyzed += 1
                    run = HistoryRun(summary: summary, load: { analysis })
                }
                runs.append((run, Self.sortTime(run.summary), index))
            } catch let error as IngestError {
                errors.append(error)
            } catch {
                errors.append(IngestError(.unreadable, file: path, message: "\(error)"))
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
        if time == nil || Self.parseTime(time!) == nil, let modified {
            orderedBy = "file_time"
            time = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: modified))
        }
        return (run, RunSummary(report: run.report, source: path, orderedBy: orderedBy, time: time))
    }

    static func stamp(of path: String) -> FileStamp? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let size = attributes[.size] as? NSNumber, let modified = attributes[.modificationDate] as? Date
        else { return nil }
        return FileStamp(size: size.uint64Value, modified: modified.timeIntervalSince1970)
    }

    static func sortTime(_ summary: RunSummary) -> Date? {
        summary.time.flatMap(parseTime)
    }

    /// ISO 8601 date and time as dumps write it: `T` or a space between them, optional
    /// fractional seconds, and a zone (`Z`, `+01:00`, `+0100`) or none, read as UTC (Google
    /// Benchmark, pyperf and pytest-benchmark often write none).
    public static func parseTime(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        var position = 0
        func number(_ digits: Int) -> Int? {
            guard position + digits <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[position..<position + digits] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            position += digits
            return value
        }
        func skip(_ allowed: String) -> Bool {
            guard position < bytes.count, allowed.utf8.contains(bytes[position]) else { return false }
            position += 1
            return true
        }
        guard let year = number(4), skip("-"), let month = number(2), skip("-"), let day = number(2), skip("T "),
            let hour = number(2), skip(":"), let minute = number(2), skip(":"), let second = number(2),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second <= 60
        else { return nil }
        var fraction = 0.0
        if skip(".,") {
            var scale = 0.1
            let start = position
            while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
                fraction += Double(bytes[position] - 0x30) * scale
                scale /= 10
                position += 1
            }
            guard position > start else { return nil }
        }
        var offsetSeconds = 0
        if skip("Zz") {
        } else if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
            let sign = bytes[position] == UInt8(ascii: "-") ? -1 : 1
            position += 1
            guard let hours = number(2) else { return nil }
            _ = skip(":")
            let minutes = number(2) ?? 0
            offsetSeconds = sign * (hours * 3600 + minutes * 60)
        }
        guard position == bytes.count else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let date = calendar.date(from: components) else { return nil }
        return date.addingTimeInterval(fraction - Double(offsetSeconds))
    }
}
