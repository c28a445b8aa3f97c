import Foundation
import HotpathAnalysis
import HotpathModel
import HotpathOptimizer
import HotpathTemplates
import Testing
import _HotpathTestSupport

@testable import HotpathRender

@Suite struct HistoryContextTests {
    let renderer = SiteRenderer(templates: SiteRenderer.templateManager(sources: DefaultTemplates.sources))

    /// A history of `runs` runs of `operations` operations; the newest run has a full record,
    /// compared with the one before it. `slower` makes an operation slower in a run.
    static func content(
        runs: Int, operations: Int, environment: (Int) -> EnvironmentFingerprint? = { _ in nil },
        orderedBy: (Int) -> String = { _ in "start_time" },
        slower: (_ run: Int, _ operation: Int) -> Double = { _, _ in 1 }
    ) -> SiteContent {
        let profiles = (0..<runs).map { run in
            Profile(
                run: ExampleProfiles.run("run-\(run)", environment: environment(run)),
                operations: (0..<operations).map { index in
                    ProfileResult(
                        name: "operation_\(index)",
                        samples: (0..<12).map {
                            (Double((operations - index) * 1000) + Double($0)) * slower(run, index)
                        })
                })
        }
        let reports = profiles.map { Analyzer().analyze($0) }
        let summaries = reports.enumerated().map {
            RunSummary(report: $1, source: "", orderedBy: orderedBy($0), time: $1.run.startTime)
        }
        let newest = Optimizer().optimize(Analyzer().analyze(profiles[runs - 1], baseline: profiles[runs - 2]))
        return SiteContent(
            title: "History",
            runs: [RunRecord(report: newest, samples: Analyzer.samplesByOperation(profiles[runs - 1]))],
            history: HistoryAnalyzer().analyze(summaries))
    }

