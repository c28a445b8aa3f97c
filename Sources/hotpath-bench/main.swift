// Benchmarks for Hotpath's own machinery; run with `swift run -c release hotpath-bench`.
// Build everything in release first (`swift build -c release`), then `.build/release/hotpath-bench`
// runs the whole suite; `hotpath-bench templates [ITERATIONS WARMUP]`, `profiler`,
// `phases FILE` and `generate-trace FILE [EVENTS] [SEED]` run one part.
import Foundation
import _HotpathTestSupport

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "templates":
    let numbers = arguments.dropFirst().compactMap { Int($0) }
    print(runTemplateBenchmark(warmUp: numbers.count > 1 ? numbers[1] : 5, iterations: numbers.first ?? 50))
case "generate-trace":
    // hotpath-bench generate-trace FILE [EVENTS] [SEED]
    let path = arguments.count > 1 ? arguments[1] : "trace.json"
    let events = arguments.count > 2 ? Int(arguments[2]) ?? 1_000_000 : 1_000_000
    let seed = arguments.count > 3 ? UInt64(arguments[3]) ?? 42 : 42
    let bytes = TraceGenerator(events: events, seed: seed).bytes()
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
        print("cannot write \(path)")
        exit(1)
    }
    print("wrote \(bytes.count) bytes, \(events) events to \(path)")
case "generate-inputs":
    // hotpath-bench generate-inputs FOLDER [EVENTS] [SEED] (the suite runs this in a child process)
    let folder = arguments.count > 1 ? arguments[1] : "."
    let events = arguments.count > 2 ? Int(arguments[2]) ?? 1_000_000 : 1_000_000
    let seed = arguments.count > 3 ? UInt64(arguments[3]) ?? 42 : 42
    exit(SuiteBenchmark.generateInputs(into: folder, events: events, seed: seed) ? 0 : 1)
case "generate-night":
    // hotpath-bench generate-night FOLDER NIGHT: one more night of the generated history
    guard arguments.count > 2, let night = Int(arguments[2]),
        (try? HistoryFixtures.write(into: arguments[1], nights: 1, stepNight: 300, firstNight: night)) != nil
    else { exit(1) }
case "phases":
    // hotpath-bench phases FILE [sequential]
    for line in runPhaseTimings(path: arguments.count > 1 ? arguments[1] : "trace.json", sequential: arguments.contains("sequential")) {
        print(line)
    }
case "profiler":
    for line in await runProfilerBenchmark() { print(line) }
case "templates-only":
    print(runTemplateBenchmark(warmUp: 5, iterations: 50))
default:
    // hotpath-bench [all]: the whole suite; the `hotpath` binary is expected beside this one.
    let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let hotpath = here.appendingPathComponent("hotpath").path
    guard FileManager.default.isExecutableFile(atPath: hotpath) else {
        print("hotpath-bench: \(hotpath) is missing; build both first: swift build -c release")
        exit(1)
    }
    var suite = SuiteBenchmark(hotpath: hotpath)
    suite.run()
    print("templates: " + runTemplateBenchmark(warmUp: 5, iterations: 50).replacingOccurrences(of: "\n", with: "\n  "))
    for line in await runProfilerBenchmark() { print("profiler: " + line) }
}
