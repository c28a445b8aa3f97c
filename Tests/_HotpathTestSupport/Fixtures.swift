import Foundation

/// Reads fixture files kept in a test target's `Fixtures/` folder (excluded from the build and
/// found from the package root, so no bundle resources are needed).
public enum Fixtures {
    public static func url(_ name: String, in target: String) -> URL {
        Samples.packageRoot.appendingPathComponent("Tests/\(target)/Fixtures/\(name)")
    }

    public static func data(_ name: String, in target: String) throws -> Data {
        try Data(contentsOf: url(name, in: target))
    }
}
