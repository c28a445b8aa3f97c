import Foundation
import HotpathModel
import Testing

@testable import HotpathIngest

/// A deterministic synthetic trace for measuring the importer: `count` complete events on
/// eight threads, nested three deep, about 115 bytes each (the size of the 1,000,000-event,
/// 115 MB trace the throughput target is stated for).
enum SyntheticTrace {
    /// With `uniqueArgs`, every event's `args` differs (the worst case for args sharing).
    static func make(events count: Int, uniqueArgs: Bool = false) -> [UInt8] {
        var text = "{\"traceEvents\":[\n"
        text.reserveCapacity(count * 120)
        var clock = [Int](repeating: 1_000_000, count: 8)
        for index in 0..<count {
            let thread = (index / 3) % 8
            let depth = index % 3
            let start = clock[thread] + depth * 3
            let duration = 30 - depth * 10
            if depth == 2 { clock[thread] += 40 }
            let name = "operation_\((index / 3) % 250)_\(depth)"
            let category = depth == 0 ? "toplevel" : "compute"
            text += "{\"name\":\"\(name)\",\"cat\":\"\(category)\",\"ph\":\"X\",\"ts\":\(start).\(index % 1000),"
            text +=
                "\"dur\":\(duration).25,\"pid\":4242,\"tid\":\(100 + thread),\"args\":{\"i\":\(uniqueArgs ? index : index % 97)}}"
            text += index + 1 < count ? ",\n" : "\n"
        }
        text += "],\"displayTimeUnit\":\"ns\"}\n"
        return Array(text.utf8)
    }
}

/// Prints the import throughput of a 1,000,000-event trace; asserts only what it imported.
/// Slow in debug builds, so it runs only with `HOTPATH_PERF=1` (measure in release:
/// `HOTPATH_PERF=1 swift test -c release -Xswiftc -enable-testing --filter ChromeTraceThroughput`).
@Test(.enabled(if: ProcessInfo.processInfo.environment["HOTPATH_PERF"] == "1"))
func chromeTraceThroughput() throws {
    for uniqueArgs in [false, true] {
        try measure(uniqueArgs: uniqueArgs)
    }
}

private func measure(uniqueArgs: Bool) throws {
    let count = 1_000_000
    let bytes = SyntheticTrace.make(events: count, uniqueArgs: uniqueArgs)
    let ingestor = Ingestor()
    var best = Double.infinity
    var spans = 0
    for _ in 0..<3 {
        let start = DispatchTime.now().uptimeNanoseconds
        let dump = try bytes.withUnsafeBytes { buffer in
            try ingestor.importBytes(buffer, path: "synthetic.json", byteCount: buffer.count, notes: [])
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        best = min(best, elapsed)
        spans = dump.profile.spans.count
    }
    // End to end: read from disk, decode, detect, import.
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("hotpath-throughput-\(uniqueArgs).json")
    try Data(bytes).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    var bestFromDisk = Double.infinity
    for _ in 0..<3 {
        let start = DispatchTime.now().uptimeNanoseconds
        let dump = try ingestor.loadFile(file.path)
        bestFromDisk = min(bestFromDisk, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        #expect(dump.profile.spans.count == count)
    }
    let megabytes = Double(bytes.count) / 1e6
    print(
        "chrome-trace loadFile\(uniqueArgs ? " (every args distinct)" : ""): \(String(format: "%.1f", megabytes)) MB in \(String(format: "%.3f", bestFromDisk)) s = \(String(format: "%.0f", megabytes / bestFromDisk)) MB/s"
    )
    print(
        "chrome-trace import\(uniqueArgs ? " (every args distinct)" : ""): \(count) events, \(String(format: "%.1f", megabytes)) MB in \(String(format: "%.3f", best)) s = \(String(format: "%.0f", megabytes / best)) MB/s"
    )
    #expect(spans == count)
}