    @Test func theIndexSaysHowManyTrendsItShowsAndWhereTheRestAre() throws {
        let content = Self.content(runs: 3, operations: 600)
        let files = try renderer.render(content)
        let index = try #require(files.first { $0.path == "index.html" })
        #expect(index.text.contains("500 of 600 operations shown"))
        let paths = Set(files.map(\.path))
        #expect(
            SiteRendererTests.links(in: index).contains {
                $0.hasPrefix("runs/run-2") && $0.hasSuffix("/operations.html")
            })
        for target in SiteRendererTests.links(in: index) where target != "feed.xml" {
            #expect(paths.contains(target), "the index links to \(target), which was not rendered")
        }
        #expect(index.text.contains("every operation</a>"))
    }

    /// Each drawn point's tooltip names its run and gives its value's change from the run
    /// before, in its own series: p50 from p50, p95 from p95; the first run has none. A run with
    /// a page has one tooltip for both its points (its link's), the others one per point.
    @Test func trendPointsSayTheirChangeFromTheRunBefore() throws {
        let files = try renderer.render(Self.content(runs: 4, operations: 1, slower: { run, _ in run == 3 ? 1.5 : 1 }))
        let trend = try #require(files.first { $0.path.hasPrefix("trends/operation-0") && $0.isHTML })
        let tooltips = trend.text.components(separatedBy: "<title>").dropFirst().compactMap {
            $0.components(separatedBy: "</title>").first
        }.filter { $0.hasPrefix("run-") }
        for series in ["p50", "p95"] {
            // Each run's line of this series: (its run, the line).
            let mine = tooltips.flatMap { tooltip in
                let lines = tooltip.components(separatedBy: "\n")
                return lines.dropFirst().filter { $0.hasPrefix(series + " ") }.map { (lines[0], $0) }
            }
            #expect(mine.count == 4, "\(series): \(tooltips)")
            #expect(mine.first { $0.0.hasPrefix("run-0") }?.1.contains("from the run before") == false)
            #expect(mine.first { $0.0.hasPrefix("run-2") }?.1.hasSuffix("±0.0% from the run before") == true)
            #expect(mine.first { $0.0.hasPrefix("run-3") }?.1.hasSuffix("+50.0% from the run before") == true)
        }
    }

    /// A long history keeps trend pages small: the newest runs in the table, every run in a CSV
    /// beside the page, linked from it.
    @Test func trendPagesShowTheNewestRunsAndLinkEveryRunAsCSV() throws {
        let runs = TrendData.rowLimit + 10
        let files = try renderer.render(Self.content(runs: runs, operations: 2))
        let trend = try #require(files.first { $0.path.hasPrefix("trends/operation-0") && $0.isHTML })
        #expect(trend.text.contains("The newest \(TrendData.rowLimit) of \(runs) runs"))
        #expect(trend.text.components(separatedBy: "<th scope=\"row\">").count - 1 == TrendData.rowLimit)
        let csvPath = trend.path.replacingOccurrences(of: ".html", with: ".csv")
        let csv = try #require(files.first { $0.path == csvPath })
        #expect(SiteRendererTests.links(in: trend).contains(csvPath))
        let lines = csv.text.split(separator: "\r\n")
        #expect(lines.first == "run,time,commit,environment,count,mean,p50,p95,unit,change_point")
        #expect(lines.count == runs + 1)
        #expect(lines[1].hasPrefix("run-0,") && lines[1].contains(",12,2005.5,2005.5,") && lines[1].hasSuffix(",ns,"))
    }

    @Test(arguments: [
        (103077.59993808802, "103077.6"), (0.000123456789, "0.0001234568"), (42, "42"), (-2.5, "-2.5"),
        (1.0e20, "1e+20"), (0, "0"), (Double.nan, ""),
    ])
    func csvNumbersKeepSevenSignificantDigits(_ value: Double, _ text: String) {
        #expect(HistoryContext.csvNumber(value) == text)
    }

    /// The digits written directly are the general formula's, on random values of every
    /// magnitude the fast path takes and on the halves and nines where rounding turns.
    @Test func csvDigitsAreTheGeneralFormulasText() {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [1, 9.9999995, 9_999_999.5, 1_000_000, 2.5, 1234567.5, 0.5e1, 99.999995, 3.0000005]
        for _ in 0..<200_000 {
            let exponent = Double.random(in: 0..<7, using: &generator)
            let value = pow(10, exponent)
            values.append(Bool.random(using: &generator) ? value : -value)
            // Values on a 7-digit grid and halfway between two of its steps.
            let step = pow(10, floor(exponent) - 6)
            values.append((value / step).rounded() * step + step / 2)
        }
        var mismatches: [String] = []
        for value in values where value.magnitude >= 1 && value.magnitude < 1e7 {
            let fast = HistoryContext.csvDigits(value)
            let general = HistoryContext.csvNumberInGeneral(value)
            if fast != general, mismatches.count < 5 { mismatches.append("\(value): \(fast ?? "nil") vs \(general)") }
        }
        #expect(mismatches == [])
        #expect(HistoryContext.csvDigits(0.5) == nil && HistoryContext.csvDigits(1e7) == nil)
    }

    @Test func runsFromAnotherEnvironmentAreMarkedAndFileTimesSaid() throws {
        let linux = EnvironmentFingerprint(os: "Linux", cores: 8)
        let mac = EnvironmentFingerprint(os: "macOS", cores: 10)
        let content = Self.content(
            runs: 4, operations: 2, environment: { $0 < 2 ? mac : linux },
            orderedBy: { $0 == 3 ? "file_time" : "start_time" })
        let files = try renderer.render(content)
        let trend = try #require(files.first { $0.path.hasPrefix("trends/operation-0") })
        #expect(trend.text.components(separatedBy: "class=\"flagged\"").count - 1 == 4)  // 2 runs × p50 and p95
        #expect(trend.text.components(separatedBy: ">other environment</span>").count - 1 == 2)
        #expect(
            trend.text.contains(
                "Hollow squares mark the 2 runs from another environment than the newest run's (Linux · 8 cores)"))
        #expect(trend.text.contains("(file time)</span>"))
        let index = try #require(files.first { $0.path == "index.html" })
        #expect(index.text.contains("class=\"other-environment\""))
        #expect(index.text.contains("rings mark runs from another environment"))
    }

    @Test func oneEnvironmentMarksNothing() throws {
        let files = try renderer.render(Self.content(runs: 3, operations: 2))
        #expect(!files.contains { $0.text.contains("other environment") || $0.text.contains("class=\"flagged\"") })
    }

    @Test func theRegressionsPageDoesNotSayNoneAboveTheNewestRunsRegressions() throws {
        let content = Self.content(
            runs: 2, operations: 4, slower: { run, operation in run == 1 && operation == 0 ? 1.5 : 1 })
        #expect(content.history?.changePoints.isEmpty == true)
        let files = try renderer.render(content)
        let page = try #require(files.first { $0.path == "regressions.html" })
        #expect(
            page.text.contains("No confirmed change points are open; the newest run's unconfirmed regressions follow."))
        #expect(!page.text.contains("None: every regression"))
    }

    @Test func everyRunAChangePointStartsAtGetsAPage() {
        let runs = (0..<100).map {
            RunSummary(
                run: ExampleProfiles.run("run-\($0)"), source: "", orderedBy: "start_time", time: nil, totalNs: 1,
                operations: [])
        }
        let history = HistoryReport(
            runs: runs, series: [],
            changePoints: [
                ChangePoint(
                    operation: "a", run: 5, runID: "run-5", verdict: .regression, before: 1, after: 2, change: 1,
                    pValue: 0.001),
                ChangePoint(
                    operation: "b", run: 5, runID: "run-5", verdict: .regression, before: 1, after: 2, change: 1,
                    pValue: 0.001),
                ChangePoint(
                    operation: "a", run: 80, runID: "run-80", verdict: .improvement, before: 2, after: 1, change: -0.5,
                    pValue: 0.001),
            ],
            environments: [""])
        #expect(SiteContent.runsWithPages(history, newest: 30) == [5] + Array(70..<100))
    }
}
