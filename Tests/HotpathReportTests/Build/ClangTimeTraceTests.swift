import Foundation
import HotpathAnalysis
import HotpathIngest
import HotpathModel
import Testing
import _HotpathTestSupport

@testable import HotpathReport

/// clang `-ftime-trace` files of several clang versions (ClangBuildAnalyzer's test traces),
/// checked against an independent recomputation from the raw JSON
/// (`Tests/HotpathAnalysisTests/Fixtures/clang_build_oracle.py` → `clang-build-oracle.json`).
@Suite struct ClangTimeTraceTests {
    static let folder = "chrome-trace/from-clangbuildanalyzer"

    struct Oracle: Decodable {
        struct Trace: Decodable {
            var wall_ns: Double
            var execute_compiler_ns: Double
            var phase_totals: Int
            var source_spans: Int
        }
        struct Item: Decodable, Equatable {
            var name: String
            var total_ns: Double
            var count: Int
            var units: Int
        }
        struct Build: Decodable {
            var folder: String
            var total_ns: Double
            var header_count: Int
            var headers: [Item]
            var templates: [Item]
            var functions: [Item]
        }
        var traces: [String: Trace]
        var build: Build
    }

    static let oracle: Oracle? = {
        let url = Samples.packageRoot.appendingPathComponent(
            "Tests/HotpathAnalysisTests/Fixtures/clang-build-oracle.json")
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(Oracle.self, from: data)
    }()

    static var traceNames: [String] {
        Samples.files(in: folder).map { String($0.dropFirst(Samples.path(folder).count + 1)) }
    }

    @Test func everyTraceIsInTheOracle() throws {
        let oracle = try #require(Self.oracle)
        #expect(Set(Self.traceNames) == Set(oracle.traces.keys))
        #expect(Self.traceNames.count >= 20)
    }

    @Test(arguments: traceNames)
    func runTotalIsTheCompileNotTheSummaries(_ name: String) throws {
        let expected = try #require(Self.oracle?.traces[name])
        let dump = try Ingestor().loadFile(Samples.path(Self.folder + "/" + name))
        let profile = dump.profile
        // `Total …` summaries are phase totals, never spans.
        #expect(profile.phaseTotals.count == expected.phase_totals)
        #expect(!profile.spans.contains { $0.name.hasPrefix("Total ") })
        #expect(profile.phaseTotals.contains { $0.name == "ExecuteCompiler" && $0.count == 1 })
        // Headers are spans, whether clang wrote X events (≤ 18) or b/e pairs (19).
        #expect(profile.spans.filter { $0.name == "Source" }.count == expected.source_spans)
        #expect(!dump.diagnostics.contains { $0.message.contains("back in time") })
        #expect(!dump.diagnostics.contains { $0.message.contains("'b' ×") })

        let report = Analyzer().analyze(profile)
        let wall = try #require(report.wallNs)
        #expect(abs(wall - expected.wall_ns) < 1)
        #expect(report.totalNs <= expected.wall_ns + 1)
        let execute = try #require(report.operation(named: "ExecuteCompiler"))
        #expect(abs(execute.total - expected.execute_compiler_ns) < 1)
        #expect(execute.share > 0.999)
        #expect(report.operations.first?.name == "ExecuteCompiler")
        // The run is a build of one, with its phases.
        let build = try #require(report.build)
        #expect(build.units.count == 1)
        #expect(build.phases.count == expected.phase_totals)
        if expected.source_spans > 0 { #expect(!build.headers.isEmpty) }
    }

    /// A Source span sits inside the span that parsed it, and a header's span inside the header
    /// that includes it.
    @Test func clang19HeadersNestIntoTheCompile() throws {
        let dump = try Ingestor().loadFile(Samples.path(Self.folder + "/self-win-clang-19.1/main.json.gz"))
        let spans = dump.profile.spans
        let byID = Dictionary(uniqueKeysWithValues: spans.map { ($0.id, $0) })
        let sources = spans.filter { $0.name == "Source" }
        #expect(sources.count == 107)
        for source in sources {
            let parent = try #require(source.parent.flatMap { byID[$0] })
            #expect(parent.startNs <= source.startNs + 1)
            #expect(parent.startNs + parent.durationNs + 1 >= source.startNs + source.durationNs)
        }
        // vcruntime.h includes sal.h and vadefs.h.
        let vcruntime = try #require(sources.first { $0.args?["detail"]?.hasSuffix("\\vcruntime.h") == true })
        let included = sources.filter { $0.parent == vcruntime.id }.compactMap { $0.args?["detail"] }
        #expect(included.contains { $0.hasSuffix("\\sal.h") })
        #expect(included.contains { $0.hasSuffix("\\vadefs.h") })
        // The outermost headers sit in the compile's own spans, not beside them.
        for source in sources where byID[source.parent ?? -1]?.name != "Source" {
            #expect(byID[source.parent ?? -1]?.thread.map { $0 + " (async)" } == source.thread)
        }
    }

    /// The blender build (13 units): the same top headers, templates and functions as the oracle.
    @Test func buildMatchesTheOracle() throws {
        let oracle = try #require(Self.oracle).build
        let outcome = Ingestor().load([Samples.path(Self.folder + "/" + oracle.folder)])
        #expect(outcome.errors.isEmpty)
        #expect(outcome.dumps.count == 13)
        let tallies = outcome.dumps.map { BuildAnalyzer.tally($0.profile, name: $0.profile.run.runID) }
        let build = try #require(BuildAssembly.build(of: tallies))
        #expect(build.units.count == 13)
        #expect(abs(build.totalNs - oracle.total_ns) < 1)
        #expect(build.headerCount == oracle.header_count)
        func same(_ items: [BuildItem], _ expected: [Oracle.Item]) {
            let mine = items.prefix(expected.count).map {
                Oracle.Item(name: $0.name, total_ns: $0.totalNs.rounded(), count: $0.count, units: $0.units)
            }
            #expect(mine == expected)
        }
        same(build.headers, oracle.headers)
        same(build.templates, oracle.templates)
        same(build.functions, oracle.functions)
        // Headers included by every unit and costing much are precompiled-header candidates,
        // with their evidence.
        let pch = build.recommendations.filter { $0.id.hasPrefix("build:pch:") }
        #expect(pch.first?.subject == oracle.headers.first?.name)
        #expect(pch.first?.observation.contains("in 12 of 13 units") == true)
        #expect(pch.allSatisfy { $0.area == .build && $0.assumedLocalSpeedup >= 2 })
    }

    /// Several runs of one report: the time traces among them are one build on the site.
    @Test func reportAssemblesTheBuild() throws {
        let folder = Samples.path(Self.folder + "/blender-mac-clang14")
        var loader = HistoryLoader(ingestor: Ingestor(), configuration: Configuration(), store: nil)
        loader.profiler = .disabled
        let loaded = loader.load([folder])
        let build = try #require(try BuildAssembly.build(of: loaded.runs))
        #expect(build.units.count == 13)
        #expect(build.headers.first?.count == 12)
    }
}
