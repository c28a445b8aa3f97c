import Foundation
import HotpathModel
import HotpathRender
import HotpathTemplates

/// The templates a report renders with: the embedded defaults, with a folder of overrides
/// (`--templates DIR`) on top.
public enum TemplateSet {
    /// The template manager over the defaults and `folder`'s overrides; overrides that change
    /// nothing are named in warnings on `console`.
    public static func manager(
        overrides folder: String?, capacity: Int? = nil, console: (any ReportConsole)? = nil
    ) throws -> TemplateManager {
        SiteRenderer.templateManager(sources: try sources(overrides: folder, console: console), capacity: capacity)
    }

    /// The template sources by name: the defaults with `folder`'s overrides on top.
    static func sources(overrides folder: String?, console: (any ReportConsole)? = nil) throws -> [String: String] {
        var sources = DefaultTemplates.sources
        if let folder {
            let overrides = try TemplateFolder.read(folder)
            for (name, text) in overrides { sources[name] = text }
            console?.print(TemplateFolder.unused(overrides, among: sources, in: folder))
        }
        return sources
    }
}

/// Reads a folder of template overrides: every file, by its path relative to the folder.
enum TemplateFolder {
    static func read(_ folder: String) throws -> [String: String] {
        let root = URL(fileURLWithPath: folder)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ReportFailure(.usage, file: folder, message: "--templates: not a folder")
        }
        var sources: [String: String] = [:]
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        else {
            return sources
        }
        let base = root.standardizedFileURL.path
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(base + "/") else { continue }
            let name = String(path.dropFirst(base.count + 1))
            guard !name.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { continue }
            do {
                sources[name] = try String(contentsOf: url, encoding: .utf8)
            } catch {
                throw ReportFailure(
                    .template, file: path,
                    message: "--templates: cannot read the template: \(FileErrorText.describe(error))")
            }
        }
        return sources
    }

    /// Files of the folder that change nothing: named like no default template and included or
    /// extended by no template (a misspelt `pages/idnex.html` would otherwise be ignored silently).
    static func unused(_ overrides: [String: String], among sources: [String: String], in folder: String)
        -> [Diagnostic]
    {
        overrides.keys.sorted().compactMap { name in
            guard DefaultTemplates.sources[name] == nil else { return nil }
            let used = sources.contains { other, text in
                other != name && (text.contains("\"\(name)\"") || text.contains("'\(name)'"))
            }
            guard !used else { return nil }
            return Diagnostic(
                .warning, file: folder + "/" + name,
                message:
                    "--templates: no default template is named \"\(name)\" and no template includes it, so it changes nothing"
            )
        }
    }
}
