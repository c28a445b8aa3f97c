import Foundation
import HotpathModel

/// Writes a generated nightly history: one native dump per night, five operations with 30
/// samples each, and optionally a lasting step in one operation from a given night on.
public enum HistoryFixtures {
    public static func write(
        into folder: String, nights: Int, stepNight: Int? = nil, stepOperation: String = "render_template",
        stepFactor: Double = 1.3, firstNight: Int = 0
    ) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for night in firstNight..<(firstNight + nights) {
            try encoder.encode(
                profile(night: night, stepNight: stepNight, stepOperation: stepOperation, stepFactor: stepFactor)
            )
            .write(to: URL(fileURLWithPath: folder).appendingPathComponent(fileName(night)))
        }
    }

    public static func fileName(_ night: Int) -> String { String(format: "night-%04d.json", night) }

    public static func runID(_ night: Int) -> String { String(format: "night-%04d", night) }

    public static func profile(night: Int, stepNight: Int?, stepOperation: String, stepFactor: Double) -> Profile {
        var generator = SeededGenerator(seed: UInt64(night) &* 2_654_435_761 &+ 12345)
        func noise() -> Double { generator.unit() * 2 - 1 }
        let base: [(String, Double)] = [
            ("parse_contract", 4e6), ("render_template", 2e6), ("generate_code", 9e6), ("validate_code", 3e6),
            ("write_files", 1e6),
        ]
        let operations = base.map { name, median -> ProfileResult in
            let factor = (stepNight.map { night >= $0 } ?? false) && name == stepOperation ? stepFactor : 1
            let nightly = 1 + noise() * 0.01
            return ProfileResult(
                name: name, samples: (0..<30).map { _ in (median * factor * nightly * (1 + noise() * 0.03)).rounded() })
        }
        let start = Date(timeIntervalSince1970: 1_767_225_600 + Double(night) * 86_400)  // 2026-01-01
        return Profile(
            run: RunMetadata(
                workflow: "codegen-nightly", runID: runID(night), startTime: ISO8601DateFormatter().string(from: start),
                git: GitInfo(commit: String(format: "%040x", night * 7919), branch: "main"),
                environment: EnvironmentFingerprint(os: "Linux", cores: 2, buildConfiguration: "release")),
            operations: operations)
    }
}
