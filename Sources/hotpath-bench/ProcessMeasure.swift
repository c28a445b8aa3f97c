import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a command and measures it from outside: wall time, and the peak resident memory the
/// kernel reports for the child (`ru_maxrss` from `wait4`).
struct ProcessMeasure {
    struct Result {
        var wallSeconds: Double
        var peakBytes: Double
        var exitCode: Int32
        var output: String
    }

    /// Runs `arguments` (the first is the executable path), standard output captured to a file.
    static func run(_ arguments: [String], capture: Bool = false) -> Result {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent(
            "hotpath-bench-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).out"
        ).path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(
            &actions, 1, capture ? outputPath : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let cArguments = arguments.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        guard posix_spawnp(&pid, arguments[0], &actions, nil, cArguments, environ) == 0 else {
            return Result(wallSeconds: 0, peakBytes: 0, exitCode: -1, output: "")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let output = capture ? (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" : ""
        try? FileManager.default.removeItem(atPath: outputPath)
        let exited = (status & 0x7F) == 0
        return Result(
            wallSeconds: wall, peakBytes: Double(usage.ru_maxrss) * 1024,
            exitCode: exited ? (status >> 8) & 0xFF : -1, output: output)
    }

    /// The median wall time and the largest peak over `repeats` runs.
    static func repeated(_ arguments: [String], repeats: Int, capture: Bool = false) -> Result {
        let results = (0..<repeats).map { _ in run(arguments, capture: capture) }
        let walls = results.map(\.wallSeconds).sorted()
        return Result(
            wallSeconds: walls[walls.count / 2], peakBytes: results.map(\.peakBytes).max() ?? 0,
            exitCode: results.map(\.exitCode).max() ?? 0, output: results.last?.output ?? "")
    }
}
