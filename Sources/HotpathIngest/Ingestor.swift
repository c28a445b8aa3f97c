import Foundation
import HotpathModel

/// A dump that was read, with where it came from.
public struct IngestedDump: Sendable {
    /// The path as the user gave it (or as found in a folder they gave).
    public var path: String
    public var format: DumpFormat
    public var profile: Profile
    public var diagnostics: [Diagnostic]
    /// Bytes read from disk.
    public var byteCount: Int

    public init(path: String, format: DumpFormat, profile: Profile, diagnostics: [Diagnostic] = [], byteCount: Int = 0)
    {
        self.path = path
        self.format = format
        self.profile = profile
        self.diagnostics = diagnostics
        self.byteCount = byteCount
    }
}

/// Everything read from a set of inputs: the dumps that went through and the errors of the rest.
public struct IngestOutcome: Sendable {
    public var dumps: [IngestedDump]
    public var errors: [IngestError]

    public var diagnostics: [Diagnostic] {
        dumps.flatMap(\.diagnostics) + errors.map(\.diagnostic)
    }
}

/// Reads dumps: expands folders, decompresses, detects each file's format by content and
/// imports it. A bad file never stops the others.
public struct Ingestor: Sendable {
    public var importers: [any DumpImporter]
    public var options: IngestOptions

    public init(importers: [any DumpImporter] = Ingestor.defaultImporters, options: IngestOptions = IngestOptions()) {
        self.importers = importers
        self.options = options
    }

    /// Every format Hotpath reads, in detection order: the most specific signatures first (pprof's
    /// protobuf, whose first byte is never `{`, `[` or text).
    /// JSON formats that share a top-level key (`benchmarks`) are told apart by their other keys
    /// and their first element's keys; the text formats, perf script then collapsed stacks, come last.
    public static let defaultImporters: [any DumpImporter] = [
        PprofImporter(), NativeImporter(), SpeedscopeImporter(), ChromeTraceImporter(), PytestBenchmarkImporter(),
        PyperfImporter(),
        GoogleBenchmarkImporter(), HyperfineImporter(), JMHImporter(), BenchmarkDotNetImporter(),
        FirefoxProfileImporter(), V8CPUProfileImporter(), CallgrindImporter(), MacOSSampleImporter(),
        DTraceImporter(), PerfScriptImporter(),
        CollapsedStacksImporter(),
    ]

    /// Reads every input; folders contribute their non-hidden files, subfolders included, in name order.
    public func load(_ inputs: [String]) -> IngestOutcome {
        var outcome = IngestOutcome(dumps: [], errors: [])
        for path in expand(inputs, errors: &outcome.errors) {
            do throws(IngestError) {
                outcome.dumps.append(try loadFile(path))
            } catch {
                outcome.errors.append(error)
            }
        }
        return outcome
    }

