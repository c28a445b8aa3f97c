import ArgumentParser
import Foundation
import Testing
import _HotpathTestSupport

@testable import HotpathCommands

/// Google Benchmark's two clocks through `hotpath analyze`, on compare.py's own inputs: one
/// operation per benchmark with both measures, verdicts by the measure asked for.
@Suite struct BenchmarkMeasureCommandTests {
    static let samples = Samples.path("google-benchmark/from-gbenchmark")

    static func analyze(_ extra: [String] = []) async throws -> [String: Any] {
        let result = try await captureStandardOutput(
            ["analyze", Self.samples + "/test1_run2.json", "--baseline", Self.samples + "/test1_run1.json"] + extra)
        #expect(result.code == 0)
        return try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    }

    static func comparison(_ json: [String: Any], _ name: String) -> [String: Any]? {
        let comparison = json["comparison"] as? [String: Any]
        return (comparison?["operations"] as? [[String: Any]])?.first { $0["name"] as? String == name }
    }

    @Test func realTimeByDefaultWithBothMeasuresInTheJSON() async throws {
        let json = try await Self.analyze()
        let operations = try #require(json["operations"] as? [[String: Any]])
        let names = operations.compactMap { $0["name"] as? String }
        // 14 benchmarks (the BigO/RMS aggregates are not), no "(cpu)" twins.
        #expect(names.count == 14 && !names.contains { $0.hasSuffix("(cpu)") })
        let cpuToTime = try #require(operations.first { $0["name"] as? String == "BM_10PercentCPUToTime" })
        #expect(cpuToTime["measure"] as? String == "real_time")
        let measures = try #require(cpuToTime["measures"] as? [String: [String: Any]])
        #expect(measures["real_time"]?["mean"] as? Double == 110 && measures["cpu_time"]?["mean"] as? Double == 90)
        let compared = try #require(Self.comparison(json, "BM_10PercentCPUToTime"))
        #expect(compared["measure"] as? String == "real_time")
        #expect(abs((compared["mean_change"] as? Double ?? 0) - 0.1) < 1e-9)
        #expect((json["comparison"] as? [String: Any]).flatMap { $0["operations"] as? [Any] }?.count == 14)
    }

    @Test func cpuTimeWhenAsked() async throws {
        let json = try await Self.analyze(["--measure", "cpu-time"])
        let compared = try #require(Self.comparison(json, "BM_10PercentCPUToTime"))
        #expect(compared["measure"] as? String == "cpu_time")
        #expect(abs((compared["mean_change"] as? Double ?? 0) + 0.1) < 1e-9)
        // BM_NotBadTimeUnit: real time 0.4 s → 0.04 s, CPU time 0.5 s → 0.6 s.
        let unit = try #require(Self.comparison(json, "BM_NotBadTimeUnit"))
        #expect(abs((unit["mean_change"] as? Double ?? 0) - 0.2) < 1e-9)
    }

    /// The site and the Markdown show the other clock beside the one used, and a benchmark known
    /// by its aggregates alone shows "—" where the aggregates say nothing.
    @Test func pagesAndMarkdownShowBothClocks() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let code = await CommandRunner.run([
            "report", Self.samples + "/test1_run2.json", "--baseline", Self.samples + "/test1_run1.json", "--out",
            folder.file("site"), "--no-cache", "--quiet",
        ])
        #expect(code == 0)
        let markdown = try String(contentsOfFile: folder.file("site/report.md"), encoding: .utf8)
        #expect(markdown.contains("| BM\\_10PercentCPUToTime | 1 | 110 ns (CPU time 90.0 ns) |"), "\(markdown)")
        #expect(!markdown.contains("(cpu)"))
        let pages = try FileManager.default.subpathsOfDirectory(atPath: folder.file("site"))
        let page = try #require(pages.first { $0.contains("bm-10percentcputotime") })
        let html = try String(contentsOfFile: folder.file("site/" + page), encoding: .utf8)
        #expect(html.contains("Measured by real time"))
        #expect(html.contains("Beside it, CPU time of the same repetitions: mean 90.0 ns"))
        #expect(html.contains("By real time: <span class=\"verdict inconclusive\">"))

        let aggregates = Samples.packageRoot.appendingPathComponent(
            "Tests/HotpathIngestTests/Fixtures/google-benchmark-aggregates-only.json"
        ).path
        #expect(
            await CommandRunner.run(["report", aggregates, "--out", folder.file("aggregates"), "--no-cache", "--quiet"])
                == 0)
        let summaryOnly = try String(contentsOfFile: folder.file("aggregates/report.md"), encoding: .utf8)
        #expect(
            summaryOnly.contains("| BM\\_VectorPush | 3 | 593 ns (CPU time 588 ns) | 592 ns | — | — | — |"),
            "\(summaryOnly)")
    }

    @Test func helpExplainsTheMeasure() async throws {
        for command in ["analyze", "report", "check"] {
            let help = Hotpath.helpMessage(for: try #require(Hotpath.subcommand(named: command)))
            #expect(help.contains("--measure <name>"), "\(command)")
            #expect(help.contains("real-time or cpu-time"), "\(command)")
            #expect(help.contains("benchmark_measure"), "\(command)")
            #expect(help.contains("pprof sample type"), "\(command)")
        }
        // A measure the file does not have is an input error for that file, never ignored.
        #expect(await CommandRunner.run(["analyze", Self.samples + "/test1_run1.json", "--measure", "wall"]) == 3)
    }
}

extension Hotpath {
    static func subcommand(named name: String) -> ParsableCommand.Type? {
        configuration.subcommands.first { $0.configuration.commandName == name }
    }
}
