import Foundation
import HotpathModel
import Testing
import _HotpathTestSupport

@testable import HotpathIngest

/// What each deliberately broken shared sample must make Hotpath say. Files not listed import
/// cleanly apart from informational warnings (skipped phases, instants, missing `dur`).
let brokenChromeSamples: [String: [String]] = [
    "trace-event__end-event-with-empty-stack.json": ["1 event ended nothing"],
    "trace-event__end-non-top-of-stack.json": ["ended a begin below the top"],
    "trace-event__invalid-x-nesting.json": ["1 span overlaps an earlier span"],
    "trace-event__mismatched-name.json": ["ended a begin of another name"],
    "trace-event__not-enough-end-events.json": ["2 events began and never ended"],
    "trace-event__only-begin-events.json": ["3 events began and never ended"],
    "trace-event__out-of-order-unbalanced-name.json": ["ended nothing", "back in time"],
    "trace-event__out-of-order.json": ["2 events go back in time"],
    "trace-event__too-many-end-events.json": ["2 events ended nothing", "ended a begin of another name"],
    "trace-event__unbalanced-name.json": ["1 event ended nothing"],
    "trace-event__bex-interaction.json": ["2 events go back in time"],
    "trace-event__hermes-multiple-frames.json": ["1 event goes back in time"],
    "trace-event__simple-partial.json": ["no closing ']'"],
    "trace-event__simple-partial-trailing-comma.json": ["no closing ']'"],
    "trace-event__simple-partial-whitespace.json": ["no closing ']'"],
]

