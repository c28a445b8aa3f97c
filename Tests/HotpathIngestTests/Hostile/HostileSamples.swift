import Foundation
import HotpathModel
import Testing

@testable import HotpathIngest

/// Small valid dumps of every format, each naming an operation `alpha` and holding one time
/// `1234` (so tests can swap them for something hostile), and the harness the hostile-input
/// tests share.
enum HostileSamples {
    static let valid: [DumpFormat: String] = [
        .native: #"""
        {"format": "hotpath-profile", "version": 1,
         "run": {"workflow": "w", "run_id": "r", "labels": {"k": "v"}},
         "operations": [{"name": "alpha", "metric": "timing", "samples": [1234, 2000, 1500]}],
         "spans": [{"id": 1, "name": "main", "start_ns": 0, "duration_ns": 5000},
                   {"id": 2, "name": "alpha", "start_ns": 10, "duration_ns": 3000, "parent": 1}],
         "memory": {"samples": [{"t_ns": 0, "rss_bytes": 1024}]}}
        """#,
        .chromeTrace: #"""
        {"traceEvents": [
          {"name": "main", "ph": "B", "ts": 0, "pid": 1, "tid": 1},
          {"name": "alpha", "ph": "X", "ts": 1, "dur": 1234, "pid": 1, "tid": 1, "args": {"n": 1}},
          {"name": "main", "ph": "E", "ts": 5000, "pid": 1, "tid": 1}
        ], "otherData": {"workflow": "w"}}
        """#,
        .speedscope: #"""
        {"$schema": "https://www.speedscope.app/file-format-schema.json",
         "shared": {"frames": [{"name": "main"}, {"name": "alpha"}]},
         "profiles": [{"type": "evented", "name": "t", "unit": "milliseconds", "startValue": 0, "endValue": 5000,
           "events": [{"type": "O", "frame": 0, "at": 0}, {"type": "O", "frame": 1, "at": 1},
                      {"type": "C", "frame": 1, "at": 1234}, {"type": "C", "frame": 0, "at": 5000}]}]}
        """#,
        .collapsed: "main;alpha 1234\nmain;beta 3\nmain 1\n",
        .googleBenchmark: #"""
        {"context": {"date": "2026-11-26T02:00:00+00:00", "num_cpus": 4},
         "benchmarks": [{"name": "alpha", "run_name": "alpha", "run_type": "iteration", "iterations": 10,
                         "real_time": 1234, "cpu_time": 12.0, "time_unit": "us"}]}
        """#,
        .hyperfine: #"""
        {"results": [{"command": "alpha", "mean": 0.011, "median": 0.011, "times": [0.010, 1234, 0.012],
                      "exit_codes": [0, 0, 0]}]}
        """#,
        .pytestBenchmark: #"""
        {"machine_info": {"node": "h"}, "commit_info": {"id": "abc"},
         "benchmarks": [{"group": null, "name": "alpha", "fullname": "t.py::alpha",
                         "stats": {"min": 0.001, "max": 0.003, "median": 0.002, "rounds": 3, "data": [0.001, 1234, 0.003]}}],
         "datetime": "2026-11-26T02:00:00", "version": "4.0.0"}
        """#,
        .pyperf: #"""
        {"version": "1.0", "metadata": {"unit": "second"},
         "benchmarks": [{"metadata": {"name": "alpha"}, "runs": [{"values": [0.010, 1234, 0.012]}]}]}
        """#,
        .callgrind: """
        # callgrind format
        events: Ir
        fn=main
        1 10
        cfn=alpha
        calls=1 1
        1 1234
        fn=alpha
        1 1234

        """,
        .macOSSample: """
        Analysis of sampling app (pid 1) every 1 millisecond

        Call graph:
            1234 Thread_1
            + 1234 main  (in app) + 1  [0x1]
            +   1234 alpha  (in app) + 2  [0x2]

        """,
        .dtrace: """
        CPU     ID                    FUNCTION:NAME
          0  64091                        :tick-60s


                      app`alpha+0x10
                      app`main+0x8
                    1234

                      app`beta
                      app`main+0x8
                    3

        """,
        .perfScript: """
        app 12 [000] 1.000000:       1234 cpu-clock:
        \t          4005d0 alpha+0x10 (/opt/app/bin/app)
        \t          400400 main (/opt/app/bin/app)

        app 12 [000] 1.001000:       1000 cpu-clock:
        \t          4005e0 beta (/opt/app/bin/app)
        \t          400400 main (/opt/app/bin/app)

        """,
        .v8CPUProfile: #"""
        {"nodes": [{"id": 1, "callFrame": {"functionName": "(root)", "scriptId": "0", "url": "", "lineNumber": -1, "columnNumber": -1}, "hitCount": 0, "children": [2]},
                   {"id": 2, "callFrame": {"functionName": "main", "scriptId": "1", "url": "file:///app.js", "lineNumber": 0, "columnNumber": 0}, "hitCount": 0, "children": [3, 4]},
                   {"id": 3, "callFrame": {"functionName": "alpha", "scriptId": "1", "url": "file:///app.js", "lineNumber": 4, "columnNumber": 2}, "hitCount": 2},
                   {"id": 4, "callFrame": {"functionName": "beta", "scriptId": "1", "url": "file:///app.js", "lineNumber": 9, "columnNumber": 2}, "hitCount": 1}],
         "startTime": 0, "endTime": 3000, "samples": [3, 4, 3], "timeDeltas": [10, 1234, 1000]}
        """#,
        .jmh: #"""
        [{"jmhVersion": "1.37", "benchmark": "alpha", "mode": "avgt", "threads": 1, "forks": 2,
          "primaryMetric": {"score": 1117.0, "scoreError": 10.0, "scoreConfidence": [1107.0, 1127.0],
                            "scoreUnit": "ns/op", "rawData": [[1234, 1000], [1100, 1134]]},
          "secondaryMetrics": {}}]
        """#,
        .benchmarkDotNet: #"""
        {"Title": "t", "HostEnvironmentInfo": {"BenchmarkDotNetVersion": "0.14.0", "RuntimeVersion": ".NET 8.0.1"},
         "Benchmarks": [{"Namespace": "", "Type": "", "Method": "alpha", "Parameters": "",
           "Measurements": [{"IterationMode": "Workload", "IterationStage": "Actual", "Operations": 1, "Nanoseconds": 1234},
                            {"IterationMode": "Workload", "IterationStage": "Actual", "Operations": 1, "Nanoseconds": 1000}]}]}
        """#,
        .firefoxProfiler: #"""
        {"meta": {"interval": 1, "startTime": 0, "preprocessedProfileVersion": 57},
         "threads": [{"name": "GeckoMain", "stringArray": ["main", "alpha", "beta"],
           "stackTable": {"length": 3, "prefix": [null, 0, 0], "frame": [0, 1, 2]},
           "frameTable": {"length": 3, "func": [0, 1, 2]}, "funcTable": {"length": 3, "name": [0, 1, 2]},
           "samples": {"length": 3, "stack": [1, 2, 1], "weight": [1234, 2, 3], "weightType": "samples"}}]}
        """#,
    ]

    /// The formats that are text, not JSON: read line by line, so a cut or a stray byte leaves
    /// readable lines rather than a syntax error.
    static let textFormats: Set<DumpFormat> = [.collapsed, .perfScript, .callgrind, .macOSSample, .dtrace]

    /// The time value every sample holds once, to swap for hostile numbers.
    static let timeToken = "1234"

    /// Every text format (JSON or lines), in a stable order. pprof is binary protobuf, which
    /// none of these text mutations apply to: `PprofImporterTests` cuts it at every byte and
    /// checks its limits.
    static let formats: [DumpFormat] = DumpFormat.allCases.filter { $0 != .pprof }

    static let jsonFormats: [DumpFormat] = formats.filter { !textFormats.contains($0) }

    /// What reading some bytes gave.
    enum Outcome {
        case imported(IngestedDump)
        case failed(IngestError)

        var error: IngestError? {
            if case .failed(let error) = self { return error }
            return nil
        }

        var dump: IngestedDump? {
            if case .imported(let dump) = self { return dump }
            return nil
        }
    }

    /// Reads `bytes` as `hostile.json` the way `hotpath report` reads a file: forced to
    /// `format`, or detected when it is nil.
    static func load(_ bytes: [UInt8], as format: DumpFormat?, options: IngestOptions = IngestOptions()) -> Outcome {
        var options = options
        options.forcedFormat = format
        do {
            return .imported(try Ingestor(options: options).loadBytes(bytes, path: "hostile.json"))
        } catch {
            return .failed(error)
        }
    }

    static func load(_ text: String, as format: DumpFormat?, options: IngestOptions = IngestOptions()) -> Outcome {
        load(Array(text.utf8), as: format, options: options)
    }

    /// A clear outcome: an imported profile that keeps the model's rules, or an error with a
    /// message (and, for the JSON formats, a line and column whenever the content was at fault).
    static func expectClear(
        _ outcome: Outcome, _ context: @autoclosure () -> String, positioned: Bool = false,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        switch outcome {
        case .imported(let dump):
            #expect(
                ProfileRules.firstViolation(in: dump.profile) == nil, "\(context())", sourceLocation: sourceLocation)
        case .failed(let error):
            #expect(!error.message.isEmpty, "\(context())", sourceLocation: sourceLocation)
            if positioned {
                #expect(
                    error.line != nil && error.column != nil, "\(context()): \(error)", sourceLocation: sourceLocation)
            }
        }
    }

    /// `count` bytes from a fixed-seed generator, so a failure reproduces.
    static func garbage(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
    }

    /// The text as UTF-16, in either byte order, with or without a byte-order mark.
    static func utf16(_ text: String, littleEndian: Bool, byteOrderMark: Bool) -> [UInt8] {
        var bytes: [UInt8] = byteOrderMark ? (littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]) : []
        for unit in text.utf16 {
            let low = UInt8(unit & 0xFF)
            let high = UInt8(unit >> 8)
            bytes += littleEndian ? [low, high] : [high, low]
        }
        return bytes
    }
}
