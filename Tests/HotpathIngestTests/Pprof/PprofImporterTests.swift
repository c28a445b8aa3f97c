import Foundation
import HotpathModel
import Testing
import _HotpathTestSupport

@testable import HotpathIngest

/// What `Fixtures/oracles/pprof_oracle.py` counted in each vendored profile.proto.
struct PprofOracle: Decodable {
    struct Frame: Decodable {
        var frame: String
        var weight: Double
    }
    var samples: Int
    // swift-format-ignore: AlwaysUseLowerCamelCase
    var sample_types: [String]
    var measure: String
    var totals: [Double]
    var total: Double
    // swift-format-ignore: AlwaysUseLowerCamelCase
    var top_self: [Frame]

    static let folder = "pprof"

    static let all: [String: PprofOracle] = {
        let url = URL(fileURLWithPath: Fixtures.path("oracles/pprof-oracle.json"))
        guard let data = try? Data(contentsOf: url) else { return [:] }
        return (try? JSONDecoder().decode([String: PprofOracle].self, from: data)) ?? [:]
    }()
}

@Suite struct PprofImporterTests {
    static let fixtureNames = sampleNames(PprofOracle.folder).filter { !$0.hasPrefix("legacy/") }
    static let legacyNames = sampleNames(PprofOracle.folder).filter { $0.hasPrefix("legacy/") }

    @Test func theOracleCoversEveryFixture() {
        #expect(Self.fixtureNames.count >= 5)
        #expect(Set(Self.fixtureNames) == Set(PprofOracle.all.keys))
    }

    @Test(arguments: fixtureNames)
    func everyFixtureAgreesWithTheOracle(_ name: String) throws {
        let oracle = try #require(PprofOracle.all[name])
        let dump = try load(Samples.path(PprofOracle.folder + "/" + name))
        #expect(dump.format == .pprof)
        let labels = dump.profile.run.labels
        #expect(labels["pprof.samples"] == String(oracle.samples))
        #expect(labels["pprof.sample_types"] == oracle.sample_types.joined(separator: ", "))
        #expect(labels["pprof.measure"] == oracle.measure)
        for (type, total) in zip(oracle.sample_types, oracle.totals) {
            let key = "pprof.\(type.split(separator: "/").first ?? "").total"
            #expect(Double(labels[key] ?? "") == total, "\(key)")
        }
        let unit = oracle.measure.split(separator: "/").last.map(String.init)
        #expect(
            dump.profile.stackWeightUnit == (unit == "nanoseconds" ? .nanoseconds : unit == "bytes" ? .bytes : .samples)
        )
        #expect(abs(dump.profile.stacks.weights.reduce(0, +) - oracle.total) < 1)
        let top = topSelfWeights(dump.profile.stacks)
        #expect(top.map(\.0) == oracle.top_self.map(\.frame))
        for (found, expected) in zip(top, oracle.top_self) { #expect(abs(found.1 - expected.weight) < 1, "\(found.0)") }
    }

    @Test func measureOptionPicksAnotherSampleType() throws {
        let path = Samples.path("pprof/from-pprof/internal__report__testdata__sample.cpu")
        let oracle = try #require(PprofOracle.all["from-pprof/internal__report__testdata__sample.cpu"])
        var options = IngestOptions()
        options.sampleType = "samples"
        let dump = try load(path, options: options)
        #expect(dump.profile.stackWeightUnit == .samples)
        #expect(dump.profile.run.labels["pprof.measure"] == "samples/count")
        #expect(dump.profile.stacks.weights.reduce(0, +) == oracle.totals[0])
        // `cpu-time` (the benchmark clock's name) picks the cpu sample type; `real-time` the default.
        options.sampleType = "cpu-time"
        #expect(try load(path, options: options).profile.run.labels["pprof.measure"] == "cpu/nanoseconds")
        options.sampleType = "real-time"
        #expect(try load(path, options: options).profile.run.labels["pprof.measure"] == "cpu/nanoseconds")
    }

