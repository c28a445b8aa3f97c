import Foundation
import HotpathIngest
import HotpathModel

/// Writes `perf script` text (`perf record -g` then `perf script`, default fields), the same
/// bytes for the same seed: samples of `cpu-clock` (and every tenth of `cycles`) on 16 threads
/// of four commands, each a random walk 6 to 40 frames deep through a fixed call graph of
/// 3,000 C++-like symbols in five DSOs plus kernel frames and `[unknown]`s, leaf first, as perf
/// prints them (`\t    addr symbol+0xoff (dso)`).
struct PerfScriptGenerator {
    var bytes: Int
    var seed: UInt64

    func text() -> [UInt8] {
        var generator = SeededGenerator(seed: seed)
        func next() -> UInt64 { generator.next() }
        let dsos = [
            "/usr/bin/server", "/usr/lib/x86_64-linux-gnu/libc.so.6", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.30",
            "/opt/app/lib/libengine.so", "/usr/lib/x86_64-linux-gnu/libssl.so.3",
        ]
        let functions = 3_000
        let symbols = (0..<functions).map {
            "app::module\($0 % 53)::Component\($0 % 19)::handle_\($0)(std::vector<int, std::allocator<int> > const&)"
        }
        let dsoOf = (0..<functions).map { _ in dsos[Int(next() % UInt64(dsos.count))] }
        let callees = (0..<functions).map { _ in (0..<4).map { _ in Int(next() % UInt64(functions)) } }
        let kernel = [
            "entry_SYSCALL_64_after_hwframe", "do_syscall_64", "__x64_sys_read", "vfs_read", "copy_user_generic",
        ]
        let commands = ["server", "worker pool", "io_uring-sq", "gc"]
        var output = [UInt8]()
        output.reserveCapacity(bytes + 4096)
        var time = 100_000.0
        var frames: [Int] = []
        while output.count < bytes {
            let thread = Int(next() % 16)
            let event = next() % 10 == 0 ? "cycles" : "cpu-clock"
            time += Double(next() % 1_000) / 1_000_000
            let header =
                "\(commands[thread % commands.count]) \(4_000 + thread / 4)/\(4_000 + thread) [00\(thread % 8)] \(String(format: "%.6f", time)):     250000 \(event): \n"
            output += Array(header.utf8)
            frames.removeAll(keepingCapacity: true)
            var frame = Int(next() % 8)
            frames.append(frame)
            for _ in 0..<(6 + Int(next() % 35)) {
                frame = callees[frame][Int(next() % 4)]
                frames.append(frame)
            }
            if next() % 5 == 0 {
                for name in kernel.prefix(1 + Int(next() % 5)).reversed() {
                    output += Array(
                        "\tffffffff8\(String(next() % 0xFFFFFFF, radix: 16)) \(name)+0x\(String(next() % 0x400, radix: 16)) ([kernel.kallsyms])\n"
                            .utf8)
                }
            }
            for frame in frames.reversed() {
                let address = String(0x40_0000 + frame * 64 + Int(next() % 64), radix: 16)
                output += Array(
                    "\t    \(address) \(symbols[frame])+0x\(String(next() % 0x200, radix: 16)) (\(dsoOf[frame]))\n".utf8
                )
            }
            if next() % 7 == 0 { output += Array("\t    7f3a2b1c0d0e [unknown] ([unknown])\n".utf8) }
            output += [0x0A]
        }
        return output
    }
}

/// `hotpath-bench perf-script [MEGABYTES] [SEED]`: generates that much `perf script` text and
/// reads it with `Ingestor.loadBytes`, on one core, three times; prints the median rate and
/// the process's peak resident memory.
func runPerfScriptBenchmark(megabytes: Int, seed: UInt64) -> [String] {
    let text = PerfScriptGenerator(bytes: megabytes << 20, seed: seed).text()
    var timings: [ReadTiming] = []
    var summary = ""
    for _ in 0..<3 {
        let timing = ReadTiming.start()
        do {
            let dump = try Ingestor().loadBytes(text, path: "generated.perf")
            timings.append(timing.stop())
            let labels = dump.profile.run.labels
            summary =
                "\(dump.profile.stacks.count) distinct stacks, \(dump.profile.stacks.frameNames.count) frames, \(labels["perf.cpu-clock.samples"] ?? "?") cpu-clock and \(labels["perf.cycles.samples"] ?? "?") cycles samples, \(labels["perf.threads"] ?? "?") threads"
        } catch {
            return ["perf-script: \(error)"]
        }
    }
    let size = Double(text.count) / 1_048_576
    return [
        "machine: \(machineSummary())",
        "perf script text: \(String(format: "%.1f", size)) MiB generated (seed \(seed)); \(summary)",
        ReadTiming.describe(timings, mebibytes: size),
        "peak resident memory of the process (input held in memory included): \(String(format: "%.0f", peakResidentMiB())) MiB",
    ]
}