@Suite struct ChromeTraceSampleTests {
    @Test(arguments: sampleNames("chrome-trace"))
    func importsEverySample(_ name: String) throws {
        let dump = try load(Samples.path("chrome-trace/" + name))
        #expect(dump.format == .chromeTrace)
        for expected in brokenChromeSamples[fileName(name)] ?? [] {
            #expect(
                dump.hasWarning(containing: expected),
                "\(name): expected a warning containing \"\(expected)\", got \(dump.warningMessages)")
        }
        // Every span's parent exists and contains it (nesting is inferred, never invented).
        let byID = Dictionary(uniqueKeysWithValues: dump.profile.spans.map { ($0.id, $0) })
        for span in dump.profile.spans {
            #expect(span.durationNs >= 0 && span.startNs >= 0)
            if let parent = span.parent.flatMap({ byID[$0] }) {
                // A time trace's async roots nest into their thread's own spans.
                #expect(parent.thread == span.thread || parent.thread.map { $0 + " (async)" } == span.thread)
                #expect(parent.startNs <= span.startNs + 1 && span.endNs <= parent.endNs + 1)
            }
        }
    }

    @Test func simpleTraceNestsBeginEndAndCompleteEvents() throws {
        let dump = try load(Samples.path("chrome-trace/from-speedscope/trace-event__simple.json"))
        let spans = dump.profile.spans
        #expect(spans.map(\.name) == ["alpha", "beta", "gamma", "epsilon"])
        #expect(spans.map(\.startNs) == [0, 1000, 2000, 7000])
        #expect(spans.map(\.durationNs) == [14000, 12000, 5000, 0])
        #expect(spans.map(\.parent) == [nil, 0, 1, 1])
        #expect(spans[0].thread == "pid 0 / tid 0")
        #expect(spans[2].args == ["detail": "foobar"])
    }

    @Test(arguments: [
        "trace-event__simple-partial.json", "trace-event__simple-partial-trailing-comma.json",
        "trace-event__simple-partial-whitespace.json",
    ])
    func partialArraysReadLikeTheComplete(_ name: String) throws {
        let complete = try load(Samples.path("chrome-trace/from-speedscope/trace-event__simple.json")).profile.spans
        let partial = try load(Samples.path("chrome-trace/from-speedscope/" + name)).profile.spans
        #expect(partial == complete)
    }

    @Test func viztracerSampleThreadNamesAndCounts() throws {
        let dump = try load(Samples.path("chrome-trace/from-viztracer/tests__data__multithread.json.gz"))
        #expect(dump.profile.spans.count == 404)
        let threads = Set(dump.profile.spans.compactMap(\.thread))
        #expect(
            threads
                == Set(
                    ["MainThread", "Thread-1", "Thread-2", "Thread-3", "Thread-4"].map {
                        "MainProcess (pid 15853) / \($0)"
                    }))
        // The first X event: ts 14607090375.889 µs, dur 1.3 µs; the earliest event at 14607090374.289 µs.
        let first = try #require(
            dump.profile.spans.first { $0.name == "_newname (/usr/lib/python3.6/threading.py:727)" })
        #expect(abs(first.durationNs - 1300) < 0.01)
        #expect(abs(first.startNs - 1600) < 0.01)
    }

    @Test func chromePerformancePanelTraces() throws {
        let tracing = try load(Samples.path("chrome-trace/from-firefox-profiler/chrome-tracing.json.gz"))
        #expect(tracing.profile.spans.count == 186)
        #expect(tracing.profile.run.environment?.cpuModel == "11th Gen Intel(R) Core(TM) i9-11900H @ 2.50GHz")
        #expect(
            tracing.profile.spans.filter {
                $0.thread == "Service: tracing.mojom.TracingService (pid 929423) / CrUtilityMain"
            }.count == 115)
        #expect(tracing.hasWarning(containing: "8 instant events"))

        let devtools = try load(Samples.path("chrome-trace/from-speedscope/Chrome__116__Trace-20230603T221323.json.gz"))
        #expect(devtools.profile.spans.count == 2456)
        #expect(devtools.profile.run.startTime == "2023-06-04T05:13:20.473Z")
        #expect(devtools.profile.run.environment?.cores == 16)
        // Beside complete and B/E spans, async intervals (latencies) are counted, not imported.
        #expect(devtools.hasWarning(containing: "'b' ×234, 'e' ×234"))
    }

    /// rspack's trace (firefox-profiler issue 5429) is async events only: b/e pairs per tokio
    /// thread, nested. It was an empty run when b/e were skipped.
    @Test func asyncOnlyTraceBecomesSpans() throws {
        let dump = try load(Samples.path("chrome-trace/from-firefox-profiler/chrome-trace-issue-5429.json.gz"))
        let spans = dump.profile.spans
        #expect(spans.count == 51)
        let build = try #require(spans.first { $0.name == "Compiler:build" })
        #expect(
            abs(build.durationNs - 136_724_875) < 0.01 && build.parent == nil
                && build.thread == "pid 1 / tokio-13 (async)")
        let compile = try #require(spans.first { $0.name == "Compiler:compile" })
        #expect(compile.parent == build.id)
        // Its V8 CPU profile (two P events) is the run's sampled view.
        #expect(dump.profile.stacks.reduce(0) { $0 + $1.weight } == 206)
        #expect(!dump.hasWarning(containing: "'P' ×"))
        #expect(!dump.hasWarning(containing: "async end") && !dump.hasWarning(containing: "async begin"))
    }

    /// Chrome 141's Performance panel export holds its CPU profile as `P` chunks only: a sampled
    /// run. Two of its chunks have empty args and five samples name nodes no chunk defines.
    @Test func sampleEventsOnlyAreASampledRun() throws {
        let dump = try load(Samples.path("chrome-trace/from-speedscope/Chrome__141__no-arg-data.json"))
        #expect(dump.profile.spans.isEmpty)
        #expect(dump.profile.kind == .sampled)
        #expect(dump.profile.stacks.first?.frames == ["(program)"])
        #expect(dump.profile.stacks.reduce(0) { $0 + $1.weight } == 416)
        #expect(
            dump.hasWarning(
                containing:
                    "5 CPU profile samples named no node of its profile and were skipped; 2 ProfileChunk events held no cpuProfile"
            ))
        #expect(!dump.hasWarning(containing: "the trace has no spans"))
    }

    /// Sample events that are not V8 profiles leave a run without spans empty, and say so.
    @Test func otherSampleEventsOnlySayTheRunIsEmpty() throws {
        let dump = try Ingestor().load(
            text: #"[{"ph": "P", "name": "sample", "ts": 1, "pid": 1, "tid": 1}]"#)
        #expect(dump.profile.spans.isEmpty && dump.profile.stacks.isEmpty)
        #expect(dump.hasWarning(containing: "the trace has no spans, only 1 sample event (phase P"))
    }

    @Test func traceWithSampledStacks() throws {
        let dump = try load(Samples.path("chrome-trace/from-speedscope/trace-event__simple-with-samples.json"))
        #expect(dump.profile.stackWeightUnit == .samples)
        #expect(dump.profile.stacks.reduce(0) { $0 + $1.weight } == 7)
        #expect(dump.profile.stacks.first?.frames == ["[root]"])
        #expect(dump.profile.kind == .sampled)
    }
}

