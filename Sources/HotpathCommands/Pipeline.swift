import ArgumentParser
import Foundation
import HotpathAnalysis
import HotpathIngest
import HotpathModel
import HotpathOptimizer
import HotpathRender
import HotpathSite
import HotpathTemplates
import HotpathValidation

/// The stages between reading and writing, shared by the commands:
/// ingest → analyze → optimize → render → validate → write.
enum Pipeline {
    /// Analyze and optimize one dump, against a baseline when given.
    static func analyze(
        _ dump: IngestedDump, baseline: IngestedDump?, configuration: Configuration = Configuration()
    ) -> PerformanceReport {
        var report = Analyzer(configuration: configuration).analyze(dump.profile, source: dump.path, baseline: baseline?.profile)
        report.warnings += dump.diagnostics.map(\.message)
        return Optimizer().optimize(report)
    }

    /// The template manager over the embedded defaults, with `overrides` (a folder) on top.
    static func templates(overrides folder: String?, capacity: Int? = nil) throws -> TemplateManager {
        var sources = DefaultTemplates.sources
        if let folder {
            for (name, text) in try TemplateFolder.read(folder) { sources[name] = text }
        }
        return TemplateManager(sources: sources, capacity: capacity)
    }
}

/// Reads a folder of template overrides: every file, by its path relative to the folder.
enum TemplateFolder {
    static func read(_ folder: String) throws -> [String: String] {
        let root = URL(fileURLWithPath: folder)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("--templates: \(folder) is not a folder")
        }
        var sources: [String: String] = [:]
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else {
            return sources
        }
        let base = root.standardizedFileURL.path
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(base + "/") else { continue }
            let name = String(path.dropFirst(base.count + 1))
            guard !name.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { continue }
            sources[name] = try String(contentsOf: url, encoding: .utf8)
        }
        return sources
    }
}
