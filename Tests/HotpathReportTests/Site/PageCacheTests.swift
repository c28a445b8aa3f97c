import Foundation
import HotpathAnalysis
import HotpathModel
import HotpathRender
import Testing
import _HotpathTestSupport

@testable import HotpathReport

/// The page cache (`ValidatedPages`): a run's pages whose inputs did not change are read back
/// from the last build instead of rendered, and the site is byte for byte what a build from
/// nothing makes, whatever changed in between.
@Suite struct PageCacheTests {
    /// A report of `inputs` to `out`, through the cache in `cache` (none: from nothing), with a
    /// short window of run pages so that runs leave it as nights are added.
    static func report(
        _ inputs: String, out: String, cache: String?, templates: String? = nil,
        configuration: Configuration = Configuration(), title: String = "Nightly"
    ) async throws -> Built {
        let pipeline = ReportPipeline(configuration: configuration, console: SilentConsole())
        let store = cache.map { DiskRunStore(root: $0, configuration: configuration, ingestOptions: .init()) }
        let loaded = try pipeline.ingest([inputs], options: .init(), store: store)
        var builder = HistoryBuilder(configuration: configuration)
        builder.runPages = 5
        builder.operationPages = 2
        let request = SiteRequest(out: out, templates: templates, title: title)
        let (content, site) = try await pipeline.assembleAndBuild(
            loaded.runs, site: request, validated: cache.map { ValidatedPages(cache: $0, site: out) },
            builder: builder)
        _ = try pipeline.write(site, to: request, runCount: loaded.runs.count, started: Date())
        return Built(site: site, outlinedRuns: content.runs.filter { $0.outline != nil }.map(\.report.run.runID))
    }

    /// A site, and which of its runs came as outlines (not loaded again).
    struct Built {
        var site: RenderedSite
        var outlinedRuns: [String]
        var outlined: Int { outlinedRuns.count }
        var reusedPages: Int { site.reusedPages }
        var keyedPages: Int { site.cacheKeys.compactMap { $0 }.count }
    }

