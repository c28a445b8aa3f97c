import Foundation
import HotpathAnalysis
import HotpathIngest
import HotpathModel
import HotpathProfiler
import HotpathRender
import HotpathSite
import HotpathTemplates

/// Analyze → render → validate → write, for `report` and `demo` alike.
///
/// Pages are rendered and validated by a staged executor (at most `jobs` at a time); with an
/// enabled profiler, every step is measured, so `--self-profile` can show where Hotpath's own
/// time goes.
struct SiteBuild {
    var out: String
    var templates: String?
    var title: String
    var siteURL: String?
    var markdown: String?
    var force: Bool
    /// `--baseline-run ID`: the run every other one is compared with.
    var baselineRunID: String?
    var configuration = Configuration()
    var settings = PipelineSettings()
    var profiler = Profiler.disabled

    /// What the render and validate stages produced, before anything is written.
    struct Built {
        var files: [SiteFile]
        var markdown: String
        var templateStatistics: TemplateManagerStatistics
        var executorStatistics: ParallelExecutionStats
    }

    func run(
        runs: [HistoryRun], pinned: AnalyzedRun?, problems: [Diagnostic], printer: DiagnosticPrinter, started: Date
    ) async throws -> Built {
        let content = try assemble(runs: runs, pinned: pinned, problems: problems, printer: printer)
        let built = try await build(content, printer: printer)
        try write(built, runCount: runs.count, printer: printer, started: started)
        return built
    }

    /// What the site shows: the newest runs compared and optimized, and the history.
    @inline(never)  // not inlined into async callers: see `SiteBuild.measured`
    func assemble(runs: [HistoryRun], pinned: AnalyzedRun?, problems: [Diagnostic], printer: DiagnosticPrinter) throws
        -> SiteContent
    {
        let (runs, renamed) = HistoryRun.distinctRunIDs(runs)
        for rename in renamed {
            printer.print([
                Diagnostic(
                    .warning, file: rename.source,
                    message: "run id \"\(rename.from)\" is also an earlier run's; shown as \"\(rename.to)\"")
            ])
        }
        var assembly = HistoryAssembly(configuration: configuration)
        assembly.baselineRunID = baselineRunID
        let (records, history) = try measured("analyze runs") { try assembly.assemble(runs, pinnedBaseline: pinned) }
        for record in records.suffix(1) {
            printer.print(BudgetDiagnostics.exceeded(record.report.budgets))
            printer.print(BudgetDiagnostics.unchecked(record.report.budgets, in: record.report))
        }
        return SiteContent(title: title, runs: records, siteURL: siteURL, inputProblems: problems, history: history)
    }

    /// Writes the built site atomically, and the Markdown when asked.
    @inline(never)  // not inlined into async callers: see `SiteBuild.measured`
    func write(_ built: Built, runCount: Int, printer: DiagnosticPrinter, started: Date) throws {
        let written = profiler.measure("write site") { () -> Result<SiteWriter.Summary, SiteError> in
            do throws(SiteError) {
                let summary = try SiteWriter(destination: out, force: force).write(built.files)
                if let markdown { try AtomicFile.write(Array(built.markdown.utf8), to: markdown) }
                return .success(summary)
            } catch {
                return .failure(error)
            }
        }
        switch written {
        case .success(let summary):
            let elapsed = Date().timeIntervalSince(started)
            printer.note(
                "Wrote \(summary.filesWritten) files (\(UnitFormat.bytes(Double(summary.bytesWritten)))) to \(out) from \(runCount) run(s) in \(UnitFormat.duration(elapsed * 1e9)); every page validated."
            )
        case .failure(let error):
            printer.print([Diagnostic(.error, file: error.path, message: error.message)])
            throw HotpathExit.outputError
        }
    }

    /// Renders and validates every file of the site; a validation problem stops the build.
    func build(_ content: SiteContent, printer: DiagnosticPrinter) async throws -> Built {
        let manager = try Pipeline.templates(
            overrides: templates, capacity: settings.templateCacheCapacity, printer: printer)
        if settings.preloadTemplates {
            do {
                try measured("preload templates") { try manager.preload() }
            } catch {
                printer.print([Diagnostic(.error, message: "\(error)")])
                throw HotpathExit.buildFailure(error)
            }
        }
        let renderer = SiteRenderer(templates: manager)
        let executor = StagedParallelExecutor(
            name: "site", concurrencyLimit: settings.jobs, profiler: profiler.isEnabled ? profiler : nil)
        let profiler = self.profiler
        let rendered: [RenderedFile]
        let markdown: String
        do {
            let jobs = profiler.measure("plan pages") { renderer.jobs(for: content) }
            rendered = try await executor.run(stage: "render", jobs) { job in
                try Self.measured(profiler, "render \(job.template)") { try renderer.render(job) }
            }
            markdown = try measured("render report.md") { try renderer.markdown(for: content) }
        } catch {
            printer.print([Diagnostic(.error, message: "rendering failed: \(error)")])
            throw HotpathExit.buildFailure(error)
        }
        let files = rendered + [RenderedFile(path: "report.md", text: markdown)]
        let checks = try await executor.run(stage: "validate", files) { file in
            profiler.measure("validate \(file.path.hasSuffix(".xml") ? "feed" : "page")") { SiteValidation.check(file) }
        }
        let problems = profiler.measure("check links") { SiteValidation.checkSite(files, checks: checks) }
        guard problems.isEmpty else {
            printer.print(problems)
            printer.print([
                Diagnostic(.error, message: "\(problems.count) validation problem(s); the site was not written")
            ])
            throw HotpathExit.outputError
        }
        profiler.recordParallelExecution(executor.statistics)
        return Built(
            files: files.map { SiteFile(path: $0.path, text: $0.text) }, markdown: markdown,
            templateStatistics: manager.statistics, executorStatistics: executor.statistics)
    }

    /// Measures a throwing step. The profiler's generic `measure` with a throwing body, inlined
    /// into an async function, crashes the Swift 6.3.1 release optimizer (coroutine splitting);
    /// going through a `Result` in a function that is never inlined avoids it.
    @inline(never)
    private func measured<T>(_ name: String, _ body: () throws -> T) throws -> T {
        try Self.measured(profiler, name, body)
    }

    @inline(never)
    private static func measured<T>(_ profiler: Profiler, _ name: String, _ body: () throws -> T) throws -> T {
        let result: Result<T, any Error> = profiler.measure(name) { Result { try body() } }
        return try result.get()
    }
}

/// How the pipeline runs: workers and the template cache. Defaults suit most machines;
/// `--tune-from` sets them from a self profile's recommendations.
struct PipelineSettings: Sendable, Equatable {
    /// Pages rendered and validated at once.
    var jobs = ProcessInfo.processInfo.activeProcessorCount
    /// Compiled templates kept; nil keeps them all.
    var templateCacheCapacity: Int?
    /// Compile every template before rendering.
    var preloadTemplates = false
}
