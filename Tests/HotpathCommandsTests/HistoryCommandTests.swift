import Foundation
import HotpathIngest
import HotpathModel
import Testing
import _HotpathTestSupport

@testable import HotpathCommands
@testable import HotpathReport

/// The history commands end to end: a year of nights, check's exit codes, --baseline-run.
@Suite(.serialized) struct HistoryCommandTests {
    @Test func aYearOfNightsWithAStepYieldsItsRegressionFeedAndTrend() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let nightly = folder.file("nightly")
        try HistoryFixtures.write(into: nightly, nights: 365, stepNight: 200)
        let out = folder.file("site")
        let cache = folder.file("cache")
        #expect(await CommandRunner.run(["report", nightly, "--out", out, "--cache", cache, "--quiet"]) == 0)

        let regressions = try String(contentsOfFile: out + "/regressions.html", encoding: .utf8)
        #expect(regressions.contains("render_template"))
        #expect(regressions.contains("night-0200"))
        // Night 200 is older than the newest 30 runs, but a change starts there: it keeps its page.
        let runFolders = try FileManager.default.contentsOfDirectory(atPath: out + "/runs")
        let night200 = try #require(runFolders.first { $0.hasPrefix("night-0200") })
        #expect(regressions.contains("href=\"runs/\(night200)/index.html\""))
        #expect(FileManager.default.fileExists(atPath: out + "/runs/\(night200)/index.html"))
        let feed = try String(contentsOfFile: out + "/feed.xml", encoding: .utf8)
        #expect(feed.contains("<title>render_template regressed +"))
        #expect(feed.contains("night-0200"))
        let trendFiles = try FileManager.default.contentsOfDirectory(atPath: out + "/trends")
        let trend = try String(
            contentsOfFile: out + "/trends/" + trendFiles.first { $0.hasPrefix("render-template") }!, encoding: .utf8)
        #expect(trend.contains("class=\"change-point\""))
        #expect(trend.contains("regression from night-0200"))
        #expect(await CommandRunner.run(["validate", out]) == 0)

        // One more night: only that dump is read; the other 365 come from the cache.
        try HistoryFixtures.write(into: nightly, nights: 1, stepNight: 200, firstNight: 365)
        let loaded = HistoryLoader(
            ingestor: .init(), configuration: .init(),
            store: DiskRunStore(root: cache, configuration: .init(), ingestOptions: .init())
        ).load([nightly])
        #expect(loaded.runs.count == 366 && loaded.analyzed == 1)
        #expect(loaded.runs.last?.summary.run.runID == "night-0365")
    }

    /// A page rendered byte for byte as last time keeps its earlier checks (it is not parsed
    /// again), while its links are still checked across the site: an entry whose digest matches
    /// is believed, one whose digest does not is ignored.
    @Test func unchangedPagesKeepTheirChecksAndTheirLinksAreCheckedAgain() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let nightly = folder.file("nightly")
        try HistoryFixtures.write(into: nightly, nights: 4, stepNight: 2)
        let (out, cache) = (folder.file("site"), folder.file("cache"))
        let report = ["report", nightly, "--out", out, "--cache", cache, "--quiet"]
        #expect(await CommandRunner.run(report) == 0)
        let store = ValidatedPages(cache: cache, site: out)
        var pages = store.load()
        let page = try #require(pages["index.html"])
        let html = try FileManager.default.subpathsOfDirectory(atPath: out).filter { $0.hasSuffix(".html") }
        #expect(Set(pages.keys) == Set(html))

        // The same digest with a link to a page that does not exist: believed, so the link fails.
        pages["index.html"]?.links += ValidatedPages.Records.join([["nowhere.html", "href", "a", "1"]]) ?? ""
        try Self.rewrite(store, pages)
        #expect(await CommandRunner.run(report) == HotpathExit.outputError.rawValue)
        // Another digest: the page is validated again, and the site is fine.
        pages["index.html"]?.digest = "0000000000000000"
        try Self.rewrite(store, pages)
        #expect(await CommandRunner.run(report) == 0)
        let linkCount = try #require(page.check).links.count
        #expect(store.load()["index.html"]?.check?.links.count == linkCount)
    }

    static func rewrite(_ store: ValidatedPages, _ pages: [String: ValidatedPages.Entry]) throws {
        let document = ValidatedPages.Document(version: ValidatedPages.version, pages: pages)
        let bytes = try JSONBytesEncoder().encode(document)
        try Data(bytes).write(to: URL(fileURLWithPath: store.file))
    }

    @Test func checkExitsWithTheRegressionCodeOnTheStepNightOnly() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try HistoryFixtures.write(into: folder.path, nights: 3, stepNight: 2)
        let night = { (index: Int) in folder.file(HistoryFixtures.fileName(index)) }
        #expect(
            await CommandRunner.run(["check", night(2), "--baseline", night(1), "--markdown", folder.file("pr.md")])
                == 1)
        let markdown = try String(contentsOfFile: folder.file("pr.md"), encoding: .utf8)
        #expect(markdown.contains("| render\\_template | regression |"))
        #expect(
            await CommandRunner.run(["check", night(1), "--baseline", night(0), "--markdown", folder.file("quiet.md")])
                == 0)
        _ = try folder.write("budgets.toml", "[budgets.generate_code]\np95 = \"1 ms\"\n")
        #expect(
            await CommandRunner.run([
                "check", night(1), "--baseline", night(0), "--budgets", folder.file("budgets.toml"), "--markdown",
                folder.file("b.md"),
            ]) == 2)
        #expect(await CommandRunner.run(["check", folder.file("missing.json")]) == 3)
    }

    /// `--baseline-run ID`: every run is compared with the named run (by run id or file name);
    /// an unknown id is refused with the ids there are.
    @Test func aNamedRunIsEveryRunsBaseline() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try HistoryFixtures.write(into: folder.file("in"), nights: 4)
        let out = folder.file("site")
        #expect(
            await CommandRunner.run([
                "report", folder.file("in"), "--out", out, "--no-cache", "--quiet", "--baseline-run", "night-0000",
            ]) == 0)
        let run = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        #expect(run.contains("night-0000"))
        #expect(
            await CommandRunner.run([
                "report", folder.file("in"), "--out", folder.file("x"), "--no-cache", "--baseline-run", "nope",
            ]) == 64)
        #expect(
            await CommandRunner.run([
                "check", folder.file("in"), "--baseline-run", "night-0000", "--markdown", folder.file("pr.md"),
            ]) == 0)
        #expect(try String(contentsOfFile: folder.file("pr.md"), encoding: .utf8).contains("night-0000"))
    }
}
