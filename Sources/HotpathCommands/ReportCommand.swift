import ArgumentParser
import Foundation
import HotpathAnalysis
import HotpathIngest
import HotpathModel
import HotpathProfiler
import HotpathRender
import HotpathSite
import HotpathTemplates

/// `hotpath report`: the whole pipeline, from dumps to a validated site and PR Markdown.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Analyze dumps and write a validated static site plus a Markdown summary.",
        discussion: """
            INPUT is a dump or a folder of dumps, in any supported format (detected by content). \
            With several runs, they are ordered by start time; each is compared with the previous \
            comparable run (one that measured some of the same operations in a matching \
            environment), or with --baseline FILE, or with the run --baseline-run ID names; the \
            index leads with the newest.

            Writes DIR/index.html, a page per run, per operation and a flame graph, DIR/style.css, \
            and DIR/report.md (GitHub-flavored Markdown for pull requests; also at --markdown FILE). \
            Every page is validated with libxml2 and every link checked before anything is \
            written; the site is swapped into place atomically, so a failed run leaves the \
            previous site intact.

            Examples:
              hotpath report nightly/ --out site
              hotpath report run.json --baseline main.json --markdown pr-comment.md
              hotpath report nightly/ --baseline-run nightly-2026-11-01
            """)

    @Argument(help: ArgumentHelp("Dumps or folders of dumps.", valueName: "input"))
    var inputs: [String]

    @Option(name: .shortAndLong, help: ArgumentHelp("The folder to write the site to.", valueName: "dir"))
    var out: String = "Output"

    @Option(
        name: .long,
        help: ArgumentHelp("A dump to compare every run against instead of the previous run.", valueName: "file"))
    var baseline: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A run of the inputs (its run id or file name) to compare every other run against.", valueName: "id"))
    var baselineRun: String?

    @Option(name: .long, help: ArgumentHelp("Also write the Markdown summary to this file.", valueName: "file"))
    var markdown: String?

    @Option(name: .long, help: ArgumentHelp("A folder of templates overriding the defaults by name.", valueName: "dir"))
    var templates: String?

    @Option(
        name: .long, help: ArgumentHelp("The site's published address, for links in the Markdown.", valueName: "url"))
    var siteURL: String?

    @Option(name: .long, help: ArgumentHelp("The site's title.", valueName: "text"))
    var title: String = "Hotpath report"

    @Flag(name: .long, help: "Write into a folder that holds files Hotpath did not write (they are kept).")
    var force = false

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Where to keep analyzed runs between reports, so a history is not read again.", valueName: "dir"))
    var cache: String = ".hotpath-cache"

    @Flag(name: .long, help: "Do not read or write the history cache.")
    var noCache = false

    @OptionGroup var inputOptions: InputOptions

    @OptionGroup var configurationOption: ConfigurationOption

    @OptionGroup(title: "Hotpath's own pipeline") var pipelineOptions: PipelineOptions

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give at least one dump or folder of dumps") }
        if baseline != nil && baselineRun != nil {
            throw ValidationError("give --baseline FILE or --baseline-run ID, not both")
        }
    }

    func run() async throws {
        let printer = DiagnosticPrinter(quiet: quiet)
        let configuration = try configurationOption.load()
        let started = Date()
        let settings = try pipelineOptions.settings(printer: printer)
        let profiler = pipelineOptions.profiler
        if profiler.isEnabled { profiler.startMemorySampling(every: .milliseconds(5)) }
        let (loaded, pinned) = try load(configuration: configuration, profiler: profiler, printer: printer)
        let build = SiteBuild(
            out: out, templates: templates, title: title, siteURL: siteURL, markdown: markdown, force: force,
            baselineRunID: baselineRun, configuration: configuration, settings: settings, profiler: profiler)
        let built = try await build.run(
            runs: loaded.runs, pinned: pinned, problems: loaded.errors.map(\.diagnostic), printer: printer,
            started: started)
        if let path = pipelineOptions.selfProfile {
            profiler.stopMemorySampling()
            try writeSelfProfile(profiler, built: built, settings: settings, to: path, printer: printer)
        }
        if !loaded.errors.isEmpty {
            printer.note(
                "\(loaded.errors.count) input(s) could not be read; the report covers the other \(loaded.runs.count).")
            throw HotpathExit.inputError
        }
    }

    /// Reads the inputs (through the cache) and the pinned baseline. Kept out of the async
    /// `run`: typed throws inside an async function crash the Swift 6.3.1 release optimizer.
    @inline(never)
    private func load(
        configuration: Configuration, profiler: Profiler, printer: DiagnosticPrinter
    ) throws -> (HistoryLoader.Loaded, AnalyzedRun?) {
        let ingestor = Ingestor(options: inputOptions.ingestOptions)
        var loader = HistoryLoader(
            ingestor: ingestor, configuration: configuration,
            cache: noCache
                ? nil
                : HistoryCache(root: cache, configuration: configuration, ingestOptions: inputOptions.ingestOptions))
        loader.profiler = profiler
        let loaded = loader.load(inputs)
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
        guard !loaded.runs.isEmpty else {
            printer.print([Diagnostic(.error, message: "no dump could be read; nothing written")])
            throw HotpathExit.inputError
        }
        if let baselineRun { try HistoryAssembly.requireRun(baselineRun, in: loaded.runs, printer: printer) }
        if loaded.runs.count > 1 {
            printer.note(
                "Read \(loaded.runs.count) run(s): \(loaded.analyzed) analyzed, \(loaded.runs.count - loaded.analyzed) from the cache."
            )
        }
        return (loaded, pinned)
    }

    @inline(never)
    private func writeSelfProfile(
        _ profiler: Profiler, built: SiteBuild.Built, settings: PipelineSettings, to path: String,
        printer: DiagnosticPrinter
    ) throws {
        do {
            try SelfProfile.write(SelfProfile.profile(profiler, built: built, settings: settings), to: path)
            printer.note("Wrote Hotpath's own profile to \(path).")
        } catch {
            printer.print([Diagnostic(.error, file: path, message: "cannot write the self profile: \(error)")])
            throw HotpathExit.outputError
        }
    }
}
