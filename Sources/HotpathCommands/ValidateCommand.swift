import ArgumentParser
import Foundation
import HotpathModel
import HotpathRender
import HotpathReport

/// `hotpath validate`: the site checks, on a site already on disk.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate an existing site: HTML with libxml2, links, fragments and ids.",
        discussion: """
            Runs the checks `hotpath report` runs before writing: every .html page is parsed with \
            libxml2 (HTML5 elements accepted; unclosed or mis-nested tags, bad entities and \
            duplicate ids reported), and every href/src must resolve inside the site, every \
            #fragment to an id, with no root-relative or network-loaded resources. \
            Problems print as file:line: error: message; the exit code is 4 when there are any.

            Example:
              hotpath validate Output
            """)

    @Argument(help: ArgumentHelp("The site's folder.", valueName: "dir"))
    var directory: String

    func run() async throws {
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            let what =
                FileManager.default.fileExists(atPath: root.path)
                ? "is a file; give the site's folder" : "no such folder"
            throw ReportFailure(.input, file: directory, message: what)
        }
        var files: [RenderedFile] = []
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let path = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
            let text =
                path.hasSuffix(".html") || path.hasSuffix(".xml")
                ? (try? String(contentsOf: url, encoding: .utf8)) ?? "" : ""
            files.append(RenderedFile(path: path, text: text))
        }
        let problems = SiteValidation.validate(files).map { diagnostic -> Diagnostic in
            var located = diagnostic
            located.file = diagnostic.file.map { root.appendingPathComponent($0).path }
            return located
        }
        DiagnosticPrinter().print(problems)
        let pages = files.filter(\.isHTML).count
        guard problems.isEmpty else {
            printToStandardError("\(problems.count) problem(s) in \(pages) page(s).")
            throw HotpathExit.outputError
        }
        print("\(pages) page(s) and \(files.count) file(s) checked: no problems.")
    }
}
