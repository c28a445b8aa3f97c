import Foundation
import HotpathAnalysis
import HotpathModel
import Testing
import _HotpathTestSupport

@testable import HotpathReport

/// The history cache takes a dump whose file looks unchanged as unchanged, without hashing it
/// again: what "looks unchanged" means must not let a different dump reuse a stale analysis.
@Suite struct FileStampTests {
    /// A dump replaced by another of the same size whose modification time is set back to the
    /// old one's (as `cp -p`, `tar` and `rsync -t` do) is read again.
    @Test func aSameSizedDumpWithItsOldModificationTimeIsReadAgain() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try HistoryFixtures.write(into: folder.file("in"), nights: 2)
        let path = folder.file("in/" + HistoryFixtures.fileName(1))
        let modified = Date(timeIntervalSince1970: 1_000_000)
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: path)
        let store = DiskRunStore(root: folder.file("cache"), configuration: .init(), ingestOptions: .init())
        let loader = HistoryLoader(ingestor: .init(), configuration: .init(), store: store)
        #expect(loader.load([folder.file("in")]).analyzed == 2)
        #expect(loader.load([folder.file("in")]).analyzed == 0)

        let before = try #require(HistoryLoader.stamp(of: path))
        let original = try String(contentsOfFile: path, encoding: .utf8)
        let renamed = original.replacingOccurrences(of: "parse_contract", with: "parse_contrbct")
        #expect(renamed != original && renamed.utf8.count == original.utf8.count)
        try renamed.write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: path)
        let after = try #require(HistoryLoader.stamp(of: path))
        #expect(after.size == before.size && after.modified == before.modified)

        let again = loader.load([folder.file("in")])
        #expect(again.analyzed == 1)
        #expect(again.runs[1].summary.operations.contains { $0.name == "parse_contrbct" })
    }

    /// Another file moved into the dump's place is another inode; a record written by an
    /// earlier Hotpath (size and modification time only) never matches.
    @Test func stampsNameTheFileAndRecordsWithoutThemAreNotTrusted() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try "a".write(toFile: folder.file("a.txt"), atomically: false, encoding: .utf8)
        try "b".write(toFile: folder.file("b.txt"), atomically: false, encoding: .utf8)
        let a = try #require(HistoryLoader.stamp(of: folder.file("a.txt")))
        let b = try #require(HistoryLoader.stamp(of: folder.file("b.txt")))
        #expect(a.inode != nil && a.changed != nil)
        #expect(a.inode != b.inode)

        let store = DiskRunStore(root: folder.file("cache"), configuration: .init(), ingestOptions: .init())
        store.record(key: "k", of: "x.json", file: a)
        #expect(store.recordedKey(of: "x.json", file: a) == "k")
        #expect(store.recordedKey(of: "x.json", file: b) == nil)
        let old = FileStamp(size: a.size, modified: a.modified)
        store.record(key: "old", of: "y.json", file: old)
        #expect(store.recordedKey(of: "y.json", file: old) == nil)
    }
}
