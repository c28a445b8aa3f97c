// Benchmarks for Hotpath's own machinery. Build both in release first (README: this, then
// `hotpath` with `--static-swift-stdlib`), then `.build/release/hotpath-bench` runs the whole
// suite; `hotpath-bench --help` lists the commands that run one part.
import Foundation
import _HotpathTestSupport

/// How README builds the `hotpath` the benchmarks run.
let buildHotpath = "swift build -c release --static-swift-stdlib --product hotpath"

let usage = """
    USAGE: hotpath-bench [COMMAND]

    Benchmarks Hotpath in a release build: throughput, wall time and peak memory, with the
    Python alternative run side by side. Build first (README, "Performance"):
      swift build -c release --product hotpath-bench &&
        swift build -c release --static-swift-stdlib --product hotpath

    COMMANDS:
      all (default)                        the whole suite, with inputs generated in a temporary folder
      templates [ITERATIONS [WARMUP]]      the template engine alone
      profiler                             HotpathProfiler's cost per span and overhead
      phases FILE [sequential]             time per pipeline phase of one trace
      perf-script [MEGABYTES] [SEED]       read generated perf script text in process (default 200 MiB, seed 42)
      generate-perf-script FILE [MEGABYTES] [SEED]  write that perf script text
      pprof [MEGABYTES] [SEED]             read a generated raw pprof profile.proto in process (default 100 MiB, seed 42)
      generate-pprof FILE [MEGABYTES] [SEED]  write that profile.proto
      generate-trace FILE [EVENTS] [SEED]  write the benchmark's Chrome trace (default 1000000 events, seed 42)
      generate-nested-trace FILE [EVENTS] [SEED]
                                           write a viztracer-shaped nested trace (default 1000000 events, seed 42)
      generate-compiler-stacks FILE [STACKS] [SEED]
                                           write compiler-shaped folded stacks (default 113000 distinct
                                           stacks, ~43 deep, about 190 MB; seed 42)
      trace-peers [EVENTS] [REPEATS]       hotpath analyze on the flat and the nested trace beside Python
                                           json + numpy, run alternately; the flat one also on one core
      folded-peers [STACKS] [REPEATS]      hotpath report on compiler-shaped folded stacks beside the
                                           Python dict script and flamegraph.pl ($HOTPATH_FLAMEGRAPH or
                                           the PATH), run alternately
      generate-inputs FOLDER [EVENTS] [SEED]  write every input of the suite
      generate-night FOLDER NIGHT          add one night to a generated history
      history-scale [NIGHTS [BENCHMARKS]]  a nightly history's site (default 365 × 500) by hotpath report
                                           (from scratch, nothing new, one night more) and by asv publish
                                           on the same numbers (asv from $HOTPATH_ASV or the PATH)
      generate-history FOLDER NIGHTS BENCHMARKS [FIRST]
                                           write that history: Google Benchmark JSON per night, and
                                           from night 0 an asv project with the same numbers
      accuracy [--seeds N] [--quick]       how often verdicts and change points are right, on generated
                                           runs and histories (default 20 seeds; --quick: a smoke run)
      attribution [--seeds N]              how often attribution names an injected slowdown (top-1, top-3)
                                           and how often it attributes an unchanged pair (default 10 seeds);
                                           and how often a share test alarms on unchanged sampled pairs
      attribution-cost [EVENTS] [REPEATS]  what attribution adds to hotpath report --baseline on two generated
                                           traces (default 1000000 events, 5 alternating pairs)
    """

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "-h", "--help", "help":
    print(usage)
case "templates":
    let numbers = arguments.dropFirst().compactMap { Int($0) }
    print(runTemplateBenchmark(warmUp: numbers.count > 1 ? numbers[1] : 5, iterations: numbers.first ?? 50))
case "perf-script":
    let megabytes = arguments.count > 1 ? Int(arguments[1]) ?? 200 : 200
    let seed = arguments.count > 2 ? UInt64(arguments[2]) ?? 42 : 42
    for line in runPerfScriptBenchmark(megabytes: megabytes, seed: seed) { print(line) }
case "pprof":
    let megabytes = arguments.count > 1 ? Int(arguments[1]) ?? 100 : 100
    let seed = arguments.count > 2 ? UInt64(arguments[2]) ?? 42 : 42
    for line in runPprofBenchmark(megabytes: megabytes, seed: seed) { print(line) }
case "generate-pprof":
    let path = arguments.count > 1 ? arguments[1] : "generated.pb"
    let megabytes = arguments.count > 2 ? Int(arguments[2]) ?? 100 : 100
    let seed = arguments.count > 3 ? UInt64(arguments[3]) ?? 42 : 42
    let bytes = PprofGenerator(bytes: megabytes << 20, seed: seed).profile()
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
        print("cannot write \(path)")
        exit(1)
    }
    print("wrote \(bytes.count) bytes of profile.proto to \(path)")
