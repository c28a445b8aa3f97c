import Foundation
import HotpathAnalysis
import HotpathModel
import HotpathOptimizer
import HotpathTemplates
import Testing
import _HotpathTestSupport

@testable import HotpathRender

@Suite struct SiteRendererTests {
    let renderer = SiteRenderer(templates: SiteRenderer.templateManager(sources: DefaultTemplates.sources))

    /// `count` operations, largest first; every other one `factor` times slower than the baseline.
    static func changedRun(operations count: Int, factor: Double) -> SiteContent {
        func profile(_ id: String, slower: Double) -> Profile {
            Profile(
                run: ExampleProfiles.run(id),
                operations: (0..<count).map { index in
                    let base = Double(count - index) * 1000
                    return ProfileResult(
                        name: "operation_\(index)",
                        samples: (0..<12).map { (base + Double($0)) * (index % 2 == 1 ? slower : 1) })
                })
        }
        let baseline = profile("before", slower: 1)
        let current = profile("after", slower: factor)
        let report = Optimizer().optimize(Analyzer().analyze(current, baseline: baseline))
        return SiteContent(
            title: "Nightly", runs: [RunRecord(report: report, samples: Analyzer.samplesByOperation(current))])
    }

    /// Every `href` of a page, resolved against the page's folder.
    static func links(in file: RenderedFile) -> [String] {
        let folder = file.path.split(separator: "/").dropLast().map(String.init)
        return file.text.components(separatedBy: "href=\"").dropFirst().compactMap { rest in
            guard let end = rest.firstIndex(of: "\"") else { return nil }
            let target =
                String(rest[..<end]).split(separator: "#", omittingEmptySubsequences: false).first.map(String.init)
                ?? ""
            guard !target.isEmpty, !target.contains(":") else { return nil }
            var parts = folder
            for part in target.split(separator: "/") {
                if part == ".." { parts = parts.dropLast() } else if part != "." { parts.append(String(part)) }
            }
            return parts.joined(separator: "/")
        }
    }

    @Test func changesPastTheOperationPageLimitGetPagesAndEveryLinkResolves() throws {
        let content = Self.changedRun(operations: 1_000, factor: 1.3)
        let comparison = try #require(content.runs.last?.report.comparison)
        let regressed = comparison.regressions.map(\.name)
        #expect(regressed.contains("operation_999"), "the fixture must change an operation past the 500th")
        let files = try renderer.render(content)
        let paths = Set(files.map(\.path))
        let index = try #require(files.first { $0.path == "index.html" })
        for name in regressed {
            #expect(index.text.contains(">\(name)</a>"), "\(name) is not linked from the index")
        }
        for file in files where file.isHTML {
            for target in Self.links(in: file) where !paths.contains(target) && target != "feed.xml" {
                Issue.record("\(file.path) links to \(target), which was not rendered")
            }
        }
        // The 500 largest plus the significant changes past them, and no more.
        let largest = Set(content.runs[0].report.operations.prefix(RunRecord.operationPageLimit).map(\.name))
        let changedPastLimit = comparison.operations.filter {
            ($0.verdict == .regression || $0.verdict == .improvement) && !largest.contains($0.name)
        }
        #expect(changedPastLimit.count > 100)
        #expect(files.filter { $0.path.contains("/operations/") }.count == 500 + changedPastLimit.count)
    }

    @Test func aManagerWithoutTheUnitFiltersIsGivenThem() throws {
        let content = Self.changedRun(operations: 8, factor: 1.3)
        // The engine's own manager has no `percent` or `change`: the renderer adds them.
        let plain = TemplateManager(sources: DefaultTemplates.sources)
        #expect(!plain.filterNames.contains("percent"))
        let fromPlain = SiteRenderer(templates: plain)
        #expect(fromPlain.templates.filterNames.contains("percent"))
        try fromPlain.templates.preload()
        #expect(try fromPlain.render(content) == renderer.render(content))
        #expect(try fromPlain.markdown(for: content) == renderer.markdown(for: content))
        // One from `templateManager` is used as it is: its cache and statistics are the caller's.
        let manager = SiteRenderer.templateManager(sources: DefaultTemplates.sources, capacity: 4)
        _ = try SiteRenderer(templates: manager).markdown(for: content)
        #expect(manager.statistics.lookups > 0 && manager.statistics.capacity == 4)
    }

    @Test func anOperationWithoutAPageIsPlainTextNotAnError() throws {
        var content = Self.changedRun(operations: 20, factor: 1.3)
        content.runs[0].operationPages = false
        let files = try renderer.render(content)
        let index = try #require(files.first { $0.path == "index.html" })
        #expect(index.text.contains("<li>operation_1: mean"))
    }

