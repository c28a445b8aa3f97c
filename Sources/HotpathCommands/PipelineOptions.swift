import ArgumentParser
import HotpathProfiler
import HotpathReport

/// Options for profiling Hotpath itself and tuning its pipeline.
struct PipelineOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Write a native dump of Hotpath's own run (ingest, analysis, rendering per page, validation, writing, template cache and executor statistics).",
            valueName: "file"))
    var selfProfile: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Apply the template-cache and concurrency recommendations of an earlier self profile to this run.",
            valueName: "file"))
    var tuneFrom: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Pages rendered and validated at once (default: the core count).", valueName: "n"))
    var jobs: Int?

    @Option(name: .long, help: ArgumentHelp("Compiled templates kept in memory (default: all).", valueName: "n"))
    var templateCache: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let templateCache, templateCache < 1 { throw ValidationError("--template-cache must be at least 1") }
    }

    /// The settings for this run: tuned from `--tune-from` when given, then the explicit options.
    @inline(never)  // not inlined into async callers: see `ReportPipeline.measured`
    func settings(console: DiagnosticPrinter) throws -> PipelineSettings {
        var settings = PipelineSettings()
        if let tuneFrom {
            let tuned = try SelfProfile.tuning(from: tuneFrom, base: settings)
            settings = tuned.settings
            for note in tuned.notes { console.note(note) }
        }
        if let jobs { settings.jobs = jobs }
        if let templateCache { settings.templateCacheCapacity = templateCache }
        return settings
    }

    var profiler: Profiler {
        selfProfile == nil ? .disabled : SelfProfile.makeProfiler()
    }
}
