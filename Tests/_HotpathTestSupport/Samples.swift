import Foundation

/// Where the shared real-world sample dumps live: `../shared/samples` next to the checkout,
/// or `$HOTPATH_SAMPLES` when set.
public enum Samples {
    /// The package's root folder, found from this file's path.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // _HotpathTestSupport
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    public static var root: URL {
        if let override = ProcessInfo.processInfo.environment["HOTPATH_SAMPLES"] {
            return URL(fileURLWithPath: override)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/samples")
    }

    /// Every regular file under `samples/<folder>`, sorted, as paths.
    public static func files(in folder: String) -> [String] {
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
