import Foundation
import HotpathModel
import Testing
import _HotpathTestSupport

@testable import HotpathIngest

/// `IngestOptions.maximumEvents`, `maximumOperations` and `maximumBytes`: every importer turns
/// runaway input into a `limitExceeded` error naming the limit and the option that raises it.
@Suite(.timeLimit(.minutes(10))) struct LimitTests {
    /// A dump of `format` with `names` distinct operation names, each with `repeats` events.
    static func dump(_ format: DumpFormat, names: Int, repeats: Int = 1) -> String {
        let indexes = (0..<names).flatMap { name in repeatElement(name, count: repeats) }
        func list(_ body: (Int) -> String) -> String { indexes.map(body).joined(separator: ",") }
        switch format {
        case .native:
            let operations = (0..<names).map {
                #"{"name":"n\#($0)","samples":[\#(Array(repeating: "1", count: repeats).joined(separator: ","))]}"#
            }
            return
                #"{"format":"hotpath-profile","version":1,"run":{"workflow":"w","run_id":"r"},"operations":[\#(operations.joined(separator: ","))]}"#
        case .chromeTrace:
            return #"{"traceEvents":[\#(list { #"{"name":"n\#($0)","ph":"X","ts":0,"dur":1,"pid":1,"tid":1}"# })]}"#
        case .speedscope:
            let frames = (0..<names).map { #"{"name":"n\#($0)"}"# }.joined(separator: ",")
            return
                #"{"$schema":"https://www.speedscope.app/file-format-schema.json","shared":{"frames":[\#(frames)]},"profiles":[{"type":"sampled","name":"p","unit":"none","startValue":0,"endValue":1,"samples":[\#(list { "[\($0)]" })],"weights":[\#(list { _ in "1" })]}]}"#
        case .collapsed:
            return indexes.map { "root;n\($0) 1\n" }.joined()
        case .googleBenchmark:
            return
                #"{"context":{},"benchmarks":[\#(list { #"{"name":"n\#($0)","run_type":"iteration","real_time":1,"time_unit":"ns"}"# })]}"#
        case .hyperfine:
            let results = (0..<names).map {
                #"{"command":"n\#($0)","times":[\#(Array(repeating: "1", count: repeats).joined(separator: ","))]}"#
            }
            return #"{"results":[\#(results.joined(separator: ","))]}"#
        case .pytestBenchmark:
            let benchmarks = (0..<names).map {
                #"{"name":"n\#($0)","fullname":"t::n\#($0)","stats":{"data":[\#(Array(repeating: "1", count: repeats).joined(separator: ","))]}}"#
            }
            return #"{"machine_info":{},"benchmarks":[\#(benchmarks.joined(separator: ","))]}"#
        case .pyperf:
            let benchmarks = (0..<names).map {
                #"{"metadata":{"name":"n\#($0)"},"runs":[{"values":[\#(Array(repeating: "1", count: repeats).joined(separator: ","))]}]}"#
            }
            return #"{"version":"1.0","benchmarks":[\#(benchmarks.joined(separator: ","))]}"#
        case .macOSSample:
            return "Call graph:\n    \(indexes.count) Thread_1\n"
                + indexes.map { "    + 1 n\($0)  (in app) + 1  [0x1]\n" }.joined()
        case .callgrind:
            return "events: Ir\n" + indexes.map { "fn=n\($0)\n1 10\n" }.joined()
        case .dtrace:
            return "CPU     ID                    FUNCTION:NAME\n  0  1  :tick-1s\n\n"
                + indexes.map { "              app`n\($0)+0x1\n              app`main+0x8\n                1\n\n" }
                .joined()
        case .perfScript:
            return indexes.map { "app 12 [000] 1.0: 1 cycles:\n\t 4005d0 n\($0) (/bin/app)\n\n" }.joined()
        case .v8CPUProfile:
            let nodes = (0..<names).map {
                #"{"id":\#($0 + 2),"callFrame":{"functionName":"n\#($0)","url":"","lineNumber":-1,"columnNumber":-1}}"#
            }
            let root =
                #"{"id":1,"callFrame":{"functionName":"(root)","url":""},"children":[\#((0..<names).map { String($0 + 2) }.joined(separator: ","))]}"#
            return
                #"{"nodes":[\#(([root] + nodes).joined(separator: ","))],"startTime":0,"endTime":1,"samples":[\#(list { String($0 + 2) }),2],"timeDeltas":[\#(list { _ in "1" }),1]}"#
        case .jmh:
            let entries = (0..<names).map { name in
                #"{"benchmark":"b.n\#(name)","mode":"avgt","primaryMetric":{"scoreUnit":"ns/op","rawData":[[\#(Array(repeating: "1", count: repeats).joined(separator: ","))]]}}"#
            }
            return "[" + entries.joined(separator: ",") + "]"
        case .benchmarkDotNet:
            let cases = (0..<names).map { name in
                let measurements = (0..<repeats).map { _ in
                    #"{"IterationMode":"Workload","IterationStage":"Actual","Operations":1,"Nanoseconds":1}"#
                }
                return
                    #"{"Namespace":"b","Type":"T","Method":"n\#(name)","Measurements":[\#(measurements.joined(separator: ","))]}"#
            }
            return #"{"HostEnvironmentInfo":{},"Benchmarks":[\#(cases.joined(separator: ","))]}"#
        case .firefoxProfiler:
            let all = (0..<names).map(String.init).joined(separator: ",")
            let strings = (0..<names).map { #""n\#($0)""# }.joined(separator: ",")
            let nulls = Array(repeating: "null", count: names).joined(separator: ",")
            return
                #"{"meta":{"interval":1},"threads":[{"name":"t","stringArray":[\#(strings)],"stackTable":{"length":\#(names),"prefix":[\#(nulls)],"frame":[\#(all)]},"frameTable":{"length":\#(names),"func":[\#(all)]},"funcTable":{"length":\#(names),"name":[\#(all)]},"samples":{"length":\#(indexes.count),"stack":[\#(list { String($0) })]}}]}"#
        case .pprof:
            // Binary: not in `HostileSamples.formats`; `PprofImporterTests` checks its limits.
            return ""
        }
    }

    @Test(arguments: HostileSamples.formats) func theGeneratedDumpsRead(_ format: DumpFormat) throws {
        let dump = try #require(HostileSamples.load(Self.dump(format, names: 5, repeats: 2), as: nil).dump)
        #expect(dump.format == format)
    }

    @Test(arguments: HostileSamples.formats) func tooManyOperations(_ format: DumpFormat) throws {
        let options = IngestOptions(maximumOperations: 50)
        #expect(HostileSamples.load(Self.dump(format, names: 40), as: format, options: options).dump != nil)
        let error = try #require(HostileSamples.load(Self.dump(format, names: 60), as: format, options: options).error)
        #expect(error.kind == .limitExceeded, "\(error)")
        #expect(error.message.contains("more than 50") && error.message.contains("--max-operations"), "\(error)")
    }

    @Test(arguments: HostileSamples.formats) func tooManyEvents(_ format: DumpFormat) throws {
        let options = IngestOptions(maximumEvents: 100)
        #expect(HostileSamples.load(Self.dump(format, names: 2, repeats: 40), as: format, options: options).dump != nil)
        let error = try #require(
            HostileSamples.load(Self.dump(format, names: 2, repeats: 60), as: format, options: options).error)
        #expect(error.kind == .limitExceeded, "\(error)")
        #expect(error.message.contains("100") && error.message.contains("--max-events"), "\(error)")
    }

    @Test(arguments: HostileSamples.formats) func tooManyBytes(_ format: DumpFormat) throws {
        let text = Self.dump(format, names: 20)
        let error = try #require(HostileSamples.load(text, as: format, options: IngestOptions(maximumBytes: 100)).error)
        #expect(error.kind == .limitExceeded && error.message.contains("--max-input-bytes"), "\(error)")
    }

    @Test func filesOverTheLimitAreNotRead() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("big.json", Self.dump(.native, names: 100))
        let error = try #require(loadError(path, options: IngestOptions(maximumBytes: 1000)))
        #expect(error.kind == .limitExceeded && error.message.hasPrefix("the file is "), "\(error)")
        // Gzip bombs stop at the limit too.
        let gzipped = try folder.write(
            "small.json", String(repeating: " ", count: 1_000_000) + Self.dump(.native, names: 2))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
        process.arguments = ["-f", gzipped]
        try process.run()
        process.waitUntilExit()
        let bomb = try #require(loadError(gzipped + ".gz", options: IngestOptions(maximumBytes: 100_000)))
        #expect(bomb.kind == .limitExceeded && bomb.message.contains("decompressed"), "\(bomb)")
    }

    /// A trace's sampled stacks: every leaf of a long chain of frames is a stack as deep as the
    /// chain, so the frames built count against the event limit, not only the samples.
    @Test func deepSampledStacksInATrace() throws {
        let frames = (0..<300).map { #""\#($0)": {"name": "f\#($0)"\#($0 == 0 ? "" : #", "parent": \#($0 - 1)"#)}"# }
        let samples = (0..<300).map { #"{"sf": \#($0)}"# }
        let text =
            #"{"traceEvents": [], "stackFrames": {\#(frames.joined(separator: ","))}, "samples": [\#(samples.joined(separator: ","))]}"#
        #expect(HostileSamples.load(text, as: nil).dump?.profile.stacks.count == 300)
        let error = try #require(
            HostileSamples.load(text, as: nil, options: IngestOptions(maximumEvents: 10_000)).error)
        #expect(error.kind == .limitExceeded && error.message.contains("frames in the sampled stacks"), "\(error)")
    }

    /// A speedscope evented profile in `none` units nested 20,000 deep: each level is a stack of
    /// its own, 200 million frames in all, refused at the event limit instead of taking gigabytes.
    @Test func deepStacksOfAnEventedProfileWithoutTime() throws {
        func profile(depth: Int) -> String {
            let frames = (0..<100).map { #"{"name":"f\#($0)"}"# }.joined(separator: ",")
            let events = (0..<depth).map { #"{"type":"O","frame":\#($0 % 100),"at":\#($0)}"# }.joined(separator: ",")
            return
                #"{"$schema":"https://www.speedscope.app/file-format-schema.json","shared":{"frames":[\#(frames)]},"profiles":[{"type":"evented","name":"t","unit":"none","startValue":0,"endValue":\#(depth),"events":[\#(events)]}]}"#
        }
        let error = try #require(HostileSamples.load(profile(depth: 20_000), as: nil).error)
        #expect(
            error.kind == .limitExceeded && error.message.contains("frames in all")
                && error.message.contains("--max-events"), "\(error)")
        // 2,000 deep is two million frames: read.
        #expect(HostileSamples.load(profile(depth: 2_000), as: nil).dump?.profile.stacks.count == 2_000)
    }

    /// More distinct names than the default operation limit (100,000): refused with the message
    /// that says how to raise it — not a run that exhausts memory building a page per name.
    @Test(arguments: HostileSamples.formats) func moreDistinctNamesThanTheDefaultLimit(_ format: DumpFormat) throws {
        let text = Self.dump(format, names: 100_001)
        let error = try #require(HostileSamples.load(text, as: nil).error, "\(format.rawValue)")
        #expect(error.kind == .limitExceeded, "\(error)")
        #expect(error.message.contains("more than 100000") && error.message.contains("--max-operations"), "\(error)")
    }

    /// A million distinct names in the formats that stream them (traces and stacks): refused by
    /// default within seconds, and read when the limit is raised.
    @Test(arguments: [DumpFormat.chromeTrace, .collapsed, .speedscope]) func aMillionDistinctNames(_ format: DumpFormat)
        throws
    {
        let text = Self.dump(format, names: 1_000_000)
        let error = try #require(HostileSamples.load(text, as: nil).error, "\(format.rawValue)")
        #expect(error.kind == .limitExceeded && error.message.contains("--max-operations"), "\(error)")
        guard format == .collapsed else { return }  // one format suffices (debug builds are slow)
        let raised = IngestOptions(maximumOperations: 2_000_000)
        let profile = try #require(HostileSamples.load(text, as: nil, options: raised).dump?.profile)
        #expect(profile.stacks.frameNames.count == 1_000_001)
    }
}
