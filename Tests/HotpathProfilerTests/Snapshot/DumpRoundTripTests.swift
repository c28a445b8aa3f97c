import Foundation
import HotpathAnalysis
import HotpathIngest
import HotpathModel
import HotpathProfiler
import Testing
import _HotpathTestSupport

@Suite("Dumps")
struct DumpRoundTripTests {
    /// A small workflow touching every part of the dump.
    func recordWorkflow() async throws -> Profiler {
        let profiler = Profiler(
            workflow: "codegen-nightly", runID: "run-7",
            options: .init(labels: ["trigger": "nightly"], git: GitInfo(commit: "abc123", branch: "main")))
        await profiler.measureWorkflow(iterations: 3) { _ in
            profiler.measure("parse_contract") {
                profiler.measure("tokenize") { spin(microseconds: 100) }
                spin(microseconds: 200)
            }
            await profiler.measure("render_templates") {
                await withTaskGroup(of: Void.self) { group in
                    for page in 0..<3 {
                        group.addTask {
                            profiler.recordCacheLookup(cache: "templates", key: "page\(page)", hit: page > 0)
                            profiler.measure("render_template") { spin(microseconds: 50) }
                        }
                    }
                }
            }
            profiler.measure("write_files") {
                profiler.recordIO(kind: .write, bytes: 2048, duration: .microseconds(20), path: "out.swift")
            }
        }
        let executor = StagedParallelExecutor(name: "generate", concurrencyLimit: 2)
        _ = try await executor.run(stage: "emit", Array(0..<4)) { $0 * 2 }
        profiler.recordParallelExecution(executor.statistics)
        return profiler
    }

    @Test("a written dump reads back through the native importer unchanged")
    func roundTrip() async throws {
        let profiler = try await recordWorkflow()
        let folder = try TemporaryFolder("profiler-dump")
        defer { folder.remove() }
        let path = folder.file("codegen.hotpath.json")
        try profiler.write(to: path)
        let dump = try Ingestor().loadFile(path)
        #expect(dump.format == .native)
        #expect(dump.diagnostics.isEmpty)
        let expected = profiler.snapshot()
        let loaded = dump.profile
        #expect(loaded.spans == expected.spans)
        #expect(loaded.operations == expected.operations)
        #expect(loaded.caches == expected.caches)
        #expect(loaded.io == expected.io)
        #expect(loaded.parallel == expected.parallel)
        #expect(loaded.memory == expected.memory)
        #expect(loaded.run.workflow == "codegen-nightly")
        #expect(loaded.run.runID == "run-7")
        #expect(loaded.run.git == GitInfo(commit: "abc123", branch: "main"))
        #expect(loaded.run.labels["trigger"] == "nightly")
        // No temporary file is left beside the dump.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["codegen.hotpath.json"])
    }

    @Test("the analyzer sees the nesting: self times, callers and the call tree")
    func analysis() async throws {
        let profiler = try await recordWorkflow()
        let profile = profiler.snapshot()
        let report = Analyzer().analyze(profile)
        let parse = try #require(report.operations.first { $0.name == "parse_contract" })
        let parseSpans = profile.spans(named: "parse_contract")
        let expectedSelf = parseSpans.reduce(0.0) { total, span in
            total + span.durationNs - profile.children(of: span).reduce(0) { $0 + $1.durationNs }
        }
        #expect(parse.count == 3)
        #expect(abs((parse.selfTotal ?? 0) - expectedSelf) < 1)
        #expect((parse.selfTotal ?? 0) >= 3 * 150_000)
        #expect(parse.callers.map(\.name) == ["workflow"])
        #expect(parse.callees.map(\.name) == ["tokenize"])
        let render = try #require(report.operations.first { $0.name == "render_template" })
        #expect(render.count == 9)
        #expect(render.callers.map(\.name) == ["render_templates"])
        #expect(report.totalBasis == "root_spans")
        let workflowTotal = profile.spans(named: "workflow").reduce(0) { $0 + $1.durationNs }
        // The executor's spans are absent (no profiler), so the workflow's roots are the total.
        #expect(report.totalNs == workflowTotal)
        let tree = try #require(report.callTree)
        #expect(tree.children.map(\.name) == ["workflow"])
        #expect(Set(tree.children[0].children.map(\.name)) == ["parse_contract", "render_templates", "write_files"])
        #expect(report.warnings.isEmpty)
        #expect(report.io?.operations == 3)
        #expect(report.parallel.first?.tasks == 4)
    }

    @Test("the run metadata describes this machine and build")
    func metadata() {
        let run = Profiler(workflow: "test").snapshot().run
        let environment = run.environment
        #expect(run.startTime?.hasSuffix("Z") == true)
        #expect(run.host?.isEmpty == false)
        #expect((environment?.cores ?? 0) >= 1)
        #expect(environment?.toolchain?.hasPrefix("Swift 6") == true)
        #if DEBUG
            #expect(environment?.buildConfiguration == "debug")
        #else
            #expect(environment?.buildConfiguration == "release")
        #endif
        #if os(Linux)
            #expect(environment?.cpuModel?.isEmpty == false)
            #expect(environment?.os?.isEmpty == false)
        #endif
    }

    @Test("a dump that cannot be written is an error naming the path")
    func unwritable() throws {
        let profiler = Profiler(workflow: "test")
        let path = "/nonexistent-folder-\(UUID().uuidString)/dump.json"
        #expect {
            try profiler.write(to: path)
        } throws: { error in
            (error as? ProfilerError)?.kind == .write && (error as? ProfilerError)?.path == path
        }
    }

    @Test("the same profile always encodes to the same bytes")
    func deterministicEncoding() throws {
        let profile = Profiler(workflow: "test").snapshot()
        #expect(try Profiler.encode(profile) == Profiler.encode(profile))
    }
}
