import Foundation
import HotpathModel
import Testing
import _HotpathTestSupport

@testable import HotpathIngest

/// Hostile input against every importer, forced (`IngestOptions.forcedFormat`) and detected:
/// each case ends in an imported profile that keeps the model's rules (with the warnings
/// `Docs/formats.md` documents under "Hostile input") or in a clear error, positioned where the
/// content is at fault — never a crash or a hang.
@Suite(.timeLimit(.minutes(10))) struct HostileInputTests {
    typealias Samples = HostileSamples

    /// Every format forced, and detection (nil).
    static let formatsAndDetection: [DumpFormat?] = HostileSamples.formats + [nil]

    static func name(_ format: DumpFormat?) -> String { format?.rawValue ?? "detected" }

    /// Every operation, span and frame name; a dtrace frame also without its module (`app`alpha` → `alpha`).
    static func names(in profile: Profile) -> [String] {
        let frames = profile.stacks.flatMap(\.frames)
        return profile.operations.map(\.name) + profile.spans.map(\.name) + frames
            + frames.compactMap { frame in frame.firstIndex(of: "`").map { String(frame[frame.index(after: $0)...]) } }
    }

    // MARK: Empty and truncated

    @Test(arguments: formatsAndDetection) func emptyFilesAreRefused(_ format: DumpFormat?) {
        for text in ["", " \n\t\r\n  "] {
            let error = Samples.load(text, as: format).error
            #expect(
                error?.kind == .syntax && error?.message == "the file is empty",
                "\(Self.name(format)): \(String(describing: error))")
        }
    }

    /// Every prefix of a valid dump: imported (a trace array may lack its `]`; a collapsed file
    /// may stop after any line) or refused at a line and column.
    @Test(arguments: HostileSamples.formats) func truncatedAtEveryByte(_ format: DumpFormat) {
        let bytes = Array(Samples.valid[format]!.utf8)
        var refused = 0
        for length in 0..<bytes.count {
            let prefix = Array(bytes[0..<length])
            let blank = prefix.allSatisfy { [0x20, 0x0A, 0x0D, 0x09].contains($0) }
            let forced = Samples.load(prefix, as: format)
            Samples.expectClear(
                forced, "\(format.rawValue) cut at \(length)", positioned: !blank && format != .collapsed)
            if format == .collapsed, !blank, let error = forced.error {
                #expect(error.line != nil, "collapsed cut at \(length): \(error)")
            }
            if forced.error != nil { refused += 1 }
            Samples.expectClear(Samples.load(prefix, as: nil), "detected, cut at \(length)")
        }
        // JSON is only whole at its very end.
        if !Samples.textFormats.contains(format) && format != .chromeTrace { #expect(refused == bytes.count) }
    }

    /// Real dumps from the shared samples, cut after every token (`{ } [ ] , :` and string ends).
    @Test(arguments: HostileSamples.jsonFormats.filter { $0 != .native }) func realSamplesTruncatedAtEveryToken(
        _ format: DumpFormat
    ) throws {
        let folder = format.rawValue
        let candidates = _HotpathTestSupport.Samples.files(in: folder).filter { !$0.hasSuffix(".gz") }
        let small = candidates.compactMap { path -> [UInt8]? in
            guard let data = FileManager.default.contents(atPath: path), data.count < 6_000 else { return nil }
            return [UInt8](data)
        }
        guard let bytes = small.first else { return }
        var cuts = 0
        for (index, byte) in bytes.enumerated() where "{}[],:\"".utf8.contains(byte) {
            let prefix = Array(bytes[0...index])
            Samples.expectClear(Samples.load(prefix, as: format), "\(folder) cut after byte \(index)", positioned: true)
            cuts += 1
        }
        #expect(cuts > 20)
    }

    /// JSONEncoder does not keep the model's key order: `"format"` can follow megabytes of spans,
    /// past the prefix detection reads. Found when the hostile-name report wrote its dumps.
    @Test func nativeFormatKeyAfterTheSniffedPrefix() throws {
        let spans = (0..<3_000).map { #"{"id": \#($0), "name": "span \#($0)", "start_ns": \#($0), "duration_ns": 1}"# }
        let text =
            #"{"spans": [\#(spans.joined(separator: ", "))], "run": {"workflow": "w", "run_id": "r"}, "version": 1, "format": "hotpath-profile"}"#
        #expect(text.utf8.count > ContentSniff.prefixLength)
        let dump = try #require(Samples.load(text, as: nil).dump)
        #expect(dump.format == .native && dump.profile.spans.count == 3_000)
        // Not for other JSON: a trace's long first member leaves detection as it was.
        #expect(
            Samples.load(
                #"{"traceEvents": [\#(String(repeating: #"{"ph": "i", "ts": 1}, "#, count: 5_000)){}]}"#, as: nil
            ).dump?.format == .chromeTrace)
    }

    // MARK: Garbage and encodings

    @Test(arguments: formatsAndDetection) func binaryGarbageIsRefused(_ format: DumpFormat?) {
        var inputs: [[UInt8]] = [1, 7, 512, 65_536].enumerated().map { Samples.garbage($1, seed: UInt64($0) + 1) }
        inputs.append([UInt8](repeating: 0, count: 1024))
        inputs.append([UInt8](repeating: 0xFF, count: 1024))
        inputs.append([0x1F, 0x8B] + Samples.garbage(200, seed: 9))  // a gzip header, then nothing gzip
        for (index, input) in inputs.enumerated() {
            let outcome = Samples.load(input, as: format)
            let positioned = format.map { $0 != .collapsed } ?? false
            Samples.expectClear(outcome, "\(Self.name(format)) garbage #\(index)", positioned: positioned && index < 6)
            if !(format.map(Samples.textFormats.contains) ?? false) {
                #expect(outcome.error != nil, "\(Self.name(format)) garbage #\(index) was imported")
            }
        }
    }

    /// Invalid UTF-8 inside a name is read as U+FFFD and warned about at its position; outside
    /// a string it is a syntax error.
    @Test(arguments: HostileSamples.formats) func invalidUTF8(_ format: DumpFormat) throws {
        let sample = Samples.valid[format]!
        // "a", a stray byte, an overlong NUL, a UTF-16 surrogate, "b".
        let invalid: [UInt8] = [0x61, 0xFF, 0xC0, 0x80, 0xED, 0xA0, 0x80, 0x62]
        let bytes = Array(sample.components(separatedBy: "alpha").map { Array($0.utf8) }.joined(separator: invalid))
        let dump = try #require(Samples.load(bytes, as: format).dump, "\(format.rawValue)")
        let warning = try #require(dump.diagnostics.first { $0.message.contains("invalid UTF-8") })
        #expect(warning.line != nil && warning.column != nil)
        let names = Self.names(in: dump.profile)
        #expect(names.contains { $0.hasPrefix("a\u{FFFD}") && $0.hasSuffix("b") }, "\(names)")
        // Detection sees the same.
        #expect(Samples.load(bytes, as: nil).dump?.format == format)

        guard !Samples.textFormats.contains(format) else { return }
        let structural = Array(sample.utf8.prefix(1)) + [0xFF] + Array(sample.utf8.dropFirst())
        let error = try #require(Samples.load(structural, as: format).error)
        #expect(error.kind == .syntax && error.line == 1 && error.column == 2, "\(error)")
    }

    @Test(arguments: HostileSamples.formats) func utf16ReadsLikeUTF8(_ format: DumpFormat) throws {
        let sample = Samples.valid[format]!
        let reference = try #require(Samples.load(sample, as: format).dump)
        for littleEndian in [true, false] {
            for byteOrderMark in [true, false] {
                let bytes = Samples.utf16(sample, littleEndian: littleEndian, byteOrderMark: byteOrderMark)
                for forced in [format, nil] {
                    let dump = Samples.load(bytes, as: forced).dump
                    #expect(
                        dump?.profile == reference.profile, "\(format.rawValue) LE \(littleEndian) BOM \(byteOrderMark)"
                    )
                    #expect(dump?.format == format)
                }
            }
        }
    }

    // MARK: Nesting

    static let deep = 100_000

    /// Every value of every JSON sample replaced by arrays (and objects) nested 100,000 deep:
    /// refused at the nesting limit with a position, never a stack overflow, whichever importer
    /// walks that value.
    @Test(arguments: HostileSamples.jsonFormats) func deepNestingAnywhere(_ format: DumpFormat) throws {
        let sample = Array(Samples.valid[format]!.utf8)
        let ranges = try Self.valueRanges(sample)
        #expect(ranges.count > 10)
        let arrays =
            Array(repeating: UInt8(ascii: "["), count: Self.deep)
            + Array(repeating: UInt8(ascii: "]"), count: Self.deep)
        let objects =
            Array(String(repeating: #"{"a":"#, count: Self.deep).utf8)
            + Array(repeating: UInt8(ascii: "}"), count: Self.deep)
        for (index, range) in ranges.enumerated() {
            let nested = index % 2 == 0 ? arrays : objects
            let bytes = Array(sample[..<range.lowerBound]) + nested + Array(sample[range.upperBound...])
            let outcome = Samples.load(bytes, as: format)
            let error = try #require(outcome.error, "\(format.rawValue): value \(index) nested deep was imported")
            // Refused at the nesting limit, or sooner where the importer wants another type there.
            #expect(
                error.message.contains("nesting deeper than 512 levels")
                    || (index % 2 == 1 && error.message.contains("expected")),
                "\(format.rawValue) value \(index): \(error)")
            #expect(error.line != nil && error.column != nil)
            Samples.expectClear(Samples.load(bytes, as: nil), "detected, value \(index)")
        }
    }

    @Test(arguments: formatsAndDetection) func deepNestingAtTheTopAndUnclosed(_ format: DumpFormat?) {
        let inputs = [
            String(repeating: "[", count: Self.deep) + String(repeating: "]", count: Self.deep),
            String(repeating: "[", count: Self.deep),
            String(repeating: #"{"a":"#, count: Self.deep),
            "{\"traceEvents\":" + String(repeating: "[", count: Self.deep),
        ]
        for (index, input) in inputs.enumerated() {
            let outcome = Samples.load(input, as: format)
            Samples.expectClear(
                outcome, "\(Self.name(format)) input \(index)", positioned: format.map { $0 != .collapsed } ?? false)
        }
    }

    /// The byte ranges of every value in a JSON document but the root, found with the scanner.
    static func valueRanges(_ bytes: [UInt8]) throws -> [Range<Int>] {
        try bytes.withUnsafeBytes { buffer in
            var ranges: [Range<Int>] = []
            var scanner = JSONScanner(bytes: buffer)
            func walk(_ scanner: inout JSONScanner, root: Bool) throws(JSONError) {
                scanner.skipWhitespace()
                let start = scanner.offset
                switch scanner.peek() {
                case UInt8(ascii: "{"):
                    try scanner.forEachMember { (scanner, _) throws(JSONError) in try walk(&scanner, root: false) }
                case UInt8(ascii: "["):
                    try scanner.forEachElement { (scanner) throws(JSONError) in try walk(&scanner, root: false) }
                default:
                    try scanner.skipValue()
                }
                if !root { ranges.append(start..<scanner.offset) }
            }
            try walk(&scanner, root: true)
            return ranges
        }
    }

    // MARK: Numbers

    enum Expected {
        case imported
        case warned(String)
        case refused(IngestError.Kind, String)
        /// Refused for the file as a whole (nothing left to show), at its first line.
        case refusedWhole(IngestError.Kind, String)

        var isImported: Bool {
            if case .imported = self { return true }
            return false
        }
    }

    /// What each format makes of hostile numbers in the place of one time (Docs/formats.md,
    /// "Hostile input"): `1e400` is out of range for every JSON format; NaN and ±Infinity (which
    /// Python writes) are refused where a time is required and skipped with a warning where the
    /// format tolerates bad entries; negative times likewise; zero is a time.
    static let numberCases: [(token: String, expected: [DumpFormat: Expected])] = [
        (
            "1e400",
            jsonAll(
                .refused(.syntax, "number 1e400 is out of range"),
                collapsed: .warned("not a \"frame;frame count\" line"))
        ),
        ("NaN", nonFinite("nan")),
        ("Infinity", nonFinite("inf")),
        ("-Infinity", nonFinite("-inf")),
        (
            "-1",
            [
                .native: .refused(.invalidContent, "samples must be finite and not negative, found -1.0"),
                .chromeTrace: .warned("1 event has a negative duration; dropped"),
                .speedscope: .warned("1 event goes back in time"),
                .collapsed: .warned("not a \"frame;frame count\" line"),
                .googleBenchmark: .refused(.invalidContent, "expected a time that is finite and not negative"),
                .hyperfine: .refused(.invalidContent, "expected times in seconds: a finite number, not negative"),
                .pytestBenchmark: .warned("1 value not a time in seconds, skipped"),
                .pyperf: .refused(.invalidContent, "expected a value in seconds: a finite number, not negative"),
                .perfScript: .warned("neither a sample header nor"),
                .v8CPUProfile: .warned("1 negative time delta"),
                .jmh: .refused(.invalidContent, "expected a measurement: a finite number, not negative, found -1"),
                .benchmarkDotNet: .refused(
                    .invalidContent,
                    "expected the iteration's time in nanoseconds: a finite number, not negative, found -1"),
                .firefoxProfiler: .refused(.invalidContent, "expected a sample weight: a finite number, not negative"),
            ]
        ),
        (
            "0",
            jsonAll(.imported, collapsed: .imported).merging([.speedscope: .warned("ended a begin of another name")]) {
                $1
            }
        ),
        (
            "1e300",
            [
                .native: .imported, .chromeTrace: .warned("1 event is not a trace event"),
                .speedscope: .warned("goes back in time"),
                .collapsed: .warned("not a \"frame;frame count\" line"), .googleBenchmark: .imported,
                .hyperfine: .refused(.invalidContent, "that Hotpath can hold in nanoseconds"),
                .pytestBenchmark: .warned("1 value not a time in seconds, skipped"),
                .pyperf: .refused(.invalidContent, "that Hotpath can hold"),
                .perfScript: .warned("neither a sample header nor"), .v8CPUProfile: .imported, .jmh: .imported,
                .benchmarkDotNet: .imported,
                .firefoxProfiler: .imported,
            ]
        ),
    ]

    static func jsonAll(_ expected: Expected, collapsed: Expected) -> [DumpFormat: Expected] {
        Dictionary(uniqueKeysWithValues: HostileSamples.formats.map { ($0, $0 == .collapsed ? collapsed : expected) })
            // A perf period is digits: any other token leaves the header unreadable; zero weighs nothing.
            .merging([.perfScript: expected.isImported ? .imported : .warned("neither a sample header nor")]) { $1 }
    }

    static func nonFinite(_ printed: String) -> [DumpFormat: Expected] {
        [
            .native: .refused(.invalidContent, "samples must be finite and not negative, found \(printed)"),
            .chromeTrace: .warned("1 event is not a trace event"),
            .speedscope: .refused(.invalidContent, "expected a finite time"),
            .collapsed: .warned("not a \"frame;frame count\" line"),
            .googleBenchmark: .refused(.invalidContent, "expected a time that is finite and not negative"),
            .hyperfine: .refused(.invalidContent, "expected times in seconds: a finite number"),
            .pytestBenchmark: .warned("1 value not a time in seconds, skipped"),
            .pyperf: .refused(.invalidContent, "expected a value in seconds: a finite number"),
            .perfScript: .warned("neither a sample header nor"),
            .v8CPUProfile: .refused(.invalidContent, "expected a finite time in microseconds, found \(printed)"),
            .jmh: .refused(.invalidContent, "expected a measurement: a finite number, not negative, found \(printed)"),
            .benchmarkDotNet: .refused(
                .invalidContent,
                "expected the iteration's time in nanoseconds: a finite number, not negative, found \(printed)"),
            .firefoxProfiler: .refused(.invalidContent, "expected a sample weight: a finite number, not negative"),
        ]
    }

    /// The text formats whose numbers are stack counts (callgrind's costs, `sample`'s and dtrace's
    /// counts): every token that is not a whole number is refused where it stands; zero weighs
    /// nothing (a `sample` report of zeros has nothing left to show).
    static func stackCounts(_ token: String) -> [DumpFormat: Expected] {
        if token == "0" {
            return [
                .callgrind: .imported, .dtrace: .imported,
                .macOSSample: .refusedWhole(.invalidContent, "the call graph holds no samples"),
            ]
        }
        return [
            .callgrind: .refused(.syntax, "expected an event count, found \"\(token)\""),
            .macOSSample: .refused(.syntax, "expected a call-graph line (\"COUNT NAME  (in BINARY)\""),
            .dtrace: .refused(
                .invalidContent, "a count line holds a whole number of samples, 0 or more: found \"\(token)\""),
        ]
    }

    /// The line and column (1-based, in bytes) where the sample's number placeholder starts.
    static func timeTokenPosition(in sample: String) throws -> (line: Int, column: Int) {
        let position = try #require(sample.range(of: Samples.timeToken))
        let before = sample[..<position.lowerBound]
        let lineStart =
            before.utf8.lastIndex(of: UInt8(ascii: "\n")).map {
                before.utf8.distance(from: before.utf8.startIndex, to: $0) + 1
            } ?? 0
        return (before.filter { $0 == "\n" }.count + 1, before.utf8.count - lineStart + 1)
    }

    @Test(arguments: HostileSamples.formats)
    func hostileNumbers(_ format: DumpFormat) throws {
        let sample = Samples.valid[format]!
        let (line, column) = try Self.timeTokenPosition(in: sample)
        for (token, expectations) in Self.numberCases {
            let text = sample.replacingOccurrences(of: Samples.timeToken, with: token)
            let outcome = Samples.load(text, as: format)
            switch Self.stackCounts(token)[format] ?? expectations[format]! {
            case .imported:
                #expect(
                    outcome.dump?.warningMessages == [],
                    "\(format.rawValue) \(token): \(String(describing: outcome.error))")
            case .warned(let text):
                let warnings = outcome.dump?.warningMessages ?? []
                #expect(
                    warnings.contains { $0.contains(text) },
                    "\(format.rawValue) \(token): \(warnings) \(String(describing: outcome.error))")
            case .refused(let kind, let text):
                let error = outcome.error
                #expect(
                    error?.kind == kind && error?.message.contains(text) == true,
                    "\(format.rawValue) \(token): \(String(describing: error))")
                // At the number itself.
                #expect(
                    error?.line == line && error?.column == column,
                    "\(format.rawValue) \(token): \(String(describing: error))")
            case .refusedWhole(let kind, let text):
                let error = outcome.error
                #expect(
                    error?.kind == kind && error?.message.contains(text) == true && error?.line == 1,
                    "\(format.rawValue) \(token): \(String(describing: error))")
            }
        }
    }

    /// Whole counts too large to add up exactly (past 2^53, and a 400-digit one) in the text
    /// formats of stack counts: refused at the number, except callgrind, which reads a cost up to
    /// 2^64 as the nearest `Double`.
    @Test(arguments: [DumpFormat.callgrind, .macOSSample, .dtrace])
    func countsTooLargeToAddUp(_ format: DumpFormat) throws {
        let sample = Samples.valid[format]!
        let (line, column) = try Self.timeTokenPosition(in: sample)
        let expected: [(token: String, message: String?)] = [
            (
                "1" + String(repeating: "0", count: 400),
                [
                    .callgrind: "expected an event count", .macOSSample: "expected a call-graph line",
                    .dtrace: "too large",
                ][
                    format]
            ),
            (
                "9007199254740993",
                [.macOSSample: "expected a call-graph line", .dtrace: "past 2^53 samples"][format]
            ),
        ]
        for (token, message) in expected {
            let outcome = Samples.load(sample.replacingOccurrences(of: Samples.timeToken, with: token), as: format)
            if let message {
                let error = try #require(outcome.error, "\(format.rawValue) \(token.prefix(20))")
                #expect(error.message.contains(message), "\(error)")
                #expect(error.line == line && error.column == column, "\(error)")
            } else {
                #expect(outcome.dump != nil, "\(format.rawValue) \(token.prefix(20))")
            }
        }
    }

    // MARK: Size

    /// A 10 MB name is a name: imported whole, in reasonable time.
    @Test(arguments: HostileSamples.formats) func tenMegabyteName(_ format: DumpFormat) throws {
        let long = String(repeating: "abcdefghij", count: 1_000_000)
        let text = Samples.valid[format]!.replacingOccurrences(of: "alpha", with: long)
        let clock = ContinuousClock()
        let start = clock.now
        let dump = try #require(Samples.load(text, as: format).dump)
        let names = Self.names(in: dump.profile)
        #expect(names.contains { $0.utf8.count == 10_000_000 })
        #expect(clock.now - start < .seconds(60))
    }
}