    /// Files named by the inputs: files as given; folders walked down to every level.
    ///
    /// A folder contributes its regular files and those of its subfolders, in name order at each
    /// level (so the order is the same on every machine), skipping hidden names (`.git`,
    /// `.hotpath-cache`), folders that hold a Hotpath site (a `.hotpath-manifest`: the output of
    /// an earlier report is not input), folders reached twice through links, and anything deeper
    /// than `maximumFolderDepth`.
    public func expand(_ inputs: [String], errors: inout [IngestError]) -> [String] {
        var files: [String] = []
        let fileManager = FileManager.default
        for input in inputs {
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: input, isDirectory: &isDirectory) else {
                errors.append(IngestError(.unreadable, file: input, message: "no such file or folder"))
                continue
            }
            guard isDirectory.boolValue else {
                files.append(input)
                continue
            }
            var walk = FolderWalk()
            walk.visit(input, depth: 0, errors: &errors)
            files += walk.files
            if walk.files.isEmpty {
                errors.append(
                    IngestError(.unreadable, file: input, message: "the folder holds no dump files: \(walk.whyEmpty)"))
            }
        }
        return files
    }

    /// Folders nested deeper than this below an input are not read (a guard against link loops
    /// the visited set cannot see, and runaway trees).
    static let maximumFolderDepth = 32

    /// One input folder's walk: the files found and what was passed over, to explain an empty result.
    private struct FolderWalk {
        var files: [String] = []
        var visited: Set<String> = []
        /// What was looked at and what was passed over (`special`: broken links).
        var folders = 0, filesSeen = 0, hiddenFiles = 0, hiddenFolders = 0, special = 0, sites = 0, tooDeep = 0

        mutating func visit(_ folder: String, depth: Int, errors: inout [IngestError]) {
            let fileManager = FileManager.default
            let resolved = (folder as NSString).resolvingSymlinksInPath
            guard visited.insert(resolved).inserted else { return }
            folders += 1
            let names: [String]
            do {
                names = try fileManager.contentsOfDirectory(atPath: folder).sorted()
            } catch {
                errors.append(
                    IngestError(
                        .unreadable, file: folder, message: "cannot list the folder: \(IngestError.plainReason(error))")
                )
                return
            }
            if depth > 0, names.contains(".hotpath-manifest") {
                sites += 1
                return
            }
            for name in names {
                let path = (folder as NSString).appendingPathComponent(name)
                var isDirectory: ObjCBool = false
                guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                    special += 1  // a dangling link
                    continue
                }
                if !isDirectory.boolValue { filesSeen += 1 }
                if name.hasPrefix(".") {
                    if isDirectory.boolValue { hiddenFolders += 1 } else { hiddenFiles += 1 }
                    continue
                }
                if isDirectory.boolValue {
                    if depth + 1 > Ingestor.maximumFolderDepth {
                        tooDeep += 1
                    } else {
                        visit(path, depth: depth + 1, errors: &errors)
                    }
                } else {
                    files.append(path)
                }
            }
        }

        /// Why no file was found, in numbers.
        var whyEmpty: String {
            var skipped: [String] = []
            if hiddenFiles > 0 { skipped.append(ImportSupport.plural(hiddenFiles, "hidden file")) }
            if hiddenFolders > 0 { skipped.append(ImportSupport.plural(hiddenFolders, "hidden folder")) }
            if sites > 0 { skipped.append(ImportSupport.plural(sites, "Hotpath site") + " (output, not dumps)") }
            if special > 0 { skipped.append(ImportSupport.plural(special, "broken link")) }
            if tooDeep > 0 {
                skipped.append(
                    ImportSupport.plural(tooDeep, "folder") + " deeper than \(Ingestor.maximumFolderDepth) levels")
            }
            let looked =
                "looked at \(ImportSupport.plural(filesSeen, "file")) in \(ImportSupport.plural(folders, "folder")) (subfolders included)"
            return skipped.isEmpty ? looked : looked + "; skipped: " + skipped.joined(separator: ", ")
        }
    }

    /// Reads one file.
    public func loadFile(_ path: String) throws(IngestError) -> IngestedDump {
        // Big plain-UTF-8 dumps are parsed straight from a memory mapping; compressed or
        // UTF-16 ones, and small ones, are read and decoded first.
        if let mapped = MappedFile(path: path), mapped.bytes.count >= Self.mappingThreshold,
            !InputDecoding.needsDecoding(mapped.bytes)
        {
            let bytes = InputDecoding.withoutByteOrderMark(mapped.bytes)
            guard bytes.count <= options.maximumBytes else {
                throw IngestError(
                    .limitExceeded, file: path,
                    message: ImportSupport.limitMessage(
                        "the file is \(bytes.count) bytes", limit: options.maximumBytes, unit: "bytes", option: .bytes))
            }
            return try withExtendedLifetime(mapped) { () throws(IngestError) -> IngestedDump in
                try importBytes(bytes, path: path, byteCount: mapped.bytes.count, notes: [], isFileMapping: true)
            }
        }
        return try loadBytes(try readFile(path), path: path)
    }

    /// Reads a dump already in memory, exactly as `loadFile` reads one from disk: decompresses,
    /// transcodes, detects the format (unless forced), imports and checks the result against
    /// `ProfileRules`. `path` names the dump in messages and gives the fallback run id.
    public func loadBytes(_ raw: [UInt8], path: String) throws(IngestError) -> IngestedDump {
        let decoded: InputDecoding.Decoded
        do {
            decoded = try InputDecoding.decode(raw, maximumBytes: options.maximumBytes)
        } catch {
            // A truncated `.json.gz`: name the format when the part that inflated shows it.
            let format = options.forcedFormat ?? Self.formatOfPartialGzip(raw, importers: importers)
            throw IngestError(error.kind, file: path, format: format, message: error.message)
        }
        let result = decoded.bytes.withUnsafeBytes { bytes in
            Result { () throws(IngestError) in
                try importBytes(bytes, path: path, byteCount: raw.count, notes: decoded.notes)
            }
        }
        return try result.get()
    }

    /// Files at least this big are mapped rather than read.
    static let mappingThreshold = 4 << 20

    private func readFile(_ path: String) throws(IngestError) -> [UInt8] {
        do {
            return try readBytes(path)
        } catch let error as IngestError {
            throw error
        } catch {
            throw IngestError(.unreadable, file: path, message: IngestError.plainReason(error))
        }
    }

    /// The file's bytes, read straight into one array: no `Data` in between, no second copy.
    private func readBytes(_ path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw POSIXError((status.st_mode & S_IFMT) == S_IFDIR ? .EISDIR : .ENODEV)
        }
        func readAll(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            var total = 0
            while total < buffer.count {
                let count = read(descriptor, buffer.baseAddress! + total, buffer.count - total)
                if count < 0 {
                    if errno == EINTR { continue }
                    throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                }
                if count == 0 { break }
                total += count
            }
            return total
        }
        // Refused before reading: decompressed, the content could only be larger (but for the
        // few bytes of gzip's framing).
        let expected = Int(status.st_size)
        guard expected <= options.maximumBytes else {
            throw IngestError(
                .limitExceeded, file: path,
                message: ImportSupport.limitMessage(
                    "the file is \(expected) bytes", limit: options.maximumBytes, unit: "bytes", option: .bytes))
        }
        // One byte more than the size, to notice a file that grew while being read.
        var bytes = try [UInt8](unsafeUninitializedCapacity: expected + 1) { buffer, count in
            count = try readAll(into: UnsafeMutableRawBufferPointer(buffer))
        }
        while bytes.count > expected {
            let chunk = try [UInt8](unsafeUninitializedCapacity: 1 << 16) { buffer, count in
                count = try readAll(into: UnsafeMutableRawBufferPointer(buffer))
            }
            if chunk.isEmpty { break }
            bytes += chunk
            if bytes.count > options.maximumBytes {
                throw IngestError(
                    .limitExceeded, file: path,
                    message: ImportSupport.limitMessage(
                        "the file grew past \(options.maximumBytes) bytes while being read",
                        limit: options.maximumBytes, unit: "bytes", option: .bytes))
            }
            if chunk.count < 1 << 16 { break }
        }
        return bytes
    }

    func importBytes(
        _ bytes: UnsafeRawBufferPointer, path: String, byteCount: Int, notes: [String], isFileMapping: Bool = false
    ) throws(IngestError) -> IngestedDump {
        let fileName = (path as NSString).lastPathComponent
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else {
            throw IngestError(.syntax, file: path, message: "the file is empty")
        }
        let importer = try chooseImporter(for: bytes, path: path, notes: notes)
        let input = DumpInput(bytes: bytes, fileName: fileName, options: options, isFileMapping: isFileMapping)
        let imported: ImportedDump
        do {
            imported = try importer.importDump(input)
        } catch {
            var ingestError = IngestError(error.kind, file: path, format: importer.format, message: error.message)
            if importer.readsBinary, let offset = error.offset {
                // Binary data has no lines: the byte offset, in the data the importer read.
                ingestError.message += " (at byte \(offset)\(notes.isEmpty ? "" : " of the decompressed data"))"
            } else if let offset = error.offset {
                let position = SourcePosition(offset: offset, in: bytes)
                ingestError.line = position.line
                ingestError.column = position.column
            } else if let line = error.line {
                ingestError.line = line
            }
            if !notes.isEmpty { ingestError.message += " (input was \(notes.joined(separator: ", ")))" }
            throw ingestError
        }
        // Every importer's result meets the model's rules, so nothing further down the pipeline
        // meets an infinite duration or an overflowing counter.
        if let violation = ProfileRules.firstViolation(in: imported.profile) {
            throw IngestError(
                .invalidContent, file: path, format: importer.format,
                message: "the dump holds a value Hotpath cannot use: \(violation)")
        }
        if let failure = Self.checkLimits(imported.profile, options) {
            throw IngestError(failure.kind, file: path, format: importer.format, message: failure.message)
        }
        var warnings = imported.warnings
        if !importer.readsBinary, !imported.inputIsASCII,
            let invalid = UTF8Check.invalidSequences(
                in: bytes, releasing: isFileMapping, skipping: imported.checkedUTF8)
        {
            warnings.insert(
                ImportWarning(
                    offset: invalid.firstOffset,
                    message:
                        "\(ImportSupport.plural(invalid.count, "byte")) of invalid UTF-8, the first here; read as U+FFFD (\u{FFFD}) in their place"
                ),
                at: 0)
        }
        let diagnostics = warnings.map { warning -> Diagnostic in
            var diagnostic = Diagnostic(
                .warning, file: path, line: warning.line, message: "\(importer.format.rawValue): \(warning.message)")
            if importer.readsBinary, let offset = warning.offset {
                diagnostic.message += " (at byte \(offset)\(notes.isEmpty ? "" : " of the decompressed data"))"
            } else if let offset = warning.offset {
                let position = SourcePosition(offset: offset, in: bytes)
                diagnostic.line = position.line
                diagnostic.column = position.column
            }
            return diagnostic
        }
        return IngestedDump(
            path: path, format: importer.format, profile: imported.profile, diagnostics: diagnostics,
            byteCount: byteCount)
    }

    /// The caps every format shares, checked on the imported profile: importers stop early on
    /// their own events, and this catches what is left (operations named by spans or stack frames).
    static func checkLimits(_ profile: Profile, _ options: IngestOptions) -> ImportFailure? {
        let samples = profile.operations.reduce(0) { $0 + $1.samples.count }
        let events = samples + profile.spans.count + profile.stacks.count
        if events > options.maximumEvents {
            return ImportFailure(
                .limitExceeded,
                message: ImportSupport.limitMessage(
                    "\(events) samples, spans and stacks", limit: options.maximumEvents, option: .events))
        }
        // Distinct names are counted only when there could be too many; the span and stack
        // tables already hold each of theirs once (read by index: a million spans or frames
        // as `Span`s or `StackSample`s would cost more than the import).
        let spanNames = profile.spans.names
        let frameNames = profile.stacks.frameNames
        guard profile.operations.count + spanNames.count + frameNames.count > options.maximumOperations else {
            return nil
        }
        var names = Set<String>()
        func add(_ name: String) -> Bool {
            names.insert(name)
            return names.count > options.maximumOperations
        }
        var spanNameUsed = [Bool](repeating: false, count: spanNames.count)
        for index in profile.spans.nameIndexes { spanNameUsed[Int(index)] = true }
        var frameUsed = [Bool](repeating: false, count: frameNames.count)
        for index in profile.stacks.frameIndexes { frameUsed[Int(index)] = true }
        let over =
            profile.operations.contains { add($0.name) }
            || spanNames.indices.contains { spanNameUsed[$0] && add(spanNames[$0]) }
            || frameNames.indices.contains { frameUsed[$0] && add(frameNames[$0]) }
        guard over else { return nil }
        return ImportFailure(
            .limitExceeded,
            message: ImportSupport.limitMessage(
                "more than \(options.maximumOperations) distinct operation names", limit: options.maximumOperations,
                option: .operations))
    }

    static func formatOfPartialGzip(_ raw: [UInt8], importers: [any DumpImporter]) -> DumpFormat? {
        guard raw.count >= 2, raw[0] == 0x1F, raw[1] == 0x8B else { return nil }
        let partial = InputDecoding.gunzipPrefix(raw)
        guard !partial.isEmpty else { return nil }
        return partial.withUnsafeBytes { bytes -> DumpFormat? in
            let sniff = ContentSniff(bytes: bytes)
            return importers.first { (!sniff.isBinary || $0.readsBinary) && $0.recognizes(sniff) }?.format
        }
    }

    private func chooseImporter(for bytes: UnsafeRawBufferPointer, path: String, notes: [String]) throws(IngestError)
        -> any DumpImporter
    {
        if let forced = options.forcedFormat {
            guard let importer = importers.first(where: { $0.format == forced }) else {
                throw IngestError(.unknownFormat, file: path, message: "no importer for format \(forced.rawValue)")
            }
            return importer
        }
        // pprof's formats from before profile.proto: named and refused, before a text reader
        // takes a heap profile's `@ 0x…` lines for something else.
        if let legacy = LegacyPprof.format(of: bytes) {
            throw IngestError(.unknownFormat, file: path, format: .pprof, message: LegacyPprof.refusal(legacy))
        }
        let sniff = ContentSniff(bytes: bytes)
        if let importer = importers.first(where: { (!sniff.isBinary || $0.readsBinary) && $0.recognizes(sniff) }) {
            return importer
        }
        let known = importers.map(\.format.rawValue).joined(separator: ", ")
        let decoded = notes.isEmpty ? "" : " (input was \(notes.joined(separator: ", ")))"
        throw IngestError(
            .unknownFormat, file: path,
            message: UnrecognizedInput.message(for: bytes, sniff: sniff, formats: known) + decoded)
    }
}
