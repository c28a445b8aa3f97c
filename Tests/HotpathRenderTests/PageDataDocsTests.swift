import Foundation
import Testing
import _HotpathTestSupport

/// The "Page data" section of Docs/templates.md is generated from the page data types in
/// `Sources/HotpathRender/Pages` (their stored properties and doc comments), so what a
/// `--templates` author reads is what the templates receive. After changing those types, run
/// `UPDATE_PAGE_DATA_DOCS=1 swift test --filter PageDataDocs`.
@Suite struct PageDataDocsTests {
    static let pagesFolder = Samples.packageRoot.appendingPathComponent("Sources/HotpathRender/Pages")
    static let documentation = Samples.packageRoot.appendingPathComponent("Docs/templates.md")
    static let begin = "<!-- page-data: generated from Sources/HotpathRender/Pages; do not edit -->"
    static let end = "<!-- page-data: end -->"
    /// Types that only carry or flatten others: the reference describes what they carry.
    static let wrappers = ["LaidOut", "Markup", "HistoryRow"]

    struct Property {
        var name: String
        var type: String
        var doc: String
    }

    struct Declaration {
        var name: String
        var doc: String
        var template: String?
        var properties: [Property] = []
        var nested: [String] = []
    }

    /// Every struct of the files, by qualified name (`IndexPage.RunRow`), in source order.
    static func declarations(in sources: [String]) -> [Declaration] {
        var declarations: [Declaration] = []
        for source in sources {
            var stack: [(index: Int, indent: Int)] = []
            var doc: [String] = []
            for line in source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
                let indent = line.prefix { $0 == " " }.count
                let text = line.trimmingCharacters(in: .whitespaces)
                while let top = stack.last, !text.isEmpty, indent <= top.indent, text != "}" || indent < top.indent {
                    stack.removeLast()
                }
                if text.hasPrefix("///") {
                    doc.append(String(text.dropFirst(3)).trimmingCharacters(in: .whitespaces))
                    continue
                }
                defer { if !text.hasPrefix("@") { doc = [] } }
                if text.hasPrefix("struct "),
                    let name = text.dropFirst(7).split(whereSeparator: { ":<{ ".contains($0) }).first
                {
                    let qualified = (stack.last.map { declarations[$0.index].name + "." } ?? "") + name
                    if let parent = stack.last { declarations[parent.index].nested.append(String(name)) }
                    declarations.append(Declaration(name: qualified, doc: doc.joined(separator: " ")))
                    stack.append((declarations.count - 1, indent))
                } else if let top = stack.last, indent == top.indent + 4 {
                    if text.hasPrefix("static let template = \"") {
                        declarations[top.index].template = String(text.split(separator: "\"")[1])
                    } else if text.hasPrefix("var ") || text.hasPrefix("let "), !text.contains("{"),
                        !text.contains("="),
                        let colon = text.firstIndex(of: ":")
                    {
                        let name = String(text[text.index(text.startIndex, offsetBy: 4)..<colon])
                        let type = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                        declarations[top.index].properties.append(
                            Property(name: name, type: type, doc: doc.joined(separator: " ")))
                    }
                }
            }
        }
        return declarations
    }

    /// The template variable of a property: snake case, as `TemplateValueEncoder` writes it.
    static func key(_ name: String) -> String {
        name.reduce(into: "") { key, character in
            if character.isUppercase {
                key += "_" + character.lowercased()
            } else {
                key.append(character)
            }
        }
    }

    /// A Swift type in a template author's words, linking the types documented here.
    static func describe(_ type: String, in scope: String, known: Set<String>) -> String {
        if type.hasSuffix("?") { return describe(String(type.dropLast()), in: scope, known: known) + " or null" }
        if type.hasPrefix("HistoryRow<"), type.hasSuffix(">") {
            let fields = describe(String(type.dropFirst(11).dropLast()), in: scope, known: known)
            return fields + " with [HistoryRun](#historyrun)'s variables"
        }
        if type.hasPrefix("["), type.hasSuffix("]") {
            return "list of " + describe(String(type.dropFirst().dropLast()), in: scope, known: known)
        }
        switch type {
        case "String": return "text"
        case "Int": return "integer"
        case "Double": return "number"
        case "Bool": return "boolean"
        case "Markup": return "markup (trusted SVG or HTML, never escaped)"
        default:
            let qualified = known.contains(scope + "." + type) ? scope + "." + type : type
            guard known.contains(qualified) else { return "`\(type)`" }
            return "[\(qualified)](#\(anchor(qualified)))"
        }
    }

    static func anchor(_ name: String) -> String {
        name.lowercased().filter { $0.isLetter || $0.isNumber }
    }

    static func generate() throws -> String {
        let files = try FileManager.default.contentsOfDirectory(atPath: pagesFolder.path).filter {
            $0.hasSuffix(".swift")
        }
        .sorted()
        let sources = try files.map { try String(contentsOf: pagesFolder.appendingPathComponent($0), encoding: .utf8) }
        let all = declarations(in: sources).filter { !Self.wrappers.contains($0.name) }
        let known = Set(all.map(\.name))
        var text = begin + "\n\n"
        text += "Each page template receives one typed value; its variables are the type's properties in\n"
        text += "snake case, and an absent value is a present `null` (so `| default(…)` and `{% if %}` work).\n"
        text += "Pages built on `layout.html` receive [LayoutData](#layoutdata)'s variables beside their own.\n\n"
        func section(_ declaration: Declaration, level: String) {
            text += "\(level) \(declaration.name)\n\n"
            if let template = declaration.template { text += "Template: `\(template)`.\n\n" }
            if !declaration.doc.isEmpty { text += declaration.doc + "\n\n" }
            text += "| variable | type | meaning |\n|---|---|---|\n"
            for property in declaration.properties {
                let type = describe(property.type, in: declaration.name, known: known)
                text += "| `\(key(property.name))` | \(type) | \(property.doc) |\n"
            }
            text += "\n"
        }
        for declaration in all where declaration.template != nil || declaration.name == "LayoutData" {
            section(declaration, level: "###")
        }
        text += "### Shared values\n\n"
        for declaration in all where declaration.template == nil && declaration.name != "LayoutData" {
            section(declaration, level: "####")
        }
        return text + end
    }

    @Test func theReferenceIsCurrent() throws {
        let generated = try Self.generate()
        #expect(generated.contains("### IndexPage") && generated.contains("`latest_href`"))
        let documentation = try String(contentsOf: Self.documentation, encoding: .utf8)
        guard let start = documentation.range(of: Self.begin), let stop = documentation.range(of: Self.end) else {
            Issue.record("Docs/templates.md has no page-data section; add the two markers")
            return
        }
        let current = String(documentation[start.lowerBound..<stop.upperBound])
        if ProcessInfo.processInfo.environment["UPDATE_PAGE_DATA_DOCS"] == "1" {
            try documentation.replacingCharacters(in: start.lowerBound..<stop.upperBound, with: generated)
                .write(to: Self.documentation, atomically: true, encoding: .utf8)
            return
        }
        #expect(current == generated, "Page data changed: run UPDATE_PAGE_DATA_DOCS=1 swift test --filter PageDataDocs")
    }

    /// Every variable a page receives has a sentence or an obvious name; new fields get documented.
    @Test func everyPageTypeIsDocumented() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.pagesFolder.path).filter {
            $0.hasSuffix(".swift")
        }
        let sources = try files.map {
            try String(contentsOf: Self.pagesFolder.appendingPathComponent($0), encoding: .utf8)
        }
        let all = Self.declarations(in: sources)
        #expect(all.filter { $0.template != nil }.count == 10, "\(all.map(\.name))")
        for declaration in all where !Self.wrappers.contains(declaration.name) {
            #expect(!declaration.doc.isEmpty, "\(declaration.name) has no doc comment")
            #expect(!declaration.properties.isEmpty, "\(declaration.name) has no properties")
        }
    }
}
