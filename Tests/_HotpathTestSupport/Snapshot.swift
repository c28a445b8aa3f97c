import Foundation
import Testing

/// Golden files without a dependency: compares `text` with `Tests/<target>/Snapshots/<name>`,
/// and writes it there instead when `RECORD_SNAPSHOTS=1` (or when the golden does not exist yet).
public func assertSnapshot(
    _ text: String, named name: String, in target: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    let url = Samples.packageRoot.appendingPathComponent("Tests/\(target)/Snapshots/\(name)")
    let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
    guard !record, let golden = try? String(contentsOf: url, encoding: .utf8) else {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? text.write(to: url, atomically: true, encoding: .utf8)
        if !record {
            Issue.record("recorded a new golden \(name); run the test again", sourceLocation: sourceLocation)
        }
        return
    }
    if golden != text {
        let goldenLines = golden.split(separator: "\n", omittingEmptySubsequences: false)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let first =
            zip(goldenLines, lines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(goldenLines.count, lines.count)
        Issue.record(
            "\(name) differs from its golden at line \(first + 1) (re-record with RECORD_SNAPSHOTS=1 if intended):\n- \(first < goldenLines.count ? goldenLines[first] : "<end>")\n+ \(first < lines.count ? lines[first] : "<end>")",
            sourceLocation: sourceLocation)
    }
}
