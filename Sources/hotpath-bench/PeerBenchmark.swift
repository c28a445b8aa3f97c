import Foundation
import HotpathModel

#if canImport(Glibc)
    import Glibc
#endif

/// Hotpath beside the tools a user would otherwise run, on the same generated inputs, in one
/// run: the runs of Hotpath and of its peers alternate (Hotpath, peer, Hotpath, peer, …), so a
/// change in the machine's load falls on both, and each ratio compares medians taken side by side.
///
/// Peers: the Python scripts of `PythonAlternative.swift` (python3 with numpy), and Brendan
/// Gregg's `flamegraph.pl` from `$HOTPATH_FLAMEGRAPH`, else `flamegraph.pl` or Debian's
/// `flamegraph` on the PATH (it is not shipped here: its license, the CDDL, asks for more than
/// a copy in a benchmark folder). A peer that cannot run is reported as missing, never guessed.
struct PeerBenchmark {
    var hotpath: String
    var repeats = 3
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hotpath-peers-\(getpid())").path

    private(set) var lines: [String] = []

    init(hotpath: String, repeats: Int = 3) {
        self.hotpath = hotpath
        self.repeats = repeats
    }

    private func path(_ name: String) -> String { folder + "/" + name }

    private mutating func say(_ line: String) {
        print(line)
        fflush(nil)
        lines.append(line)
    }

    private func seconds(_ value: Double) -> String { UnitFormat.fixed(value, digits: 3) + " s" }
    private func megabytes(_ bytes: Double) -> String { UnitFormat.fixed(bytes / 1_000_000, digits: 1) + " MB" }
    private func ratio(_ value: Double) -> String { UnitFormat.fixed(value, digits: 1) + "×" }
    private func verdict(_ pass: Bool) -> String { pass ? "pass" : "FAIL" }
    /// "Hotpath 3.8× faster", or "Hotpath 1.7× slower" when the peer's time is the shorter.
    private func versus(_ times: Double) -> String {
        times >= 1 ? "Hotpath \(ratio(times)) faster" : "Hotpath \(ratio(1 / times)) slower"
    }

    /// Makes the inputs' folder and says what machine this is.
    private mutating func prepare() {
        try? FileManager.default.removeItem(atPath: folder)
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        say("machine: \(Self.machine())")
        say("hotpath: \(Self.linkage(of: hotpath))")
    }

    private func cleanUp() { try? FileManager.default.removeItem(atPath: folder) }

    /// Generates an input in a child process (`hotpath-bench generate-…`), so this process stays
    /// small: a child's peak memory as the kernel reports it starts from its parent's at exec time.
    private mutating func generate(_ arguments: [String]) -> Bool {
        let result = ProcessMeasure.run([CommandLine.arguments[0]] + arguments)
        if result.exitCode != 0 { say("could not generate \(arguments.dropFirst().first ?? "an input")") }
        return result.exitCode == 0
    }

    // MARK: Traces

    /// `hotpath analyze` on hotpath-bench's 1M-event trace and on a viztracer-shaped nested trace,
    /// beside Python's json + numpy; the flat trace also pinned to one core.
    mutating func runTraces(events: Int = 1_000_000, seed: UInt64 = 42) {
        prepare()
        defer { cleanUp() }
        guard generate(["generate-trace", path("trace.json"), "\(events)", "\(seed)"]),
            generate(["generate-nested-trace", path("nested.json"), "\(events)", "\(seed)"])
        else { return }
        let script = path("alternative.py")
        _ = FileManager.default.createFile(atPath: script, contents: Data(PythonAlternative.script.utf8))
        let python = ["python3", script]
        for (file, label, goal) in [
            ("trace.json", "trace, \(events) X events (generate-trace)", 6.5),
            ("nested.json", "nested trace, viztracer-shaped, \(events) events (generate-nested-trace)", 6.0),
        ] {
            let input = path(file)
            say("\(label): \(megabytes(SuiteBenchmark.size(input)))")
            var commands = [[hotpath, "analyze", input], python + [input]]
            let pinned = Self.find("taskset").map { [$0, "-c", "0", hotpath, "analyze", input] }
            if file == "trace.json", let pinned { commands.append(pinned) }
            let results = Self.sideBySide(commands, repeats: repeats, capture: [true, true, false])
            let hotpathRun = results[0]
            let wallGoal = file == "trace.json" ? 0.45 : Double.infinity
            say(
                "  hotpath analyze           \(seconds(hotpathRun.wallSeconds))  peak \(megabytes(hotpathRun.peakBytes))\(file == "trace.json" ? "   goal ≤ 0.45 s and ≤ 200 MB: \(verdict(hotpathRun.wallSeconds <= wallGoal && hotpathRun.peakBytes <= 200e6))" : "")"
            )
            if results.count > 2 {
                say(
                    "  hotpath analyze, 1 core   \(seconds(results[2].wallSeconds))  (taskset -c 0)   goal ≤ 0.60 s: \(verdict(results[2].wallSeconds <= 0.6))"
                )
            }
            guard results[1].exitCode == 0 else {
                say("  python json + numpy       could not run (python3 with numpy is needed)")
                continue
            }
            let times = results[1].wallSeconds / hotpathRun.wallSeconds
            say(
                "  python json + numpy       \(seconds(results[1].wallSeconds))  peak \(megabytes(results[1].peakBytes))   \(versus(times)); goal ≥ \(ratio(goal)): \(verdict(times >= goal))"
            )
            say(
                "  same numbers: \(SuiteBenchmark.agreement(hotpath: hotpathRun.output, python: results[1].output))")
        }
    }

