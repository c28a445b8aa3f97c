import HotpathModel
import HotpathRender
import HotpathValidation

/// Validates a rendered site: every HTML page with libxml2 and the HTML5 checks, the feed as
/// XML, then every link and fragment across the site.
public enum SiteValidation {
    /// One file's own checks (safe to run on many threads at once: libxml2's error handler is
    /// per thread and each check runs on one thread without suspending).
    public static func check(_ file: RenderedFile) -> PageCheck? {
        if file.isHTML { return HTMLValidator().validate(file.text) }
        if file.path.hasSuffix(".xml") { return PageCheck(problems: XMLValidator().validate(file.text)) }
        return nil
    }

    /// The problems of every file, and of the links between them.
    public static func checkSite(_ files: [RenderedFile], checks: [PageCheck?]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var pages: [String: PageCheck] = [:]
        for (file, check) in zip(files, checks) {
            guard let check else { continue }
            if file.isHTML { pages[file.path] = check }
            diagnostics += check.problems.map {
                Diagnostic(.error, file: file.path, line: $0.line, column: $0.column, message: $0.message)
            }
        }
        for (file, problem) in LinkChecker().check(pages: pages, files: Set(files.map(\.path))) {
            diagnostics.append(Diagnostic(.error, file: file, line: problem.line, message: problem.message))
        }
        return diagnostics
    }

    /// Checks run one after another, for callers that are not async.
    public static func validate(_ files: [RenderedFile]) -> [Diagnostic] {
        checkSite(files, checks: files.map(check))
    }
}
