/// The dump formats Hotpath reads. Detection is by content; `--format` forces one.
public enum DumpFormat: String, Sendable, CaseIterable, Codable {
    case native = "hotpath"
    case chromeTrace = "chrome-trace"
    case speedscope
    case collapsed
    case googleBenchmark = "google-benchmark"
    case hyperfine
    case pytestBenchmark = "pytest-benchmark"
    case pyperf
    case perfScript = "perf-script"
    case v8CPUProfile = "v8-cpuprofile"
    case pprof
    case jmh
    case benchmarkDotNet = "benchmarkdotnet"
    case firefoxProfiler = "firefox-profiler"
    case callgrind
    case macOSSample = "macos-sample"
    case dtrace

    /// One line for `hotpath formats`.
    public var summary: String {
        switch self {
        case .native: "Hotpath's native profile JSON (\"format\": \"hotpath-profile\"), version 1"
        case .chromeTrace:
            "Chrome Trace Event Format JSON (object or array form; Chrome, Perfetto, clang -ftime-trace, viztracer)"
        case .speedscope: "speedscope JSON, evented and sampled profiles"
        case .collapsed: "collapsed / folded stacks (\"a;b;c 42\"), including the two-column differential form"
        case .googleBenchmark: "Google Benchmark JSON (--benchmark_format=json)"
        case .hyperfine: "hyperfine JSON (--export-json)"
        case .pytestBenchmark: "pytest-benchmark JSON (--benchmark-json)"
        case .pyperf: "pyperf JSON, plain or gzip-compressed"
        case .perfScript: "Linux perf script text (perf record -g; perf script), default output and -F field selections"
        case .v8CPUProfile: "V8 CPU profile JSON (.cpuprofile from Chrome DevTools and node --cpu-prof)"
        case .jmh:
            "JMH JSON (-rf json): time per op or throughput per benchmark and params, gc.alloc.rate.norm as memory"
        case .benchmarkDotNet:
            "BenchmarkDotNet JSON (*-report-full.json, brief too): actual workload iterations per op, parameters, allocated bytes/op as memory"
        case .firefoxProfiler:
            "Firefox Profiler JSON: the processed profile profiler.firefox.com saves (and samply writes), Gecko profiles, DevTools recordings"
        case .callgrind:
            "callgrind / cachegrind profiles (valgrind --tool=callgrind, KCachegrind's format): self and inclusive cost per function, every event a measure"
        case .macOSSample:
            "macOS sample text (sample PID -file out.txt, Activity Monitor's Sample Process): the call graph's threads and stacks"
        case .dtrace:
            "DTrace stack aggregations as dtrace prints them (@[ustack()] = count(), stack(), jstack()): stacks weighted by their counts"
        case .pprof:
            "pprof profile.proto, gzip-compressed or raw (Go runtime/pprof, pprof-rs, async-profiler); every sample type a measure"
        }
    }
}
