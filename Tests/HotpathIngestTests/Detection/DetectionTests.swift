import Foundation
import HotpathModel
import Testing
import _HotpathTestSupport

@testable import HotpathIngest

@Suite struct DetectionTests {
    static let folders: [(folder: String, format: DumpFormat)] = [
        ("chrome-trace", .chromeTrace), ("speedscope", .speedscope), ("collapsed", .collapsed),
        ("google-benchmark", .googleBenchmark), ("hyperfine", .hyperfine), ("pytest-benchmark", .pytestBenchmark),
        ("pyperf", .pyperf),
        // Formats read now whose samples were vendored with the ones Hotpath does not read.
        ("other/linux-perf-script", .perfScript), ("other/v8-cpuprofile", .v8CPUProfile), ("other/jmh", .jmh),
        ("other/benchmarkdotnet", .benchmarkDotNet), ("other/firefox-gecko", .firefoxProfiler),
        ("other/firefox-processed", .firefoxProfiler), ("other/callgrind", .callgrind),
        ("other/macos-sample", .macOSSample), ("other/dtrace", .dtrace),
    ]

    /// The folders under `other/` of formats Hotpath reads.
    static let readFromOther = folders.map(\.folder).filter { $0.hasPrefix("other/") }

    /// Files of formats Hotpath does not read.
    static func notRead(under root: URL = Samples.root) -> [String] {
        Samples.files(in: "other", under: root).filter { path in
            !readFromOther.contains { path.hasPrefix(root.appendingPathComponent($0).path + "/") }
        }
    }

    /// Files no importer can claim by content: empty ones.
    static let undetectable: Set<String> = [
        "collapse-perf__results__no-events-collapsed.txt", "flamegraph__empty__empty.txt",
        "collapse-perf__no-events.txt",
    ]

    static var allSamples: [(path: String, format: DumpFormat)] {
        folders.flatMap { entry in Samples.files(in: entry.folder).map { ($0, entry.format) } }
            .filter { !undetectable.contains(fileName($0.path)) }
    }

    func detect(_ bytes: [UInt8]) -> DumpFormat? {
        let decoded = try? InputDecoding.decode(bytes, maximumBytes: 1 << 30)
        return (decoded?.bytes ?? bytes).withUnsafeBytes { buffer in
            let sniff = ContentSniff(bytes: buffer)
            return Ingestor.defaultImporters.first { $0.recognizes(sniff) }?.format
        }
    }

    @Test func everySampleIsDetectedAsItsOwnFormat() throws {
        var wrong: [String] = []
        for (path, format) in Self.allSamples {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            let detected = detect(bytes)
            if detected != format {
                wrong.append("\(fileName(path)): \(detected?.rawValue ?? "nothing") instead of \(format.rawValue)")
            }
        }
        #expect(wrong.isEmpty, "\(wrong)")
        #expect(Self.allSamples.count > 150)
    }

    /// Formats Hotpath does not read (every file under `other/`: perf script, V8, pprof's
    /// neighbours, asv, JMH…) must not be claimed by a look-alike importer.
    @Test func otherToolsFilesAreNotMistakenForOurs() throws {
        let others = Self.notRead()
        #expect(others.count >= 80)
        var claimed: [String] = []
        for path in others {
            let error = loadError(path)
            if error?.kind != .unknownFormat && error?.message != "the file is empty" {
                claimed.append(
                    "\(path.dropFirst(Samples.root.path.count + 1)): \(error.map(String.init(describing:)) ?? "imported")"
                )
            }
        }
        #expect(claimed.isEmpty, "\(claimed.joined(separator: "\n"))")
    }

    /// Every refusal of another tool's file says what the file is: its first non-empty line
    /// quoted (escaped, never `""`), the keys of a JSON object, or the tool whose output it is.
    @Test func refusalsSayWhatTheFileIs() throws {
        var unclear: [String] = []
        for path in Self.notRead() {
            guard let error = loadError(path), error.kind == .unknownFormat else { continue }
            let relative = String(path.dropFirst(Samples.root.path.count + 1))
            let message = error.message
            let informative =
                message.contains("its first line is \"") || message.contains("a JSON object with keys \"")
                || message.contains("a JSON array of objects with keys \"")
                || message.contains("binary file (it starts with bytes ")
                || message.contains("`perf script` output") || message.contains("not valid JSON nor a dump format")
            if message.contains("\"\"") || !informative
                || message.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
            {
                unclear.append("\(relative): \(message)")
            }
            // perf script output is read (other/linux-perf-script); no other tool's file is named as it.
            if message.contains("perf script") {
                unclear.append("\(relative): named perf script output: \(message)")
            }
            if path.hasSuffix(".gz") && !message.hasSuffix("(input was gzip-compressed)") {
                unclear.append("\(relative): does not say it was gzip-compressed: \(message)")
            }
        }
        #expect(unclear.isEmpty, "\(unclear.joined(separator: "\n"))")
    }

