/// Compiles, caches and renders a library of templates.
///
/// Give it every template by name (the name's extension picks the escaping: `.html`, `.svg`,
/// `.xml` and `.atom` escape HTML, `.md` escapes GitHub Markdown, `.css`, `.js` and `.txt` do
/// not escape), then render pages by name with a context of typed values:
///
/// ```swift
/// let templates = TemplateManager(sources: [
///     "layout.html": "<main>{% block content %}{% endblock %}</main>",
///     "pages/run.html": #"{% extends "layout.html" %}{% block content %}{{ title }}{% endblock %}"#,
/// ])
/// try templates.preload()
/// let page = try templates.render("pages/run.html", context: ["title": "Run 42"])
/// ```
///
/// A manager is a value that shares one cache between its copies; it is `Sendable`, and
/// rendering from many threads at once is safe: compiled templates are immutable, each render
/// has its own state, and the cache is behind a lock.
public struct TemplateManager: Sendable {
    let library: TemplateLibrary

    /// - Parameters:
    ///   - sources: template text by name, e.g. `"pages/run.html"`, `"partials/table.html"`,
    ///     `"report.md"`, `"style.css"`.
    ///   - capacity: the most compiled templates to keep (least recently used go first);
    ///     `nil` keeps all. A capacity below 1 counts as 1.
    ///   - filters: filters to add to the built-ins, by name; one with a built-in's name replaces
    ///     it, except `default`.
    public init(sources: [String: String], capacity: Int? = nil, filters: [String: TemplateFilter] = [:]) {
        library = TemplateLibrary(
            sources: sources, filters: TemplateFilterRegistry.builtin(adding: filters), capacity: capacity)
    }

    /// A manager over the same templates and cache capacity with `filters` added; one with the
    /// name of a filter this manager has replaces it, except `default`. It compiles into a cache
    /// of its own (a compiled template holds its filters), with statistics of its own.
    public func addingFilters(_ filters: [String: TemplateFilter]) -> TemplateManager {
        TemplateManager(
            library: TemplateLibrary(
                sources: library.sources, filters: library.filters.adding(filters), capacity: library.capacity))
    }

    private init(library: TemplateLibrary) {
        self.library = library
    }

    /// The names of all templates, sorted.
    public var templateNames: [String] { library.sourceNames }

    /// The text of the template `name`, if there is one.
    public func source(of name: String) -> String? { library.sources[name] }

    /// The names of all filters templates can use, sorted.
    public var filterNames: [String] { library.filters.names }

    /// Compiles all templates (or the named ones and everything they include or extend) and
    /// checks that every partial and layout they name exists and that no include or extends
    /// chain comes back to where it started, so mistakes show up before the first page renders.
    /// Throws the first problem found, in name order.
    public func preload(_ names: [String]? = nil) throws {
        var pending = (names ?? library.sourceNames).reversed() as [String]
        var compiled: [String: Template] = [:]
        for name in pending where library.sources[name] == nil {
            throw TemplateError(
                kind: .missingTemplate, templateName: name,
                message: "no template named '\(name)'\(Suggestion.hint(for: name, among: library.sourceNames))")
        }
        while let name = pending.popLast() {
            guard compiled[name] == nil, let template = try library.template(named: name) else { continue }
            compiled[name] = template
            for reference in template.references {
                guard library.sources[reference.name] != nil else {
                    let noun = reference.relation == .include ? "partial" : "layout"
                    throw TemplateError(
                        .missingTemplate,
                        "missing \(noun) '\(reference.name)'\(Suggestion.hint(for: reference.name, among: library.sourceNames))",
                        in: template.source, at: reference.range)
                }
                pending.append(reference.name)
            }
        }
        try Self.checkCycles(compiled)
    }

    /// Depth-first over includes and layouts; a reference back onto the current path is a cycle.
    private static func checkCycles(_ templates: [String: Template]) throws {
        var finished: Set<String> = []
        var path: [String] = []
        func visit(_ name: String) throws {
            guard !finished.contains(name), let template = templates[name] else { return }
            path.append(name)
            for reference in template.references {
                if let start = path.firstIndex(of: reference.name) {
                    let kind = reference.relation == .include ? "include" : "extends"
                    let cycle = (path[start...] + [reference.name]).joined(separator: " → ")
                    throw TemplateError(.cycle, "\(kind) cycle: \(cycle)", in: template.source, at: reference.range)
                }
                try visit(reference.name)
            }
            path.removeLast()
            finished.insert(name)
        }
        for name in templates.keys.sorted() { try visit(name) }
    }

    /// Renders the template named `name` with `context` as its variables.
    ///
    /// Throws `TemplateError` for a template that does not compile, an undefined variable, a
    /// missing partial, a filter given the wrong kind of value, and so on: never empty output.
    public func render(_ name: String, context: [String: TemplateValue]) throws -> String {
        guard let template = try library.template(named: name) else {
            throw TemplateError(
                kind: .missingTemplate, templateName: name,
                message: "no template named '\(name)'\(Suggestion.hint(for: name, among: library.sourceNames))")
        }
        let capacity = library.outputSize(for: name) ?? max(4096, template.source.bytes.count * 2)
        var renderer = Renderer(library: library, context: context, capacity: capacity + capacity / 8)
        renderer.fetched[name] = template
        renderer.activeNames = [name]
        renderer.frames = [Renderer.Frame(names: [], values: [], loop: nil)]
        try renderer.render(template)
        library.recordOutputSize(renderer.output.count, for: name)
        return renderer.output.string
    }

    public var statistics: TemplateManagerStatistics { library.statistics }

    /// A readable dump of the compiled tree of `name`, with `@line:col` positions: what the
    /// parser made of a template, for debugging and golden tests.
    public func dumpTree(_ name: String) throws -> String {
        guard let template = try library.template(named: name) else {
            throw TemplateError(
                kind: .missingTemplate, templateName: name,
                message: "no template named '\(name)'\(Suggestion.hint(for: name, among: library.sourceNames))")
        }
        return TreeDumper(template).dump()
    }
}
