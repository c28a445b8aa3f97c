// swift-tools-version:6.0
// Hotpath: profile dumps in, an analyzed, validated static site and PR Markdown out.
//
// The targets follow the pipeline: ingest → analyze → optimize → render → validate → write.
// Dependencies point one way, down the pipeline; the CLI sits on top and the executable is thin.
import PackageDescription

let package = Package(
    name: "Hotpath",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "hotpath", targets: ["hotpath"]),
        .library(name: "HotpathModel", targets: ["HotpathModel"]),
        .library(name: "HotpathIngest", targets: ["HotpathIngest"]),
        .library(name: "HotpathAnalysis", targets: ["HotpathAnalysis"]),
        .library(name: "HotpathOptimizer", targets: ["HotpathOptimizer"]),
        .library(name: "HotpathProfiler", targets: ["HotpathProfiler"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        // The shared vocabulary: the native dump format and the report values every stage passes on.
        .target(name: "HotpathModel"),
        // zlib from Debian's zlib1g-dev, for gzip-compressed dumps.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Reads dumps (native and other tools' formats) into the model.
        .target(name: "HotpathIngest", dependencies: ["HotpathModel", "CZlib"]),
        // Statistics, hot paths, comparisons: every number a page shows comes from here.
        .target(name: "HotpathAnalysis", dependencies: ["HotpathModel"]),
        // Turns an analysis into prioritized recommendations.
        .target(name: "HotpathOptimizer", dependencies: ["HotpathModel", "HotpathAnalysis"]),
        // Hotpath's own template engine; knows nothing about profiles.
        .target(name: "HotpathTemplates"),
        // Builds pages, charts and Markdown from the report through the templates.
        .target(name: "HotpathRender", dependencies: ["HotpathModel", "HotpathTemplates"]),
        // libxml2 from Debian's libxml2-dev.
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        // The only stage that touches libxml2: HTML validation and link checking.
        .target(name: "HotpathValidation", dependencies: ["CLibXML2"]),
        // The only stage that touches the disk on output: atomic site writes.
        .target(name: "HotpathSite", dependencies: ["HotpathModel", "CLinuxRename", "CSpawn"]),
        // renameat2(RENAME_EXCHANGE), for swapping a finished site into place atomically.
        .systemLibrary(name: "CLinuxRename"),
        // posix_spawn's close-from action, which glibc declares only under _GNU_SOURCE.
        .target(name: "CSpawn"),
        // The run lifecycle: the run store, baselines, the history, and the report pipeline's
        // named steps (ingest → analyze → assemble history → optimize → render → validate → write).
        .target(
            name: "HotpathReport",
            dependencies: [
                "HotpathModel", "HotpathIngest", "HotpathAnalysis", "HotpathOptimizer", "HotpathTemplates",
                "HotpathRender", "HotpathValidation", "HotpathSite", "HotpathProfiler",
            ]),
        // Instrumentation for Swift programs; writes native dumps.
        .target(name: "HotpathProfiler", dependencies: ["HotpathModel"]),
        // The commands, in a library so tests run them in-process: options in, a request to
        // HotpathReport, diagnostics and an exit code out.
        .target(
            name: "HotpathCommands",
            dependencies: [
                "HotpathReport", "HotpathModel", "HotpathIngest", "HotpathAnalysis", "HotpathRender", "HotpathSite",
                "HotpathTemplates", "HotpathProfiler",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(name: "hotpath", dependencies: ["HotpathCommands", "CMalloc"]),
        // glibc's mallopt, to keep freed memory for reuse (see Sources/hotpath/main.swift).
        .systemLibrary(name: "CMalloc"),
        // A small instrumented program: a fake code-generation workflow that writes a native dump.
        .executableTarget(name: "ProfilerExample", dependencies: ["HotpathProfiler"]),
        // Benchmarks of Hotpath's own machinery (`swift run -c release hotpath-bench`).
        .executableTarget(
            name: "hotpath-bench",
            dependencies: [
                "HotpathTemplates", "HotpathIngest", "HotpathAnalysis", "HotpathOptimizer", "HotpathModel",
                "HotpathProfiler",
                // The unit filters a real page uses, for the template benchmark.
                "HotpathRender",
                // The generated nightly history the tests use, for the history benchmark.
                "_HotpathTestSupport",
            ]),

        // Fuzzing (Docs/fuzzing.md). Each Fuzz* target is a libFuzzer fuzzer when built with
        // `swift build --sanitize fuzzer`, and replays files otherwise, so plain builds link them.
        // libFuzzer's driver, declared weak: present only in sanitizer builds.
        .systemLibrary(name: "CLibFuzzer"),
        .target(
            name: "HotpathFuzzSupport",
            dependencies: [
                "CLibFuzzer", "HotpathModel", "HotpathIngest", "HotpathAnalysis", "HotpathOptimizer",
                "HotpathTemplates",
                // Templates are fuzzed with the filters Hotpath renders with (UnitFilters).
                "HotpathRender",
            ]),
        .executableTarget(name: "FuzzNative", dependencies: ["HotpathFuzzSupport", "HotpathIngest"]),
        .executableTarget(name: "FuzzChromeTrace", dependencies: ["HotpathFuzzSupport", "HotpathIngest"]),
        .executableTarget(name: "FuzzSpeedscope", dependencies: ["HotpathFuzzSupport", "HotpathIngest"]),
        .executableTarget(name: "FuzzCollapsed", dependencies: ["HotpathFuzzSupport", "HotpathIngest"]),
        .executableTarget(name: "FuzzGoogleBenchmark", dependencies: ["HotpathFuzzSupport", "HotpathIngest"]),
        .executableTarget(name: "FuzzHyperfine", dependencies: ["HotpathFuzzSupport", "HotpathIngest"]),
        .executableTarget(name: "FuzzPytestBenchmark", dependencies: ["HotpathFuzzSupport", "HotpathIngest"]),
        .executableTarget(name: "FuzzPyperf", dependencies: ["HotpathFuzzSupport", "HotpathIngest"]),
        .executableTarget(name: "FuzzPerfScript", dependencies: ["HotpathFuzzSupport", "HotpathIngest"]),
        .executableTarget(name: "FuzzV8CPUProfile", dependencies: ["HotpathFuzzSupport", "HotpathIngest"]),
        .executableTarget(name: "FuzzPprof", dependencies: ["HotpathFuzzSupport", "HotpathIngest"]),
        .executableTarget(name: "FuzzJMH", dependencies: ["HotpathFuzzSupport", "HotpathIngest"]),
        .executableTarget(name: "FuzzBenchmarkDotNet", dependencies: ["HotpathFuzzSupport", "HotpathIngest"]),
        .executableTarget(name: "FuzzFirefoxProfile", dependencies: ["HotpathFuzzSupport", "HotpathIngest"]),
        .executableTarget(name: "FuzzCallgrind", dependencies: ["HotpathFuzzSupport", "HotpathIngest"]),
        .executableTarget(name: "FuzzMacOSSample", dependencies: ["HotpathFuzzSupport", "HotpathIngest"]),
        .executableTarget(name: "FuzzDTrace", dependencies: ["HotpathFuzzSupport", "HotpathIngest"]),
        .executableTarget(name: "FuzzIngest", dependencies: ["HotpathFuzzSupport"]),
        .executableTarget(name: "FuzzTemplates", dependencies: ["HotpathFuzzSupport"]),

        .target(name: "_HotpathTestSupport", dependencies: ["HotpathModel"], path: "Tests/_HotpathTestSupport"),
        .testTarget(name: "HotpathModelTests", dependencies: ["HotpathModel", "_HotpathTestSupport"]),
        .testTarget(
            name: "HotpathIngestTests", dependencies: ["HotpathIngest", "_HotpathTestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "HotpathAnalysisTests", dependencies: ["HotpathAnalysis", "_HotpathTestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(name: "HotpathOptimizerTests", dependencies: ["HotpathOptimizer", "_HotpathTestSupport"]),
        .testTarget(
            name: "HotpathTemplatesTests", dependencies: ["HotpathTemplates", "_HotpathTestSupport"],
            exclude: ["Goldens"]),
        .testTarget(
            name: "HotpathRenderTests",
            dependencies: ["HotpathRender", "HotpathAnalysis", "HotpathOptimizer", "_HotpathTestSupport"],
            exclude: ["Snapshots"]),
        .testTarget(name: "HotpathValidationTests", dependencies: ["HotpathValidation", "_HotpathTestSupport"]),
        .testTarget(name: "HotpathSiteTests", dependencies: ["HotpathSite", "_HotpathTestSupport"]),
        .testTarget(
            name: "HotpathReportTests", dependencies: ["HotpathReport", "HotpathIngest", "_HotpathTestSupport"]),
        .testTarget(
            name: "HotpathCommandsTests",
            dependencies: ["HotpathCommands", "HotpathProfiler", "HotpathValidation", "_HotpathTestSupport"],
            exclude: ["Snapshots"]),
        .testTarget(
            name: "HotpathProfilerTests",
            dependencies: ["HotpathProfiler", "HotpathIngest", "HotpathAnalysis", "_HotpathTestSupport"]),
        .testTarget(
            name: "HotpathFuzzSupportTests",
            dependencies: ["HotpathFuzzSupport", "HotpathIngest", "_HotpathTestSupport"],
            exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
