import ArgumentParser
import Foundation
import HotpathAnalysis
import HotpathModel

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
    @inline(never)  // not inlined into async callers: see `SiteBuild.measured`
    func load() throws -> Configuration {
        try Self.load(config)
    }

    /// The configuration at `path`, else `./hotpath.toml` when present, else defaults.
    @inline(never)  // not inlined into async callers: see `SiteBuild.measured`
    static func load(_ path: String?) throws -> Configuration {
        let path =
            path ?? (FileManager.default.fileExists(atPath: Configuration.fileName) ? Configuration.fileName : nil)
        guard let path else { return Configuration() }
        let text: String
        do {
            if let problem = FileErrorText.notARegularFile(path) {
                printToStandardError("\(path): error: cannot read the configuration: \(problem)")
                throw HotpathExit.usage
            }
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printToStandardError("\(path): error: cannot read the configuration: \(FileErrorText.describe(error))")
            throw HotpathExit.usage
        }
        do {
            return try Configuration.parse(text)
        } catch {
            printToStandardError("\(path):\(error.line): error: \(error.message)")
            throw HotpathExit.usage
        }
    }
}
