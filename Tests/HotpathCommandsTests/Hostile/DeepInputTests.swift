import Foundation
import HotpathIngest
import HotpathReport
import Testing
import _HotpathTestSupport

@testable import HotpathCommands

/// Call trees 100,000 levels deep — a stack line of 100,000 frames, spans each inside the last,
/// trace begins never ended — through `hotpath report` and `hotpath analyze`: the JSON stays
/// flat enough to parse, but the tree built from it once overflowed the stack (JSONEncoder and
/// freeing a nested value both recurse). The tree folds past 200 levels, with a warning.
@Suite(.serialized, .timeLimit(.minutes(10))) struct DeepInputTests {
    static let depth = 100_000

    static let dumps: [(name: String, format: String, text: @Sendable () -> String)] = [
        ("deep.folded", "collapsed", { (0..<depth).map { "f\($0 % 1000)" }.joined(separator: ";") + " 1\n" }),
        (
            "deep-spans.json", "hotpath",
            {
                let spans = (0..<depth).map { index in
                    #"{"id":\#(index),"name":"s\#(index % 1000)","start_ns":\#(index),"duration_ns":\#(2 * (depth - index))\#(index == 0 ? "" : #","parent":\#(index - 1)"#)}"#
                }
                return
                    #"{"format":"hotpath-profile","version":1,"run":{"workflow":"w","run_id":"deep"},"spans":[\#(spans.joined(separator: ","))]}"#
            }
        ),
        (
            "deep-trace.json", "chrome-trace",
            {
                let begins = (0..<depth).map { #"{"name":"b\#($0 % 1000)","ph":"B","ts":\#($0),"pid":1,"tid":1}"# }
                return "[" + begins.joined(separator: ",") + "]"
            }
        ),
        (
            "deep.speedscope.json", "speedscope",
            {
                let frames = (0..<1000).map { #"{"name":"f\#($0)"}"# }.joined(separator: ",")
                let events = (0..<depth).map { #"{"type":"O","frame":\#($0 % 1000),"at":\#($0)}"# }.joined(
                    separator: ",")
                return
                    #"{"$schema":"https://www.speedscope.app/file-format-schema.json","shared":{"frames":[\#(frames)]},"profiles":[{"type":"evented","name":"t","unit":"nanoseconds","startValue":0,"endValue":\#(depth),"events":[\#(events)]}]}"#
            }
        ),
    ]

    @Test(arguments: dumps.indices) func deepTreesReportAndAnalyze(_ index: Int) async throws {
        let dump = Self.dumps[index]
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write(dump.name, dump.text())
        let out = folder.file("site")
        // With a cache of its own: the analysis is encoded there too.
        #expect(
            await CommandRunner.run([
                "report", path, "--format", dump.format, "--out", out, "--cache", folder.file("cache"), "--quiet",
            ]) == 0)
        #expect(await CommandRunner.run(["validate", out]) == 0)
        let run = try FileManager.default.subpathsOfDirectory(atPath: out).first {
            $0.hasPrefix("runs/") && $0.hasSuffix("/index.html")
        }
        let page = try String(contentsOfFile: out + "/" + (try #require(run)), encoding: .utf8)
        #expect(page.contains("deeper than 200"), "\(dump.name)")
        // What `hotpath analyze` prints (not captured from standard output, which other suites
        // share): the same report, encoded the same way.
        let format = try #require(DumpFormat(rawValue: dump.format))
        let loaded = try Ingestor(options: IngestOptions(forcedFormat: format)).loadFile(path)
        let json = try AnalysisJSON.encode(
            AnalyzedRun(dump: loaded, configuration: .init()).report(comparedWith: nil, configuration: .init()))
        #expect(try JSONSerialization.jsonObject(with: json) is [String: Any])
    }
}
