import Foundation
import Testing
import _HotpathTestSupport

@testable import HotpathCommands

/// `--max-events`, `--max-operations` and `--max-input-bytes` reach the importers: a dump over
/// a limit is bad input (exit code 3) and the rest is reported.
@Suite(.serialized) struct LimitOptionTests {
    @Test func limitsOnTheCommandLine() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let many = try folder.write("in/many.folded", (0..<50).map { "main;f\($0) 1\n" }.joined())
        _ = try folder.write("in/few.folded", "main;a 1\nmain;b 2\n")
        let out = folder.file("site")
        #expect(
            await CommandRunner.run([
                "report", folder.file("in"), "--out", out, "--max-operations", "20", "--no-cache", "--quiet",
            ]) == 3)
        let index = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        #expect(index.contains("more than 20 distinct operation names") && index.contains("--max-operations"))
        #expect(await CommandRunner.run(["analyze", many, "--max-events", "10"]) == 3)
        #expect(await CommandRunner.run(["analyze", many, "--max-input-bytes", "100"]) == 3)
        let analysis = try await captureStandardOutput([
            "analyze", many, "--max-input-bytes", "1K", "--max-operations", "100",
        ])
        #expect(analysis.code == 0)
    }

    @Test func badLimitsAreUsageErrors() async {
        for arguments in [
            ["--max-events", "0"], ["--max-operations", "-1"], ["--max-input-bytes", "12Q"],
            ["--max-input-bytes", "99999999999T"],
        ] {
            #expect(await CommandRunner.run(["analyze", "x.json"] + arguments) == 64, "\(arguments)")
        }
    }

    @Test func byteCounts() {
        #expect(ByteCount(argument: "1048576")?.value == 1 << 20)
        #expect(ByteCount(argument: "512K")?.value == 512 << 10)
        #expect(ByteCount(argument: "200MiB")?.value == 200 << 20)
        #expect(ByteCount(argument: "4g")?.value == 4 << 30)
        #expect(ByteCount(argument: "4GB")?.value == 4 << 30)
        #expect(ByteCount(argument: "four") == nil && ByteCount(argument: "") == nil)
        #expect(ByteCount(4 << 30).description == "4G" && ByteCount(1000).description == "1000")
    }
}
