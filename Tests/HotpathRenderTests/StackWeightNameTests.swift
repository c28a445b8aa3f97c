import Foundation
import HotpathAnalysis
import HotpathModel
import HotpathOptimizer
import HotpathRender
import Testing

/// A sampled profile whose stacks count something other than samples (callgrind's `Ir`, perf's
/// `cycles`, pprof's `contentions`) says so wherever a weight is written: the Markdown summary,
/// the index, the run, operation and flame graph pages, and `hotpath analyze`'s
/// `stack_weight_name`. Before, every such weight read "1,234 samples".
@Suite struct StackWeightNameTests {
    static func profile(weightName: String?) -> Profile {
        var stacks = StackTable()
        stacks.append(StackSample(frames: ["main", "parse"], weight: 7_000))
        stacks.append(StackSample(frames: ["main", "render"], weight: 2_500))
        stacks.append(StackSample(frames: ["main"], weight: 500))
        var profile = Profile(
            run: RunMetadata(workflow: "w", runID: "callgrind.out.1"), stacks: stacks, stackWeightUnit: .samples)
        profile.stackWeightName = weightName
        return profile
    }

    static func render(weightName: String?) throws -> (files: [RenderedFile], markdown: String) {
        let profile = profile(weightName: weightName)
        let report = Optimizer().optimize(Analyzer().analyze(profile))
        let content = SiteContent(
            title: "Profiles", runs: [RunRecord(report: report, samples: Analyzer.samplesByOperation(profile))])
        let renderer = SiteRenderer(templates: SiteRenderer.templateManager(sources: DefaultTemplates.sources))
        return (try renderer.render(content), try renderer.markdown(for: content))
    }

    static func page(_ files: [RenderedFile], _ matches: (String) -> Bool) throws -> String {
        try #require(files.first { matches($0.path) }).text
    }

    @Test func weightsAreWrittenInTheMeasuresUnitEverywhere() throws {
        let (files, markdown) = try Self.render(weightName: "Ir")
        #expect(markdown.contains("total 10,000 Ir"), "\(markdown)")
        #expect(markdown.contains("| 7,000 Ir |"), "\(markdown)")
        #expect(!markdown.contains(" samples"), "\(markdown)")
        let runPage = try Self.page(files) { $0.hasPrefix("runs/") && $0.hasSuffix("/index.html") }
        #expect(runPage.contains("10,000 Ir"))
        #expect(runPage.contains("7,000 Ir"))
        #expect(!runPage.contains("10,000 samples") && !runPage.contains("7,000 samples"))
        #expect(try Self.page(files) { $0 == "index.html" }.contains("10,000 Ir"))
        let operation = try Self.page(files) { $0.contains("/operations/parse-") }
        #expect(operation.contains("7,000 Ir") && !operation.contains("7,000 samples"))
        let flame = try Self.page(files) { $0.hasSuffix("/flamegraph.html") }
        #expect(flame.contains(" Ir") && !flame.contains("7,000 samples"))
    }

    @Test func withoutANameTheyAreSamples() throws {
        let (_, markdown) = try Self.render(weightName: nil)
        #expect(markdown.contains("total 10,000 samples"), "\(markdown)")
        #expect(markdown.contains("| 7,000 samples |"), "\(markdown)")
    }

    @Test func theAnalysisJSONCarriesTheName() throws {
        let report = Analyzer().analyze(Self.profile(weightName: "cycles"))
        #expect(report.stackWeightName == "cycles")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(report), as: UTF8.self)
        #expect(json.contains(#""stack_weight_name":"cycles""#))
        #expect(try JSONDecoder().decode(PerformanceReport.self, from: Data(json.utf8)).stackWeightName == "cycles")
    }
}