    // MARK: Folded stacks

    /// `hotpath report` (the whole site) on a compiler-shaped collapsed-stacks file, beside the
    /// Python dict script and flamegraph.pl.
    mutating func runFolded(stacks: Int = 113_000, seed: UInt64 = 42) {
        prepare()
        defer { cleanUp() }
        let input = path("compiler.folded")
        guard generate(["generate-compiler-stacks", input, "\(stacks)", "\(seed)"]) else { return }
        say(
            "compiler-shaped folded stacks (generate-compiler-stacks): \(megabytes(SuiteBenchmark.size(input))), \(Self.describeFolded(input))"
        )
        let script = path("folded.py")
        _ = FileManager.default.createFile(atPath: script, contents: Data(PythonFoldedAlternative.script.utf8))
        var commands = [
            [hotpath, "report", input, "--out", path("site"), "--no-cache", "--force", "--quiet"],
            ["python3", script, input],
        ]
        let flamegraph = Self.flamegraph()
        if let flamegraph { commands.append(["perl", flamegraph, input]) }
        let results = Self.sideBySide(commands, repeats: repeats, capture: [false, true, false])
        let report = results[0]
        say(
            "  hotpath report (site)     \(seconds(report.wallSeconds))  peak \(megabytes(report.peakBytes))   goal ≤ 0.6 s: \(verdict(report.wallSeconds <= 0.6 && report.exitCode <= 1))"
        )
        if results[1].exitCode == 0 {
            let times = results[1].wallSeconds / report.wallSeconds
            say(
                "  python dict script        \(seconds(results[1].wallSeconds))  peak \(megabytes(results[1].peakBytes))   \(versus(times)); goal ≥ 2.5×: \(verdict(times >= 2.5))"
            )
            let analysis = ProcessMeasure.run([hotpath, "analyze", input], capture: true)
            say("  same numbers: \(Self.foldedAgreement(hotpath: analysis.output, python: results[1].output))")
        } else {
            say("  python dict script        could not run (python3 is needed)")
        }
        if let flamegraph, results.count > 2, results[2].exitCode == 0 {
            let times = results[2].wallSeconds / report.wallSeconds
            say(
                "  flamegraph.pl             \(seconds(results[2].wallSeconds))  peak \(megabytes(results[2].peakBytes))   \(versus(times)); goal ≥ 15×: \(verdict(times >= 15))  (\(flamegraph))"
            )
        } else {
            say(
                "  flamegraph.pl             not found: set HOTPATH_FLAMEGRAPH to FlameGraph's flamegraph.pl, or install Debian's flamegraph"
            )
        }
    }

    // MARK: Running side by side

