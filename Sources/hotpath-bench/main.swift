// Benchmarks for Hotpath's own machinery; run with `swift run -c release hotpath-bench`.
// `hotpath-bench templates [ITERATIONS WARMUP]` runs the template benchmark alone.
import Foundation

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
case "phases":
    // hotpath-bench phases FILE [sequential]
    for line in runPhaseTimings(path: arguments.count > 1 ? arguments[1] : "trace.json", sequential: arguments.contains("sequential")) {
        print(line)
    }
case "profiler":
    for line in await runProfilerBenchmark() { print(line) }
default:
    print(runTemplateBenchmark(warmUp: 5, iterations: 50))
}
