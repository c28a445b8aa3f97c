import Foundation
import HotpathSite
import Testing
import _HotpathTestSupport

/// What the writer must never do, whatever it finds in the output folder: follow a symlink out
/// of it (when writing, carrying files over or removing the previous site), write into a folder
/// it did not create without `force`, or leave a half-written site.
@Suite struct OutputSafetyTests {
    let files = [
        SiteFile(path: "index.html", text: "<p>new</p>"), SiteFile(path: "runs/a/index.html", text: "a"),
        SiteFile(path: "style.css", text: "p {}"),
    ]

    func read(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    func isSymlink(_ path: String) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType == .typeSymbolicLink
    }

    func link(_ path: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
    }

    /// A folder outside the site with files that must survive untouched.
    func elsewhere(_ folder: TemporaryFolder) throws -> String {
        _ = try folder.write("elsewhere/secret.txt", "secret")
        _ = try folder.write("elsewhere/dir/keep.txt", "keep")
        return folder.file("elsewhere")
    }

    func expectElsewhereUntouched(_ folder: TemporaryFolder, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(read(folder.file("elsewhere/secret.txt")) == "secret", sourceLocation: sourceLocation)
        #expect(read(folder.file("elsewhere/dir/keep.txt")) == "keep", sourceLocation: sourceLocation)
        let names = try FileManager.default.subpathsOfDirectory(atPath: folder.file("elsewhere")).sorted()
        #expect(names == ["dir", "dir/keep.txt", "secret.txt"], sourceLocation: sourceLocation)
    }

    /// Links a team planted in the site (to a file and to a folder elsewhere) are foreign files:
    /// carried over as links, never followed — not when listing, not when copying, not when the
    /// previous site is removed.
    @Test func plantedSymlinksAreCarriedOverAsLinksNotFollowed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let outside = try elsewhere(folder)
        let out = folder.file("site")
        _ = try SiteWriter(destination: out).write(files)
        try link(out + "/notes.txt", to: outside + "/secret.txt")
        try link(out + "/docs", to: outside + "/dir")
        try link(out + "/relative", to: "../elsewhere/dir")
        let summary = try SiteWriter(destination: out).write(files)
        #expect(summary.filesCarriedOver == ["docs", "notes.txt", "relative"])
        for name in ["notes.txt", "docs", "relative"] { #expect(isSymlink(out + "/" + name), "\(name)") }
        #expect(read(out + "/notes.txt") == "secret")  // still a link to it
        try expectElsewhereUntouched(folder)
        // And once more, now that the links sit in a site Hotpath wrote.
        _ = try SiteWriter(destination: out).write(files)
        try expectElsewhereUntouched(folder)
    }