@Suite struct ChromeTraceFixtureTests {
    @Test func clangTimeTrace() throws {
        let dump = try load(Fixtures.path("clang-ftime-trace.json"))
        let profile = dump.profile
        // 33 Source b/e pairs are spans; the `Total …` summaries are phase totals.
        #expect(profile.spans.count == 185 - profile.phaseTotals.count + 33)
        #expect(profile.phaseTotals.contains { $0.name == "Frontend" && $0.count == 2 })
        #expect(profile.run.startTime == "2026-11-27T12:42:22Z")
        #expect(profile.run.workflow == "clang-ftime-trace")
        let frontend = profile.spans.filter { $0.name == "Frontend" }
        #expect(frontend.map(\.durationNs) == [185_681_000, 6_315_000])
        let execute = try #require(profile.spans.first { $0.name == "ExecuteCompiler" })
        #expect(execute.thread == "clang-21 (pid 6260) / clang++")
        #expect(frontend.allSatisfy { $0.parent == execute.id })
        #expect(!profile.spans.contains { $0.name.hasPrefix("Total ") })
        #expect(!dump.hasWarning(containing: "'b' ×33, 'e' ×33"))
    }

    @Test func viztracerWorkload() throws {
        let dump = try load(Fixtures.path("viztracer-workload.json"))
        let profile = dump.profile
        #expect(profile.spans.count == 271)
        #expect(profile.spans.filter { $0.name == "fib (workload.py:4)" }.count == 159)
        let threads = Dictionary(grouping: profile.spans, by: { $0.thread ?? "" }).mapValues(\.count)
        #expect(
            threads == [
                "MainProcess (pid 21406) / MainThread": 127, "MainProcess (pid 21406) / worker-0": 72,
                "MainProcess (pid 21406) / worker-1": 72,
            ])
        // `rss_bytes` counters (log_var) become memory samples.
        #expect(profile.memory.samples.map(\.rssBytes) == [1_000_000, 1_004_096, 1_008_192])
        #expect(abs(profile.memory.samples[0].tNs - 15_834) < 1)
        #expect(profile.run.labels["viztracer.version"] == "1.1.1")
        #expect(dump.hasWarning(containing: "3 instant events"))
    }

    @Test func pytorchProfilerShape() throws {
        let dump = try load(Fixtures.path("pytorch-profiler-shape.json"))
        let spans = dump.profile.spans
        #expect(spans.map(\.name) == ["aten::linear", "aten::matmul", "cudaLaunchKernel", "ampere_sgemm_128x64_tn"])
        #expect(spans.map(\.parent) == [nil, 0, 1, nil])
        #expect(spans[3].thread == "GPU 0 (pid 0) / stream 7")
        #expect(spans[0].args?["category"] == "cpu_op")
        #expect(abs(spans[3].durationNs - 41_000) < 0.01)
        #expect(dump.profile.run.labels["device.0"] == "NVIDIA A100-SXM4-40GB")
        #expect(dump.hasWarning(containing: "'f' ×1, 's' ×1"))
    }

    @Test func cacheIOAndMemoryConventions() throws {
        let dump = try load(Fixtures.path("chrome-conventions.json"))
        let profile = dump.profile
        #expect(profile.run.workflow == "template-render")
        #expect(profile.run.runID == "nightly-42")
        #expect(profile.run.startTime == "2026-11-20T02:00:00Z")
        #expect(profile.run.labels["trigger"] == "nightly")
        #expect(profile.spans.map(\.name) == ["render", "compile", "read config", "write page"])
        #expect(profile.spans.map(\.parent) == [nil, 0, 0, 0])

        let cache = try #require(profile.caches.first)
        #expect(profile.caches.count == 1)
        #expect(cache.name == "templates")
        #expect((cache.hits, cache.misses) == (2, 2))
        #expect(cache.missCostNs == 80_000)
        #expect(cache.hotMisses == ["page.html"])
        #expect((cache.size, cache.capacity) == (1, 64))

        #expect(profile.io.count == 2)
        #expect(
            profile.io[0]
                == IOOperation(
                    operation: "read config", kind: .read, bytes: 4096, durationNs: 40_000, startNs: 110_000,
                    isAsync: false, path: "/etc/app.toml"))
        #expect(profile.io[1].kind == .write && profile.io[1].isAsync && profile.io[1].bytes == 20_480)
        #expect(dump.hasWarning(containing: "lacked args.hit or args.bytes"))

        #expect(
            profile.memory.samples == [
                MemorySample(tNs: 0, rssBytes: 52_428_800, heapBytes: 20_971_520),
                MemorySample(tNs: 250_000, rssBytes: 31_457_280, heapBytes: 31_457_280),
            ])
        #expect(dump.hasWarning(containing: "1 counter event (phase C) is not memory-like; skipped: \"frames\""))
    }
}

