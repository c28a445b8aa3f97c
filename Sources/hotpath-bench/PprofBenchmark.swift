import Foundation
import HotpathIngest
import HotpathModel

/// Writes a `profile.proto` (raw, not gzipped), the same bytes for the same seed, shaped like
/// Go's `runtime/pprof` CPU profiles: sample types `samples/count` and `cpu/nanoseconds`, the
/// samples first (each a random walk 8 to 48 locations deep through a fixed call graph, location
/// ids packed, leaf first, every fifth with a `thread` label), then 30,000 locations (one in four
/// with an inlined frame: two lines), 20,000 functions with Go-style names and files, and the
/// string table.
struct PprofGenerator {
    var bytes: Int
    var seed: UInt64

    static func varint(_ value: UInt64, into out: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            out.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        out.append(UInt8(value))
    }

    static func field(_ number: Int, _ payload: [UInt8], into out: inout [UInt8]) {
        varint(UInt64(number) << 3 | 2, into: &out)
        varint(UInt64(payload.count), into: &out)
        out += payload
    }

    static func field(_ number: Int, varint value: UInt64, into out: inout [UInt8]) {
        varint(UInt64(number) << 3, into: &out)
        varint(value, into: &out)
    }

    func profile() -> [UInt8] {
        var generator = SeededGenerator(seed: seed)
        func next() -> UInt64 { generator.next() }
        var strings = ["", "samples", "count", "cpu", "nanoseconds", "thread"]
        let functionCount = 20_000
        let locationCount = 30_000
        let threadStrings = (0..<8).map { index -> UInt64 in
            strings.append("worker-\(index)")
            return UInt64(strings.count - 1)
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes + (8 << 20))
        for (type, unit) in [(1, 2), (3, 4)] {
            var message: [UInt8] = []
            Self.field(1, varint: UInt64(type), into: &message)
            Self.field(2, varint: UInt64(unit), into: &message)
            Self.field(1, message, into: &out)
        }
        let callees = (0..<locationCount).map { _ in (0..<3).map { _ in 1 + Int(next() % UInt64(locationCount)) } }
        var stack: [Int] = []
        var ids: [UInt8] = []
        var sample: [UInt8] = []
        // Leave room for the tables (about 3 MB) so the whole profile is about `bytes`.
        while out.count < max(0, bytes - 3_000_000) {
            stack.removeAll(keepingCapacity: true)
            var location = 1 + Int(next() % 16)
            stack.append(location)
            for _ in 0..<(8 + Int(next() % 41)) {
                location = callees[location - 1][Int(next() % 3)]
                stack.append(location)
            }
            ids.removeAll(keepingCapacity: true)
            for location in stack.reversed() { Self.varint(UInt64(location), into: &ids) }
            sample.removeAll(keepingCapacity: true)
            Self.field(1, ids, into: &sample)
            let count = 1 + next() % 3
            var values: [UInt8] = []
            Self.varint(count, into: &values)
            Self.varint(count * 10_000_000, into: &values)
            Self.field(2, values, into: &sample)
            if next() % 5 == 0 {
                var label: [UInt8] = []
                Self.field(1, varint: 5, into: &label)
                Self.field(2, varint: threadStrings[Int(next() % 8)], into: &label)
                Self.field(3, label, into: &sample)
            }
            Self.field(2, sample, into: &out)
        }
        for id in 1...locationCount {
            var message: [UInt8] = []
            Self.field(1, varint: UInt64(id), into: &message)
            Self.field(3, varint: 0x40_0000 + UInt64(id) * 48, into: &message)
            for _ in 0..<(id % 4 == 0 ? 2 : 1) {
                var line: [UInt8] = []
                Self.field(1, varint: 1 + next() % UInt64(functionCount), into: &line)
                Self.field(2, varint: 1 + next() % 2_000, into: &line)
                Self.field(4, line, into: &message)
            }
            Self.field(4, message, into: &out)
        }
        for id in 1...functionCount {
            strings.append("github.com/example/service/internal/module\(id % 97).(*Handler\(id % 31)).serve\(id)")
            let name = UInt64(strings.count - 1)
            strings.append(
                "/home/build/go/src/github.com/example/service/internal/module\(id % 97)/handler\(id % 31).go")
            let file = UInt64(strings.count - 1)
            var message: [UInt8] = []
            Self.field(1, varint: UInt64(id), into: &message)
            Self.field(2, varint: name, into: &message)
            Self.field(3, varint: name, into: &message)
            Self.field(4, varint: file, into: &message)
            Self.field(5, varint: 1 + next() % 2_000, into: &message)
            Self.field(5, message, into: &out)
        }
        for string in strings { Self.field(6, Array(string.utf8), into: &out) }
        Self.field(9, varint: 1_764_900_000_000_000_000, into: &out)
        Self.field(10, varint: 60_000_000_000, into: &out)
        var periodType: [UInt8] = []
        Self.field(1, varint: 3, into: &periodType)
        Self.field(2, varint: 4, into: &periodType)
        Self.field(11, periodType, into: &out)
        Self.field(12, varint: 10_000_000, into: &out)
        return out
    }
}

