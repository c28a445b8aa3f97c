import ArgumentParser

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
    /// Bad options or configuration (swift-argument-parser's usage code).
    public static let usage = ExitCode(64)
}
