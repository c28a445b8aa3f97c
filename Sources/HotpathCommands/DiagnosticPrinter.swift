import Foundation
import HotpathModel
import HotpathReport

/// Prints diagnostics to standard error as `file:line:column: severity: message`.
struct DiagnosticPrinter: ReportConsole {
    var quiet = false

    func print(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics where !(quiet && diagnostic.severity != .error) {
            printToStandardError(diagnostic.description)
        }
    }

    func note(_ message: String) {
        guard !quiet else { return }
        printToStandardError(message)
    }
}

func printToStandardError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
