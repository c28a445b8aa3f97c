import Foundation
import HotpathProfiler

/// One run of the fake generator: load contracts and templates at once (`async let`), render
/// every entity through the template cache (a task group), format the sources in parallel
/// (`StagedParallelExecutor`), then write the files.
struct CodegenWorkflow: Sendable {
    let profiler: Profiler
    let workspace: URL
    let templates: TemplateCache
    let executor: StagedParallelExecutor
    /// The template sources on disk, by name.
    let templatePaths: [String: URL]

    static let templateNames = ["model", "repository", "controller", "dto", "mapper", "test", "migration", "docs"]

    /// - Parameter cacheCapacity: with fewer slots than the 8 templates, rendering each
    ///   entity's templates in the same order evicts every template before its next use.
    init(profiler: Profiler, workspace: URL, cacheCapacity: Int) throws {
        self.profiler = profiler
        self.workspace = workspace
        self.templates = TemplateCache(capacity: cacheCapacity, profiler: profiler)
        self.executor = StagedParallelExecutor(name: "codegen", profiler: profiler)
        var paths: [String: URL] = [:]
        let folder = workspace.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in Self.templateNames {
            let url = folder.appendingPathComponent("\(name).tmpl")
            let body = (0..<40).map { "line \($0) of {{entity}} {{field}} for \(name)" }.joined(separator: "\n")
            try body.write(to: url, atomically: true, encoding: .utf8)
            paths[name] = url
        }
        self.templatePaths = paths
    }

    /// - Returns: how many files it wrote.
    func run(iteration: Int) async throws -> Int {
        async let contracts = profiler.measure("parse_contracts") { await parseContracts(seed: iteration) }
        async let sources = profiler.measure("load_templates") { try await loadTemplates() }
        let (entities, templateSources) = try await (contracts, sources)

        let rendered = try await profiler.measure("render_templates") {
            try await withThrowingTaskGroup(of: [GeneratedFile].self) { group in
                for entity in entities {
                    group.addTask { try renderEntity(entity, sources: templateSources) }
                }
                var files: [GeneratedFile] = []
                for try await batch in group { files.append(contentsOf: batch) }
                return files.sorted { $0.path < $1.path }
            }
        }
        let formatted = try await executor.run(stage: "format_sources", rendered) { file in
            GeneratedFile(path: file.path, contents: Formatter.format(file.contents))
        }
        try profiler.measure("write_files") {
            let output = workspace.appendingPathComponent("out-\(iteration)")
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
            for file in formatted {
                let data = Data(file.contents.utf8)
                let url = output.appendingPathComponent(file.path)
                try profiler.measureIO(.write, path: file.path, bytes: { data.count }) { try data.write(to: url) }
            }
        }
        return formatted.count
    }

    /// "Parses" contract text: tokenizes it and builds entities. CPU-bound and synchronous, so
    /// each contract is a span on whatever thread runs it.
    func parseContracts(seed: Int) async -> [Entity] {
        await withTaskGroup(of: Entity.self) { group in
            for index in 0..<12 {
                group.addTask {
                    profiler.measure("parse_contract") {
                        let text = (0..<300).map { "field\($0): Type\(($0 * 7 + index + seed) % 13);" }.joined(
                            separator: " ")
                        let tokens = profiler.measure("tokenize") {
                            text.split(whereSeparator: { $0 == " " || $0 == ":" || $0 == ";" })
                        }
                        let fields = stride(from: 0, to: tokens.count - 1, by: 2).map { String(tokens[$0]) }
                        return Entity(name: "Entity\(index)", fields: fields)
                    }
                }
            }
            var entities: [Entity] = []
            for await entity in group { entities.append(entity) }
            return entities.sorted { $0.name < $1.name }
        }
    }

    func loadTemplates() async throws -> [String: String] {
        var sources: [String: String] = [:]
        for (name, url) in templatePaths.sorted(by: { $0.key < $1.key }) {
            let data = try await profiler.measureIO(.read, path: url.lastPathComponent, bytes: \.count) {
                await Task.yield()
                return try Data(contentsOf: url)
            }
            sources[name] = String(decoding: data, as: UTF8.self)
        }
        return sources
    }

    func renderEntity(_ entity: Entity, sources: [String: String]) throws -> [GeneratedFile] {
        try profiler.measure("render_entity") {
            try Self.templateNames.map { name in
                guard let source = sources[name] else { throw CodegenError.missingTemplate(name) }
                let template = templates.template(named: name, source: source)
                let contents = profiler.measure("render_template") { template.render(entity: entity) }
                return GeneratedFile(path: "\(entity.name)\(name.capitalized).swift", contents: contents)
            }
        }
    }
}

struct Entity: Sendable {
    var name: String
    var fields: [String]
}

struct GeneratedFile: Sendable {
    var path: String
    var contents: String
}

enum CodegenError: Error {
    case missingTemplate(String)
}

/// Indents and trims generated code: stands in for a real formatter's CPU time.
enum Formatter {
    static func format(_ source: String) -> String {
        var depth = 0
        var lines: [String] = []
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("}") { depth = max(0, depth - 1) }
            lines.append(String(repeating: "    ", count: depth) + trimmed)
            if trimmed.hasSuffix("{") { depth += 1 }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
