import HotpathModel
import HotpathRender
import HotpathValidation

/// Validates a rendered site: every HTML page with libxml2 and the HTML5 checks, then every
/// link and fragment across the site.
enum SiteValidation {
    static func validate(_ files: [RenderedFile]) -> [Diagnostic] {
        let validator = HTMLValidator()
        var checks: [String: PageCheck] = [:]
        var diagnostics: [Diagnostic] = []
        for file in files where file.isHTML {
            let check = validator.validate(file.text)
            checks[file.path] = check
            diagnostics += check.problems.map {
                Diagnostic(.error, file: file.path, line: $0.line, column: $0.column, message: $0.message)
            }
        }
        for file in files where file.path.hasSuffix(".xml") {
            diagnostics += XMLValidator().validate(file.text).map {
                Diagnostic(.error, file: file.path, line: $0.line, column: $0.column, message: $0.message)
            }
        }
        let paths = Set(files.map(\.path))
        for (file, problem) in LinkChecker().check(pages: checks, files: paths) {
            diagnostics.append(Diagnostic(.error, file: file, line: problem.line, message: problem.message))
        }
        return diagnostics
    }
}
