import Foundation
import Testing
import _HotpathTestSupport

@testable import HotpathCommands

/// The demo site, file by file, pinned by size and digest: a refactoring of the pipeline, the
/// renderer or the formatting must leave every page byte-identical. Re-record with
/// `RECORD_SNAPSHOTS=1` when a change to the pages is intended.
@Suite struct DemoSiteGoldenTests {
    @Test func theDemoSiteIsWhatItWas() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = folder.file("site")
        // Without the self-profile page: its timings are the only part that differs run to run.
        #expect(await CommandRunner.run(["demo", "--out", out, "--no-self-profile", "--quiet"]) == 0)
        let root = URL(fileURLWithPath: out).standardizedFileURL
        var lines: [String] = []
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            let path = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
            // The site's own record of what it wrote lists file times; it is not a page.
            guard !path.hasPrefix(".") else { continue }
            let data = try Data(contentsOf: url)
            lines.append("\(path) \(data.count) \(SampleAnalysisGoldenTests.digest(data))")
        }
        #expect(lines.count > 40)
        assertSnapshot(
            lines.sorted().joined(separator: "\n") + "\n", named: "demo-site.txt", in: "HotpathCommandsTests")
    }
}
