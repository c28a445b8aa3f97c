import Foundation
import HotpathAnalysis
import HotpathModel
import HotpathOptimizer
import HotpathRender
import HotpathTemplates
import Testing
import _HotpathTestSupport

@Suite struct MarkdownSummaryTests {
    let renderer = SiteRenderer(templates: SiteRenderer.templateManager(sources: DefaultTemplates.sources))

    func content(operations: Int, names: (Int) -> String = { "operation_\($0)" }) -> SiteContent {
        func profile(_ id: String, factor: Double) -> Profile {
            Profile(
                run: ExampleProfiles.run(id),
                operations: (0..<operations).map { index in
                    ProfileResult(
                        name: names(index),
                        samples: (0..<12).map { Double(1000 + index * 10 + $0) * (index % 2 == 0 ? factor : 1) })
                })
        }
        let baseline = profile("before", factor: 1)
        let current = profile("after", factor: 1.5)
        let report = Optimizer().optimize(Analyzer().analyze(current, baseline: baseline))
        return SiteContent(
            title: "Nightly", runs: [RunRecord(report: report, samples: Analyzer.samplesByOperation(current))],
            siteURL: "https://perf.example.com/nightly/")
    }

    @Test func fiveThousandOperationsStayUnderGitHubsLimitAndSayWhatWasCut() throws {
        let text = try renderer.markdown(for: content(operations: 5_000))
        #expect(text.count <= 10_000, "\(text.count) characters")
        #expect(
            text.hasPrefix(
                "## ❌ 2,500 regressions · ✅ 2,500 unchanged\n\n**Nightly**: 2500 regressions, 0 improvements vs before")
        )
        #expect(text.contains("… and 2,480 more on the site ([full report](https://perf.example.com/nightly/runs/"))
    }

    @Test func smallReportsKeepEverySection() throws {
        let text = try renderer.markdown(for: content(operations: 6))
        #expect(text.contains("### Significant changes vs before"))
        #expect(text.contains("<details><summary>All operations (6)</summary>"))
        #expect(text.contains("[operation\\_0](https://perf.example.com/nightly/runs/"))
        #expect(!text.contains("more on the site"))
        #expect(text.contains("| Operation | Count | Mean | p50 | p95 | p99 | Max | Share |"))
    }

    @Test func recommendationsShowTheirAmdahlInputs() throws {
        let text = try renderer.markdown(for: content(operations: 6))
        let line = try #require(
            text.split(separator: "\n").first { $0.hasPrefix("- **") && $0.contains("_Estimated ") })
        #expect(line.contains(" overall (Amdahl's law with p = "))
        #expect(line.contains("% of the run, s = "))
    }

    @Test func tablesSurviveHostileNamesInARealGFMRenderer() throws {
        let hostile = [
            "a|b", "<script>alert(1)</script>|@team", "`tick` *star* _under_ ~strike~ [x](y)", "# heading", "> quote",
            "line\nbreak",
        ]
        let text = try renderer.markdown(for: content(operations: hostile.count) { hostile[$0] })
        #expect(!text.contains("@team"), "a mention survived")
        guard let html = CMarkGFM.render(text) else { return }  // cmark-gfm not installed here
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<h1>heading"))
        // Every row of the changes table keeps its seven columns.
        let rows = html.components(separatedBy: "<tr>").dropFirst()
        #expect(!rows.isEmpty)
        for row in rows where row.contains("</td>") {
            let cells = row.components(separatedBy: "<td").count - 1
            #expect(cells == 7 || cells == 8 || cells == 3 || cells == 4, "row lost its columns: \(row)")
        }
        for name in ["a|b", "&lt;script&gt;alert(1)&lt;/script&gt;|@", "`tick` *star* _under_ ~strike~ [x](y)"]
        where !html.contains(name) {
            Issue.record("name not shown as text: \(name)")
        }
    }
}

/// The real GitHub-flavored Markdown renderer, when installed (`.ci/run` installs cmark-gfm).
enum CMarkGFM {
    static func render(_ markdown: String) -> String? {
        let path = ["/usr/bin/cmark-gfm", "/usr/local/bin/cmark-gfm"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        guard let path else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--extension", "table", "--extension", "autolink", "--extension", "strikethrough"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        do {
            try process.run()
            try input.fileHandleForWriting.write(contentsOf: Data(markdown.utf8))
            try input.fileHandleForWriting.close()
            let data = try output.fileHandleForReading.readToEnd() ?? Data()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        } catch {
            return nil
        }
    }
}
