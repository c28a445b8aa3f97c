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

    /// Orders runs by their start time (file order where a run has none) and analyzes each
    /// against its baseline: the pinned one when given, else the previous comparable run.
    static func analyzeHistory(
        _ dumps: [IngestedDump], pinnedBaseline: IngestedDump?, configuration: Configuration
    ) -> [RunRecord] {
        let ordered = RunOrdering.ordered(dumps)
        var records: [RunRecord] = []
        for (index, dump) in ordered.enumerated() {
            let baseline: IngestedDump? =
                pinnedBaseline ?? ordered[..<index].last { previous in
                    guard let a = previous.profile.run.environment, let b = dump.profile.run.environment else { return true }
                    return a.isComparable(with: b)
                }
            let report = analyze(dump, baseline: baseline, configuration: configuration)
            let baselineTree = baseline.map { Analyzer(options: configuration.analysis).analyze($0.profile).callTree } ?? nil
            records.append(
                RunRecord(
                    report: report, samples: Analyzer.samplesByOperation(dump.profile), baselineTree: baselineTree,
                    memorySamples: dump.profile.memory.samples, caches: dump.profile.caches,
                    operationPages: index >= ordered.count - operationPageRuns))
        }
        return records
    }

    /// How many of the newest runs get a page per operation.
    static let operationPageRuns = 3

    /// The template manager over the embedded defaults, with `overrides` (a folder) on top.
    static func templates(overrides folder: String?) throws -> TemplateManager {
        var sources = DefaultTemplates.sources
        if let folder {
            for (name, text) in try TemplateFolder.read(folder) { sources[name] = text }
        }
        return TemplateManager(sources: sources)
    }

    /// Renders, validates and returns the files of a site; validation problems are errors.
    static func buildSite(
        _ content: SiteContent, templates: TemplateManager
    ) throws -> (files: [SiteFile], problems: [Diagnostic], markdown: String) {
        let renderer = SiteRenderer(templates: templates)
        let rendered = try renderer.jobs(for: content).map(renderer.render)
        let markdown = try renderer.markdown(for: content)
        let problems = SiteValidation.validate(rendered + [RenderedFile(path: "report.md", text: markdown)])
        let files = rendered.map { SiteFile(path: $0.path, text: $0.text) } + [SiteFile(path: "report.md", text: markdown)]
        return (files, problems, markdown)
    }
}

/// Runs in the order they happened.
enum RunOrdering {
    /// By start time from metadata; runs without one keep their input order after those with one
    /// that precede them in the input (a stable sort on the parsed time).
    static func ordered(_ dumps: [IngestedDump]) -> [IngestedDump] {
        let keyed = dumps.enumerated().map { (index: $0.offset, dump: $0.element, time: startTime($0.element.profile)) }
        return keyed.sorted { a, b in
            switch (a.time, b.time) {
            case (let x?, let y?) where x != y: return x < y
            default: return a.index < b.index
            }
        }.map(\.dump)
    }

    static func startTime(_ profile: Profile) -> Date? {
        guard let text = profile.run.startTime else { return nil }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
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