    /// Every file under `folder`, by relative path.
    static func files(_ folder: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: folder) {
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isFolder)
            if !isFolder.boolValue { files[path] = FileManager.default.contents(atPath: folder + "/" + path) }
        }
        return files
    }

    /// Every file's inode under `folder`, by relative path.
    static func inodes(_ folder: String) throws -> [String: UInt64] {
        var inodes: [String: UInt64] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: folder) {
            let attributes = try FileManager.default.attributesOfItem(atPath: folder + "/" + path)
            if attributes[.type] as? FileAttributeType == .typeRegular {
                inodes[path] = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value
            }
        }
        return inodes
    }

    /// Expects the site in `out` to be what a build from nothing of the same inputs writes.
    static func expectAsIfFresh(
        _ inputs: String, out: String, in folder: TemporaryFolder, templates: String? = nil,
        configuration: Configuration = Configuration(), title: String = "Nightly"
    ) async throws {
        let fresh = folder.file("fresh-\(UUID().uuidString)")
        _ = try await report(
            inputs, out: fresh, cache: nil, templates: templates, configuration: configuration, title: title)
        let (cached, expected) = (try files(out), try files(fresh))
        #expect(cached.keys.sorted() == expected.keys.sorted())
        let differing = expected.keys.sorted().filter { cached[$0] != expected[$0] }
        #expect(differing.isEmpty, "pages that differ from a build from nothing: \(differing)")
    }

    @Test func aNewNightKeepsTheOlderRunsPagesAndTheSiteIsAsIfBuiltAfresh() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (inputs, out, cache) = (folder.file("in"), folder.file("site"), folder.file("cache"))
        try HistoryFixtures.write(into: inputs, nights: 8, stepNight: 4)
        let first = try await Self.report(inputs, out: out, cache: cache)
        #expect(first.reusedPages == 0)

        // Nothing new: every page with a key comes back as it was, the very file the last build
        // wrote (linked into the new site, not copied); a page rendered now that comes out byte
        // for byte as the last site's keeps that file too (`SiteWriter`), a changed one is new.
        let before = try Self.inodes(out)
        let again = try await Self.report(inputs, out: out, cache: cache)
        #expect(again.reusedPages == again.keyedPages)
        #expect(again.reusedPages > 0)
        let after = try Self.inodes(out)
        let kept = zip(again.site.files, again.site.keptFrom).filter { $1 != nil }.map(\.0.path)
        #expect(kept.count == again.reusedPages)
        #expect(kept.allSatisfy { before[$0] != nil && before[$0] == after[$0] })
        #expect(after["index.html"] == before["index.html"])
        // The runs before the newest are not even loaded.
        #expect(again.outlined > 0)
        try await Self.expectAsIfFresh(inputs, out: out, in: folder)

        // Night after night: the newest runs' pages change (a new neighbour, a baseline that
        // left the window, operation pages that moved on), older ones are kept.
        for night in 8..<11 {
            try HistoryFixtures.write(into: inputs, nights: 1, stepNight: 4, firstNight: night)
            let lastIndex = try Self.inodes(out)["index.html"]
            let next = try await Self.report(inputs, out: out, cache: cache)
            #expect(try Self.inodes(out)["index.html"] != lastIndex)
            #expect(next.reusedPages > 0)
            #expect(next.outlined > 0)
            #expect(next.reusedPages < next.keyedPages)
            try await Self.expectAsIfFresh(inputs, out: out, in: folder)
        }
    }

    @Test func aRunWhoseOnlyChangeIsItsNeighboursIsNotLoadedAndGetsItsPagerAnew() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (inputs, out, cache) = (folder.file("in"), folder.file("site"), folder.file("cache"))
        try HistoryFixtures.write(into: inputs, nights: 6, stepNight: 3)
        let first = try await Self.report(inputs, out: out, cache: cache)
        let newest = try #require(
            first.site.files.first {
                $0.path.hasSuffix("/index.html") && $0.text.contains("rel=\"prev\"")
                    && !$0.text.contains("rel=\"next\"")
            })

        // A new night: the run that was newest gains a "next" link, and the oldest run with pages
        // a new "previous" one; neither is loaded or rendered again, their pages take the new pager.
        try HistoryFixtures.write(into: inputs, nights: 1, stepNight: 3, firstNight: 6)
        let next = try await Self.report(inputs, out: out, cache: cache)
        let page = try #require(next.site.files.firstIndex { $0.path == newest.path })
        #expect(next.site.files[page].text.contains("rel=\"next\""))
        #expect(next.site.keptFrom[page] == nil)
        #expect(next.site.cacheKeys[page] != nil)
        let runID = try #require(next.site.files[page].text.firstMatch(of: /<h1>Run ([^<]+)<\/h1>/)).1
        #expect(next.outlinedRuns.contains(String(runID)))
        try await Self.expectAsIfFresh(inputs, out: out, in: folder)
    }

    @Test func aRunPageWithAPagerOfItsOwnIsKeptOnlyWhileItsNeighboursAreTheSame() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (inputs, out, cache) = (folder.file("in"), folder.file("site"), folder.file("cache"))
        // A `--templates` run page that draws its own pager, not through the partial.
        let templates = folder.file("templates")
        _ = try folder.write(
            "templates/pages/run.html",
            DefaultTemplates.sources["pages/run.html"]!.replacingOccurrences(
                of: #"{% include "partials/run-pager.html" %}"#,
                with:
                    #"<nav class="run-pager">{% if next_run %}<a href="{{ next_run.href }}">Later: {{ next_run.id }}</a>{% endif %}</nav>"#
            ))
        try HistoryFixtures.write(into: inputs, nights: 6, stepNight: 3)
        _ = try await Self.report(inputs, out: out, cache: cache, templates: templates)
        for night in 6..<8 {
            try HistoryFixtures.write(into: inputs, nights: 1, stepNight: 3, firstNight: night)
            let next = try await Self.report(inputs, out: out, cache: cache, templates: templates)
            // The run that was newest has a new run after it: loaded and rendered again.
            #expect(!next.outlinedRuns.contains(HistoryFixtures.runID(night - 1)))
            #expect(next.outlined > 0)
            try await Self.expectAsIfFresh(inputs, out: out, in: folder, templates: templates)
        }
    }

    @Test func newTemplatesABudgetOrATitleRenderEveryPageAgain() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (inputs, out, cache) = (folder.file("in"), folder.file("site"), folder.file("cache"))
        try HistoryFixtures.write(into: inputs, nights: 5, stepNight: 3)
        _ = try await Self.report(inputs, out: out, cache: cache)

        let templates = folder.file("templates")
        _ = try folder.write(
            "templates/pages/run.html",
            DefaultTemplates.sources["pages/run.html"]!.replacingOccurrences(
                of: "{% block content %}", with: "{% block content %}<p>Overridden.</p>"))
        let overridden = try await Self.report(inputs, out: out, cache: cache, templates: templates)
        #expect(overridden.reusedPages == 0)
        try await Self.expectAsIfFresh(inputs, out: out, in: folder, templates: templates)

        var budgeted = Configuration()
        budgeted.budgets["render_template"] = Budget(p95: 1e6)
        let withBudget = try await Self.report(inputs, out: out, cache: cache, configuration: budgeted)
        #expect(withBudget.reusedPages == 0)
        try await Self.expectAsIfFresh(inputs, out: out, in: folder, configuration: budgeted)

        let retitled = try await Self.report(inputs, out: out, cache: cache, configuration: budgeted, title: "Other")
        #expect(retitled.reusedPages == 0)
        try await Self.expectAsIfFresh(inputs, out: out, in: folder, configuration: budgeted, title: "Other")
    }

    @Test func aPageChangedOnDiskIsRenderedAgain() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (inputs, out, cache) = (folder.file("in"), folder.file("site"), folder.file("cache"))
        try HistoryFixtures.write(into: inputs, nights: 4)
        let first = try await Self.report(inputs, out: out, cache: cache)
        let keyed = zip(first.site.files, first.site.cacheKeys).filter { $0.1 != nil }.map(\.0.path)
        let edited = try #require(keyed.first)
        try Data("<p>edited by hand</p>".utf8).write(to: URL(fileURLWithPath: out + "/" + edited))
        try FileManager.default.removeItem(atPath: out + "/" + keyed[1])
        // The runs whose pages went are built again; so, once a kept run's page is found missing,
        // is every run.
        let again = try await Self.report(inputs, out: out, cache: cache)
        #expect(again.reusedPages == keyed.count - 2)
        try await Self.expectAsIfFresh(inputs, out: out, in: folder)
    }
}

/// A console that says nothing.
struct SilentConsole: ReportConsole {
    func print(_ diagnostics: [Diagnostic]) {}
    func note(_ message: String) {}
}