/// `ProfileRules` on span ids at the edges of `Int`: numbered runs take the fast path without
/// overflowing, anything else the set.
@Suite struct ProfileRulesTests {
    func violation(_ spans: [Span]) -> String? {
        ProfileRules.firstViolation(in: Profile(run: RunMetadata(workflow: "w", runID: "r"), spans: SpanTable(spans)))?
            .description
    }

    func span(_ id: Int, parent: Int? = nil) -> Span {
        Span(id: id, name: "s", startNs: 0, durationNs: 1, parent: parent)
    }

    @Test func spanIds() {
        #expect(violation([span(0), span(1, parent: 0), span(2, parent: 1)]) == nil)
        #expect(
            violation([
                span(-9_000_000_000_000_000_000), span(-8_999_999_999_999_999_999, parent: -9_000_000_000_000_000_000),
            ]) == nil)
        #expect(
            violation([span(-9_000_000_000_000_000_000), span(1, parent: 9_000_000_000_000_000_000)])
                == "spans[1].parent: parent 9000000000000000000 is not the id of any span")
        #expect(violation([span(5), span(6, parent: 7)]) == "spans[1].parent: parent 7 is not the id of any span")
        #expect(violation([span(5), span(3), span(5)]) == "spans[2].id: span id 5 is used twice")
        #expect(violation([span(0), span(1, parent: -1)]) == "spans[1].parent: parent -1 is not the id of any span")
        // Ids that are the indexes (a trace's table) take a path of their own.
        #expect(violation([span(0), span(1, parent: 2)]) == "spans[1].parent: parent 2 is not the id of any span")
        #expect(violation([span(0, parent: 1), span(1, parent: 1)]) == nil)
        #expect(violation([span(1), span(0), span(1)]) == "spans[2].id: span id 1 is used twice")
    }

    /// Cache counters that would overflow `hits + misses` (the analysis adds them) are refused at
    /// the cache, not left to trap later.
    @Test func countersPastTwoToTheFiftyThird() throws {
        let text = #"""
            {"format": "hotpath-profile", "version": 1, "run": {"workflow": "w", "run_id": "r"},
             "caches": [{"name": "c", "hits": 8000000000000000000, "misses": 8000000000000000000}]}
            """#
        let error = try #require(HostileSamples.load(text, as: nil).error)
        #expect(
            error.kind == .invalidContent && error.line == 2 && error.message.hasPrefix("caches[0]: cache counters"),
            "\(error)")
    }
}
