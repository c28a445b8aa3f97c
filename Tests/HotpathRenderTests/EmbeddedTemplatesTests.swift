import Foundation
import HotpathRender
import Testing
import _HotpathTestSupport

/// The binary carries `Templates/` inside it (so `hotpath` works from any folder and when
/// copied elsewhere). This test keeps that copy current; after editing `Templates/`, run
/// `UPDATE_EMBEDDED_TEMPLATES=1 swift test --filter EmbeddedTemplates` to regenerate it.
@Suite struct EmbeddedTemplatesTests {
    static let templatesFolder = Samples.packageRoot.appendingPathComponent("Templates")
    static let generatedFile = Samples.packageRoot.appendingPathComponent(
        "Sources/HotpathRender/Generated/DefaultTemplates.swift")

    static func readTemplates() throws -> [String: String] {
        var sources: [String: String] = [:]
        let base = templatesFolder.standardizedFileURL.path
        let enumerator = FileManager.default.enumerator(
            at: templatesFolder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            let name = String(url.standardizedFileURL.path.dropFirst(base.count + 1))
            sources[name] = try String(contentsOf: url, encoding: .utf8)
        }
        return sources
    }

    /// The Swift source embedding `sources`, with raw string literals long enough to hold any text.
    static func generate(_ sources: [String: String]) -> String {
        var text = """
            // swift-format-ignore-file
            // Generated from Templates/ by `UPDATE_EMBEDDED_TEMPLATES=1 swift test --filter EmbeddedTemplates`; do not edit.
            /// Hotpath's default templates, embedded at build time so the binary needs no files beside it.
            public enum DefaultTemplates {
                public static let sources: [String: String] = [

            """
        for name in sources.keys.sorted() {
            let body = sources[name]!
            var hashes = "#"
            while body.contains("\"" + hashes) { hashes += "#" }
            text += "        \(hashes)\"\(name)\"\(hashes): \(hashes)\"\"\"\n\(body)\n\"\"\"\(hashes),\n"
        }
        text += "    ]\n}\n"
        return text
    }

    @Test func embeddedCopyMatchesTemplatesFolder() throws {
        let sources = try Self.readTemplates()
        #expect(sources["layout.html"] != nil && sources["report.md"] != nil)
        if ProcessInfo.processInfo.environment["UPDATE_EMBEDDED_TEMPLATES"] == "1" {
            try Self.generate(sources).write(to: Self.generatedFile, atomically: true, encoding: .utf8)
        }
        #expect(
            DefaultTemplates.sources == sources,
            "Templates/ changed: run UPDATE_EMBEDDED_TEMPLATES=1 swift test --filter EmbeddedTemplates")
        let onDisk = try String(contentsOf: Self.generatedFile, encoding: .utf8)
        #expect(onDisk == Self.generate(sources))
    }
}
