import Foundation
import HotpathAnalysis
import HotpathIngest
import HotpathModel
import HotpathRender
import HotpathSite

/// Analyze → render → validate → write, for `report` and `demo` alike.
struct SiteBuild {
    var out: String
    var templates: String?
    var title: String
    var siteURL: String?
    var markdown: String?
    var force: Bool
    var configuration = Configuration()

    func run(
        runs: [HistoryRun], pinned: AnalyzedRun?, problems: [Diagnostic], printer: DiagnosticPrinter, started: Date
    ) throws {
        let (runs, renamed) = HistoryRun.distinctRunIDs(runs)
        for rename in renamed {
            printer.print([
                Diagnostic(
                    .warning, file: rename.source,
                    message: "run id \"\(rename.from)\" is also an earlier run's; shown as \"\(rename.to)\"")
            ])
        }
        let (records, history) = try HistoryAssembly(configuration: configuration).assemble(runs, pinnedBaseline: pinned)
        for record in records.suffix(1) {
            for check in record.report.budgets where check.exceeded {
                printer.print([Diagnostic(.warning, message: "budget exceeded: \(check.subject) \(check.measure) is \(UnitFormat.measure(check.actual ?? 0, check.unit)), over its budget of \(UnitFormat.measure(check.limit, check.unit))")])
            }
        }
        let content = SiteContent(title: title, runs: records, siteURL: siteURL, inputProblems: problems, history: history)
        let manager = try Pipeline.templates(overrides: templates)
        let site: (files: [SiteFile], problems: [Diagnostic], markdown: String)
        do {
            site = try Pipeline.buildSite(content, templates: manager)
        } catch {
            printer.print([Diagnostic(.error, message: "rendering failed: \(error)")])
            throw HotpathExit.outputError
        }
        guard site.problems.isEmpty else {
            printer.print(site.problems)
            printer.print([Diagnostic(.error, message: "\(site.problems.count) validation problem(s); the site was not written")])
            throw HotpathExit.outputError
        }
        do {
            let summary = try SiteWriter(destination: out, force: force).write(site.files)
            if let markdown {
                try AtomicFile.write(Array(site.markdown.utf8), to: markdown)
            }
            let elapsed = Date().timeIntervalSince(started)
            printer.note(
                "Wrote \(summary.filesWritten) files (\(UnitFormat.bytes(Double(summary.bytesWritten)))) to \(out) from \(runs.count) run(s) in \(UnitFormat.duration(elapsed * 1e9)); every page validated.")
        } catch {
            printer.print([Diagnostic(.error, file: error.path, message: error.message)])
            throw HotpathExit.outputError
        }
    }
}
