import HotpathAnalysis
import HotpathModel
import Testing
import _HotpathTestSupport

@testable import HotpathRender

@Suite struct PanelContextTests {
    @Test func theIOPanelChartsTimePerSourceWithATextAlternative() throws {
        let io =
            (0..<150).map { _ in
                IOOperation(operation: "log", kind: .write, bytes: 100, durationNs: 1000, isAsync: false)
            }
            + [IOOperation(operation: "load", kind: .read, bytes: 1e6, durationNs: 1e6, isAsync: true)]
        let profile = Profile(run: ExampleProfiles.run(), io: io)
        let record = RunRecord(report: Analyzer().analyze(profile), samples: [:])
        let context = ReportContext(record: record, links: SiteLinks(runIDs: ["run-1"], operations: [:]))
        let panel = context.ioPanel(idPrefix: "run")
        guard let svg = panel?.chart?.html else {
            Issue.record("the I/O panel has no chart")
            return
        }
        // The description reads the bars out, largest first, for screen readers.
        #expect(
            svg.contains("<desc id=\"run-io-desc\">load (read): 1.00 ms, 977 KiB; log (write): 150 µs, 14.6 KiB</desc>")
        )
        #expect(svg.components(separatedBy: "<rect ").count - 1 == 2)
        #expect(svg.contains("<title>load (read): 1 operation, 977 KiB in 1.00 ms</title>"))
    }

    @Test func noIOMeansNoPanel() {
        let record = RunRecord(report: Analyzer().analyze(ExampleProfiles.nested()), samples: [:])
        let context = ReportContext(record: record, links: SiteLinks(runIDs: ["run-1"], operations: [:]))
        #expect(context.ioPanel(idPrefix: "run") == nil)
    }
}
