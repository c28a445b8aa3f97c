import Foundation
import HotpathModel
import _HotpathTestSupport

/// A nightly history at real scale, as a team's CI keeps it: one Google Benchmark JSON per night
/// (`night-0000.json`…), and the same numbers as airspeed velocity results (a git repository with
/// one commit per night, `results/<machine>/<commit>-<env>.json`, `benchmarks.json`,
/// `asv.conf.json`), so `asv publish` and `hotpath report` build a site from one history.
///
/// Each benchmark's median is log-uniform between 1 µs and 10 ms, with 1% night-to-night and
/// 3% repetition noise; one benchmark in 100 slows by 25% from two thirds of the history on, and
/// another in 100 speeds up by 20% from a third on, so both tools have change points to show.
struct HistoryScale {
    var nights: Int
    var benchmarks: Int
    var repetitions = 5

    static let machine = "hotpath-bench"
    static let environment = "existing-py_usr_bin_python3"

    static func fileName(_ night: Int) -> String { String(format: "night-%04d.json", night) }

    /// The night's start: 2026-01-01 plus `night` days, at 02:00 UTC.
    static func date(_ night: Int) -> Date { Date(timeIntervalSince1970: 1_767_232_800 + Double(night) * 86_400) }

    func name(_ benchmark: Int) -> String { String(format: "BM_case_%04d", benchmark) }

    /// The repetitions of one benchmark in one night, in nanoseconds.
    func times(night: Int, benchmark: Int) -> [Double] {
        var generator = SeededGenerator(seed: UInt64(benchmark) &* 1_000_003 &+ 17)
        let median = 1_000 * pow(10_000, generator.unit())  // 1 µs … 10 ms
        var factor = 1.0
        if benchmark % 100 == 7, night >= nights * 2 / 3 { factor = 1.25 }
        if benchmark % 100 == 42, night >= nights / 3 { factor = 0.8 }
        var nightly = SeededGenerator(seed: UInt64(night) &* 2_654_435_761 &+ UInt64(benchmark) &* 40_503 &+ 1)
        let drift = 1 + (nightly.unit() * 2 - 1) * 0.01
        return (0..<repetitions).map { _ in median * factor * drift * (1 + (nightly.unit() * 2 - 1) * 0.03) }
    }

    /// Google Benchmark's JSON for one night: iteration rows only, one per repetition.
    func googleBenchmark(night: Int) -> String {
        let date = ISO8601DateFormatter().string(from: Self.date(night))
        var text = """
            {"context": {"date": "\(date)", "host_name": "\(Self.machine)", "executable": "./bench", \
            "num_cpus": 2, "mhz_per_cpu": 2450, "cpu_scaling_enabled": false, "library_build_type": "release"},
            "benchmarks": [
            """
        for benchmark in 0..<benchmarks {
            for (index, time) in times(night: night, benchmark: benchmark).enumerated() {
                if benchmark > 0 || index > 0 { text += ",\n" }
                text += """
                    {"name": "\(name(benchmark))", "family_index": \(benchmark), "per_family_instance_index": 0, \
                    "run_name": "\(name(benchmark))", "run_type": "iteration", "repetitions": \(repetitions), \
                    "repetition_index": \(index), "threads": 1, "iterations": 1000, \
                    "real_time": \(time), "cpu_time": \(time * 0.98), "time_unit": "ns"}
                    """
            }
        }
        return text + "\n]}\n"
    }

    /// asv's result for one night: each benchmark's median in seconds, and its repetitions as samples.
    func asvResult(night: Int, commit: String) -> [String: Any] {
        var results: [String: Any] = [:]
        for benchmark in 0..<benchmarks {
            let seconds = times(night: night, benchmark: benchmark).map { $0 / 1e9 }
            let median = seconds.sorted()[seconds.count / 2]
            // result, params, version, started_at, duration, 4 × stats, stats_number, stats_repeat, samples
            results["bench.\(name(benchmark))"] = [
                [median], [], "1", Self.date(night).timeIntervalSince1970 * 1000, 1.0, NSNull(), NSNull(), NSNull(),
                NSNull(), [1000], [repetitions], [seconds],
            ]
        }
        return [
            "commit_hash": commit, "env_name": Self.environment,
            "date": Self.date(night).timeIntervalSince1970 * 1000,
            "params": [
                "arch": "x86_64", "cpu": "bench", "machine": Self.machine, "num_cpu": "2", "os": "Linux",
                "ram": "24G", "python": "3",
            ],
            "python": "3", "requirements": [:] as [String: Any], "env_vars": [:] as [String: Any],
            "result_columns": [
                "result", "params", "version", "started_at", "duration", "stats_ci_99_a", "stats_ci_99_b",
                "stats_q_25", "stats_q_75", "stats_number", "stats_repeat", "samples", "profile",
            ],
            "results": results, "durations": [:] as [String: Any], "version": 2,
        ]
    }

