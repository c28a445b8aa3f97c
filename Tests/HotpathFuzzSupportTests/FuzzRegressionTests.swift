import Foundation
import HotpathFuzzSupport
import HotpathIngest
import Testing
import _HotpathTestSupport

/// Every input a fuzzer ever crashed on, replayed through the same check the fuzzer ran: the
/// files live in `Fixtures/<target>/` (named for the bug they found) and must pass for good.
/// Fuzz/run.sh writes new crashes to `.build-fuzz/artifacts/<target>/`; copy them here once fixed.
@Suite struct FuzzRegressionTests {
    static let fixtures = Samples.packageRoot.appendingPathComponent("Tests/HotpathFuzzSupportTests/Fixtures")

    /// `<target>/<file>` for every committed crash input.
    static var inputs: [String] {
        let names = (FileManager.default.subpaths(atPath: fixtures.path) ?? []).filter {
            $0.contains("/") && !$0.hasSuffix(".md")
        }
        return names.sorted()
    }

    static func check(for target: String) -> FuzzDriver.Check? {
        switch target {
        case "ingest": return IngestFuzzing().check
        case "templates": return TemplateFuzzing().check
        default:
            // Folders are named like Fuzz/run.sh's targets: `native` for the `hotpath` format.
            guard let format = target == "native" ? .native : DumpFormat(rawValue: target),
                let importer = Ingestor.defaultImporters.first(where: { $0.format == format })
            else { return nil }
            return ImporterFuzzing(importer).check
        }
    }

    @Test(arguments: inputs) func crashInputStaysFixed(_ input: String) throws {
        let target = String(input.prefix { $0 != "/" })
        let check = try #require(Self.check(for: target), "no fuzz target named \(target)")
        let data = try Data(contentsOf: Self.fixtures.appendingPathComponent(input))
        let finding: FuzzFinding? = data.withUnsafeBytes { bytes in
            do throws(FuzzFinding) {
                try check(bytes)
                return nil
            } catch {
                return error
            }
        }
        #expect(finding == nil, "\(input): \(finding.map(String.init(describing:)) ?? "")")
    }

    @Test func everyTargetFolderIsKnown() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path).filter {
            !$0.hasSuffix(".md")
        }
        for folder in folders { #expect(Self.check(for: folder) != nil, "\(folder) is not a fuzz target") }
        #expect(!Self.inputs.isEmpty)
    }
}
