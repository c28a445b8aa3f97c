import Foundation
import Testing
import _HotpathTestSupport

/// The time traces of one build, as `hotpath report` and `hotpath analyze` show them.
@Suite struct BuildCommandTests {
    static let build = "chrome-trace/from-clangbuildanalyzer/blender-mac-clang14"

    @Test func analyzeOfAFolderOfTimeTracesIsTheBuild() async throws {
        let result = try await captureStandardOutput(["analyze", Samples.path(Self.build)])
        #expect(result.code == 0)
        let json = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
        #expect(json?["format"] as? String == "hotpath-build-analysis")
        #expect((json?["units"] as? [Any])?.count == 13)
        let header = (json?["headers"] as? [[String: Any]])?.first
        #expect((header?["name"] as? String)?.hasSuffix("/c++/v1/algorithm") == true)
        #expect(header?["units"] as? Int == 12)
        let recommendations = json?["recommendations"] as? [[String: Any]]
        #expect(recommendations?.first?["area"] as? String == "build")
    }

    @Test func severalInputsThatAreNotTimeTracesAreRefused() async throws {
        let other = Samples.path("chrome-trace/from-speedscope/trace-event__simple.json")
        let clang = Samples.path(Self.build + "/obj_importer.json.gz")
        #expect(await CommandRunner.run(["analyze", clang, other]) == 64)
    }

    @Test func reportShowsTheBuildOnTheIndexAndInTheMarkdown() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = folder.file("site")
        #expect(
            await CommandRunner.run(["report", Samples.path(Self.build), "--out", out, "--quiet", "--no-cache"]) == 0)
        let index = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        #expect(index.contains(#"<h2 id="build-heading">Build: 13 compiles, 7.81 s</h2>"#))
        #expect(index.contains("Precompile algorithm"))
        let markdown = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        #expect(markdown.contains("### Build: 13 compiles, 7.81 s"))
        #expect(markdown.contains("included 12 times in 12 of 13 units"))
    }

    @Test func runPageShowsTheSampledView() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = folder.file("site")
        let trace = Samples.path("chrome-trace/from-speedscope/Chrome__69__simple.json.gz")
        #expect(await CommandRunner.run(["report", trace, "--out", out, "--quiet", "--no-cache"]) == 0)
        let runPage = try #require(
            FileManager.default.subpathsOfDirectory(atPath: out + "/runs").first { $0.hasSuffix("/index.html") })
        let html = try String(contentsOfFile: out + "/runs/" + runPage, encoding: .utf8)
        #expect(html.contains(#"<h2 id="sampled-heading">Sampled view: 2,051 samples</h2>"#))
    }
}
