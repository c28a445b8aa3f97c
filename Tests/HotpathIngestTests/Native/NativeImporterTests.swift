import Foundation
import HotpathIngest
import HotpathModel
import Testing
import _HotpathTestSupport

@Suite struct NativeImporterTests {
    @Test func roundTripsThroughTheScanner() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let profile = ExampleProfiles.nested()
        let path = folder.file("run.json")
        try JSONEncoder().encode(profile).write(to: URL(fileURLWithPath: path))
        let dump = try Ingestor().loadFile(path)
        #expect(dump.format == .native)
        #expect(dump.profile == profile)
    }

    @Test func summaryStatisticsRoundTrip() throws {
        let summary = SummaryStatistics(
            count: 9987, mean: 262.24, stddev: 214.04, min: 217.3, max: 11447.4, median: 220.2)
        let profile = Profile(
            run: ExampleProfiles.run(),
            operations: [
                ProfileResult(name: "xfast", samples: [217.3, 220.2, 11447.4], summaryOnly: true, summary: summary)
            ])
        let text = String(decoding: try JSONEncoder().encode(profile), as: UTF8.self)
        let dump = try Ingestor().load(text: text, name: "run.json")
        #expect(dump.profile == profile)
        #expect(dump.profile.operations.first?.summary?.q1 == nil)
    }

    @Test func negativeSummaryStatisticsAreRefused() throws {
        let json =
            #"{"format":"hotpath-profile","version":1,"run":{"workflow":"w","run_id":"r"},"operations":[{"name":"a","samples":[1],"summary":{"count":3,"mean":-1,"stddev":0}}]}"#
        let error = try error(for: json)
        #expect(error.message.contains("summary statistics must be finite and not negative"), "\(error.message)")
    }

    func error(for json: String) throws -> IngestError {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("bad.json", json)
        do {
            _ = try Ingestor().loadFile(path)
        } catch {
            return error
        }
        Issue.record("expected an error")
        return IngestError(.syntax, file: path, message: "")
    }

    @Test func syntaxErrorsArePositioned() throws {
        let error = try error(
            for:
                "{\n  \"format\": \"hotpath-profile\",\n  \"version\": 1,\n  \"run\": {\"workflow\": \"w\" \"run_id\": \"r\"}\n}"
        )
        #expect(error.kind == .syntax)
        #expect(error.line == 4 && error.column == 27)
        #expect(
            error.description.hasSuffix(":4:27: error: hotpath: expected ',' or '}' after an object member, found '\"'")
        )
    }

    @Test func missingFieldsNameTheirPath() throws {
        let error = try error(for: #"{"format": "hotpath-profile", "version": 1, "run": {"workflow": "w"}}"#)
        #expect(error.kind == .invalidContent)
        #expect(error.message.contains("run: missing required field \"run_id\""))
        #expect(error.line == 1 && error.column == 52)
    }

    @Test func wrongTypesNameTheirPath() throws {
        let json = """
            {"format": "hotpath-profile", "version": 1, "run": {"workflow": "w", "run_id": "r"},
             "operations": [{"name": "a", "samples": [1, "two"]}]}
            """
        let error = try error(for: json)
        #expect(error.message.contains("operations[0].samples[1]: expected a number, found a string"))
        #expect(error.line == 2 && error.column == 46)
    }

    @Test func semanticRulesAreChecked() throws {
        let negative = try error(
            for:
                #"{"format":"hotpath-profile","version":1,"run":{"workflow":"w","run_id":"r"},"operations":[{"name":"a","samples":[1,-2]}]}"#
        )
        #expect(negative.message.contains("operations[0].samples[1]: samples must be finite and not negative"))
        let orphan = try error(
            for:
                #"{"format":"hotpath-profile","version":1,"run":{"workflow":"w","run_id":"r"},"spans":[{"id":1,"name":"a","start_ns":0,"duration_ns":1,"parent":9}]}"#
        )
        #expect(orphan.message.contains("spans[0].parent: parent 9 is not the id of any span"))
        let nan = try error(
            for:
                #"{"format":"hotpath-profile","version":1,"run":{"workflow":"w","run_id":"r"},"operations":[{"name":"a","samples":[NaN]}]}"#
        )
        #expect(nan.message.contains("finite"))
    }

    @Test func unknownContentSaysWhatWasExpected() throws {
        let error = try error(for: "hello, world\n")
        #expect(error.kind == .unknownFormat)
        #expect(error.message.contains("not a dump format Hotpath recognizes"))
        let empty = try self.error(for: "  \n")
        #expect(empty.message == "the file is empty")
    }

    @Test func aFolderKeepsGoingPastABadFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try JSONEncoder().encode(ExampleProfiles.nested()).write(to: URL(fileURLWithPath: folder.file("a.json")))
        _ = try folder.write("b.json", "{broken")
        try JSONEncoder().encode(ExampleProfiles.nested()).write(to: URL(fileURLWithPath: folder.file("c.json")))
        let outcome = Ingestor().load([folder.path])
        #expect(outcome.dumps.map { ($0.path as NSString).lastPathComponent } == ["a.json", "c.json"])
        #expect(outcome.errors.count == 1)
        #expect(outcome.errors.first?.file.hasSuffix("b.json") == true)
    }

    @Test func gzipAndUTF16InputsAreDecoded() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let json = String(decoding: try JSONEncoder().encode(ExampleProfiles.nested()), as: UTF8.self)
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in json.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        try Data(utf16).write(to: URL(fileURLWithPath: folder.file("utf16.json")))
        #expect(try Ingestor().loadFile(folder.file("utf16.json")).profile == ExampleProfiles.nested())
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        let plain = try folder.write("plain.json", json)
        gzip.arguments = ["-c", "gzip -c '\(plain)' > '\(folder.file("packed.json.gz"))'"]
        try gzip.run()
        gzip.waitUntilExit()
        #expect(try Ingestor().loadFile(folder.file("packed.json.gz")).profile == ExampleProfiles.nested())
        var truncated = try Data(contentsOf: URL(fileURLWithPath: folder.file("packed.json.gz")))
        truncated.removeLast(truncated.count / 2)
        try truncated.write(to: URL(fileURLWithPath: folder.file("truncated.json.gz")))
        #expect(throws: IngestError.self) { try Ingestor().loadFile(folder.file("truncated.json.gz")) }
    }

    /// Spans and samples are read straight from the bytes; every shape must give what the
    /// model's decoder gives: nulls, unknown keys, `args`, whole numbers written as decimals,
    /// keys in any order, an operation with extra fields.
    @Test func theFastPathReadsWhatTheDecoderReads() throws {
        let json = """
            {"spans": [
               {"name": "a", "id": 1, "start_ns": 0, "duration_ns": 10.5, "thread": null, "parent": null, "color": "red"},
               {"id": 2.0, "name": "b\\u00e9", "start_ns": 1e3, "duration_ns": 2, "thread": "t", "parent": 1},
               {"id": 3, "name": "c", "start_ns": 2, "duration_ns": 1, "parent": 1, "args": {"k": "v"}}],
             "format": "hotpath-profile", "version": 1, "run": {"workflow": "w", "run_id": "r"},
             "operations": [{"group": "g", "name": "x", "metric": "memory", "samples": [1, 2.5, 3e2], "note": [1, {"a": 2}]},
                            {"name": "y", "samples": []}]}
            """
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("run.json", json)
        let dump = try Ingestor().loadFile(path)
        let decoded = try JSONDecoder().decode(Profile.self, from: Data(json.utf8))
        #expect(dump.profile == decoded)
        #expect(dump.profile.spans.map(\.name) == ["a", "bé", "c"])
        #expect(dump.profile.spans[2].args == ["k": "v"])
        #expect(dump.profile.operations[0].samples == [1, 2.5, 300] && dump.profile.operations[0].metric == .memory)
    }

    @Test func wrongTypesInSpansNameTheirPath() throws {
        let json =
            #"{"format":"hotpath-profile","version":1,"run":{"workflow":"w","run_id":"r"},"spans":[{"id":1,"name":"a","start_ns":0,"duration_ns":1},{"id":2,"name":"b","start_ns":"0","duration_ns":1}]}"#
        let error = try error(for: json)
        #expect(error.kind == .invalidContent)
        #expect(error.message.contains("spans[1].start_ns: expected a number, found a string"), "\(error.message)")
        let missing = try self.error(
            for:
                #"{"format":"hotpath-profile","version":1,"run":{"workflow":"w","run_id":"r"},"spans":[{"id":1,"start_ns":0,"duration_ns":1}]}"#
        )
        #expect(missing.message.contains("spans[0]: missing required field \"name\""), "\(missing.message)")
        let fraction = try self.error(
            for:
                #"{"format":"hotpath-profile","version":1,"run":{"workflow":"w","run_id":"r"},"spans":[{"id":1.5,"name":"a","start_ns":0,"duration_ns":1}]}"#
        )
        #expect(fraction.message.contains("spans[0].id: expected an integer"), "\(fraction.message)")
    }
}
