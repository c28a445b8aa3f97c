import Foundation

/// The real-world sample dumps the tests read: `Tests/Fixtures/samples` inside the repository
/// (copied with their provenance and licenses, see its PROVENANCE.md), so a clone anywhere
/// passes its tests. A larger collection outside the repository can be checked too, opt-in,
/// through `$HOTPATH_SAMPLES` (see `external`).
public enum Samples {
    /// The package's root folder, found from this file's path.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // _HotpathTestSupport
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// The vendored samples, laid out as `<format>/<from-producer>/<file>`.
    public static let root: URL = packageRoot.appendingPathComponent("Tests/Fixtures/samples")

    /// A folder of more samples in the same layout, named by `$HOTPATH_SAMPLES`; nil when unset
    /// or empty. Suites over it are skipped, never failed, without it.
    public static var external: URL? {
        guard let folder = ProcessInfo.processInfo.environment["HOTPATH_SAMPLES"], !folder.isEmpty else { return nil }
        return URL(fileURLWithPath: folder)
    }

    /// Every regular file under `<root>/<folder>`, sorted, as paths.
    public static func files(in folder: String, under root: URL = Samples.root) -> [String] {
        let base = root.appendingPathComponent(folder)
        guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [] }
        var paths: [String] = []
        for case let url as URL in enumerator {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                paths.append(url.path)
            }
        }
        return paths.sorted()
    }

    public static func path(_ relative: String) -> String {
        root.appendingPathComponent(relative).path
    }
}

/// A fresh temporary folder, removed by `remove()`.
public struct TemporaryFolder {
    public let url: URL

    public init(_ prefix: String = "hotpath-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public var path: String { url.path }

    public func file(_ name: String) -> String { url.appendingPathComponent(name).path }

    public func write(_ name: String, _ contents: String) throws -> String {
        let path = file(name)
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
