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
    ]

    /// Files no importer can claim by content: empty ones.
    static let undetectable: Set<String> = [
        "collapse-perf__results__no-events-collapsed.txt", "flamegraph__empty__empty.txt",
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
        let others = Samples.files(in: "other")
        #expect(others.count >= 100)
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