    /// A link planted in place of a page Hotpath wrote (its manifest lists it) is replaced by the
    /// new page in the new site; the file it pointed to is not written through.
    @Test func aLinkInPlaceOfOurOwnPageIsNotWrittenThrough() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let outside = try elsewhere(folder)
        let out = folder.file("site")
        _ = try SiteWriter(destination: out).write(files)
        try FileManager.default.removeItem(atPath: out + "/index.html")
        try link(out + "/index.html", to: outside + "/secret.txt")
        _ = try SiteWriter(destination: out).write(files)
        #expect(!isSymlink(out + "/index.html") && read(out + "/index.html") == "<p>new</p>")
        try expectElsewhereUntouched(folder)
    }

    /// A page that comes out as it was keeps its file only when that file is the site's own: a
    /// link planted in its place, to a file with the very same bytes, and a FIFO (whose reading
    /// would block) are replaced by a file of the new site's.
    @Test func onlyTheSitesOwnUnchangedFilesAreKept() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let outside = try folder.write("elsewhere/index.html", "<p>new</p>")
        let out = folder.file("site")
        _ = try SiteWriter(destination: out).write(files)
        try FileManager.default.removeItem(atPath: out + "/index.html")
        try link(out + "/index.html", to: outside)
        try FileManager.default.removeItem(atPath: out + "/style.css")
        #expect(mkfifo(out + "/style.css", 0o644) == 0)
        _ = try SiteWriter(destination: out).write(files)
        let page = try FileManager.default.attributesOfItem(atPath: out + "/index.html")
        let planted = try FileManager.default.attributesOfItem(atPath: outside)
        #expect(page[.type] as? FileAttributeType == .typeRegular)
        #expect(page[.systemFileNumber] as? Int != planted[.systemFileNumber] as? Int)
        #expect(read(out + "/style.css") == "p {}")
        #expect(read(outside) == "<p>new</p>")
    }

    /// A foreign file or link where the new site needs a folder (a link planted in place of
    /// `runs/` or of `runs/a/`), or at a path it writes, cannot be both kept and replaced:
    /// refused before anything is written, naming the path.
    @Test(arguments: ["runs", "runs/a", "style.css"]) func aForeignPathInTheWayIsRefusedClearly(_ planted: String)
        throws
    {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let outside = try elsewhere(folder)
        let out = folder.file("site")
        _ = try SiteWriter(destination: out).write([
            SiteFile(path: "index.html", text: "previous"), SiteFile(path: "runs/b/index.html", text: "b"),
        ])
        try FileManager.default.createDirectory(atPath: out + "/runs", withIntermediateDirectories: true)
        if planted == "runs" { try FileManager.default.removeItem(atPath: out + "/runs") }
        try link(out + "/" + planted, to: planted == "style.css" ? outside + "/secret.txt" : outside + "/dir")
        let error = try #require(throws: SiteError.self) { try SiteWriter(destination: out).write(files) }
        #expect(
            error.kind == .foreignFolder && error.path == out + "/" + planted && error.message.contains("move it away"),
            "\(error)")
        #expect(read(out + "/index.html") == "previous")
        #expect(isSymlink(out + "/" + planted))
        try expectElsewhereUntouched(folder)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["elsewhere", "site"])
    }

    @Test func theOutputFolderItselfMayNotBeALink() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let outside = try elsewhere(folder)
        try link(folder.file("site"), to: outside)
        #expect(throws: SiteError.self) { try SiteWriter(destination: folder.file("site"), force: true).write(files) }
        try link(folder.file("dangling"), to: folder.file("nothing-here"))
        let error = try #require(throws: SiteError.self) {
            try SiteWriter(destination: folder.file("dangling")).write(files)
        }
        #expect(error.kind == .symlink)
        #expect(!FileManager.default.fileExists(atPath: folder.file("nothing-here")))
        try expectElsewhereUntouched(folder)
    }

    /// A folder of someone else's files is refused, hidden files or not, and kept whole with `force`.
    @Test func foreignFoldersNeedForce() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = folder.file("site")
        _ = try folder.write("site/report/draft.md", "draft")
        _ = try folder.write("site/.git/config", "[core]")
        let error = try #require(throws: SiteError.self) { try SiteWriter(destination: out).write(files) }
        #expect(error.kind == .foreignFolder && error.message.contains("--force"))
        #expect(read(out + "/index.html") == nil)
        _ = try SiteWriter(destination: out, force: true).write(files)
        #expect(read(out + "/report/draft.md") == "draft" && read(out + "/.git/config") == "[core]")
        // From then on the folder is Hotpath's, the team's files included: no force needed.
        _ = try SiteWriter(destination: out).write(files)
        #expect(read(out + "/report/draft.md") == "draft")
    }

    /// Every failure midway leaves the previous site as it was and no staging folder behind.
    @Test(arguments: [0, 1, 2]) func aFailureAtAnyFileKeepsThePreviousSite(_ after: Int) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = folder.file("site")
        _ = try SiteWriter(destination: out).write([
            SiteFile(path: "index.html", text: "previous"), SiteFile(path: "old.html", text: "old"),
        ])
        _ = try folder.write("site/notes.txt", "keep")
        #expect(throws: SiteError.self) { try SiteWriter(destination: out, failAfterFiles: after).write(files) }
        #expect(
            read(out + "/index.html") == "previous" && read(out + "/old.html") == "old"
                && read(out + "/notes.txt") == "keep")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["site"])
    }
}