case "generate-perf-script":
    let path = arguments.count > 1 ? arguments[1] : "generated.perf"
    let megabytes = arguments.count > 2 ? Int(arguments[2]) ?? 200 : 200
    let seed = arguments.count > 3 ? UInt64(arguments[3]) ?? 42 : 42
    let bytes = PerfScriptGenerator(bytes: megabytes << 20, seed: seed).text()
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
        print("cannot write \(path)")
        exit(1)
    }
    print("wrote \(bytes.count) bytes of perf script text to \(path)")
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
case "generate-nested-trace", "generate-compiler-stacks":
    // hotpath-bench generate-nested-trace FILE [EVENTS] [SEED] / generate-compiler-stacks FILE [STACKS] [SEED]
    let nested = arguments[0] == "generate-nested-trace"
    let path = arguments.count > 1 ? arguments[1] : nested ? "nested.json" : "compiler.folded"
    let count = arguments.count > 2 ? Int(arguments[2]) ?? 0 : nested ? 1_000_000 : 113_000
    let seed = arguments.count > 3 ? UInt64(arguments[3]) ?? 42 : 42
    guard count > 0 else {
        print("usage: hotpath-bench \(arguments[0]) FILE [COUNT] [SEED] (a positive count)")
        exit(64)
    }
    let bytes =
        nested
        ? NestedTraceGenerator(events: count, seed: seed).bytes()
        : CompilerStacksGenerator(stacks: count, seed: seed).bytes()
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
        print("cannot write \(path)")
        exit(1)
    }
    print("wrote \(bytes.count) bytes, \(count) \(nested ? "events" : "stacks") to \(path)")
case "trace-peers", "folded-peers":
    let numbers = arguments.dropFirst().compactMap { Int($0) }
    let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    var peers = PeerBenchmark(
        hotpath: here.appendingPathComponent("hotpath").path, repeats: numbers.count > 1 ? max(1, numbers[1]) : 3)
    guard FileManager.default.isExecutableFile(atPath: peers.hotpath) else {
        print("hotpath-bench: \(peers.hotpath) is missing; build it first: \(buildHotpath)")
        exit(1)
    }
    if arguments[0] == "trace-peers" {
        peers.runTraces(events: numbers.first ?? 1_000_000)
    } else {
        peers.runFolded(stacks: numbers.first ?? 113_000)
    }
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
    else {
        print("usage: hotpath-bench generate-night FOLDER NIGHT (a writable folder and a night number)")
        exit(1)
    }
case "history-scale":
    let numbers = arguments.dropFirst().compactMap { Int($0) }
    let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    HistoryScaleBenchmark(
        hotpath: here.appendingPathComponent("hotpath").path,
        scale: HistoryScale(nights: numbers.first ?? 365, benchmarks: numbers.count > 1 ? numbers[1] : 500)
    ).run()
case "generate-history":
    guard HistoryScaleBenchmark.generate(arguments: Array(arguments.dropFirst())) else {
        print("usage: hotpath-bench generate-history FOLDER NIGHTS BENCHMARKS [FIRST] (a writable folder)")
        exit(1)
    }
case "phases":
    // hotpath-bench phases FILE [sequential]
    for line in runPhaseTimings(
        path: arguments.count > 1 ? arguments[1] : "trace.json", sequential: arguments.contains("sequential"))
    {
        print(line)
    }
case "accuracy":
    guard let harness = AccuracyHarness(arguments: Array(arguments.dropFirst())) else {
        print("hotpath-bench: bad options for accuracy\n\(AccuracyHarness.usage)")
        exit(64)
    }
    harness.run()
case "attribution":
    guard let harness = AttributionHarness(arguments: Array(arguments.dropFirst())) else {
        print("hotpath-bench: bad options for attribution\n\(AttributionHarness.usage)")
        exit(2)
    }
    for line in harness.run() { print(line) }
case "attribution-cost":
    let numbers = arguments.dropFirst().map { Int($0) }
    guard numbers.allSatisfy({ ($0 ?? 0) > 0 }) else {
        print("hotpath-bench: bad options for attribution-cost\n\(AttributionCostBenchmark.usage)")
        exit(64)
    }
    let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    var benchmark = AttributionCostBenchmark(hotpath: here.appendingPathComponent("hotpath").path)
    if let events = numbers.first ?? nil { benchmark.events = events }
    if numbers.count > 1, let repeats = numbers[1] { benchmark.repeats = repeats }
    exit(benchmark.run() ? 0 : 1)
case "profiler":
    for line in await runProfilerBenchmark() { print(line) }
case let command? where command != "all":
    print("hotpath-bench: unknown command '\(command)'\n\n\(usage)")
    exit(64)
default:
    // hotpath-bench [all]: the whole suite; the `hotpath` binary is expected beside this one.
    let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let hotpath = here.appendingPathComponent("hotpath").path
    guard FileManager.default.isExecutableFile(atPath: hotpath) else {
        print("hotpath-bench: \(hotpath) is missing; build it first: \(buildHotpath)")
        exit(1)
    }
    var suite = SuiteBenchmark(hotpath: hotpath)
    suite.run()
    var peers = PeerBenchmark(hotpath: hotpath)
    peers.runTraces()
    peers.runFolded()
    print("templates: " + runTemplateBenchmark(warmUp: 5, iterations: 50).replacingOccurrences(of: "\n", with: "\n  "))
    for line in await runProfilerBenchmark() { print("profiler: " + line) }
}
