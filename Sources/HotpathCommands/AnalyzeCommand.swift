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
        abstract: "Print the analysis of one dump as JSON on standard output.",
        discussion: """
            The JSON holds every operation's statistics (count, total, mean, standard deviation, \
            min, max, p0…p100, share of the run, self time), the bottlenecks, memory, I/O, cache and \
            parallel statistics, the comparison with a baseline and the recommendations, in the \
            stable shape documented in Docs/analysis.md. The same inputs always give \
            byte-identical output.

            Example:
              hotpath analyze nightly/2026-11-26.json \\
                --baseline nightly/2026-11-25.json | jq '.operations[0]'
            """)

    @Argument(help: ArgumentHelp("The dump to analyze.", valueName: "input"))
    var input: String

    @Option(name: .long, help: ArgumentHelp("A dump to compare against.", valueName: "file"))
    var baseline: String?

    @OptionGroup var inputOptions: InputOptions

    @OptionGroup var measureOption: MeasureOption

    @OptionGroup var configurationOption: ConfigurationOption

    func run() async throws {
        let configuration = measureOption.applied(to: try configurationOption.load())
        let ingestor = Ingestor(options: inputOptions.ingestOptions)
        let current: IngestedDump
        var baselineDump: IngestedDump?
        do {
            current = try ingestor.loadFile(input)
            if let baseline { baselineDump = try ingestor.loadFile(baseline) }
        } catch {
            throw ReportFailure(.input, [error.diagnostic])
        }
        DiagnosticPrinter().print(current.diagnostics + (baselineDump?.diagnostics ?? []))
        let report = AnalyzedRun(dump: current, configuration: configuration).report(
            comparedWith: baselineDump.map { AnalyzedRun(dump: $0, configuration: configuration) },
            configuration: configuration)
        FileHandle.standardOutput.write(try AnalysisJSON.encode(report))
    }
}

/// The analysis JSON: sorted keys and a trailing newline, so output is byte-identical run to run.
enum AnalysisJSON {
    static func encode(_ report: PerformanceReport) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        var data = try encoder.encode(report)
        data.append(0x0A)
        return data
    }
}