    @Test func operationsShowWhereTheirCodeIsAndBytesAreNotTime() throws {
        let profile = Profile(
            run: ExampleProfiles.run(),
            stacks: [
                StackSample(frames: ["<module>", "compress (bz2.py)"], weight: 3 * 1024 * 1024),
                StackSample(frames: ["<module>", "compress (lzma.py:9)"], weight: 1024),
            ],
            stackWeightUnit: .bytes,
            locations: [
                "compress (bz2.py)": CodeLocation(file: "/usr/lib/python3.12/bz2.py", line: 326),
                "compress (lzma.py:9)": CodeLocation(file: "lzma.py", line: 9),
            ])
        let content = SiteContent(
            title: "Allocations",
            runs: [RunRecord(report: Optimizer().optimize(Analyzer().analyze(profile)), samples: [:])])
        let files = try renderer.render(content)
        let bz2 = try #require(files.first { $0.path.contains("/operations/compress-bz2") })
        #expect(bz2.text.contains("<p>Code: <code>/usr/lib/python3.12/bz2.py:326</code></p>"))
        #expect(bz2.text.contains("3.00 MiB in all, 100.0% of the profile's total"))
        // A name that says its place already gets no second one.
        let lzma = try #require(files.first { $0.path.contains("/operations/compress-lzma") })
        #expect(!lzma.text.contains("Code:"))
        let markdown = try renderer.markdown(for: content)
        #expect(markdown.contains("| compress (bz2.py) (/usr/lib/python3.12/bz2.py:326) | 1 | 3.00 MiB |"))
        // Bytes allocated are no time: no hot path, no speedup estimate.
        #expect(!markdown.contains("Amdahl's law with") && !markdown.contains("Top bottlenecks"))
    }

    @Test func sampledRunsCountStacksAndExplainTheirTotalInWords() throws {
        let profile = Profile(
            run: ExampleProfiles.run(),
            stacks: [StackSample(frames: ["main", "a"], weight: 30), StackSample(frames: ["main", "b"], weight: 10)])
        let content = SiteContent(
            title: "Sampled", runs: [RunRecord(report: Analyzer().analyze(profile), samples: [:])])
        let files = try renderer.render(content)
        let run = try #require(files.first { $0.path.hasSuffix("/index.html") && $0.path.hasPrefix("runs/") })
        #expect(run.text.contains(">Stacks</th>"))
        #expect(run.text.contains("(total stack weight)"))
        #expect(!run.text.contains("stack_weight"))
        #expect(!run.text.contains("interpolate"))
        let flame = try #require(files.first { $0.path.hasSuffix("/flamegraph.html") })
        #expect(flame.text.contains("width proportional to total weight"))
        let operation = try #require(files.first { $0.path.contains("/operations/a-") })
        // Weights without a unit are samples, and say so.
        #expect(operation.text.contains("in 1 distinct stack, 30 samples in all"))
        let markdown = try renderer.markdown(for: content)
        #expect(markdown.contains("| Operation | Stacks | Total | Share | Self share |"))
        #expect(markdown.contains("| a | 1 | 30 samples | 75.0% |"))
        #expect(markdown.contains("total 40 samples"))
    }

    /// A frame called from 30 places and calling 25 lists its 20 largest callers and callees,
    /// largest first, and says how many more there are and how large the largest of them is.
    @Test func operationPagesListTheLargestCallersAndCalleesAndCountTheRest() throws {
        var stacks: [StackSample] = []
        for index in 0..<30 {
            stacks.append(StackSample(frames: ["caller\(index)", "hub"], weight: Double(100 + index)))
        }
        for index in 0..<25 {
            stacks.append(StackSample(frames: ["main", "hub", "callee\(index)"], weight: Double(1 + index)))
        }
        let profile = Profile(run: ExampleProfiles.run(), stacks: StackTable(stacks))
        let content = SiteContent(title: "Edges", runs: [RunRecord(report: Analyzer().analyze(profile), samples: [:])])
        let files = try renderer.render(content)
        let page = try #require(files.first { $0.path.contains("/operations/hub-") })
        let callers = page.text.components(separatedBy: "<h3>Calls</h3>")[0]
        let callees = page.text.components(separatedBy: "<h3>Calls</h3>")[1]
        #expect(callers.components(separatedBy: "<li>").count - 1 == 20)
        #expect(callees.components(separatedBy: "<li>").count - 1 == 20)
        // Largest first: main (325), then caller29 (129) to caller11 (111); the 11 left out are
        // 110 samples or less.
        #expect(callers.contains(">main<") && callers.contains(">caller11<") && !callers.contains(">caller10<"))
        #expect(callers.contains("… and 11 more callers, each 110 samples or less"))
        #expect(callees.contains("… and 5 more callees, each 5 samples or less"))
        // Under the limit, nothing is left out and nothing said.
        let main = try #require(files.first { $0.path.contains("/operations/main-") })
        #expect(!main.text.contains("more callee"))
    }

    /// A call edge puts itself into the context as the generic encoder would.
    @Test(arguments: [nil, "../a.html"])
    func callEdgesConvertAsTheyEncode(href: String?) throws {
        struct Encoded: Encodable {
            var name: String
            var href: String?
            var totalText: String
            var count: Int
        }
        let edge = OperationPage.CallEdge(name: "f<int>", href: href, totalText: "3 samples", count: 2)
        let encoded = try TemplateValueEncoder.encode(
            Encoded(name: edge.name, href: edge.href, totalText: edge.totalText, count: edge.count))
        #expect(edge.templateValue == encoded)
    }
}
