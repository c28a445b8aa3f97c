import Foundation
import HotpathAnalysis
import HotpathModel
import HotpathOptimizer
import HotpathRender
import Testing
import _HotpathTestSupport

/// The same value prints the same everywhere: a table cell written by a template's unit filter,
/// a sentence a context or a recommendation built in Swift, the Atom feed and the Markdown all
/// say it with `UnitFormat`'s text, on the pages of a history whose newest run has a regression
/// and an improvement against its baseline.
@Suite struct UnitConsistencyTests {
    static let nights = 12

    /// Twelve nights; `render_template` 30% slower from night 8 on, `write_files` 30% faster on
    /// the last night, which is compared with night 7 (before the step).
    static let content: SiteContent = {
        var profiles = (0..<nights).map {
            HistoryFixtures.profile(night: $0, stepNight: 8, stepOperation: "render_template", stepFactor: 1.3)
        }
        let last = nights - 1
        if let index = profiles[last].operations.firstIndex(where: { $0.name == "write_files" }) {
            profiles[last].operations[index].samples = profiles[last].operations[index].samples.map {
                ($0 * 0.7).rounded()
            }
        }
        let summaries = profiles.map { Analyzer().analyze($0) }.map {
            RunSummary(report: $0, source: "", orderedBy: "start_time", time: $0.run.startTime)
        }
        let newest = Optimizer().optimize(Analyzer().analyze(profiles[last], baseline: profiles[7]))
        return SiteContent(
            title: "Nightly",
            runs: [RunRecord(report: newest, samples: Analyzer.samplesByOperation(profiles[last]))],
            history: HistoryAnalyzer().analyze(summaries))
    }()

    static let site: (files: [RenderedFile], markdown: String) = {
        let renderer = SiteRenderer(templates: SiteRenderer.templateManager(sources: DefaultTemplates.sources))
        do {
            return (try renderer.render(content), try renderer.markdown(for: content))
        } catch {
            Issue.record("rendering failed: \(error)")
            return ([], "")
        }
    }()

    /// The text of the one rendered file whose path matches.
    static func page(_ matches: (String) -> Bool) throws -> String {
        try #require(site.files.first { matches($0.path) }).text
    }

    static var index: String { get throws { try page { $0 == "index.html" } } }
    static var runPage: String { get throws { try page { $0.hasPrefix("runs/") && $0.hasSuffix("/index.html") } } }
    static var feed: String { get throws { try page { $0 == "feed.xml" } } }
    static func operationPage(_ slug: String) throws -> String {
        try page { $0.contains("/operations/\(slug)-") }
    }

    static func comparison(of name: String) throws -> OperationComparison {
        let comparison = try #require(content.runs.last?.report.comparison)
        return try #require(comparison.operations.first { $0.name == name })
    }

    @Test func aRegressionReadsTheSameInListsSentencesTheFeedAndTheMarkdown() throws {
        let text = UnitFormat.change(try #require(try Self.comparison(of: "render_template").meanChange))
        #expect(text.hasPrefix("+"))
        // The `change` filter writes the index's list and the operation page's verdict; Swift
        // writes the recommendation (on the run page and in the Markdown) and the feed's title.
        #expect(try Self.index.contains("mean \(text) ("))
        #expect(try Self.operationPage("render-template").contains("mean \(text) ("))
        #expect(try Self.runPage.contains("mean \(text) ("))
        #expect(Self.site.markdown.contains("mean \(text) ("))
        #expect(try Self.feed.contains("regressed \(text) on"))
    }

    @Test func anImprovementTakesTheRealMinusSignEverywhere() throws {
        let item = try Self.comparison(of: "write_files")
        let mean = UnitFormat.change(try #require(item.meanChange))
        let interval = UnitFormat.change(try #require(item.interval))
        #expect(mean.hasPrefix("\u{2212}") && interval.hasPrefix("\u{2212}"))
        #expect(try Self.index.contains("mean \(mean) ("))
        #expect(try Self.operationPage("write-files").contains("mean \(mean) ("))
        #expect(try Self.runPage.contains(interval))
        #expect(
            Self.site.markdown.contains(
                interval.replacingOccurrences(of: "[", with: "\\[")
                    .replacingOccurrences(of: "]", with: "\\]")))
    }

    @Test func aShareAndADurationReadTheSameInTablesSentencesAndTheMarkdown() throws {
        let report = try #require(Self.content.runs.last?.report)
        let operation = try #require(report.operations.first { $0.name == "generate_code" })
        let share = UnitFormat.percent(operation.share)
        let mean = UnitFormat.duration(try #require(operation.summary?.mean))
        // `percent` in the operations tables, Swift in the hot-path recommendation.
        #expect(try Self.runPage.contains(">\(share)</td>"))
        #expect(Self.site.markdown.contains("| \(share) |"))
        #expect(try Self.runPage.contains("takes \(share) of the run"))
        #expect(Self.site.markdown.contains("takes \(share) of the run"))
        #expect(try Self.runPage.contains(">\(mean)</td>"))
        #expect(Self.site.markdown.contains("| \(mean) |"))
    }

    @Test func aStartTimeReadsTheSameOnPagesAndInTheFeed() throws {
        let start = try #require(Self.content.runs.last?.report.run.startTime)
        let text = try #require(UnitFormat.parseISO8601(start).flatMap { UnitFormat.iso8601($0) })
        #expect(try Self.index.contains(", \(text)."))
        #expect(try Self.runPage.contains(">\(text)</time>"))
        #expect(try Self.feed.contains("<updated>\(text)</updated>"))
    }

    /// `-5.0%` or `-1.50 ms` with a hyphen-minus would be a number written by something other
    /// than `UnitFormat`, which writes U+2212.
    @Test func noPageWritesANegativeNumberWithAHyphen() throws {
        let hyphenated = try NSRegularExpression(
            pattern: #"(?<![\w.])-[0-9]+(?:[.,][0-9]+)*(?:%| ?(?:ns|µs|ms|s|min|h|B|KiB|MiB|GiB|×)(?![\w]))"#)
        func finds(_ text: String) -> Bool {
            hyphenated.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        }
        #expect(finds("mean -5.0% (") && finds("saved -1.50 ms") && finds("-2 min 5 s") && finds("-12.3×"))
        #expect(!finds("night-0011 since") && !finds("p-value 0.5") && !finds("x=\"-5.5\"") && !finds("1e-5 s"))
        let texts =
            Self.site.files.filter { !$0.path.hasSuffix(".css") }.map { ($0.path, $0.text) }
            + [("report.md", Self.site.markdown)]
        #expect(texts.count > 10)
        var minus = 0
        for (path, text) in texts {
            let range = NSRange(text.startIndex..., in: text)
            for match in hyphenated.matches(in: text, range: range) {
                Issue.record("\(path): \((text as NSString).substring(with: match.range))")
            }
            minus += text.components(separatedBy: "\u{2212}").count - 1
        }
        #expect(minus > 10)
    }
}
