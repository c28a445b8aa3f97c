import Foundation
import HotpathModel
import Testing
import _HotpathTestSupport

@testable import HotpathCommands

@Suite(.serialized) struct ReportCommandTests {
    @Test func demoWritesAValidatedSiteWithTheRegression() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = folder.file("site")
        #expect(await CommandRunner.run(["demo", "--out", out, "--quiet"]) == 0)
        let index = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        #expect(index.contains("2 regressions, 0 improvements vs nightly-2026-11-25"))
        #expect(index.contains("Regression in render_template"))
        #expect(index.contains("Critical recommendations"))
        let markdown = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        #expect(markdown.contains("| render_template | regression |") || markdown.contains("render\\_template"))
        #expect(await CommandRunner.run(["validate", out]) == 0)
        // Operation pages exist for the newest run.
        let files = try FileManager.default.subpathsOfDirectory(atPath: out)
        #expect(files.contains { $0.hasPrefix("runs/") && $0.contains("/operations/render-template-") })
        #expect(files.contains { $0.hasSuffix("flamegraph.html") })
    }

    /// A thousand operations, every other one 1.3× slower than the baseline: changes past the
    /// 500 largest once failed the index with "'row.href' is null".
    @Test func changesPastTheFiveHundredLargestOperationsAreLinkedAndValid() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        func trace(slower: Double) -> String {
            var events: [String] = []
            var start = 0.0
            for index in 0..<1_000 {
                for sample in 0..<10 {
                    let duration = (Double((1_000 - index) * 10 + sample)) * (index % 2 == 1 ? slower : 1)
                    events.append(
                        #"{"name":"op_\#(index)","ph":"X","ts":\#(start),"dur":\#(duration),"pid":1,"tid":1}"#)
                    start += duration + 1
                }
            }
            return #"{"traceEvents":["# + events.joined(separator: ",") + "]}"
        }
        let current = try folder.write("current.json", trace(slower: 1.3))
        let baseline = try folder.write("base.json", trace(slower: 1))
        let out = folder.file("site")
        #expect(
            await CommandRunner.run(["report", current, "--baseline", baseline, "--out", out, "--no-cache", "--quiet"])
                == 0)
        let index = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        #expect(index.contains(">op_901</a>: mean +30.0%"))
        #expect(await CommandRunner.run(["validate", out]) == 0)
    }

    @Test func demoIsDeterministic() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(await CommandRunner.run(["demo", "--out", folder.file("a"), "--quiet", "--no-self-profile"]) == 0)
        #expect(await CommandRunner.run(["demo", "--out", folder.file("b"), "--quiet", "--no-self-profile"]) == 0)
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder.file("a")).sorted()
        for file in files where !file.hasSuffix("/") {
            let a = FileManager.default.contents(atPath: folder.file("a/" + file))
            let b = FileManager.default.contents(atPath: folder.file("b/" + file))
            #expect(a == b, "\(file) differs between runs")
        }
    }

    @Test func analyzeGivesThePageNumbersAndIsByteIdentical() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let dump = folder.file("nested.json")
        try JSONEncoder().encode(ExampleProfiles.nested()).write(to: URL(fileURLWithPath: dump))
        let first = try await captureStandardOutput(["analyze", dump])
        let second = try await captureStandardOutput(["analyze", dump])
        #expect(first.code == 0 && first.output == second.output)
        let json = try JSONSerialization.jsonObject(with: Data(first.output.utf8)) as? [String: Any]
        let operations = json?["operations"] as? [[String: Any]]
        let render = operations?.first { $0["name"] as? String == "render" }
        #expect(render?["share"] as? Double == 0.5)
        #expect(render?["self_total"] as? Double == 40e6)
    }

    @Test func badInputIsReportedAndTheRestGoesThrough() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.file("in"), withIntermediateDirectories: true)
        try JSONEncoder().encode(ExampleProfiles.nested()).write(to: URL(fileURLWithPath: folder.file("in/good.json")))
        _ = try folder.write("in/bad.json", #"{"format": "hotpath-profile", "version": 1, "run": "#)
        let out = folder.file("site")
        #expect(await CommandRunner.run(["report", folder.file("in"), "--out", out, "--quiet", "--no-cache"]) == 3)
        let index = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        #expect(index.contains("bad.json"))
        // Nothing readable at all: nothing written, same exit code.
        #expect(
            await CommandRunner.run([
                "report", folder.file("in/bad.json"), "--out", folder.file("none"), "--quiet", "--no-cache",
            ]) == 3)
        #expect(!FileManager.default.fileExists(atPath: folder.file("none")))
    }

    @Test func summaryOnlyBenchmarksShowTheirRoundsAndNoTail() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let sample = Samples.path(
            "pytest-benchmark/from-pytest-benchmark/0001_b87b9aae14ff14a7887a6bbaa9731b9a8760555d_20150814_190343_uncommitted-changes.json"
        )
        let out = folder.file("site")
        #expect(await CommandRunner.run(["report", sample, "--out", out, "--quiet", "--no-cache"]) == 0)
        // The file says rounds 9987, mean 262 ns; it says nothing about p95 or p99.
        let markdown = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        #expect(markdown.contains("| 9,987 | 262 ns | 220 ns | — | — |"), "\(markdown)")
        let runPage = try #require(
            FileManager.default.subpathsOfDirectory(atPath: out + "/runs").first { $0.hasSuffix("/index.html") })
        let html = try String(contentsOfFile: out + "/runs/" + runPage, encoding: .utf8)
        // Mean, min, p50, p95 (unknown: no number to sort by), p99 (unknown), max, each cell
        // carrying its number in nanoseconds for sorting.
        #expect(
            html.contains(
                #"<td data-sort="262.241">262 ns</td><td class="secondary" data-sort="217.315">217 ns</td><td data-sort="220.166">220 ns</td><td data-sort="">—</td><td class="secondary" data-sort="">—</td><td data-sort="11447.4">11.4 µs</td>"#
            ))
    }

    @Test func usageErrorsExitWith64() async {
        #expect(await CommandRunner.run(["report"]) == 64)
        #expect(await CommandRunner.run(["analyze", "x.json", "--format", "nope"]) == 64)
    }
}

/// Runs `body` with standard output redirected to a pipe and returns what it printed.
/// Runs a command in-process and returns what it printed on standard output; no other command
/// runs meanwhile (`StandardOutputGate`). The output must fit the pipe's buffer (64 KiB).
func captureStandardOutput(_ arguments: [String]) async throws -> (code: Int32, output: String) {
    try await StandardOutputGate.shared.exclusive { try await captureUngated(arguments) }
}

private func captureUngated(_ arguments: [String]) async throws -> (code: Int32, output: String) {
    let pipe = Pipe()
    let saved = dup(STDOUT_FILENO)
    fflush(nil)
    dup2(pipe.fileHandleForWriting.fileDescriptor, STDOUT_FILENO)
    let code = await CommandRunner.runUngated(arguments)
    fflush(nil)
    dup2(saved, STDOUT_FILENO)
    close(saved)
    try pipe.fileHandleForWriting.close()
    let data = try pipe.fileHandleForReading.readToEnd() ?? Data()
    return (code, String(decoding: data, as: UTF8.self))
}
