import ArgumentParser
import Foundation
import HotpathAnalysis
import HotpathIngest
import HotpathModel
import HotpathOptimizer
import HotpathProfiler
import HotpathSite

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
    @inline(never)  // not inlined into async callers: see `SiteBuild.measured`
    func settings(printer: DiagnosticPrinter) throws -> PipelineSettings {
        var settings = PipelineSettings()
        if let tuneFrom {
            let tuned = try SelfProfile.tuning(from: tuneFrom, base: settings)
            settings = tuned.settings
            for note in tuned.notes { printer.note(note) }
        }
        if let jobs { settings.jobs = jobs }
        if let templateCache { settings.templateCacheCapacity = templateCache }
        return settings
    }

    var profiler: Profiler {
        selfProfile == nil ? .disabled : SelfProfile.makeProfiler()
    }
}

/// Hotpath profiling its own pipeline, and tuning itself from what it saw.
enum SelfProfile {
    static let workflow = "hotpath"
    static let runID = "hotpath-self-profile"
    /// The names the pipeline's cache and executor carry in a self profile.
    static let templateCacheName = "templates"
    static let executorName = "site"

    static func makeProfiler() -> Profiler {
        Profiler(workflow: workflow, runID: runID, options: .init(memorySamplingInterval: .milliseconds(5)))
    }

    /// The profiler's dump, with the template manager's statistics as a cache.
    static func profile(_ profiler: Profiler, built: SiteBuild.Built, settings: PipelineSettings) -> Profile {
        var profile = profiler.snapshot()
        let statistics = built.templateStatistics
        profile.caches.removeAll { $0.name == templateCacheName }
        profile.caches.append(
            TemplateCacheStats(
                name: templateCacheName, hits: statistics.hits, misses: statistics.misses,
                evictions: statistics.evictions,
                size: statistics.cachedCount, capacity: statistics.capacity,
                missCostNs: Double(statistics.compileTimeNanoseconds)))
        profile.run.labels["jobs"] = "\(settings.jobs)"
        profile.run.labels["template_cache"] = settings.templateCacheCapacity.map { "\($0)" } ?? "all"
        return profile
    }

    static func write(_ profile: Profile, to path: String) throws {
        try AtomicFile.write(Array(try Profiler.encode(profile)), to: path)
    }

    /// Settings from a self profile: the recommendations for the template cache and the site
    /// executor, applied. Returns notes saying what changed and why.
    @inline(never)  // not inlined into async callers: see `SiteBuild.measured`
    static func tuning(from path: String, base: PipelineSettings) throws -> (
        settings: PipelineSettings, notes: [String]
    ) {
        let dump: IngestedDump
        do {
            dump = try Ingestor().loadFile(path)
        } catch {
            printToStandardError(error.description)
            throw HotpathExit.inputError
        }
        // Tuning reads Hotpath's own cache and executor; any other dump has nothing to tune from.
        guard dump.profile.run.workflow == workflow else {
            printToStandardError(
                "\(path): error: not a Hotpath self profile (workflow \"\(dump.profile.run.workflow)\"); write one with `hotpath report … --self-profile FILE`"
            )
            throw HotpathExit.usage
        }
        let report = Optimizer().optimize(Analyzer().analyze(dump.profile))
        var settings = base
        var notes: [String] = []
        for recommendation in report.recommendations {
            switch recommendation.id {
            case "cache:\(templateCacheName)":
                if let capacity = recommendation.settings["capacity"] {
                    settings.templateCacheCapacity = Int(capacity)
                    notes.append("tuned: template cache capacity \(Int(capacity)) (\(recommendation.observation))")
                }
                if recommendation.settings["preload"] != nil {
                    settings.preloadTemplates = true
                    notes.append("tuned: templates preloaded (\(recommendation.observation))")
                }
            case "parallel:\(executorName)":
                if let limit = recommendation.settings["concurrency_limit"] {
                    settings.jobs = Int(limit)
                    notes.append("tuned: \(Int(limit)) pages at once (\(recommendation.observation))")
                }
            default:
                break
            }
        }
        if notes.isEmpty {
            notes.append("tuned: the self profile at \(path) recommends no change to the cache or the workers")
        }
        return (settings, notes)
    }
}
