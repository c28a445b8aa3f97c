import Foundation
import Testing
import _HotpathTestSupport

@testable import HotpathSite

@Suite struct SiteWriterTests {
    let files = [SiteFile(path: "index.html", text: "<p>new</p>"), SiteFile(path: "runs/a/index.html", text: "a")]

    func read(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    @Test func writesFilesAndAManifest() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = folder.file("site")
        let summary = try SiteWriter(destination: out).write(files)
        #expect(summary.filesWritten == 2)
        #expect(read(out + "/runs/a/index.html") == "a")
        #expect(read(out + "/.hotpath-manifest") == "index.html\nruns/a/index.html\n")
        // No staging folders left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["site"])
    }

    @Test func replacesItsOwnSiteAndKeepsForeignFiles() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = folder.file("site")
        _ = try SiteWriter(destination: out).write(files + [SiteFile(path: "old.html", text: "old")])
        try "keep me".write(toFile: out + "/notes.txt", atomically: true, encoding: .utf8)
        let summary = try SiteWriter(destination: out).write(files)
        #expect(read(out + "/old.html") == nil)
        #expect(read(out + "/notes.txt") == "keep me")
        #expect(summary.filesCarriedOver == ["notes.txt"])
    }

    /// A file the last site holds unchanged is linked, not written; a source that is a symlink,
    /// or not the size it should be, is written from the contents instead.
    @Test func aFileSameAsTheLastSitesIsLinkedOnlyWhenItIsThatRegularFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = folder.file("site")
        _ = try SiteWriter(destination: out).write(files + [SiteFile(path: "b.html", text: "b")])
        let outside = try folder.write("outside.html", "b")
        try FileManager.default.removeItem(atPath: out + "/b.html")
        try FileManager.default.createSymbolicLink(atPath: out + "/b.html", withDestinationPath: outside)
        func inode(_ path: String) throws -> Int? {
            try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
        }
        let kept = try inode(out + "/runs/a/index.html")
        _ = try SiteWriter(destination: out).write([
            SiteFile(path: "index.html", text: "<p>newer</p>", sameAs: out + "/index.html"),  // the size differs
            SiteFile(path: "runs/a/index.html", text: "a", sameAs: out + "/runs/a/index.html"),
            SiteFile(path: "b.html", text: "b", sameAs: out + "/b.html"),
        ])
        #expect(try inode(out + "/runs/a/index.html") == kept)
        #expect(read(out + "/index.html") == "<p>newer</p>")
        let link = try FileManager.default.attributesOfItem(atPath: out + "/b.html")
        #expect(link[.type] as? FileAttributeType == .typeRegular)
        #expect(read(out + "/b.html") == "b")
    }

    /// Written again, a page whose bytes are those of the site it replaces keeps that file (no new
    /// inode); a page whose bytes changed, even to the same length, is written, and so is one
    /// whose old file has another name outside the site.
    @Test func aPageThatComesOutAsItWasKeepsItsFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = folder.file("site")
        let first = [
            SiteFile(path: "index.html", text: "<p>one</p>"), SiteFile(path: "runs/a/index.html", text: "a"),
            SiteFile(path: "shared.html", text: "s"), SiteFile(path: "empty.html", text: ""),
        ]
        _ = try SiteWriter(destination: out).write(first)
        try FileManager.default.linkItem(atPath: out + "/shared.html", toPath: folder.file("elsewhere.html"))
        func inode(_ path: String) throws -> Int? {
            try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
        }
        let before = try ["index.html", "runs/a/index.html", "shared.html", "empty.html", ".hotpath-manifest"].map {
            try inode(out + "/" + $0)
        }
        let summary = try SiteWriter(destination: out).write([
            SiteFile(path: "index.html", text: "<p>two</p>"), SiteFile(path: "runs/a/index.html", text: "a"),
            SiteFile(path: "shared.html", text: "s"), SiteFile(path: "empty.html", text: ""),
        ])
        #expect(summary.filesWritten == 4)
        let after = try ["index.html", "runs/a/index.html", "shared.html", "empty.html", ".hotpath-manifest"].map {
            try inode(out + "/" + $0)
        }
        #expect(after[0] != before[0] && read(out + "/index.html") == "<p>two</p>")
        #expect(after[1] == before[1] && read(out + "/runs/a/index.html") == "a")
        #expect(after[2] != before[2] && read(out + "/shared.html") == "s")
        #expect(after[3] == before[3] && after[4] == before[4])
        // The retired site's names are gone; the kept files have only the new site's.
        let links = try FileManager.default.attributesOfItem(atPath: out + "/runs/a/index.html")[.referenceCount]
        #expect(links as? Int == 1)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["elsewhere.html", "site"])
    }

    /// A page is written without a name, then named; a name already taken is never replaced
    /// (the writer then creates the file the usual way, which reports it).
    @Test func anUnnamedFileIsNamedOnlyWhereNothingIs() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let made = SiteWriter.createUnnamed(SiteFile(path: "a.html", text: "<p>a</p>"), at: folder.file("a.html"))
        #expect(read(folder.file("a.html")) == (made ? "<p>a</p>" : nil))
        let taken = try folder.write("b.html", "mine")
        #expect(!SiteWriter.createUnnamed(SiteFile(path: "b.html", text: "<p>b</p>"), at: taken))
        #expect(read(taken) == "mine")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
                == (made ? ["a.html", "b.html"] : ["b.html"]))
    }

    @Test func refusesAForeignFolderUnlessForced() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = folder.file("site")
        _ = try folder.write("site/thesis.tex", "precious")
        _ = try folder.write("site/.gitignore", "*")
        #expect(throws: SiteError.self) { try SiteWriter(destination: out).write(files) }
        #expect(read(out + "/index.html") == nil)
        _ = try SiteWriter(destination: out, force: true).write(files)
        #expect(read(out + "/thesis.tex") == "precious" && read(out + "/index.html") == "<p>new</p>")
        #expect(read(out + "/.gitignore") == "*")
    }

    @Test func aFolderWithOnlyHiddenFilesIsFine() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try folder.write("Output/.gitignore", "*\n!.gitignore\n")
        _ = try SiteWriter(destination: folder.file("Output")).write(files)
        #expect(read(folder.file("Output/.gitignore")) == "*\n!.gitignore\n")
    }

    @Test func aFailureMidwayLeavesThePreviousSite() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = folder.file("site")
        _ = try SiteWriter(destination: out).write([SiteFile(path: "index.html", text: "previous")])
        #expect(throws: SiteError.self) {
            try SiteWriter(destination: out, failAfterFiles: 1).write(files)
        }
        #expect(read(out + "/index.html") == "previous")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["site"])
    }

    /// A staged site leaves the output folder as it was until it is committed; a discarded one
    /// leaves nothing; a commit hands back the replaced site, whole until it is removed.
    @Test func aStagedSiteTouchesNothingUntilCommittedAndTheReplacedOneIsHandedBack() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = folder.file("site")
        let writer = SiteWriter(destination: out)
        _ = try writer.write([SiteFile(path: "index.html", text: "previous")])

        let discarded = try writer.stage(files)
        #expect(read(out + "/index.html") == "previous")
        SiteWriter.discard(discarded)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["site"])

        let staged = try writer.stage(files)
        #expect(staged.summary.filesWritten == 2)
        #expect(read(out + "/index.html") == "previous")
        let retired = try #require(try writer.commit(staged))
        #expect(read(out + "/index.html") == "<p>new</p>")
        #expect(read(retired + "/index.html") == "previous")
        SiteWriter.removeRetired(retired)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["site"])

        // Nothing is retired when there was no site before.
        #expect(
            try SiteWriter(destination: folder.file("fresh")).commit(
                SiteWriter(destination: folder.file("fresh")).stage(files)) == nil)
    }

    /// A report does not wait for the replaced site to go: it is renamed as retired and removed
    /// in the background, with a retired site an earlier build left behind, and nothing else.
    @Test func aRetiredSiteGoesInTheBackgroundWithOnesLeftBefore() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = folder.file("site")
        let writer = SiteWriter(destination: out)
        _ = try writer.write([SiteFile(path: "index.html", text: "previous")])
        let leftover = folder.file(".site.hotpath-retired-1-2")
        try FileManager.default.createDirectory(atPath: leftover + "/runs", withIntermediateDirectories: true)
        try "old".write(toFile: leftover + "/runs/x.html", atomically: true, encoding: .utf8)
        try "mine".write(toFile: folder.file(".site.notes"), atomically: true, encoding: .utf8)

        let retired = try #require(try writer.commit(writer.stage(files)))
        SiteWriter.retire(retired, replacing: out)
        #expect(!FileManager.default.fileExists(atPath: retired))
        #expect(read(out + "/index.html") == "<p>new</p>")
        var names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        for _ in 0..<200 where names.count > 2 {
            try await Task.sleep(for: .milliseconds(25))
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        }
        #expect(names.sorted() == [".site.notes", "site"])
    }

    @Test func refusesUnsafePathsAndSymlinks() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for path in ["../escape.html", "/etc/passwd", "a/../../b", "a\0b", ""] {
            #expect(throws: SiteError.self) {
                try SiteWriter(destination: folder.file("site")).write([SiteFile(path: path, text: "x")])
            }
        }
        try FileManager.default.createDirectory(atPath: folder.file("elsewhere"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: folder.file("link"), withDestinationPath: folder.file("elsewhere"))
        #expect(throws: SiteError.self) { try SiteWriter(destination: folder.file("link")).write(files) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("elsewhere")).isEmpty)
    }

    /// A retired site is removed whole, with its folders, hidden files and links, and nothing a
    /// link points to outside it.
    @Test func removingATreeRemovesItsLinksNotWhatTheyPointTo() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let manager = FileManager.default
        let outside = folder.file("outside")
        try manager.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try "keep".write(toFile: outside + "/kept.txt", atomically: true, encoding: .utf8)
        let tree = folder.file("retired")
        for path in ["a/b/c", "runs/r1/operations", ".hidden"] {
            try manager.createDirectory(atPath: tree + "/" + path, withIntermediateDirectories: true)
        }
        for path in ["index.html", "a/b/c/deep.html", "runs/r1/operations/op.html", ".hidden/.x", ".manifest"] {
            try "x".write(toFile: tree + "/" + path, atomically: true, encoding: .utf8)
        }
        try manager.createSymbolicLink(atPath: tree + "/linked-folder", withDestinationPath: outside)
        try manager.createSymbolicLink(atPath: tree + "/a/linked-file", withDestinationPath: outside + "/kept.txt")
        try manager.createSymbolicLink(atPath: tree + "/dangling", withDestinationPath: folder.file("nowhere"))
        SiteWriter.removeTree(tree)
        #expect(!manager.fileExists(atPath: tree))
        #expect(read(outside + "/kept.txt") == "keep")
        // A link given as the tree is removed itself, not followed.
        try manager.createSymbolicLink(atPath: folder.file("link"), withDestinationPath: outside)
        SiteWriter.removeTree(folder.file("link"))
        #expect((try? manager.destinationOfSymbolicLink(atPath: folder.file("link"))) == nil)
        #expect(read(outside + "/kept.txt") == "keep")
    }
}
