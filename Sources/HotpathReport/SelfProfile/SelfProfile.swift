import Foundation
import HotpathAnalysis
import HotpathIngest
import HotpathModel
import HotpathOptimizer
import HotpathProfiler
import HotpathRender
import HotpathSite

/// Hotpath profiling its own pipeline, and tuning itself from what it saw.
public enum SelfProfile {
    public static let workflow = "hotpath"
    public static let runID = "hotpath-self-profile"
    /// The names the pipeline's cache and executor carry in a self profile.
    public static let templateCacheName = "templates"
    public static let executorName = "site"

    public static func makeProfiler() -> Profiler {
        Profiler(workflow: workflow, runID: runID, options: .init(memorySamplingInterval: .milliseconds(5)))
    }

    /// The profiler's dump, with the template manager's statistics as a cache.
    public static func profile(_ profiler: Profiler, built: RenderedSite, settings: PipelineSettings) -> Profile {
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

    /// Writes the self profile atomically; a file that cannot be written is an output failure.
    public static func write(_ profile: Profile, to path: String) throws {
        do {
            try AtomicFile.write(Array(try Profiler.encode(profile)), to: path)
        } catch {
            throw ReportFailure(.output, file: path, message: "cannot write the self profile: \(error)")
        }
    }

    /// The self profile as a run of the demo site: analyzed and optimized the one way runs are.
    public static func record(_ profile: Profile, source: String) -> RunRecord {
        let dump = IngestedDump(path: source, format: .native, profile: profile)
        return AnalyzedRun(dump: dump, configuration: Configuration()).record(
            comparedWith: nil, configuration: Configuration(), operationPages: false)
    }

    /// Settings from a self profile: the recommendations for the template cache and the site
    /// executor, applied. Returns notes saying what changed and why.
    @inline(never)  // not inlined into async callers: see `ReportPipeline.measured`
    public static func tuning(from path: String, base: PipelineSettings) throws -> (
        settings: PipelineSettings, notes: [String]
    ) {
        let dump: IngestedDump
        do {
            dump = try Ingestor().loadFile(path)
        } catch {
            throw ReportFailure(.input, [error.diagnostic])
        }
        // Tuning reads Hotpath's own cache and executor; any other dump has nothing to tune from.
        guard dump.profile.run.workflow == workflow else {
            throw ReportFailure(
                .usage, file: path,
                message:
                    "not a Hotpath self profile (workflow \"\(dump.profile.run.workflow)\"); write one with `hotpath report … --self-profile FILE`"
            )
        }
        let report = AnalyzedRun(dump: dump, configuration: Configuration()).report(
            comparedWith: nil, configuration: Configuration())
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
