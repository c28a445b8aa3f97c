import Foundation
import HotpathModel
import Testing
import _HotpathTestSupport

@testable import HotpathIngest

/// The fast path (an event array read in chunks on several threads) must give exactly what the
/// one-thread read gives: the same profile, the same warnings at the same positions, the same
/// errors. Tiny chunks force many boundaries — including candidates that land inside strings,
/// which the reader must detect and recover from.
@Suite struct ParallelReadTests {
    static let traces =
        Samples.files(in: "chrome-trace")
        + [
            "clang-ftime-trace.json", "viztracer-workload.json", "chrome-conventions.json",
            "pytorch-profiler-shape.json",
        ].map(Fixtures.path)

    func load(_ path: String, parallel: Bool) -> Result<IngestedDump, IngestError> {
        var options = IngestOptions(forcedFormat: .chromeTrace)
        if parallel {
            options.parallelThresholdBytes = 0
            options.parallelChunkBytes = 256
        } else {
            options.parallelThresholdBytes = .max
        }
        do {
            return .success(try Ingestor(options: options).loadFile(path))
        } catch {
            return .failure(error)
        }
    }

    @Test(arguments: traces)
    func chunkedReadMatchesTheSequentialRead(_ path: String) throws {
        switch (load(path, parallel: false), load(path, parallel: true)) {
        case (.success(let sequential), .success(let chunked)):
            #expect(chunked.profile == sequential.profile)
            #expect(chunked.diagnostics == sequential.diagnostics)
        case (.failure(let sequential), .failure(let chunked)):
            #expect(chunked == sequential)
        case (let sequential, let chunked):
            Issue.record("sequential read gave \(sequential), chunked \(chunked)")
        }
    }

    @Test func chunkedReadMatchesOnAGeneratedTraceWithStringsThatLookLikeEvents() throws {
        // Names and args full of `,{` so that many candidate starts fall inside strings.
        var text = "{\"traceEvents\":[\n"
        for index in 0..<3_000 {
            if index > 0 { text += ",\n" }
            let name = index % 7 == 0 ? "tricky ,{\\\"ph\\\":\\\"X\\\"} name" : "op\(index % 13)"
            text +=
                #"{"name":"\#(name)","ph":"X","ts":\#(index * 10),"dur":\#(5 + index % 4),"pid":1,"tid":\#(index % 3),"args":{"note":",{ not an event","i":\#(index)}}"#
        }
        text += "\n],\"displayTimeUnit\":\"ms\"}"
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("tricky.json", text)
        guard case .success(let sequential) = load(path, parallel: false),
            case .success(let chunked) = load(path, parallel: true)
        else {
            Issue.record("a read failed")
            return
        }
        #expect(sequential.profile.spans.count == 3_000)
        #expect(chunked.profile == sequential.profile)
        // Truncated in the middle: the same positioned error either way.
        let truncated = try folder.write("truncated.json", String(text.prefix(text.count / 2)))
        guard case .failure(let one) = load(truncated, parallel: false),
            case .failure(let many) = load(truncated, parallel: true)
        else {
            Issue.record("a truncated trace was accepted")
            return
        }
        #expect(one == many)
    }

    /// Workers check their chunks for invalid UTF-8 and the check after the import skips them:
    /// the warning (count and first place) is the one-thread read's, wherever the bad bytes are.
    @Test func invalidUTF8IsReportedAsTheSequentialReadReportsIt() throws {
        let bad: [[UInt8]] = [[0xFF], [0xC0, 0xAF], [0xE2, 0x82], [0xED, 0xA0, 0x80]]
        var bytes = Array("{\"otherData\":{\"note\":\"".utf8) + bad[0] + Array("\"},\"traceEvents\":[\n".utf8)
        for index in 0..<2_000 {
            if index > 0 { bytes += Array(",\n".utf8) }
            bytes += Array(#"{"name":"op\#(index % 13)"#.utf8)
            if index % 97 == 0 { bytes += bad[index % bad.count] + Array("é🔥".utf8) }
            bytes += Array(#"","ph":"X","ts":\#(index * 10),"dur":5,"pid":1,"tid":1,"args":{"i":""#.utf8)
            if index % 89 == 0 { bytes += bad[(index / 89) % bad.count] }
            bytes += Array(#""}}"#.utf8)
        }
        bytes += Array("\n],\"displayTimeUnit\":\"ms\",\"tail\":\"".utf8) + bad[1] + Array("\"}".utf8)
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("invalid-utf8.json")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let sequential = try load(path, parallel: false).get()
        let chunked = try load(path, parallel: true).get()
        #expect(sequential.diagnostics.contains { $0.message.contains("invalid UTF-8") })
        #expect(chunked.diagnostics == sequential.diagnostics)
        #expect(chunked.profile == sequential.profile)
        // And the chunks were checked on the threads: the check after the import read only
        // what precedes the event array.
        var options = IngestOptions(forcedFormat: .chromeTrace)
        options.parallelThresholdBytes = 0
        options.parallelChunkBytes = 256
        let imported = try bytes.withUnsafeBytes { buffer in
            try ChromeTraceImporter().importDump(DumpInput(bytes: buffer, fileName: "t.json", options: options))
        }
        let firstEvent = try #require(bytes.firstIndex(of: UInt8(ascii: "["))) + 2  // after "[\n"
        #expect(imported.checkedUTF8?.range == firstEvent..<bytes.count)
    }
}
