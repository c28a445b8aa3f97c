import Foundation
import Testing

/// Compares `actual` with the golden file `Goldens/<name>` next to this test target, without a
/// snapshot library (as swift-argument-parser's `assertSnapshot` does).
///
/// Set `RECORD_SNAPSHOTS=1` to write the goldens from the current output instead; review the
/// diff before committing it.
func assertSnapshot(
    _ actual: String, named name: String, filePath: String = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let golden = goldensFolder(filePath).appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
        try FileManager.default.createDirectory(
            at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
        try actual.write(to: golden, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: golden, encoding: .utf8) else {
        Issue.record(
            "no golden at \(golden.path): run the tests with RECORD_SNAPSHOTS=1 to record it",
            sourceLocation: sourceLocation)
        return
    }
    #expect(
        actual == expected, "differs from golden \(name) (re-record with RECORD_SNAPSHOTS=1)",
        sourceLocation: sourceLocation)
}

/// `Tests/HotpathTemplatesTests/Goldens`, found from a test file's path.
private func goldensFolder(_ filePath: String) -> URL {
    var folder = URL(fileURLWithPath: filePath).deletingLastPathComponent()
    while folder.lastPathComponent != "HotpathTemplatesTests", folder.pathComponents.count > 1 {
        folder.deleteLastPathComponent()
    }
    return folder.appendingPathComponent("Goldens")
}