    @Test func aSampleTypeTheProfileLacksIsAnErrorNamingThoseItHas() throws {
        var options = IngestOptions()
        options.sampleType = "alloc_space"
        let error = try #require(
            loadError(Samples.path("pprof/from-pprof/internal__report__testdata__sample.cpu"), options: options))
        #expect(error.kind == .invalidContent)
        #expect(error.format == .pprof)
        #expect(error.message.contains("--measure alloc_space"))
        #expect(error.message.contains("samples/count, cpu/nanoseconds"))
    }

    @Test func heapProfilesWeighBytesAndTheDefaultSampleTypeWins() throws {
        var profile = ProfileProtoBuilder()
        profile.sampleType("alloc_space", "bytes")
        profile.sampleType("inuse_space", "bytes")
        profile.sampleType("alloc_objects", "count")
        profile.defaultSampleType("alloc_space")
        profile.sample([1], [4096, 1024, 2])
        profile.location(1, lines: [(1, 12)])
        profile.function(1, "main.alloc", file: "main.go", startLine: 10)
        let dump = try Ingestor().load(bytes: profile.bytes, name: "heap.pb")
        #expect(dump.format == .pprof)
        #expect(dump.profile.stackWeightUnit == .bytes)
        #expect(dump.profile.stacks.map(\.weight) == [4096])
        #expect(dump.profile.run.labels["pprof.inuse_space.total"] == "1024")
        #expect(dump.hasWarning(containing: "the stacks weigh alloc_space/bytes (the profile's default"))
    }

    @Test func inlinedLinesAreFramesAndFunctionsKeepTheirFileAndLine() throws {
        var profile = ProfileProtoBuilder()
        profile.sampleType("cpu", "nanoseconds")
        profile.sample([1, 2], [10_000_000])
        profile.sample([2], [5_000_000])
        // Location 1 holds `inner` inlined into `outer`, innermost first.
        profile.location(1, lines: [(3, 40), (2, 21)])
        profile.location(2, lines: [(1, 7)])
        profile.function(1, "main.main", file: "/src/app/main.go", startLine: 5)
        profile.function(2, "main.outer", file: "/src/app/work.go", startLine: 20)
        profile.function(3, "main.inner", file: "/src/app/work.go")
        let dump = try Ingestor().load(bytes: profile.bytes, name: "cpu.pb")
        #expect(dump.profile.stacks.map(\.frames) == [["main.main", "main.outer", "main.inner"], ["main.main"]])
        #expect(dump.profile.stacks.map(\.weight) == [10_000_000, 5_000_000])
        #expect(dump.diagnostics.isEmpty)
        #expect(dump.profile.stackWeightUnit == .nanoseconds)
        #expect(dump.profile.locations["main.outer"] == CodeLocation(file: "/src/app/work.go", line: 20))
        // No start line: the line of its first appearance.
        #expect(dump.profile.locations["main.inner"] == CodeLocation(file: "/src/app/work.go", line: 40))
    }

    @Test func threadLabelsNameTheStacksThreadsAndOtherLabelsAreListed() throws {
        var profile = ProfileProtoBuilder()
        profile.sampleType("samples", "count")
        profile.sample([1], [3], labels: [("thread", "worker-1"), ("request", "a")])
        profile.sample([1], [2], labels: [("thread", "worker-2")])
        profile.location(1, lines: [(1, 1)])
        profile.function(1, "run")
        let dump = try Ingestor().load(bytes: profile.bytes, name: "threads.pb")
        #expect(dump.profile.stacks.map(\.thread) == ["worker-1", "worker-2"])
        #expect(dump.profile.stacks.map(\.frames) == [["run"], ["run"]])
        #expect(dump.profile.run.labels["pprof.labels"] == "request (1 sample), thread (2 samples)")
    }

    @Test func negativeValuesAreLeftOutWithAWarning() throws {
        var profile = ProfileProtoBuilder()
        profile.sampleType("cpu", "nanoseconds")
        profile.sample([1], [-5])
        profile.sample([1], [7])
        profile.location(1, lines: [(1, 1)])
        profile.function(1, "f")
        let dump = try Ingestor().load(bytes: profile.bytes, name: "diff.pb")
        #expect(dump.profile.stacks.map(\.weight) == [7])
        #expect(dump.hasWarning(containing: "1 sample with a negative cpu/nanoseconds"))
        #expect(dump.diagnostics.contains { $0.message.contains("(at byte ") && $0.line == nil })
    }

    @Test func aTruncatedProfileIsAnErrorAtAByteOffset() throws {
        let bytes = try Array(
            Data(
                contentsOf: URL(
                    fileURLWithPath: Samples.path("pprof/from-pprof/internal__report__testdata__sample.cpu"))))
        let raw = try InputDecoding.gunzip(bytes, maximumBytes: 1 << 30)
        for cut in [raw.count / 2, raw.count - 3] {
            let error = try #require(loadError(bytes: Array(raw.prefix(cut)), name: "cut.pb"))
            #expect(error.format == .pprof, "\(error)")
            #expect(error.kind == .syntax || error.kind == .invalidContent, "\(error)")
            #expect(error.line == nil && error.column == nil)
            let offset = try #require(error.message.firstMatch(of: /at byte (\d+)\)/).map { Int($0.1) ?? -1 })
            #expect(offset >= 0 && offset <= cut)
        }
        // A truncated .pb.gz says so, at the byte of the file where it ends, and still names the format.
        let cut = bytes.count * 2 / 3
        let error = try #require(loadError(bytes: Array(bytes.prefix(cut)), name: "cut.pb.gz"))
        #expect(error.message.contains("gzip data ends early (truncated file?) at byte \(cut) of the file"), "\(error)")
        #expect(error.format == .pprof)
    }

    @Test func corruptGzipIsAnErrorAtTheByteOfTheFileWhereInflatingStopped() throws {
        var bytes = try Array(
            Data(
                contentsOf: URL(
                    fileURLWithPath: Samples.path("pprof/from-pprof/internal__report__testdata__sample.cpu"))))
        // Past the 10-byte gzip header: a block type of 3 (reserved) breaks the deflate stream there.
        bytes[10] |= 0x06
        let error = try #require(loadError(bytes: bytes, name: "corrupt.pb.gz"))
        #expect(error.kind == .syntax)
        let offset = try #require(
            error.message.firstMatch(of: #/corrupt gzip data at byte (\d+) of the file: /#).map { Int($0.1) ?? -1 })
        #expect(offset >= 10 && offset <= bytes.count, "\(error)")
        #expect(error.line == nil && error.column == nil)
    }

    /// A profile with every kind of field: two sample types, labels, inlined lines, functions with files.
    static var smallProfile: [UInt8] {
        var profile = ProfileProtoBuilder()
        profile.sampleType("samples", "count")
        profile.sampleType("cpu", "nanoseconds")
        profile.sample([2, 1], [1, 10_000_000], labels: [("thread", "main")])
        profile.sample([1], [2, 20_000_000])
        profile.location(1, lines: [(1, 3)])
        profile.location(2, lines: [(3, 9), (2, 5)])
        profile.function(1, "main", file: "main.go", startLine: 1)
        profile.function(2, "outer", file: "main.go", startLine: 4)
        profile.function(3, "inner", file: "main.go", startLine: 8)
        return profile.bytes
    }

    @Test func truncatedAtEveryByteIsAnErrorInsideTheInput() throws {
        let bytes = Self.smallProfile
        #expect(try Ingestor().load(bytes: bytes, name: "whole.pb").profile.stacks.count == 2)
        for cut in 1..<bytes.count {
            let prefix = Array(bytes.prefix(cut))
            let result = prefix.withUnsafeBytes { raw in
                Result { () throws(ImportFailure) in
                    try PprofImporter().importDump(DumpInput(bytes: raw, fileName: "cut.pb", options: IngestOptions()))
                }
            }
            // A cut between top-level fields can leave a valid smaller profile; else a positioned error.
            if case .failure(let error) = result {
                #expect(!error.message.isEmpty)
                #expect((error.offset ?? 0) >= 0 && (error.offset ?? 0) <= cut, "cut at \(cut): \(error.message)")
            }
        }
    }

    @Test func samplesCountAgainstTheEventLimit() throws {
        var options = IngestOptions()
        options.maximumEvents = 1
        let error = try #require(loadError(bytes: Self.smallProfile, name: "limit.pb", options: options))
        #expect(error.kind == .limitExceeded)
        #expect(error.message.contains("--max-events"))
    }

    @Test func aSampleOfAnUndefinedLocationIsAnErrorAtItsBytes() throws {
        var profile = ProfileProtoBuilder()
        profile.sampleType("cpu", "nanoseconds")
        let sampleStart = profile.fields.count
        profile.sample([9], [1])
        profile.location(1, lines: [(1, 1)])
        profile.function(1, "f")
        let error = try #require(loadError(bytes: profile.bytes, name: "bad.pb"))
        #expect(error.kind == .invalidContent)
        #expect(error.message.contains("location 9, which the profile does not define"))
        // The sample's location_id field: after the sample's own key and length.
        #expect(error.message.hasSuffix("(at byte \(sampleStart + 2))"))
    }

    @Test func aSampleWithTooFewValuesIsAnError() throws {
        var profile = ProfileProtoBuilder()
        profile.sampleType("samples", "count")
        profile.sampleType("cpu", "nanoseconds")
        profile.sample([1], [1])
        profile.location(1, lines: [(1, 1)])
        profile.function(1, "f")
        let error = try #require(loadError(bytes: profile.bytes, name: "bad.pb"))
        #expect(error.message.contains("a sample has 1 value but the profile declares 2 sample types"))
    }

    @Test(arguments: legacyNames)
    func legacyProfilesAreRefusedByName(_ name: String) throws {
        let error = try #require(loadError(Samples.path(PprofOracle.folder + "/" + name)))
        #expect(error.kind == .unknownFormat)
        #expect(error.format == .pprof)
        #expect(error.message.contains("legacy"))
        #expect(
            error.message.contains(name.hasSuffix(".cpu") ? "binary CPU profile" : "profile (pprof's format before"))
        #expect(error.message.contains("pprof -proto"))
    }

    @Test func textAndJSONAreNotProfileProto() {
        for text in ["\n\nmain;work 12\n", #"{"nodes":[]}"#, "a;b 1\n", "\u{0A}\u{08}hello"] {
            let sniff = Array(text.utf8).withUnsafeBytes { ContentSniff(bytes: $0) }
            #expect(!PprofImporter().recognizes(sniff), "\(text)")
        }
    }

    @Test func oneBadProfileDoesNotStopTheOthers() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pprof-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = Samples.path("pprof/from-speedscope/pprof__simple.prof")
        try FileManager.default.copyItem(atPath: good, toPath: folder.appendingPathComponent("a.prof").path)
        try Data([0x0A, 0x7F, 0x08]).write(to: folder.appendingPathComponent("b.pb"))
        let outcome = Ingestor().load([folder.path])
        #expect(outcome.dumps.map(\.format) == [.pprof])
        #expect(outcome.errors.count == 1)
    }
}

extension Ingestor {
    /// Imports in-memory bytes as if they were the file `name`.
    func load(bytes: [UInt8], name: String) throws(IngestError) -> IngestedDump {
        try loadBytes(bytes, path: name)
    }
}

func loadError(bytes: [UInt8], name: String, options: IngestOptions = IngestOptions()) -> IngestError? {
    do {
        _ = try Ingestor(options: options).loadBytes(bytes, path: name)
        return nil
    } catch {
        return error
    }
}
