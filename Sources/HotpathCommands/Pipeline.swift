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
        var report = Analyzer(configuration: configuration).analyze(
            dump.profile, source: dump.path, baseline: baseline?.profile)
        report.warnings += dump.diagnostics.map(\.message)
        return Optimizer().optimize(report)
    }

    /// The template manager over the embedded defaults, with `overrides` (a folder) on top.
    static func templates(overrides folder: String?, capacity: Int? = nil, printer: DiagnosticPrinter? = nil) throws
        -> TemplateManager
    {
        var sources = DefaultTemplates.sources
        if let folder {
            let overrides = try TemplateFolder.read(folder)
            for (name, text) in overrides { sources[name] = text }
            printer?.print(TemplateFolder.unused(overrides, among: sources, in: folder))
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
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        else {
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

    /// Files of the folder that change nothing: named like no default template and included or
    /// extended by no template (a misspelt `pages/idnex.html` would otherwise be ignored silently).
    static func unused(_ overrides: [String: String], among sources: [String: String], in folder: String)
        -> [Diagnostic]
    {
        overrides.keys.sorted().compactMap { name in
            guard DefaultTemplates.sources[name] == nil else { return nil }
            let used = sources.contains { other, text in
                other != name && (text.contains("\"\(name)\"") || text.contains("'\(name)'"))
            }
            guard !used else { return nil }
            return Diagnostic(
                .warning, file: folder + "/" + name,
                message:
                    "--templates: no default template is named \"\(name)\" and no template includes it, so it changes nothing"
            )
        }
    }
}