    /// Runs each command `repeats` times, alternating between them; per command the median wall
    /// time and the largest peak RSS (see `ProcessMeasure.repeated`).
    static func sideBySide(_ commands: [[String]], repeats: Int, capture: [Bool]) -> [ProcessMeasure.Result] {
        var runs = [[ProcessMeasure.Result]](repeating: [], count: commands.count)
        for _ in 0..<repeats {
            for (index, command) in commands.enumerated() {
                runs[index].append(
                    ProcessMeasure.run(command, capture: index < capture.count ? capture[index] : false))
            }
        }
        return runs.map { results in
            let walls = results.map(\.wallSeconds).sorted()
            return ProcessMeasure.Result(
                wallSeconds: walls[walls.count / 2], peakBytes: results.map(\.peakBytes).max() ?? 0,
                exitCode: results.map(\.exitCode).max() ?? 0, output: results.last?.output ?? "")
        }
    }

    // MARK: The machine and the peers

    /// "AMD EPYC 7B13, 2 cores online; load average 3.10 2.40 2.00 at the start".
    static func machine() -> String {
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?
            .split(separator: " ").prefix(3).joined(separator: " ")
        return
            "\(SuiteBenchmark.cpuModel()), \(onlineCores()) cores online (of \(ProcessInfo.processInfo.processorCount)); load average \(load ?? "unknown") at the start"
    }

    /// How `binary` links the Swift runtime and Foundation: statically in a release build made
    /// with `--static-swift-stdlib` (README's command, 8–9% less CPU time on the nested
    /// trace), else dynamically, which the figures should then say.
    static func linkage(of binary: String) -> String {
        // ldd lists the shared libraries a binary needs; the binary itself (97 MB when static)
        // is not read here, as its pages would stay in this process's peak, which the kernel
        // reports as every child's peak too.
        guard let ldd = find("ldd") else { return "linkage unknown (no ldd)" }
        let listing = ProcessMeasure.run([ldd, binary], capture: true)
        guard listing.exitCode == 0 || listing.output.contains("not a dynamic executable") else {
            return "linkage unknown (ldd failed)"
        }
        return listing.output.contains("libswiftCore.so")
            ? "Swift runtime and Foundation linked dynamically (README's figures are of a build with --static-swift-stdlib)"
            : "Swift runtime and Foundation linked statically (--static-swift-stdlib)"
    }

    static func onlineCores() -> Int {
        #if canImport(Glibc)
            return Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #else
            return ProcessInfo.processInfo.activeProcessorCount
        #endif
    }

    /// flamegraph.pl: `$HOTPATH_FLAMEGRAPH`, else `flamegraph.pl` or `flamegraph` on the PATH.
    static func flamegraph() -> String? {
        if let path = ProcessInfo.processInfo.environment["HOTPATH_FLAMEGRAPH"], !path.isEmpty,
            FileManager.default.fileExists(atPath: path)
        {
            return path
        }
        return find("flamegraph.pl") ?? find("flamegraph")
    }

    /// An executable's path on the PATH.
    static func find(_ name: String) -> String? {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for directory in directories {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// "113,000 stacks, 43.1 frames deep on average".
    static func describeFolded(_ path: String) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "unreadable" }
        var lines = 0
        var frames = 0
        for byte in data {
            if byte == 0x0A { lines += 1 }
            if byte == UInt8(ascii: ";") { frames += 1 }
        }
        guard lines > 0 else { return "no stacks" }
        return
            "\(lines) stacks, \(UnitFormat.fixed(Double(frames + lines) / Double(lines), digits: 1)) frames deep on average"
    }

    /// Whether `hotpath analyze`'s per-frame total and self agree with the Python script's.
    static func foldedAgreement(hotpath: String, python: String) -> String {
        guard let analysis = try? JSONSerialization.jsonObject(with: Data(hotpath.utf8)) as? [String: Any],
            let operations = analysis["operations"] as? [[String: Any]],
            let reference = try? JSONSerialization.jsonObject(with: Data(python.utf8)) as? [String: [String: Double]]
        else { return "could not compare" }
        var compared = 0
        var worst = 0.0
        for operation in operations {
            guard let name = operation["name"] as? String, let expected = reference[name] else { continue }
            let pairs: [(Double?, Double?)] = [
                (operation["total"] as? Double, expected["total"]),
                ((operation["self_total"] as? Double) ?? 0, expected["self"]),
            ]
            for case let (a?, b?) in pairs {
                worst = max(worst, abs(a - b) / max(abs(a), abs(b), 1e-300))
            }
            compared += 1
        }
        return
            "\(compared) of \(reference.count) frames compared (total and self), largest relative difference \(String(format: "%.1e", worst))"
    }
}
