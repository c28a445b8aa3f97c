import ArgumentParser
import Foundation
import HotpathAnalysis
import HotpathIngest
import HotpathModel
import HotpathReport

/// `hotpath analyze`: the analysis as JSON, the very numbers the pages show.
struct AnalyzeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Print the analysis of one dump (or of one build's time traces) as JSON on standard output.",
        discussion: """
            The JSON holds every operation's statistics (count, total, mean, standard deviation, \
            min, max, p0…p100, share of the run, self time), the bottlenecks, memory, I/O, cache and \
            parallel statistics, the comparison with a baseline and the recommendations, in the \
            stable shape documented in Docs/analysis.md. The same inputs always give \
            byte-identical output.

            Several inputs (or a folder) are read only when every dump in them is a compiler's \
            time trace (clang -ftime-trace, one per translation unit): they are one build, and \
            the JSON is the build's analysis (format "hotpath-build-analysis": the most \
            expensive headers, template instantiations and functions across the units, with \
            recommendations).

            Examples:
              hotpath analyze nightly/2026-11-26.json \\
                --baseline nightly/2026-11-25.json | jq '.operations[0]'
              hotpath analyze build/traces/ | jq '.headers[0]'
            """)

    @Argument(
        help: ArgumentHelp(
            "The dump to analyze, or the time traces of one build (files or folders).", valueName: "input"))
    var inputs: [String]

    @Option(name: .long, help: ArgumentHelp("A dump to compare against.", valueName: "file"))
    var baseline: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "For a benchmark suite: a profile of the same run (spans or sampled stacks), to say where each changed benchmark's time went (with --baseline-profile).",
            valueName: "file"))
    var profile: String?

    @Option(
        name: .long, help: ArgumentHelp("The profile of the baseline's run (with --profile).", valueName: "file"))
    var baselineProfile: String?

    @OptionGroup var inputOptions: InputOptions

    @OptionGroup var measureOption: MeasureOption

    @OptionGroup var configurationOption: ConfigurationOption

    func validate() throws {
        guard !inputs.isEmpty else { throw ValidationError("Missing expected argument '<input>'") }
        guard (profile == nil) == (baselineProfile == nil), profile == nil || baseline != nil else {
            throw ValidationError("--profile and --baseline-profile go together, with --baseline")
        }
    }

    func run() async throws {
        let configuration = measureOption.applied(to: try configurationOption.load())
        let ingestor = Ingestor(options: measureOption.applied(to: inputOptions.ingestOptions))
        if inputs.count > 1 || Self.isFolder(inputs[0]) {
            try analyzeBuild(ingestor, configuration: configuration)
            return
        }
        let input = inputs[0]
        let current: IngestedDump
        var baselineDump: IngestedDump?
        var profiles: [IngestedDump] = []
        do {
            current = try ingestor.loadFile(input)
            if let baseline { baselineDump = try ingestor.loadFile(baseline) }
            if let profile, let baselineProfile {
                profiles = [try ingestor.loadFile(profile), try ingestor.loadFile(baselineProfile)]
            }
        } catch {
            throw ReportFailure(.input, [error.diagnostic])
        }
        DiagnosticPrinter().print(
            current.diagnostics + (baselineDump?.diagnostics ?? []) + profiles.flatMap(\.diagnostics))
        // The run's whole call tree is kept only to attribute a comparison's changes: without a
        // baseline it is not built (about 20 of the 250 MB analyzing a nested 1M-span trace takes).
        var currentConfiguration = configuration
        if baselineDump == nil { currentConfiguration.analysis.attribution = false }
        var report = AnalyzedRun(dump: current, configuration: currentConfiguration).report(
            comparedWith: baselineDump.map { AnalyzedRun(dump: $0, configuration: configuration) },
            configuration: configuration)
        if profiles.count == 2 {
            let pair = profiles.map { AnalyzedRun(dump: $0, configuration: configuration).runProfile }
            guard let currentProfile = pair[0], let baselineRunProfile = pair[1] else {
                throw ReportFailure(
                    .input,
                    message: "--profile and --baseline-profile need dumps with a call tree (spans or sampled stacks)")
            }
            AnalyzedRun.attributeBenchmarks(
                &report, current: currentProfile, baseline: baselineRunProfile, configuration: configuration)
        }
        try FileHandle.standardOutput.write(contentsOf: AnalysisJSON.bytes(report))
    }
}

extension AnalyzeCommand {
    static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Several inputs: one build's time traces, analyzed as a build. A dump that is not a time
    /// trace is an options error (64): the command cannot say what several other dumps mean.
    func analyzeBuild(_ ingestor: Ingestor, configuration: Configuration) throws {
        guard baseline == nil else {
            throw ValidationError(
                "--baseline compares one dump with another; it does not apply to a build's time traces")
        }
        let outcome = ingestor.load(inputs)
        DiagnosticPrinter().print(outcome.diagnostics)
        guard outcome.errors.isEmpty, !outcome.dumps.isEmpty else {
            throw ReportFailure(.input, outcome.errors.map(\.diagnostic))
        }
        let others = outcome.dumps.filter { !BuildAnalyzer.isCompileTrace($0.profile) }
        guard others.isEmpty else {
            let names = others.prefix(3).map(\.path).joined(separator: ", ")
            throw ValidationError(
                "several inputs are analyzed together only when each is a compiler's time trace (clang -ftime-trace); \(others.count == 1 ? "1 dump is" : "\(others.count) dumps are") not: \(names)\(others.count > 3 ? ", …" : ""). Give one dump, or use 'hotpath report' for a history of runs"
            )
        }
        let tallies = outcome.dumps.map { BuildAnalyzer.tally($0.profile, name: $0.profile.run.runID) }
        guard let build = BuildAssembly.build(of: tallies) else { return }
        FileHandle.standardOutput.write(try AnalysisJSON.encode(BuildAnalysisDocument(build: build)))
    }
}

/// `hotpath analyze` of a build: the build's analysis under a format name and version.
struct BuildAnalysisDocument: Encodable {
    var format = "hotpath-build-analysis"
    var version = 1
    var build: BuildAnalysis

    func encode(to encoder: any Encoder) throws {
        try build.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(format, forKey: .format)
        try container.encode(version, forKey: .version)
    }

    enum Keys: String, CodingKey { case format, version }
}

/// The analysis JSON: sorted keys and a trailing newline, so output is byte-identical run to run.
///
/// Written by `SortedJSONEncoder`, which writes Foundation's `JSONEncoder` output for
/// `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]` (non-finite doubles as the strings
/// "Infinity", "-Infinity", "NaN") byte for byte, without Foundation's tree of values: that was
/// two fifths of analyzing a compiler's folded stacks.
enum AnalysisJSON {
    static func encode(_ report: some Encodable) throws -> Data {
        Data(try bytes(report))
    }

    /// `encode`'s bytes, without the copy into `Data` (10 MB for a nested trace's analysis).
    static func bytes(_ report: some Encodable) throws -> [UInt8] {
        var bytes = try SortedJSONEncoder().encode(report)
        bytes.append(0x0A)
        return bytes
    }
}
