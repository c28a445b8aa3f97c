// A fake code-generation workflow, instrumented with HotpathProfiler, that writes a native dump.
//
//     swift run ProfilerExample [DUMP] [--iterations N] [--cache-capacity N]
//
// DUMP defaults to `codegen.hotpath.json`. The template cache holds 6 of the 8 templates by
// default, so the LRU order thrashes and `hotpath report` flags it; `--cache-capacity 8` fixes
// it, for a before/after comparison. Read the dump with `hotpath` like any other.
import Foundation
import HotpathProfiler

var arguments = Array(CommandLine.arguments.dropFirst())

/// Removes `--name N` from the arguments and returns N, or `fallback` when absent.
@MainActor
func positiveOption(_ name: String, default fallback: Int) -> Int {
    guard let flag = arguments.firstIndex(of: name) else { return fallback }
    guard flag + 1 < arguments.count, let value = Int(arguments[flag + 1]), value > 0 else {
        FileHandle.standardError.write(Data("error: \(name) needs a positive number\n".utf8))
        exit(64)
    }
    arguments.removeSubrange(flag...(flag + 1))
    return value
}

let iterations = positiveOption("--iterations", default: 5)
let cacheCapacity = positiveOption("--cache-capacity", default: 6)
let dumpPath = arguments.first ?? "codegen.hotpath.json"

let profiler = Profiler(
    workflow: "codegen-example", options: .init(memorySamplingInterval: .milliseconds(10), labels: ["example": "true"]))
let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("hotpath-codegen-\(UUID().uuidString)")
defer { try? FileManager.default.removeItem(at: workspace) }

do {
    let workflow = try CodegenWorkflow(profiler: profiler, workspace: workspace, cacheCapacity: cacheCapacity)
    let written = try await profiler.measureWorkflow("codegen", iterations: iterations) { iteration in
        try await workflow.run(iteration: iteration)
    }
    profiler.stopMemorySampling()
    try profiler.write(to: dumpPath)
    let profile = profiler.snapshot()
    print(
        "wrote \(dumpPath): \(profile.spans.count) spans of \(profile.operations.count) operations over \(iterations) iterations"
    )
    print(
        "  \(written.reduce(0, +)) generated files, \(profile.io.count) I/O operations, \(profile.memory.samples.count) memory samples"
    )
    for cache in profile.caches {
        print("  cache \(cache.name): \(cache.hits) hits, \(cache.misses) misses, \(cache.evictions) evictions")
    }
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
