import ArgumentParser
import Foundation
import HotpathAnalysis
import HotpathIngest
import HotpathReport
import HotpathTemplates
import Testing
import _HotpathTestSupport

@testable import HotpathCommands

/// Every failure has its own documented exit code (Docs/exit-codes.md); `check` says 1 or 2
/// only for a regression or an exceeded budget.
@Suite struct ExitCodeTests {
    static let samples = Samples.path("google-benchmark/from-gbenchmark")

    /// A typo in a `--templates` override (an unclosed `{{`) used to escape as exit 1: "a
    /// significant regression".
    @Test func aBrokenTemplateIsATemplateErrorInCheckAndReport() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try folder.write("templates/report.md", "## {{ title }\n")
        let current = Self.samples + "/test1_run2.json"
        let baseline = Self.samples + "/test1_run1.json"
        let check = await CommandRunner.run([
            "check", current, "--baseline", baseline, "--templates", folder.file("templates"), "--markdown",
            folder.file("pr.md"),
        ])
        #expect(check == 5)
        let report = await CommandRunner.run([
            "report", current, "--out", folder.file("site"), "--templates", folder.file("templates"), "--no-cache",
            "--quiet",
        ])
        #expect(report == 5)
        #expect(!FileManager.default.fileExists(atPath: folder.file("site")))
    }

    @Test func eachKindOfFailureHasItsCode() {
        #expect(HotpathExit.code(for: HotpathExit.regression) == ExitCode(1))
        #expect(HotpathExit.code(for: IngestError(.syntax, file: "a.json", message: "x")) == ExitCode(3))
        #expect(HotpathExit.code(for: ConfigurationError(line: 1, message: "x")) == ExitCode(64))
        #expect(HotpathExit.code(for: ValidationError("x")) == ExitCode(64))
        #expect(HotpathExit.code(for: CleanExit.helpRequest()) == ExitCode(0))
        // The report pipeline's one error, by its kind.
        #expect(HotpathExit.code(for: ReportFailure(.input, message: "x")) == ExitCode(3))
        #expect(HotpathExit.code(for: ReportFailure(.output, message: "x")) == ExitCode(4))
        #expect(HotpathExit.code(for: ReportFailure(.template, message: "x")) == ExitCode(5))
        #expect(HotpathExit.code(for: ReportFailure(.usage, message: "x")) == ExitCode(64))
        struct Unforeseen: Error {}
        #expect(HotpathExit.code(for: Unforeseen()) == ExitCode(70))
        #expect(HotpathExit.isParserError(ValidationError("x")) && !HotpathExit.isParserError(Unforeseen()))
    }

    @Test func checkExitsWithEachDocumentedCode() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let same = Self.samples + "/test1_run1.json"
        #expect(await CommandRunner.run(["check", same, "--baseline", same, "--markdown", folder.file("a.md")]) == 0)
        #expect(
            await CommandRunner.run(["check", folder.file("missing.json"), "--markdown", folder.file("b.md")]) == 3)
        #expect(await CommandRunner.run(["check", same, "--bogus"]) == 64)
        _ = try folder.write("hotpath.toml", "[analysis]\nfalse_discovery_rate = 2\n")
        #expect(
            await CommandRunner.run([
                "check", same, "--budgets", folder.file("hotpath.toml"), "--markdown", folder.file("c.md"),
            ]) == 64)
    }
}