    /// Writes nights `first..<first + count` as Google Benchmark files into `folder/nights`.
    func writeNights(into folder: String, first: Int, count: Int) throws {
        let nightsFolder = folder + "/nights"
        try FileManager.default.createDirectory(atPath: nightsFolder, withIntermediateDirectories: true)
        for night in first..<(first + count) {
            try Data(googleBenchmark(night: night).utf8).write(
                to: URL(fileURLWithPath: nightsFolder + "/" + Self.fileName(night)))
        }
    }

    /// Writes the asv project of the first `nights` nights into `folder/asv`: a git repository of
    /// one commit a night (by `git fast-import`), the results and the configuration.
    func writeASV(into folder: String) throws {
        let project = folder + "/asv"
        let results = project + "/results/" + Self.machine
        try FileManager.default.createDirectory(atPath: results, withIntermediateDirectories: true)
        var stream = ""
        for night in 0..<nights {
            let seconds = Int(Self.date(night).timeIntervalSince1970)
            let message = "night \(night)\n"
            stream += "commit refs/heads/main\ncommitter Bench <bench@example.com> \(seconds) +0000\n"
            stream += "data \(message.utf8.count)\n\(message)\n"
        }
        guard Self.shell(["git", "init", "-q", "-b", "main", project + "/repo"]),
            Self.shell(["git", "-C", project + "/repo", "fast-import", "--quiet"], input: stream),
            let log = Self.output(["git", "-C", project + "/repo", "rev-list", "--reverse", "main"])
        else { throw CocoaError(.fileWriteUnknown) }
        let commits = log.split(separator: "\n").map(String.init)
        for (night, commit) in commits.enumerated() {
            let data = try JSONSerialization.data(withJSONObject: asvResult(night: night, commit: commit))
            try data.write(to: URL(fileURLWithPath: "\(results)/\(commit.prefix(8))-\(Self.environment).json"))
        }
        let machine: [String: Any] = [
            "arch": "x86_64", "cpu": "bench", "machine": Self.machine, "num_cpu": "2", "os": "Linux", "ram": "24G",
            "version": 1,
        ]
        try JSONSerialization.data(withJSONObject: machine).write(
            to: URL(fileURLWithPath: results + "/machine.json"))
        var definitions: [String: Any] = ["version": 2]
        for benchmark in 0..<benchmarks {
            definitions["bench.\(name(benchmark))"] = [
                "code": "def \(name(benchmark))(): pass", "name": "bench.\(name(benchmark))", "param_names": [],
                "params": [], "type": "time", "unit": "seconds", "version": "1", "timeout": 60, "number": 1000,
                "repeat": repetitions, "min_run_count": 2, "warmup_time": -1, "sample_time": 0.01, "rounds": 1,
            ]
        }
        try JSONSerialization.data(withJSONObject: definitions).write(
            to: URL(fileURLWithPath: project + "/results/benchmarks.json"))
        let configuration: [String: Any] = [
            "version": 1, "project": "bench", "project_url": "https://example.com/", "repo": "repo",
            "branches": ["main"], "environment_type": "existing", "results_dir": "results", "html_dir": "html",
            "benchmark_dir": "benchmarks",
        ]
        try JSONSerialization.data(withJSONObject: configuration).write(
            to: URL(fileURLWithPath: project + "/asv.conf.json"))
    }

    static func shell(_ arguments: [String], input: String? = nil) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        if input != nil { process.standardInput = pipe }
        do { try process.run() } catch { return false }
        if let input {
            pipe.fileHandleForWriting.write(Data(input.utf8))
            try? pipe.fileHandleForWriting.close()
        }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    static func output(_ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }
}