    @Test func refusalsNameWhatTheyRecognize() throws {
        // Names of the keys, in the file's order.
        // (V8 CPU profiles and Firefox profiles, the examples here before, are read now.)
        let firefox = try #require(loadError(text: #"{"meta": {"version": 24}, "counters": [], "tracks": []}"#))
        #expect(
            firefox.message.hasPrefix(
                "a JSON object with keys \"meta\", \"counters\", \"tracks\" is not a format Hotpath reads"),
            "\(firefox.message)")
        // The first non-empty line, tabs shown as \t.
        let ghc = try #require(loadError(Samples.path("other/ghc-prof/from-inferno/collapse-ghcprof__ticks.prof")))
        #expect(
            ghc.message.contains("its first line is \"Sun Aug  6 14:52 2023 Time and Allocatio…\""), "\(ghc.message)")
        // Text that only looks like JSON: how it starts, not "an object without keys".
        let broken = try #require(
            loadError(Samples.path("other/asv/from-asv/cheetah__aaaaaaaa-py2.7-Cython-numpy1.8.json")))
        #expect(
            broken.message.hasPrefix(
                "not valid JSON nor a dump format Hotpath recognizes (it starts with \"{ This file contains malformed JSON"
            ), "\(broken.message)")
        let instruments = try #require(
            loadError(
                Samples.path(
                    "other/instruments-deep-copy/from-speedscope/Instruments__13.4__cycles-example-deep-copy.txt")))
        #expect(
            instruments.message.contains(#"its first line is "Weight\tSelf Weight\t\tSymbol Name""#),
            "\(instruments.message)")
        let catch2 = try #require(
            loadError(Samples.path("other/bench-text/from-gh-action-benchmark/catch2_output_v2.txt")))
        #expect(!catch2.message.contains("\"\""), "\(catch2.message)")
    }

    @Test(
        arguments: [
            // A zip archive's local file header, as `zip` writes it (version 2.0, stored, a name).
            ([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x00, 0x00] + Array("trace.json".utf8), "a zip archive"),
            ([0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18), "a zip archive"),
            ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00, 0x00, 0x04, 0xE6, 0xD6, 0xB4, 0x46], "xz-compressed data"),
            ([0x28, 0xB5, 0x2F, 0xFD, 0x24, 0x00, 0x01, 0x00], "zstd-compressed data"),
        ] as [([UInt8], String)])
    func archivesAreNamed(_ bytes: [UInt8], _ name: String) throws {
        do {
            _ = try Ingestor().loadBytes(bytes, path: "results.json")
            Issue.record("\(name) was imported")
        } catch {
            #expect(error.kind == .unknownFormat)
            #expect(error.message.hasPrefix(name + ", not a dump format Hotpath reads"), "\(error.message)")
        }
    }

    @Test func quotingEscapesControlCharacters() {
        #expect(ContentSniff.quoted("a\tb\u{1B}[0m\"c\\") == #""a\tb\u{1B}[0m\"c\\""#)
        #expect(
            ContentSniff.quoted(String(repeating: "x", count: 41)) == "\"" + String(repeating: "x", count: 40) + "…\"")
        let text = Array("\n\n  \t\n  first line\nsecond".utf8)
        #expect(text.withUnsafeBytes { ContentSniff.opening(of: $0) } == "\"first line\"")
    }

    @Test func misleadingExtensionsDoNotMatter() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let cases: [(source: String, disguise: String, format: DumpFormat)] = [
            ("chrome-trace/from-speedscope/trace-event__simple.json", "profile.folded", .chromeTrace),
            ("collapsed/from-speedscope/stackcollapse__simple.txt", "trace.json", .collapsed),
            ("pyperf/from-pyperf/doc__py3.json.gz", "results.txt", .pyperf),
            ("hyperfine/generated/hyperfine-compressors.json", "bench.speedscope.json", .hyperfine),
            ("google-benchmark/from-gh-action-benchmark/googlecpp_output.json", "pytest.json", .googleBenchmark),
        ]
        for item in cases {
            let target = folder.file(item.disguise)
            try FileManager.default.copyItem(atPath: Samples.path(item.source), toPath: target)
            #expect(try load(target).format == item.format, "\(item.disguise)")
            try FileManager.default.removeItem(atPath: target)
        }
    }

    @Test func forcedFormatSkipsDetection() throws {
        // A Chrome trace read as collapsed stacks has no stack lines: the forced importer says so.
        let path = Samples.path("chrome-trace/from-speedscope/trace-event__simple.json")
        let error = try #require(loadError(path, options: IngestOptions(forcedFormat: .collapsed)))
        #expect(error.format == .collapsed)
        // Text that no importer recognizes still imports when forced.
        let dump = try Ingestor(options: IngestOptions(forcedFormat: .collapsed)).load(
            text: "only;one;line 3\n# and\n# comments\n# here\n")
        #expect(dump.format == .collapsed)
        #expect(dump.profile.stacks == [StackSample(frames: ["only", "one", "line"], weight: 3)])
    }

    @Test func aFolderOfMixedFormatsLoadsDespiteOneCorruptFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let sources = [
            "chrome-trace/from-viztracer/tests__data__fib.json",
            "speedscope/from-speedscope/speedscope__0.6.0__two-sampled.speedscope.json",
            "collapsed/from-speedscope/stackcollapse__simple.txt", "google-benchmark/from-gbenchmark/test2_run.json",
            "hyperfine/generated/hyperfine-compressors.json",
            "pytest-benchmark/from-gh-action-benchmark/pytest_output.json", "pyperf/from-pyperf/doc__py2.json.gz",
        ]
        for (index, source) in sources.enumerated() {
            try FileManager.default.copyItem(
                atPath: Samples.path(source), toPath: folder.file("\(index)-\(fileName(source))"))
        }
        let corrupt = MarkedText("{\"traceEvents\": [\n  {\"ph\": \"X\", \"ts\": 1, ⏏")
        _ = try folder.write("9-corrupt.json", corrupt.text)
        let outcome = Ingestor().load([folder.path])
        #expect(
            outcome.dumps.map(\.format) == [
                .chromeTrace, .speedscope, .collapsed, .googleBenchmark, .hyperfine, .pytestBenchmark, .pyperf,
            ])
        let error = try #require(outcome.errors.first)
        #expect(outcome.errors.count == 1)
        #expect(error.file.hasSuffix("9-corrupt.json"))
        #expect((error.line, error.column) == (corrupt.line, corrupt.column))
        #expect(error.description.contains("9-corrupt.json:\(corrupt.line):\(corrupt.column): error: chrome-trace: "))
    }
}
