import Foundation
import HotpathAnalysis
import HotpathIngest
import HotpathModel
import HotpathOptimizer
import HotpathReport
import Testing
import _HotpathTestSupport

@testable import HotpathCommands

/// The analysis of every real sample, pinned: a digest of each sample's `hotpath analyze` JSON
/// is committed in `Snapshots/sample-analyses.txt`. Any change to parsing or statistics that
/// alters a single number on any sample fails here — the guard that speed work keeps results
/// exactly as they were. Re-record with `RECORD_SNAPSHOTS=1` when a change is intended.
@Suite struct SampleAnalysisGoldenTests {
    static let folders = [
        "chrome-trace", "speedscope", "collapsed", "google-benchmark", "hyperfine", "pytest-benchmark", "pyperf",
    ]

    @Test func everySampleAnalyzesToItsPinnedNumbers() throws {
        let root = Samples.root.path
        var lines: [String] = []
        for folder in Self.folders {
            for path in Samples.files(in: folder) {
                let relative = String(path.dropFirst(root.count + 1))
                let line: String
                do {
                    var dump = try Ingestor().loadFile(path)
                    dump.path = relative
                    let report = AnalyzedRun(dump: dump, configuration: .init()).report(
                        comparedWith: nil, configuration: .init())
                    let json = try AnalysisJSON.encode(report)
                    line = "\(relative) \(Self.digest(json))"
                } catch let error as IngestError {
                    line =
                        "\(relative) error \(error.kind.rawValue) \(error.line.map(String.init) ?? "-"):\(error.column.map(String.init) ?? "-")"
                }
                lines.append(line)
            }
        }
        #expect(lines.count > 150)
        assertSnapshot(lines.joined(separator: "\n") + "\n", named: "sample-analyses.txt", in: "HotpathCommandsTests")
    }

    static func digest(_ data: Data) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in data { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