@Suite struct ChromeTraceEdgeCaseTests {
    func spans(_ text: String) throws -> (spans: [Span], warnings: [String]) {
        let dump = try Ingestor().load(text: text)
        return (Array(dump.profile.spans), dump.warningMessages)
    }

    /// Each span keeps its own category, whether it repeats the one before (found without a
    /// hash), differs from it, or is spelled with an escape.
    @Test func categoriesRepeatedOrNotStayEachSpans() throws {
        let result = try spans(
            #"""
            [{"ph":"X","name":"a","cat":"gpu","ts":0,"dur":1,"pid":1,"tid":1},
             {"ph":"X","name":"b","cat":"gpu","ts":2,"dur":1,"pid":1,"tid":1},
             {"ph":"X","name":"c","cat":"gp","ts":4,"dur":1,"pid":1,"tid":1},
             {"ph":"X","name":"d","cat":"cpu","ts":6,"dur":1,"pid":1,"tid":1},
             {"ph":"X","name":"e","cat":"cpu","ts":8,"dur":1,"pid":1,"tid":1},
             {"ph":"X","name":"f","cat":"gpu","ts":10,"dur":1,"pid":1,"tid":1},
             {"ph":"X","name":"g","cat":"gpux","ts":12,"dur":1,"pid":1,"tid":1}]
            """#)
        #expect(result.spans.map(\.name) == ["a", "b", "c", "d", "e", "f", "g"])
        #expect(result.spans.map { $0.args?["category"] } == ["gpu", "gpu", "gp", "cpu", "cpu", "gpu", "gpux"])
    }

    @Test func nestingTiesPutTheLongerSpanOutside() throws {
        let result = try spans(
            """
            [{"ph":"X","name":"inner","ts":0,"dur":5,"pid":1,"tid":1},
             {"ph":"X","name":"outer","ts":0,"dur":10,"pid":1,"tid":1},
             {"ph":"X","name":"other thread","ts":1,"dur":2,"pid":1,"tid":2}]
            """)
        #expect(result.spans.map(\.name) == ["outer", "inner", "other thread"])
        #expect(result.spans.map(\.parent) == [nil, 0, nil])
        #expect(result.warnings.isEmpty)
    }

    @Test func negativeDurationsAreDroppedAndCounted() throws {
        let result = try spans(
            """
            {"traceEvents":[{"ph":"X","name":"a","ts":5,"dur":-1},{"ph":"X","name":"b","ts":6,"dur":-2},{"ph":"X","name":"c","ts":7,"dur":1}]}
            """)
        #expect(result.spans.map(\.name) == ["c"])
        #expect(result.warnings.contains { $0.contains("2 events have a negative duration; dropped") })
    }

    @Test func unknownAndMissingPhasesAreCountedPerPhase() throws {
        let result = try spans(
            """
            [{"ph":"Z","name":"a","ts":1},{"ph":"Z","ts":2},{"name":"no phase","ts":3},{"ph":"X","name":"x","ts":4,"dur":1}]
            """)
        #expect(result.spans.count == 1)
        #expect(result.warnings.contains { $0.contains("ignored 3 events of unknown phases: 'Z' ×2, '(no ph)' ×1") })
    }

    @Test func stringPidsAndTimestamps() throws {
        let result = try spans(
            """
            [{"ph":"M","name":"thread_name","pid":"browser","tid":"io","args":{"name":"IO thread"}},
             {"ph":"X","name":"a","ts":"100","dur":"5","pid":"browser","tid":"io"}]
            """)
        #expect(result.spans.map(\.thread) == ["pid browser / IO thread"])
        #expect(result.spans.map(\.durationNs) == [5000])
    }

    @Test func escapedNamesAreDecoded() throws {
        let result = try spans(#"[{"ph":"X","name":"say \"hi\"\n","ts":0,"dur":1}]"#)
        #expect(result.spans.map(\.name) == ["say \"hi\"\n"])
    }

    @Test func eventLimitIsAClearError() {
        let error = loadError(
            text: #"[{"ph":"X","ts":0,"dur":1},{"ph":"X","ts":1,"dur":1},{"ph":"X","ts":2,"dur":1}]"#,
            options: IngestOptions(maximumEvents: 2))
        #expect(error?.kind == .limitExceeded)
        #expect(error?.message.contains("more than 2 trace events") == true)
    }

    @Test func objectWithoutTraceEventsNamesWhatItExpected() {
        let error = loadError(
            text: #"{"traceEvents_": [], "otherData": {}}"#, options: IngestOptions(forcedFormat: .chromeTrace))
        #expect(error?.kind == .invalidContent)
        #expect(error?.message.contains("expected a \"traceEvents\" array") == true)
    }

    @Test(arguments: [
        // Truncated inside an event: the closing-']' allowance does not cover a cut event.
        MarkedText(#"[{"ph":"X","name":"a","ts":0,"dur":1},{"ph":"X",⏏"na"#),
        MarkedText("{\"traceEvents\":[\n  {\"ph\":\"X\",\"ts\":0,\"dur\":1}\n⏏"),
        MarkedText("[\n {\"ph\":\"X\",\"ts\":0,\"dur\":1}\n ⏏x\n]"),
        MarkedText("[{\"ph\":\"X\",\"ts\":⏏tru}]"),
    ])
    func corruptTracesGivePositionedErrors(_ input: MarkedText) throws {
        let error = try #require(
            loadError(text: input.text, name: "broken.json", options: IngestOptions(forcedFormat: .chromeTrace)))
        #expect(error.format == .chromeTrace)
        #expect(error.kind == .syntax)
        #expect((error.line, error.column) == (input.line, input.column), "\(error.description)")
        #expect(error.description.hasPrefix("broken.json:\(input.line):\(input.column): error: chrome-trace: "))
    }
}

/// Samples beside spans are kept (issue 17.5).
@Suite struct ChromeTraceSamplesBesideSpansTests {
    @Test func stackFramesAndSamplesBesideSpans() throws {
        let dump = try load(Samples.path("chrome-trace/from-speedscope/trace-event__multi-thread-with-samples.json"))
        #expect(!dump.profile.spans.isEmpty)
        #expect(dump.profile.stacks.reduce(0) { $0 + $1.weight } == 8)
        #expect(dump.profile.stackWeightUnit == .samples)
        #expect(dump.profile.kind == .timed)
    }

    @Test func v8ProfileChunksBesideSpans() throws {
        let dump = try load(Samples.path("chrome-trace/from-speedscope/Chrome__69__simple.json.gz"))
        #expect(!dump.profile.spans.isEmpty)
        #expect(dump.profile.stacks.reduce(0) { $0 + $1.weight } == 2051)
        #expect(dump.profile.stacks.contains { $0.frames.last == "alpha (simple.js:1)" })
        // The chunks are read, not skipped.
        #expect(!dump.warningMessages.contains { $0.contains("'P' ×") })
    }

    @Test func unusableSamplesAreCounted() throws {
        let dump = try Ingestor().load(
            text: """
                {"traceEvents": [
                {"ph": "X", "name": "work", "ts": 0, "dur": 10, "pid": 1, "tid": 1},
                {"ph": "P", "name": "Profile", "id": "0x1", "ts": 0, "pid": 1, "tid": 1, "args": {"data": {"startTime": 0}}},
                {"ph": "P", "name": "ProfileChunk", "id": "0x1", "ts": 1, "pid": 1, "tid": 1, "args": {"data": {"cpuProfile": {"nodes": [{"id": 1, "callFrame": {"functionName": "(root)"}}, {"id": 2, "parent": 1, "callFrame": {"functionName": "f", "url": "a/b.js", "lineNumber": 4}, "children": [3]}, {"id": 3, "callFrame": {"functionName": ""}}], "samples": [2, 2, 3, 9]}, "timeDeltas": [1, 1, 1, 1]}}}
                ]}
                """)
        #expect(dump.profile.stacks.map { Array($0.frames) } == [["f (b.js:5)"], ["f (b.js:5)", "(anonymous)"]])
        #expect(dump.profile.stacks.map { $0.weight } == [2, 1])
        #expect(dump.hasWarning(containing: "1 CPU profile sample named no node"))
    }

    @Test func totalsOfAnLLVMTimeTraceAreASummary() throws {
        let dump = try Ingestor().load(
            text: """
                {"traceEvents": [
                {"ph": "X", "name": "ExecuteCompiler", "ts": 0, "dur": 100, "pid": 1, "tid": 1},
                {"ph": "X", "name": "Frontend", "ts": 0, "dur": 80, "pid": 1, "tid": 1},
                {"ph": "b", "name": "Source", "cat": "Source", "id": 0, "ts": 10, "pid": 1, "tid": 1, "args": {"detail": "a.h"}},
                {"ph": "b", "name": "Source", "cat": "Source", "id": 0, "ts": 20, "pid": 1, "tid": 1, "args": {"detail": "b.h"}},
                {"ph": "e", "name": "Source", "cat": "Source", "id": 0, "ts": 30, "pid": 1, "tid": 1},
                {"ph": "e", "name": "Source", "cat": "Source", "id": 0, "ts": 40, "pid": 1, "tid": 1},
                {"ph": "X", "name": "Total ExecuteCompiler", "ts": 0, "dur": 100, "pid": 1, "tid": 2, "args": {"count": 1, "avg ms": 0}},
                {"ph": "X", "name": "Total Frontend", "ts": 0, "dur": 80, "pid": 1, "tid": 3, "args": {"count": 1, "avg ms": 0}},
                {"ph": "X", "name": "Total cost", "ts": 0, "dur": 5, "pid": 1, "tid": 4, "args": {"note": "not a summary"}}
                ]}
                """)
        let profile = dump.profile
        #expect(
            profile.phaseTotals == [
                PhaseTotal(name: "ExecuteCompiler", totalNs: 100_000, count: 1),
                PhaseTotal(name: "Frontend", totalNs: 80_000, count: 1),
            ])
        // Without count and avg ms it is an ordinary span.
        #expect(profile.spans.contains { $0.name == "Total cost" })
        var byDetail: [String: Span] = [:]
        for span in profile.spans { if let detail = span.args?["detail"] { byDetail[detail] = span } }
        let frontend = try #require(profile.spans.first { $0.name == "Frontend" })
        #expect(byDetail["a.h"]?.parent == frontend.id)
        #expect(byDetail["b.h"]?.parent == byDetail["a.h"]?.id)
    }
}