/// `hotpath-bench pprof [MEGABYTES] [SEED]`: generates that big a raw profile.proto and reads it
/// with `Ingestor.loadBytes`, on one core, three times; prints the machine, the median rate in
/// MiB of protobuf per second, by the wall clock and by the CPU time the read took (on a machine
/// other builds load, the process waits for a core: the CPU-time rate is what one core reads),
/// and the process's peak resident memory.
func runPprofBenchmark(megabytes: Int, seed: UInt64) -> [String] {
    let proto = PprofGenerator(bytes: megabytes << 20, seed: seed).profile()
    var timings: [ReadTiming] = []
    var summary = ""
    for _ in 0..<3 {
        let timing = ReadTiming.start()
        do {
            let dump = try Ingestor().loadBytes(proto, path: "generated.pb")
            timings.append(timing.stop())
            let labels = dump.profile.run.labels
            summary =
                "\(labels["pprof.samples"] ?? "?") samples, \(dump.profile.stacks.count) distinct stacks, \(dump.profile.stacks.frameNames.count) frames, \(labels["pprof.threads"] ?? "?") threads"
        } catch {
            return ["pprof: \(error)"]
        }
    }
    let size = Double(proto.count) / 1_048_576
    return [
        "machine: \(machineSummary())",
        "pprof profile.proto: \(String(format: "%.1f", size)) MiB generated, raw (seed \(seed)); \(summary)",
        ReadTiming.describe(timings, mebibytes: size),
        "peak resident memory of the process (input held in memory included): \(String(format: "%.0f", peakResidentMiB())) MiB",
    ]
}

/// The wall-clock and CPU time (user + system, this process) of one read.
struct ReadTiming {
    var wall: Double
    var cpu: Double

    static func cpuNow() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec)
            + Double(usage.ru_stime.tv_usec) / 1e6
    }

    static func start() -> ReadTiming { ReadTiming(wall: Date().timeIntervalSince1970, cpu: cpuNow()) }

    func stop() -> ReadTiming {
        ReadTiming(wall: Date().timeIntervalSince1970 - wall, cpu: Self.cpuNow() - cpu)
    }

    /// "read (…, one thread): median of 3 by the wall clock … s = … MiB/s (… MB/s); by CPU time
    /// … s = … MiB/s (… MB/s) (runs: …)": MiB/s, and MB/s (10^6 bytes) as issue 18 states its goal.
    static func describe(_ timings: [ReadTiming], mebibytes: Double) -> String {
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        func rate(_ seconds: Double) -> String {
            "\(String(format: "%.0f", mebibytes / seconds)) MiB/s (\(String(format: "%.0f", mebibytes * 1.048576 / seconds)) MB/s)"
        }
        let wall = median(timings.map(\.wall))
        let cpu = median(timings.map(\.cpu))
        let runs = timings.map { String(format: "%.3f/%.3f", $0.wall, $0.cpu) }.joined(separator: ", ")
        return
            "read (Ingestor.loadBytes, one thread): median of \(timings.count) by the wall clock \(String(format: "%.3f", wall)) s = \(rate(wall)); by CPU time \(String(format: "%.3f", cpu)) s = \(rate(cpu)) (runs, wall/CPU: \(runs) s)"
    }
}

func peakResidentMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// The CPU model, the cores and the load average, from /proc (Linux).
func machineSummary() -> String {
    let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    let model =
        cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }.flatMap { $0.split(separator: ":").last }
        .map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown CPU"
    let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first ?? "?"
    return "\(model), \(ProcessInfo.processInfo.activeProcessorCount) cores, load average \(load)"
}
