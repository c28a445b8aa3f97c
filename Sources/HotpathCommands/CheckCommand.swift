import ArgumentParser
import Foundation
import HotpathModel
import HotpathRender
import HotpathReport
import HotpathSite

/// `hotpath check`: the CI gate. Compares a run with its baseline, enforces budgets, writes the
/// PR Markdown, and says with its exit code what it found.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Gate CI on a run: exit non-zero on a significant regression or an exceeded budget.",
        discussion: """
            Compares INPUT (a dump, or the newest run of a folder of dumps) with --baseline FILE \
            (or, for a folder, with the run --baseline-run ID names, else its previous comparable \
            run), checks the budgets of --budgets (or \
            ./hotpath.toml), and writes the pull-request Markdown to standard output or to \
            --markdown FILE.

            Exit codes: 0 fine · 1 a significant regression · 2 a budget exceeded (and no \
            regression) · 3 an input error · 64 bad options. A regression counts when its estimated \
            change (Hodges–Lehmann shift; Welch for benchmarks known only by their reported \
            statistics) is at least the relative threshold (5%) and it is significant with false \
            discoveries controlled across every operation compared (Benjamini–Hochberg at \
            false_discovery_rate, 0.05): hundreds of unchanged operations do not fail the gate \
            every night. Operations too noisy to tell are "inconclusive", with the samples they \
            need (see Docs/analysis.md). A baseline from another environment is not compared, \
            and a warning says so.

            Examples:
              hotpath check run.json --baseline main.json > comment.md
              hotpath check run.json --baseline main.json --budgets hotpath.toml \\
                --markdown "$GITHUB_STEP_SUMMARY" --append
            """)

    @Argument(help: ArgumentHelp("The dump to check, or a folder whose newest run is checked.", valueName: "input"))
    var input: String

    @Option(name: .long, help: ArgumentHelp("The dump to compare against (e.g. the base branch's).", valueName: "file"))
    var baseline: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "With a folder: the run (its run id or file name) to compare the newest against.", valueName: "id"))
    var baselineRun: String?

    @Option(
        name: .long,
        help: ArgumentHelp("A configuration file with budgets (default: ./hotpath.toml).", valueName: "file"))
    var budgets: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Write the Markdown to this file instead of standard output.", valueName: "file"))
    var markdown: String?

    @Flag(name: .long, help: "Append to the --markdown file instead of replacing it (for $GITHUB_STEP_SUMMARY).")
    var append = false

    @Option(
        name: .long, help: ArgumentHelp("The published site's address, for links in the Markdown.", valueName: "url"))
    var siteURL: String?

    @Option(name: .long, help: ArgumentHelp("A folder of templates overriding the defaults by name.", valueName: "dir"))
    var templates: String?

    @OptionGroup var inputOptions: InputOptions

    @OptionGroup var measureOption: MeasureOption

    func validate() throws {
        if baseline != nil && baselineRun != nil {
            throw ValidationError("give --baseline FILE or --baseline-run ID, not both")
        }
    }

    func run() async throws {
        let console = DiagnosticPrinter()
        var pipeline = ReportPipeline(
            configuration: measureOption.applied(to: try ConfigurationOption.load(budgets)), console: console)
        let loaded = try pipeline.ingest(
            [input], options: measureOption.applied(to: inputOptions.ingestOptions), store: nil)
        var runs = loaded.runs
        if let baseline {
            pipeline.baseline = try pipeline.pinnedBaseline(
                baseline, options: measureOption.applied(to: inputOptions.ingestOptions))
            runs = runs.suffix(1)
        } else if let baselineRun {
            pipeline.baseline = .namedRun(baselineRun)
        } else if runs.count < 2 {
            console.print([
                Diagnostic(
                    .warning, message: "no baseline: pass --baseline FILE to compare against; only budgets are checked")
            ])
        }
        // Only the newest run is checked: one record, no other pages.
        var builder = HistoryBuilder(configuration: pipeline.configuration, baseline: pipeline.baseline)
        builder.runPages = 1
        builder.operationPages = 0
        builder.changePointPages = false
        let site = SiteRequest(out: "", templates: templates, title: "Hotpath check", siteURL: siteURL)
        let content = try pipeline.assembleHistory(runs, site: site, builder: builder)
        guard let record = content.runs.last else { return }
        try write(
            try pipeline.markdown(
                SiteContent(title: site.title, runs: [record], siteURL: siteURL), templates: templates))
        try verdict(of: record, console: console, unreadable: !loaded.errors.isEmpty)
    }

    /// The Markdown, to standard output or to `--markdown FILE` (appended with `--append`).
    @inline(never)  // not inlined into async callers: see `ReportPipeline.measured`
    private func write(_ text: String) throws {
        guard let markdown else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        do {
            if append {
                try AtomicFile.append(Array(text.utf8), to: markdown)
            } else {
                try AtomicFile.write(Array(text.utf8), to: markdown)
            }
        } catch {
            throw ReportFailure(.output, file: error.path, message: error.message)
        }
    }

    /// Says what the check found and throws its exit code: 3 when an input could not be read,
    /// else 1 for a regression, 2 for a budget exceeded, nothing when the run is fine.
    private func verdict(of record: RunRecord, console: DiagnosticPrinter, unreadable: Bool) throws {
        if let comparison = record.report.comparison, !comparison.comparable {
            console.print([
                Diagnostic(
                    .warning,
                    message:
                        "not compared: the baseline \(comparison.baseline.runID) ran in another environment (OS, CPU, cores, toolchain or build configuration differ), so no regression can be detected; only budgets are checked"
                )
            ])
        }
        console.print(BudgetDiagnostics.unchecked(record.report.budgets, in: record.report))
        let regressions = record.report.comparison?.regressions ?? []
        let exceeded = record.report.budgets.filter(\.exceeded)
        // The Markdown has them all; the console names the first few.
        let shownOnConsole = 20
        if regressions.count > shownOnConsole {
            console.note(
                "\(regressions.count) regressions; the first \(shownOnConsole) by size (all are in the Markdown):")
        }
        let size = { (item: OperationComparison) in item.interval?.estimate ?? item.meanChange ?? 0 }
        for item in regressions.sorted(by: { size($0) > size($1) }).prefix(shownOnConsole) {
            let change =
                item.interval.map { UnitFormat.change($0) } ?? item.meanChange.map { "mean " + UnitFormat.change($0) }
                ?? "?"
            console.note(
                "regression: \(item.name) \(change)"
                    + (item.test.map { ", \(UnitFormat.pValue($0.pValue, adjusted: item.adjustedPValue))" } ?? ""))
        }
        for check in exceeded {
            console.note(
                "budget exceeded: \(check.subject) \(check.measure) \(UnitFormat.measure(check.actual ?? 0, check.unit)) > \(UnitFormat.measure(check.limit, check.unit))"
            )
        }
        if unreadable { throw HotpathExit.inputError }
        if !regressions.isEmpty { throw HotpathExit.regression }
        if !exceeded.isEmpty { throw HotpathExit.budgetExceeded }
    }
}
