import Foundation
import HotpathProfiler
import Testing
import _HotpathTestSupport

@testable import HotpathCommands

/// A program instrumented with HotpathProfiler writes a dump that `hotpath report` turns into a
/// validated site showing the nesting it measured.
@Suite(.serialized) struct ProfilerToSiteTests {
    @Test func anInstrumentedWorkflowBecomesASiteWithItsNesting() async throws {
        let profiler = Profiler(workflow: "codegen", runID: "instrumented")
        await profiler.measureWorkflow(iterations: 2) { _ in
            profiler.measure("parse_contract") {
                profiler.measure("tokenize") { busyWait(microseconds: 200) }
            }
            await profiler.measure("render_templates") {
                await withTaskGroup(of: Void.self) { group in
                    for _ in 0..<3 {
                        group.addTask { profiler.measure("render_template") { busyWait(microseconds: 100) } }
                    }
                }
            }
        }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let dump = folder.file("instrumented.json")
        try profiler.write(to: dump)
        let out = folder.file("site")
        #expect(await CommandRunner.run(["report", dump, "--out", out, "--no-cache", "--quiet"]) == 0)
        #expect(await CommandRunner.run(["validate", out]) == 0)
        let operations = try FileManager.default.subpathsOfDirectory(atPath: out).filter { $0.contains("/operations/") }
        let tokenize = try #require(operations.first { $0.contains("/tokenize-") })
        let page = try String(contentsOfFile: out + "/" + tokenize, encoding: .utf8)
        // tokenize is called by parse_contract, which the page links.
        #expect(page.contains(">parse_contract</a>: "))
        let render = try #require(operations.first { $0.contains("/render-template-") })
        let renderPage = try String(contentsOfFile: out + "/" + render, encoding: .utf8)
        #expect(renderPage.contains(">render_templates</a>: "))
        #expect(renderPage.contains("6 calls"))
    }
}

private func busyWait(microseconds: Int) {
    let end = DispatchTime.now().uptimeNanoseconds + UInt64(microseconds) * 1000
    while DispatchTime.now().uptimeNanoseconds < end {}
}
