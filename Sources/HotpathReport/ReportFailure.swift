import HotpathModel

/// Why a report could not be made, with what to tell the user: the one error the report
/// pipeline throws. The command prints the diagnostics and exits with the kind's code
/// (`HotpathExit.code(for:)`, Docs/exit-codes.md).
public struct ReportFailure: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// No dump could be read, or a dump a run depends on (a pinned baseline) could not.
        case input
        /// The site failed validation, or a file could not be written.
        case output
        /// A template (a `--templates` override) failed to parse or to render.
        case template
        /// The request itself is wrong: a run named that does not exist, a file that is not a
        /// self profile.
        case usage
    }

    public var kind: Kind
    public var diagnostics: [Diagnostic]

    public init(_ kind: Kind, _ diagnostics: [Diagnostic]) {
        self.kind = kind
        self.diagnostics = diagnostics
    }

    public init(_ kind: Kind, file: String? = nil, message: String) {
        self.init(kind, [Diagnostic(.error, file: file, message: message)])
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}

/// Where the pipeline's diagnostics and progress notes go as they happen (the command's
/// console); the pipeline itself never prints.
public protocol ReportConsole: Sendable {
    func print(_ diagnostics: [Diagnostic])
    /// A line of progress or summary, not a problem ("Read 12 run(s)…", "Wrote 53 files…").
    func note(_ message: String)
}
