import ArgumentParser
import HotpathAnalysis
import HotpathIngest
import HotpathReport
import HotpathSite
import HotpathTemplates

/// Exit codes that mean something, so CI can tell a regression from bad input.
/// `Docs/exit-codes.md` and the README list them.
public enum HotpathExit {
    /// Everything went through.
    public static let success = ExitCode(0)
    /// `check`: a significant regression against the baseline.
    public static let regression = ExitCode(1)
    /// `check`: an operation exceeded its budget.
    public static let budgetExceeded = ExitCode(2)
    /// A dump could not be read (the others were still processed), or no input at all.
    public static let inputError = ExitCode(3)
    /// The generated site failed validation, or could not be written.
    public static let outputError = ExitCode(4)
    /// A template (a `--templates` override) failed to parse or to render.
    public static let templateError = ExitCode(5)
    /// Bad options or configuration (swift-argument-parser's usage code).
    public static let usage = ExitCode(64)
    /// A failure Hotpath did not foresee: a bug to report, never mistaken for a verdict.
    public static let internalError = ExitCode(70)

    /// The exit code for whatever a command throws: a `ReportFailure` (the report pipeline's one
    /// error) by its kind, an exit code a command threw as itself; anything else that escapes
    /// still gets its own code, never 1 or 2, which `check` keeps for a regression and a budget.
    public static func code(for error: any Error) -> ExitCode {
        switch error {
        case let code as ExitCode: return code
        case let failure as ReportFailure:
            switch failure.kind {
            case .input: return inputError
            case .output: return outputError
            case .template: return templateError
            case .usage: return usage
            }
        case is TemplateError, is TemplateFilterError: return templateError
        case is IngestError: return inputError
        case is ConfigurationError: return usage
        case is SiteError: return outputError
        default:
            // swift-argument-parser's own errors: help and version (0), usage and validation (64).
            let parser = Hotpath.exitCode(for: error)
            return parser == .failure ? internalError : parser
        }
    }

    /// Says what an error that ended a command means, on standard error, and returns its exit
    /// code: a failure's own diagnostics; nothing more for a bare exit code (explained before it
    /// was thrown); anything else as it is.
    public static func explain(_ error: any Error) -> ExitCode {
        switch error {
        case let failure as ReportFailure: DiagnosticPrinter().print(failure.diagnostics)
        case is ExitCode: break
        default: printToStandardError("hotpath: error: \(error)")
        }
        return code(for: error)
    }

    /// Whether swift-argument-parser should print `error` itself (help, usage, its validation).
    static func isParserError(_ error: any Error) -> Bool {
        !(error is ExitCode) && Hotpath.exitCode(for: error) != .failure
    }
}
