import Foundation
import Testing
import _HotpathTestSupport

@testable import HotpathCommands

/// What a user of each benchmark tool reads on the index, the run page and in `report.md`, on
/// the tools' own files: suites get verdicts, a command comparison its ranking, a profile its
/// hot paths; no suite gets profile advice.
@Suite struct SuiteReportTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var inputs: [String]
        var baseline: String?
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "hyperfine", inputs: ["hyperfine/generated/hyperfine-compressors.json"]),
        Case(
            name: "google-benchmark", inputs: ["google-benchmark/from-gbenchmark/test1_run2.json"],
            baseline: "google-benchmark/from-gbenchmark/test1_run1.json"),
        Case(name: "pyperf", inputs: ["pyperf/from-pyperf/pyperf__tests__telco.json"]),
        Case(name: "pytest-benchmark-history", inputs: ["pytest-benchmark/from-pytest-benchmark"]),
        Case(name: "profile", inputs: ["chrome-trace/from-viztracer/tests__data__fib.json"]),
    ]

    struct Site {
        var markdown: String
        var index: String
        var runPage: String
    }

    static func report(_ item: Case, in folder: TemporaryFolder) async throws -> Site {
        let out = folder.file(item.name)
        var arguments = ["report"] + item.inputs.map(Samples.path)
        if let baseline = item.baseline { arguments += ["--baseline", Samples.path(baseline)] }
        arguments += ["--out", out, "--no-cache", "--quiet", "--site-url", "https://perf.example.com/"]
        let code = await CommandRunner.run(arguments)
        #expect(code == 0 || code == 3, "\(item.name): exit \(code)")
        let markdown = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        let index = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        let link = try #require(index.firstMatch(of: /href="(runs\/[^"]+\/index\.html)"/)?.1)
        let runPage = try String(contentsOfFile: out + "/" + link, encoding: .utf8)
        return Site(markdown: markdown, index: index, runPage: runPage)
    }

    /// The Markdown whole, and the suite section of the run page and the index, as goldens.
    @Test(arguments: cases)
    func whatEachToolsUserReads(_ item: Case) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let site = try await Self.report(item, in: folder)
        assertSnapshot(site.markdown, named: "suites/\(item.name).md", in: "HotpathCommandsTests")
        let section = Self.suiteSection(site.runPage) ?? "(no suite section)\n"
        assertSnapshot(section, named: "suites/\(item.name).run.html", in: "HotpathCommandsTests")
        let indexSection = Self.suiteSection(site.index) ?? "(no suite section)\n"
        assertSnapshot(indexSection, named: "suites/\(item.name).index.html", in: "HotpathCommandsTests")
        let isSuite = item.name != "profile"
        for (page, text) in [("run page", site.runPage), ("index", site.index), ("report.md", site.markdown)] {
            if isSuite {
                #expect(!text.contains("Amdahl's law with p"), "\(item.name) \(page)")
                #expect(!text.contains("Hot path"), "\(item.name) \(page)")
                #expect(!text.contains("Flame graph"), "\(item.name) \(page)")
                #expect(!text.contains("Estimated speedup"), "\(item.name) \(page)")
                #expect(!text.contains("cache repeated work"), "\(item.name) \(page)")
            }
        }
        if !isSuite {
            #expect(site.runPage.contains("Bottlenecks") && site.runPage.contains("Flame graph"))
            #expect(Self.suiteSection(site.runPage) == nil)
        }
    }

    /// hyperfine's own summary: the ratio of the means and its error propagated from both
    /// standard deviations, checked against the means and deviations hyperfine wrote.
    @Test func hyperfineRankingMatchesHyperfinesFormula() async throws {
        let path = Samples.path("hyperfine/generated/hyperfine-compressors.json")
        let file = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        let results = try #require(file["results"] as? [[String: Any]])
        let written = results.map {
            ($0["command"] as? String ?? "", $0["mean"] as? Double ?? 0, $0["stddev"] as? Double ?? 0)
        }
        let fastest = try #require(written.min { $0.1 < $1.1 })
        let result = try await captureStandardOutput(["analyze", path])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(json["run_kind"] as? String == "command_comparison")
        #expect((json["bottlenecks"] as? [Any])?.isEmpty == true && json["speedup"] == nil && json["call_tree"] == nil)
        let ranking = try #require((json["suite"] as? [String: Any])?["ranking"] as? [[String: Any]])
        #expect(ranking.first?["name"] as? String == fastest.0)
        for (command, mean, stddev) in written {
            let entry = try #require(ranking.first { $0["name"] as? String == command })
            let ratio = mean / fastest.1
            let error =
                ratio
                * ((stddev / mean) * (stddev / mean) + (fastest.2 / fastest.1) * (fastest.2 / fastest.1)).squareRoot()
            #expect(abs((entry["ratio"] as? Double ?? 0) - ratio) < 1e-9 * ratio, "\(command)")
            #expect(abs((entry["ratio_stddev"] as? Double ?? 0) - error) < 1e-9 * max(error, 1e-9), "\(command)")
        }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let site = try await Self.report(Self.cases[0], in: folder)
        #expect(
            site.markdown.contains("**gzip -6 -c /tmp/corpus-work/blob.bin ran**\n- 1.66 ± 0.24 times faster than xz"))
        #expect(site.runPage.contains("1.80 ± 0.11 times faster than bzip2 -9 -c /tmp/corpus-work/blob.bin"))
    }

    /// Every suite file among the samples: no hot path, call tree, Amdahl estimate or profile
    /// rule; only advice on how it was measured.
    @Test(arguments: ["google-benchmark", "hyperfine", "pyperf", "pytest-benchmark"])
    func noSuiteGetsProfileAdvice(_ format: String) async throws {
        let files = Samples.files(in: format).filter { $0.hasSuffix(".json") || $0.hasSuffix(".json.gz") }
        #expect(!files.isEmpty)
        for path in files {
            let result = try await captureStandardOutput(["analyze", path])
            guard result.code == 0,
                let json = try? JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
            else { continue }
            let name = URL(fileURLWithPath: path).lastPathComponent
            #expect(["benchmark_suite", "command_comparison"].contains(json["run_kind"] as? String), "\(name)")
            #expect((json["bottlenecks"] as? [Any])?.isEmpty == true, "\(name)")
            #expect(json["call_tree"] == nil && json["speedup"] == nil, "\(name)")
            for recommendation in json["recommendations"] as? [[String: Any]] ?? [] {
                #expect(recommendation["area"] as? String == "measurement", "\(name): \(recommendation["id"] ?? "")")
            }
        }
    }

    @Test func googleBenchmarkContextBecomesAdvice() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let dump = folder.file("scaling.json")
        try """
        {"context": {"date": "2026-11-20T02:00:00+00:00", "executable": "./bench", "num_cpus": 2,
          "cpu_scaling_enabled": true, "library_build_type": "debug"},
         "benchmarks": [{"name": "BM_A", "run_type": "iteration", "iterations": 1000, "real_time": 10,
          "cpu_time": 10, "time_unit": "ns"}]}
        """.write(toFile: dump, atomically: true, encoding: .utf8)
        let result = try await captureStandardOutput(["analyze", dump])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let ids = (json["recommendations"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(ids.contains("suite:cpu-scaling") && ids.contains("suite:debug-build"), "\(ids)")
        #expect(ids.contains("suite:single-run"), "\(ids)")
    }

    /// A Google Benchmark suite with a family, `BM_Sort/8 … /8192` with 5 repetitions each, run
    /// twice: n log n, then n² (the regression a changed algorithm makes), plus a steady
    /// benchmark. The JSON is shaped as `--benchmark_format=json --benchmark_repetitions=5` writes.
    static func googleBenchmarkFamily(quadratic: Bool, date: String) -> String {
        var entries: [String] = []
        for n in [8, 64, 512, 4096, 8192] {
            let size = Double(n)
            let time = quadratic ? 0.02 * size * size + 40 : 3 * size * log2(size) + 40
            for repetition in 0..<5 {
                let value = time * (1 + 0.002 * Double(repetition))
                entries.append(
                    """
                    {"name": "BM_Sort/\(n)", "family_index": 0, "per_family_instance_index": 0, "run_name": "BM_Sort/\(n)", "run_type": "iteration", "repetitions": 5, "repetition_index": \(repetition), "threads": 1, "iterations": 1000, "real_time": \(value), "cpu_time": \(value), "time_unit": "ns"}
                    """)
            }
        }
        for repetition in 0..<5 {
            entries.append(
                """
                {"name": "BM_Hash", "family_index": 1, "per_family_instance_index": 0, "run_name": "BM_Hash", "run_type": "iteration", "repetitions": 5, "repetition_index": \(repetition), "threads": 1, "iterations": 100000, "real_time": \(25 + 0.01 * Double(repetition)), "cpu_time": 25, "time_unit": "ns"}
                """)
        }
        return """
            {"context": {"date": "\(date)", "host_name": "ci", "executable": "./bench_sort", "num_cpus": 2, "mhz_per_cpu": 2400, "cpu_scaling_enabled": false, "library_build_type": "release", "library_version": "v1.9.1", "json_schema_version": 1},
             "benchmarks": [\(entries.joined(separator: ",\n"))]}
            """
    }

    @Test func googleBenchmarkFamilyAndItsComplexityChange() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let before = folder.file("before.json")
        let after = folder.file("after.json")
        try Self.googleBenchmarkFamily(quadratic: false, date: "2026-11-20T02:00:00+00:00")
            .write(toFile: before, atomically: true, encoding: .utf8)
        try Self.googleBenchmarkFamily(quadratic: true, date: "2026-11-21T02:00:00+00:00")
            .write(toFile: after, atomically: true, encoding: .utf8)
        let out = folder.file("site")
        let code = await CommandRunner.run([
            "report", after, "--baseline", before, "--out", out, "--no-cache", "--quiet", "--site-url",
            "https://perf.example.com/",
        ])
        #expect(code == 0)
        let markdown = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        #expect(markdown.contains("**Complexity changed:** BM\\_Sort: O(n log n) → O(n²)."), "\(markdown)")
        assertSnapshot(markdown, named: "suites/google-benchmark-family.md", in: "HotpathCommandsTests")
        let index = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        let link = try #require(index.firstMatch(of: /href="(runs\/[^"]+\/index\.html)"/)?.1)
        let runPage = try String(contentsOfFile: out + "/" + link, encoding: .utf8)
        let section = try #require(Self.suiteSection(runPage))
        #expect(section.contains("<figure><svg"), "the family's log–log chart")
        #expect(section.contains("BM_Sort: mean time against n on log–log axes, with the fitted O(n²)."))
        assertSnapshot(section, named: "suites/google-benchmark-family.run.html", in: "HotpathCommandsTests")
        let result = try await captureStandardOutput(["analyze", after, "--baseline", before])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let families = try #require((json["suite"] as? [String: Any])?["families"] as? [[String: Any]])
        #expect(families.first?["name"] as? String == "BM_Sort")
        #expect((families.first?["fit"] as? [String: Any])?["complexity"] as? String == "oNSquared")
        let changes = try #require((json["comparison"] as? [String: Any])?["family_changes"] as? [[String: Any]])
        #expect(
            changes.first?["baseline"] as? String == "oNLogN" && changes.first?["current"] as? String == "oNSquared")
    }

    /// The `<section id="suite">…</section>` of a page, if it has one.
    static func suiteSection(_ html: String) -> String? {
        guard let start = html.range(of: "<section id=\"suite\""),
            let end = html.range(of: "</section>", range: start.upperBound..<html.endIndex)
        else { return nil }
        return String(html[start.lowerBound..<end.upperBound]) + "\n"
    }
}
