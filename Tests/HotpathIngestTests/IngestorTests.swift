import Foundation
import HotpathModel
import Testing
import _HotpathTestSupport

@testable import HotpathIngest

@Suite struct IngestorTests {
    let dump =
        #"{"format":"hotpath-profile","version":1,"run":{"workflow":"w","run_id":"r"},"operations":[{"name":"a","samples":[1]}]}"#

    @Test func foldersAreReadToEveryLevelInNameOrder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for name in [
            "b/deep/z.json", "b/a.json", "a.json", "c/.hidden.json", ".git/config.json", "site/index.html",
            "site/.hotpath-manifest",
        ] {
            _ = try folder.write("in/" + name, dump)
        }
        var errors: [IngestError] = []
        let files = Ingestor().expand([folder.file("in")], errors: &errors)
        // Hidden names and an earlier report's site are passed over; the rest in name order.
        #expect(files == ["in/a.json", "in/b/a.json", "in/b/deep/z.json"].map(folder.file))
        #expect(errors.isEmpty)
    }

    @Test func theSampleTraceFolderHoldsDumpsInItsSubfolders() throws {
        var errors: [IngestError] = []
        let files = Ingestor().expand([Samples.path("chrome-trace")], errors: &errors)
        #expect(files.count >= 50 && errors.isEmpty)
        #expect(files == files.sorted { $0.split(separator: "/").lexicographicallyPrecedes($1.split(separator: "/")) })
    }

    @Test func anEmptyFolderSaysWhatWasLookedAt() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try folder.write("in/.DS_Store", "x")
        _ = try folder.write("in/sub/.cache/run.json", dump)
        var errors: [IngestError] = []
        #expect(Ingestor().expand([folder.file("in")], errors: &errors).isEmpty)
        #expect(
            errors.map(\.message) == [
                "the folder holds no dump files: looked at 1 file in 2 folders (subfolders included); skipped: 1 hidden file, 1 hidden folder"
            ])
    }

    /// A truncated `.json.gz` names the format its first part shows.
    @Test func truncatedGzipNamesTheFormat() throws {
        let sample = try #require(Samples.files(in: "pyperf").first { $0.hasSuffix(".json.gz") })
        let bytes = try #require(FileManager.default.contents(atPath: sample))
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("cut.json.gz")
        try Data(bytes.prefix(bytes.count / 2)).write(to: URL(fileURLWithPath: path))
        let error = try #require(loadError(path))
        #expect(error.format == .pyperf)
        #expect(error.description.contains("error: pyperf: gzip data ends early (truncated file?)"), "\(error)")
    }

    @Test func unreadableInputsSayWhyInPlainWords() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for (path, message) in [
            (folder.path, "is a folder; one dump file is expected here"), (folder.file("missing.json"), "no such file"),
        ] {
            do {
                _ = try Ingestor().loadFile(path)
                Issue.record("expected an error for \(path)")
            } catch {
                #expect(error.kind == .unreadable && error.message == message)
                #expect(!error.description.contains("Domain="))
            }
        }
    }
}
