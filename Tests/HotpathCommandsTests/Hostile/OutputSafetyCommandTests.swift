import Foundation
import HotpathModel
import Testing
import _HotpathTestSupport

@testable import HotpathCommands

/// `hotpath report` over a previous site: a run that fails while rendering, validating or
/// writing leaves the previous site byte for byte (exit code 4), and no run writes through a
/// link planted in the site or at `--markdown`.
@Suite(.serialized) struct OutputSafetyCommandTests {
    /// Every file of a folder with its contents, to compare before and after.
    static func snapshot(_ folder: String) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: folder) {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory),
                !isDirectory.boolValue
            else { continue }
            result[path] = FileManager.default.contents(atPath: folder + "/" + path)
        }
        return result
    }

    /// A dump and a first site written from it.
    static func previousSite(in folder: TemporaryFolder) async throws -> (dump: String, out: String) {
        let dump = folder.file("run.json")
        try JSONEncoder().encode(ExampleProfiles.nested()).write(to: URL(fileURLWithPath: dump))
        let out = folder.file("site")
        #expect(await CommandRunner.run(["report", dump, "--out", out, "--no-cache", "--quiet"]) == 0)
        return (dump, out)
    }

    @Test(
        arguments: [
            // A rendering error: a template that names a variable no page has (a template error, 5).
            (
                "pages/run.html",
                "{% extends \"layout.html\" %}{% block content %}{{ no_such_variable }}{% endblock %}", 5
            ),
            // A validation error: a page libxml2 and the tag check refuse.
            ("pages/run.html", "{% extends \"layout.html\" %}{% block content %}<div><span></div>{% endblock %}", 4),
            // A broken link.
            (
                "pages/index.html",
                "{% extends \"layout.html\" %}{% block content %}<a href=\"missing.html\">x</a>{% endblock %}", 4
            ),
        ] as [(String, String, Int32)])
    func aFailedRunKeepsThePreviousSite(_ template: String, _ text: String, _ expected: Int32) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (dump, out) = try await Self.previousSite(in: folder)
        let before = try Self.snapshot(out)
        _ = try folder.write("templates/" + template, text)
        let code = await CommandRunner.run([
            "report", dump, "--out", out, "--templates", folder.file("templates"), "--markdown", folder.file("pr.md"),
            "--no-cache",
            "--quiet",
        ])
        #expect(code == expected)
        #expect(try Self.snapshot(out) == before)
        #expect(!FileManager.default.fileExists(atPath: folder.file("pr.md")))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [
                "run.json", "site", "templates",
            ])
    }

    /// A write that cannot happen (a link planted where the site needs its `runs` folder) is
    /// refused before anything is written: exit code 4, previous site intact, nothing written
    /// through the link.
    @Test func aWriteErrorKeepsThePreviousSite() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (dump, out) = try await Self.previousSite(in: folder)
        _ = try folder.write("elsewhere/keep.txt", "keep")
        try FileManager.default.moveItem(atPath: out + "/runs", toPath: folder.file("moved-runs"))
        try FileManager.default.createSymbolicLink(atPath: out + "/runs", withDestinationPath: folder.file("elsewhere"))
        let before = try Self.snapshot(out)
        #expect(await CommandRunner.run(["report", dump, "--out", out, "--no-cache", "--quiet"]) == 4)
        #expect(try Self.snapshot(out) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("elsewhere")) == ["keep.txt"])
    }

    /// Links a team planted in the site are carried over as links; `--markdown` at a link
    /// replaces the link, never the file it points to.
    @Test func plantedLinksAreNeverWrittenThrough() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (dump, out) = try await Self.previousSite(in: folder)
        _ = try folder.write("elsewhere/secret.txt", "secret")
        try FileManager.default.createSymbolicLink(
            atPath: out + "/notes", withDestinationPath: folder.file("elsewhere"))
        try FileManager.default.createSymbolicLink(
            atPath: folder.file("pr.md"), withDestinationPath: folder.file("elsewhere/secret.txt"))
        #expect(
            await CommandRunner.run([
                "report", dump, "--out", out, "--markdown", folder.file("pr.md"), "--no-cache", "--quiet",
            ]) == 0)
        #expect(try String(contentsOfFile: folder.file("elsewhere/secret.txt"), encoding: .utf8) == "secret")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: out + "/notes") == folder.file("elsewhere"))
        let markdown = try FileManager.default.attributesOfItem(atPath: folder.file("pr.md"))
        #expect(markdown[.type] as? FileAttributeType == .typeRegular)
        #expect(await CommandRunner.run(["validate", out]) == 0)
    }

}
