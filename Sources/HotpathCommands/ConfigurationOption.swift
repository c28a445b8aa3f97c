import ArgumentParser
import Foundation
import HotpathAnalysis
import HotpathModel
import HotpathReport

/// `--config FILE`, else `hotpath.toml` in the current folder when there is one.
struct ConfigurationOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Thresholds, targets and budgets (default: ./hotpath.toml when present; see Docs/configuration.md).",
            valueName: "file"))
    var config: String?

    /// The configuration, or defaults when there is no file. A bad file is a usage error (64)
    /// printed as `file:line: error: message`.
    @inline(never)  // not inlined into async callers: see `ReportPipeline.measured`
    func load() throws -> Configuration {
        try Self.load(config)
    }

    /// The configuration at `path`, else `./hotpath.toml` when present, else defaults.
    @inline(never)  // not inlined into async callers: see `ReportPipeline.measured`
    static func load(_ path: String?) throws -> Configuration {
        let path =
            path ?? (FileManager.default.fileExists(atPath: Configuration.fileName) ? Configuration.fileName : nil)
        guard let path else { return Configuration() }
        let text: String
        if let problem = FileErrorText.notARegularFile(path) {
            throw ReportFailure(.usage, file: path, message: "cannot read the configuration: \(problem)")
        }
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ReportFailure(
                .usage, file: path, message: "cannot read the configuration: \(FileErrorText.describe(error))")
        }
        do {
            return try Configuration.parse(text)
        } catch {
            throw ReportFailure(.usage, [Diagnostic(.error, file: path, line: error.line, message: error.message)])
        }
    }
}
