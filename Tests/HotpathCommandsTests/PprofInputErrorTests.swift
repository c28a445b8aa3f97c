import Foundation
import Testing
import _HotpathTestSupport

@testable import HotpathCommands

/// A truncated or corrupt pprof among good inputs: the command exits 3 (bad input,
/// Docs/exit-codes.md), names each broken file with the byte where it breaks, and still
/// reports the profile it could read.
@Suite struct PprofInputErrorTests {
    @Test func brokenProfilesExitWith3AndTheGoodOneIsStillReported() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.file("in"), withIntermediateDirectories: true)
        let good = try Array(
            Data(
                contentsOf: URL(
                    fileURLWithPath: Samples.path("pprof/from-pprof/internal__report__testdata__sample.cpu"))))
        try Data(good).write(to: URL(fileURLWithPath: folder.file("in/good.pb.gz")))
        // Truncated gzip, corrupt deflate data, and a raw profile.proto cut inside a field.
        try Data(good.prefix(good.count / 2)).write(to: URL(fileURLWithPath: folder.file("in/truncated.pb.gz")))
        var corrupt = good
        corrupt[10] |= 0x06
        try Data(corrupt).write(to: URL(fileURLWithPath: folder.file("in/corrupt.pb.gz")))
        try Data([0x0A, 0x04, 0x08, 0x01, 0x10, 0x02, 0x32, 0x00, 0x32, 0x7F, 0x08]).write(
            to: URL(fileURLWithPath: folder.file("in/cut.pb")))

        let out = folder.file("site")
        #expect(await CommandRunner.run(["report", folder.file("in"), "--out", out, "--quiet", "--no-cache"]) == 3)
        let markdown = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        #expect(markdown.contains("good.pb.gz"))
        let index = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        for name in ["truncated.pb.gz", "corrupt.pb.gz", "cut.pb"] {
            #expect(index.contains(name), "\(name)")
        }
        #expect(index.contains("at byte"))

        // `analyze` of one broken profile: the same exit code.
        #expect(await CommandRunner.run(["analyze", folder.file("in/truncated.pb.gz")]) == 3)
        #expect(await CommandRunner.run(["analyze", folder.file("in/cut.pb")]) == 3)
    }
}
