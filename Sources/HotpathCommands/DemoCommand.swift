import ArgumentParser
import Foundation
import HotpathIngest
import HotpathModel
import HotpathProfiler
import HotpathReport

/// `hotpath demo`: the whole product on built-in data, no input needed.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build the full site from a built-in week of nightly runs.",
        discussion: """
            Generates seven nightly runs of a code-generation workflow (parse_contract, \
            render_template, compile_template, generate_code, validate_code, write_files) with raw \
            samples, spans, memory, I/O, cache and parallel data — the same every time — and \
            reports on them exactly as `hotpath report` would. The last night has a real \
            regression: a change made rendering slower and shrank the template cache.

            Examples:
              hotpath demo
              hotpath demo --out /tmp/hotpath-demo --dumps /tmp/hotpath-demo-dumps
            """)

    @Option(name: .shortAndLong, help: ArgumentHelp("The folder to write the site to.", valueName: "dir"))
    var out: String = "Output"

    @Option(
        name: .long,
        help: ArgumentHelp("Also write the demo's dumps, in the native format, to this folder.", valueName: "dir"))
    var dumps: String?

    @Option(name: .long, help: ArgumentHelp("A folder of templates overriding the defaults by name.", valueName: "dir"))
    var templates: String?

    @Flag(name: .long, help: "Write into a folder that holds files Hotpath did not write (they are kept).")
    var force = false

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Flag(
        name: .long,
        help:
            "Leave out the page on Hotpath's own run (its timings are the only part of the site that differs run to run)."
    )
    var noSelfProfile = false

    func run() async throws {
        let started = Date()
        let runs = DemoWorkflow().runs()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        if let dumps {
            try FileManager.default.createDirectory(atPath: dumps, withIntermediateDirectories: true)
            for run in runs {
                try encoder.encode(run).write(
                    to: URL(fileURLWithPath: dumps).appendingPathComponent("\(run.run.runID).json"))
            }
        }
        let ingested = runs.map { profile in
            IngestedDump(
                path: "demo/\(profile.run.runID).json", format: .native, profile: profile, diagnostics: [], byteCount: 0
            )
        }
        let console = DiagnosticPrinter(quiet: quiet)
        let profiler = noSelfProfile ? Profiler.disabled : SelfProfile.makeProfiler()
        var pipeline = ReportPipeline(profiler: profiler, console: console)
        let site = SiteRequest(out: out, templates: templates, title: "Hotpath demo: codegen-nightly", force: force)
        let history = HistoryLoader.inMemory(ingested, configuration: pipeline.configuration, profiler: profiler)
        var content = try pipeline.assembleHistory(history, site: site)
        var built = try await pipeline.build(content, templates: templates)
        if profiler.isEnabled {
            // Hotpath's own run, profiled while it built the pages, becomes a page of the site.
            let profile = SelfProfile.profile(profiler, built: built, settings: pipeline.settings)
            content.selfProfile = SelfProfile.record(profile, source: "hotpath demo (self profile)")
            pipeline.profiler = .disabled
            built = try await pipeline.build(content, templates: templates)
        }
        _ = try pipeline.write(built, to: site, runCount: history.count, started: started)
        if !quiet {
            printToStandardError(
                "Open \(URL(fileURLWithPath: out).appendingPathComponent("index.html").path) in a browser.")
        }
    }
}
