import ArgumentParser
import Foundation
import HotpathReport

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

            A benchmark suite and a profile of the same run are joined: a changed benchmark is \
            attributed with the profiles of its run and of its baseline's run, down to the frames \
            its time went to. Same run: the two files side by side in a run folder (it holds \
            exactly one benchmark result and one profile), else the same git commit in their \
            metadata (exactly one profile has it). See Docs/analysis.md.

            Writes DIR/index.html, a page per run, per operation and a flame graph, DIR/style.css, DIR/hotpath.js, \
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
            "Where to keep analyzed runs (and which pages were validated) between reports, so a history is not read again.",
            valueName: "dir"))
    var cache: String = ".hotpath-cache"

    @Flag(name: .long, help: "Do not read or write the history cache.")
    var noCache = false

    @OptionGroup var inputOptions: InputOptions

    @OptionGroup var measureOption: MeasureOption

    @OptionGroup var configurationOption: ConfigurationOption

    @OptionGroup(title: "Hotpath's own pipeline") var pipelineOptions: PipelineOptions

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give at least one dump or folder of dumps") }
        if baseline != nil && baselineRun != nil {
            throw ValidationError("give --baseline FILE or --baseline-run ID, not both")
        }
    }

    func run() async throws {
        let console = DiagnosticPrinter(quiet: quiet)
        let started = Date()
        var pipeline = ReportPipeline(
            configuration: measureOption.applied(to: try configurationOption.load()),
            settings: try pipelineOptions.settings(console: console),
            profiler: pipelineOptions.profiler, console: console)
        if let baseline {
            pipeline.baseline = try pipeline.pinnedBaseline(
                baseline, options: measureOption.applied(to: inputOptions.ingestOptions))
        } else if let baselineRun {
            pipeline.baseline = .namedRun(baselineRun)
        }
        var request = ReportPipeline.Request(
            inputs: inputs,
            site: SiteRequest(
                out: out, templates: templates, title: title, siteURL: siteURL, markdown: markdown, force: force))
        request.ingestOptions = measureOption.applied(to: inputOptions.ingestOptions)
        if !noCache {
            request.store = DiskRunStore(
                root: cache, configuration: pipeline.configuration,
                ingestOptions: measureOption.applied(to: inputOptions.ingestOptions))
            request.validatedPages = ValidatedPages(cache: cache, site: out)
        }
        if pipeline.profiler.isEnabled { pipeline.profiler.startMemorySampling(every: .milliseconds(5)) }
        let outcome = try await pipeline.run(request, started: started)
        if let path = pipelineOptions.selfProfile {
            pipeline.profiler.stopMemorySampling()
            try SelfProfile.write(
                SelfProfile.profile(pipeline.profiler, built: outcome.site, settings: pipeline.settings), to: path)
            console.note("Wrote Hotpath's own profile to \(path).")
        }
        if !outcome.unreadable.isEmpty {
            console.note(
                "\(outcome.unreadable.count) input(s) could not be read; the report covers the other \(outcome.runCount)."
            )
            throw HotpathExit.inputError
        }
    }
}
