import Foundation
import HotpathIngest
import HotpathModel
import HotpathReport
import Testing
import _HotpathTestSupport

@testable import HotpathCommands

/// `--self-profile`: Hotpath's own run as a native dump, and `--tune-from` reading it back.
@Suite(.serialized) struct SelfProfileTests {
    @Test func aReportWritesItsOwnProfileAndTunesFromIt() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try HistoryFixtures.write(into: folder.file("in"), nights: 3)
        let profilePath = folder.file("self.json")
        // A tiny template cache and one worker: the run's own profile shows the misses.
        #expect(
            await CommandRunner.run([
                "report", folder.file("in"), "--out", folder.file("site"), "--no-cache", "--quiet",
                "--self-profile", profilePath, "--template-cache", "1", "--jobs", "1",
            ]) == 0)
        let dump = try Ingestor().loadFile(profilePath)
        #expect(dump.format == .native && dump.profile.run.workflow == SelfProfile.workflow)
        let names = Set(dump.profile.spans.names)
        for step in ["ingest", "analyze", "analyze runs", "plan pages", "stage site", "commit site"] {
            #expect(names.contains(step), "\(step) missing from \(names.sorted())")
        }
        #expect(names.contains { $0.hasPrefix("render ") } && names.contains { $0.hasPrefix("validate ") })
        let cache = try #require(dump.profile.caches.first { $0.name == SelfProfile.templateCacheName })
        #expect(cache.capacity == 1 && cache.misses > 0)
        #expect(dump.profile.run.labels["jobs"] == "1")

        let tuned = try SelfProfile.tuning(from: profilePath, base: PipelineSettings())
        #expect((tuned.settings.templateCacheCapacity ?? Int.max) > 1, "\(tuned)")
        #expect(!tuned.notes.isEmpty)
        #expect(
            await CommandRunner.run([
                "report", folder.file("in"), "--out", folder.file("tuned"), "--no-cache", "--quiet", "--tune-from",
                profilePath,
            ]) == 0)
    }

    @Test func tuningFromAnotherDumpIsRefused() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try HistoryFixtures.write(into: folder.file("in"), nights: 1)
        let other = folder.file("in/" + HistoryFixtures.fileName(0))
        #expect(
            await CommandRunner.run([
                "report", other, "--out", folder.file("site"), "--no-cache", "--quiet", "--tune-from", other,
            ])
                == 64)
    }
}
