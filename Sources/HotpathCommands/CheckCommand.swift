import ArgumentParser
import Foundation
import HotpathAnalysis
import HotpathIngest
import HotpathModel
import HotpathRender
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

    func validate() throws {
        if baseline != nil && baselineRun != nil {
            throw ValidationError("give --baseline FILE or --baseline-run ID, not both")
        }
    }

    func run() async throws {
        let configuration = try ConfigurationOption.load(budgets)
        let printer = DiagnosticPrinter()
        let ingestor = Ingestor(options: inputOptions.ingestOptions)
        let loaded = HistoryLoader(ingestor: ingestor, configuration: configuration, cache: nil).load([input])
        printer.print(loaded.notes + loaded.errors.map(\.diagnostic))
        var pinned: AnalyzedRun?
        if let baseline {
            do {
                pinned = AnalyzedRun(dump: try ingestor.loadFile(baseline), configuration: configuration)
            } catch {
                printer.print([error.diagnostic])
                throw HotpathExit.inputError
            }
        }
        guard let newest = loaded.runs.last else {
            printer.print([Diagnostic(.error, message: "no dump could be read")])
            throw HotpathExit.inputError
        }
        var assembly = HistoryAssembly(configuration: configuration)
        if let baselineRun {
            try HistoryAssembly.requireRun(baselineRun, in: loaded.runs, printer: printer)
            assembly.baselineRunID = baselineRun
        } else if pinned == nil && loaded.runs.count < 2 {
            printer.print([
                Diagnostic(
                    .warning, message: "no baseline: pass --baseline FILE to compare against; only budgets are checked")
            ])
        }
        assembly.runPages = 1
        assembly.operationPages = 0
        assembly.changePointPages = false
        let (records, _) = try assembly.assemble(pinned == nil ? loaded.runs : [newest], pinnedBaseline: pinned)
        let record = records[records.count - 1]
        let content = SiteContent(title: "Hotpath check", runs: [record], siteURL: siteURL)
        let text = try SiteRenderer(templates: try Pipeline.templates(overrides: templates)).markdown(for: content)
        if let markdown {
            do {
                if append {
                    try AtomicFile.append(Array(text.utf8), to: markdown)
                } else {
                    try AtomicFile.write(Array(text.utf8), to: markdown)
                }
            } catch {
                printer.print([Diagnostic(.error, file: error.path, message: error.message)])
                throw HotpathExit.outputError
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        if let comparison = record.report.comparison, !comparison.comparable {
            printer.print([
                Diagnostic(
                    .warning,
                    message:
                        "not compared: the baseline \(comparison.baseline.runID) ran in another environment (OS, CPU, cores, toolchain or build configuration differ), so no regression can be detected; only budgets are checked"
                )
            ])
        }
        printer.print(BudgetDiagnostics.unchecked(record.report.budgets, in: record.report))
        let regressions = record.report.comparison?.regressions ?? []
        let exceeded = record.report.budgets.filter(\.exceeded)
        // The Markdown has them all; the console names the first few.
        let shownOnConsole = 20
        if regressions.count > shownOnConsole {
            printToStandardError(
                "\(regressions.count) regressions; the first \(shownOnConsole) by size (all are in the Markdown):")
        }
        let size = { (item: OperationComparison) in item.interval?.estimate ?? item.meanChange ?? 0 }
        for item in regressions.sorted(by: { size($0) > size($1) }).prefix(shownOnConsole) {
            let change =
                item.interval.map { UnitFormat.change($0) } ?? item.meanChange.map { "mean " + UnitFormat.change($0) }
                ?? "?"
            printToStandardError(
                "regression: \(item.name) \(change)"
                    + (item.test.map { ", \(UnitFormat.pValue($0.pValue, adjusted: item.adjustedPValue))" } ?? ""))
        }
        for check in exceeded {
            printToStandardError(
                "budget exceeded: \(check.subject) \(check.measure) \(UnitFormat.measure(check.actual ?? 0, check.unit)) > \(UnitFormat.measure(check.limit, check.unit))"
            )
        }
        if !loaded.errors.isEmpty { throw HotpathExit.inputError }
        if !regressions.isEmpty { throw HotpathExit.regression }
        if !exceeded.isEmpty { throw HotpathExit.budgetExceeded }
    }
}
