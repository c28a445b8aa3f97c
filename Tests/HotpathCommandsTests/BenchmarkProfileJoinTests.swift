import Foundation
import HotpathModel
import Testing
import _HotpathTestSupport

/// Issue 20, item 3: a benchmark suite and a profile of the same run, side by side in a run
/// folder; the benchmark's regression is attributed with the profile pair, and the user reads it
/// on the benchmark's page, the run page, in report.md and in the analysis JSON.
@Suite struct BenchmarkProfileJoinTests {
    /// Google Benchmark JSON: `BM_sort/1024` (mean `sortNs`) and `BM_hash/64` (mean 500 ns),
    /// 20 repetitions each with 3% noise.
    static func benchmark(date: String, sortNs: Double, seed: UInt64) -> String {
        var generator = SeededGenerator(seed: seed)
        var entries: [String] = []
        for (name, mean) in [("BM_sort/1024", sortNs), ("BM_hash/64", 500.0)] {
            for repetition in 0..<20 {
                let time = generator.logNormal(median: mean, sigma: 0.03)
                entries.append(
                    #"{"name": "\#(name)", "run_name": "\#(name)", "run_type": "iteration", "repetitions": 20, "repetition_index": \#(repetition), "threads": 1, "iterations": 1000, "real_time": \#(time), "cpu_time": \#(time), "time_unit": "ns"}"#
                )
            }
        }
        return
            #"{"context": {"date": "\#(date)", "num_cpus": 4, "library_build_type": "release"}, "benchmarks": [\#(entries.joined(separator: ",\n"))]}"#
    }

    /// A Chrome trace of the benchmark binary: 40 calls of `BM_sort` (own 100 µs, `partition`
    /// 300 µs, `compare_keys` `compareUs`) and 40 of `BM_hash` (own 50 µs), 5% noise.
    static func trace(start: String, compareUs: Double, seed: UInt64) -> String {
        var generator = SeededGenerator(seed: seed)
        var events: [String] = []
        var clock = 0.0
        func span(_ name: String, _ duration: Double) -> String {
            #"{"name": "\#(name)", "ph": "X", "ts": \#(clock), "dur": \#(duration), "pid": 1, "tid": 1}"#
        }
        for _ in 0..<40 {
            let own = generator.logNormal(median: 100, sigma: 0.05)
            let partition = generator.logNormal(median: 300, sigma: 0.05)
            let compare = generator.logNormal(median: compareUs, sigma: 0.05)
            let start = clock
            events.append(span("BM_sort", own + partition + compare))
            clock += own / 2
            events.append(span("partition", partition))
            clock += partition
            events.append(span("compare_keys", compare))
            clock = start + own + partition + compare + 10
            let hash = generator.logNormal(median: 50, sigma: 0.05)
            events.append(span("BM_hash", hash))
            clock += hash + 10
        }
        return #"{"traceEvents": [\#(events.joined(separator: ",\n"))], "otherData": {"startTime": "\#(start)"}}"#
    }

    /// Two nights, each a run folder with bench.json and trace.json; the second night's sort
    /// is 30% slower because `compare_keys` takes 420 µs instead of 300 µs.
    static func nights(in folder: TemporaryFolder) throws {
        for (night, date, sortNs, compareUs) in [
            ("night-1", "2026-12-01T02:00:00+00:00", 1000.0, 300.0),
            ("night-2", "2026-12-02T02:00:00+00:00", 1300.0, 420.0),
        ] {
            let path = folder.file("history/" + night)
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            let seed: UInt64 = night == "night-1" ? 1 : 2
            try benchmark(date: date, sortNs: sortNs, seed: seed).write(
                toFile: path + "/bench.json", atomically: true, encoding: .utf8)
            // The profile first, so that the benchmark is the newest run (the one report.md is about).
            try trace(start: date.replacingOccurrences(of: "T02:", with: "T01:"), compareUs: compareUs, seed: seed)
                .write(
                    toFile: path + "/trace.json", atomically: true, encoding: .utf8)
        }
    }

    @Test func aBenchmarksRegressionIsAttributedWithTheProfilesBesideIt() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Self.nights(in: folder)
        let out = folder.file("site")
        let code = await CommandRunner.run([
            "report", folder.file("history"), "--out", out, "--no-cache", "--quiet",
        ])
        let markdown = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        #expect(code == 0)
        let line = try #require(
            markdown.split(separator: "\n").first { $0.hasPrefix(#"- **BM\_sort/1024**"#) }, "\(markdown)")
        #expect(line.contains(#"from compare\_keys (self +"#), "\(line)")
        #expect(line.hasSuffix("(profile trace.json)"), "\(line)")
        #expect(!markdown.contains(#"- **BM\_hash/64**"#))

        // The suite run's page: the attributed benchmarks, linked to their pages.
        let runs = try FileManager.default.contentsOfDirectory(atPath: out + "/runs")
        let suitePages = try runs.map {
            try String(contentsOfFile: out + "/runs/" + $0 + "/index.html", encoding: .utf8)
        }
        .filter { $0.contains(#"id="suite""#) }
        let newest = try #require(suitePages.first { $0.contains(#"id="attribution-heading""#) })
        #expect(newest.contains("Where the changes came from"))
        #expect(newest.contains("from compare_keys"))

        // The benchmark's page: which profiles, and the frames.
        let operationPages = runs.flatMap { run in
            ((try? FileManager.default.contentsOfDirectory(atPath: out + "/runs/" + run + "/operations")) ?? []).map {
                out + "/runs/" + run + "/operations/" + $0
            }
        }
        let sortPage = try #require(
            try operationPages.map { try String(contentsOfFile: $0, encoding: .utf8) }.first {
                $0.contains("From the profiles of the same runs: trace.json against trace.json, frame BM_sort")
            })
        #expect(sortPage.contains("In the profiles, BM_sort: +"))
        #expect(sortPage.contains(">compare_keys<"))
    }

    @Test func analyzeTakesTheProfilePairByName() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Self.nights(in: folder)
        let night1 = folder.file("history/night-1")
        let night2 = folder.file("history/night-2")
        let result = try await captureStandardOutput([
            "analyze", night2 + "/bench.json", "--baseline", night1 + "/bench.json", "--profile",
            night2 + "/trace.json", "--baseline-profile", night1 + "/trace.json",
        ])
        #expect(result.code == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let operations = try #require((json["comparison"] as? [String: Any])?["operations"] as? [[String: Any]])
        let sort = try #require(operations.first { $0["name"] as? String == "BM_sort/1024" })
        #expect(sort["verdict"] as? String == "regression")
        let attribution = try #require(sort["attribution"] as? [String: Any])
        let profile = try #require(attribution["profile"] as? [String: Any])
        #expect(profile["frame"] as? String == "BM_sort")
        #expect((profile["current_source"] as? String)?.hasSuffix("night-2/trace.json") == true)
        #expect((profile["baseline_source"] as? String)?.hasSuffix("night-1/trace.json") == true)
        let frames = try #require(attribution["frames"] as? [[String: Any]])
        #expect(frames.first?["name"] as? String == "compare_keys")
        #expect(frames.first?["kind"] as? String == "self_time")
        // The unchanged benchmark is not attributed.
        let hash = try #require(operations.first { $0["name"] as? String == "BM_hash/64" })
        #expect(hash["attribution"] == nil)
    }

    @Test func profilesGoInPairs() async {
        #expect(await CommandRunner.run(["analyze", "a.json", "--profile", "p.json"]) == 64)
    }
}
