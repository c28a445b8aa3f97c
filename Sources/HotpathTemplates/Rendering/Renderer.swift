/// Renders compiled templates into one byte buffer.
///
/// One renderer serves one `TemplateManager.render` call and is never shared, so it can keep
/// mutable state without locks: the output, the scope chain, the include chain and the blocks in
/// force. The templates it renders are immutable and shared by every thread.
struct Renderer {
    /// Variables set inside the template: loop variables, `set`, include arguments. A frame is
    /// pushed for each loop, block and include and popped after it, so nothing is copied per
    /// scope; lookups walk the frames innermost first and then the render context.
    struct Frame {
        var names: [String]
        var values: [TemplateValue]
        /// Present on a `for` loop's frame.
        var loop: LoopState?

        mutating func set(_ name: String, _ value: TemplateValue) {
            if let index = names.firstIndex(of: name) {
                values[index] = value
            } else {
                names.append(name)
                values.append(value)
            }
        }
    }

    struct LoopState {
        var index0: Int
        var length: Int

        static let propertyNames = ["first", "index", "index0", "last", "length", "revindex", "revindex0"]

        func property(_ name: String) -> TemplateValue? {
            switch name {
            case "index": .int(index0 + 1)
            case "index0": .int(index0)
            case "first": .bool(index0 == 0)
            case "last": .bool(index0 == length - 1)
            case "length": .int(length)
            case "revindex": .int(length - index0)
            case "revindex0": .int(length - index0 - 1)
            default: nil
            }
        }

        var dictionary: TemplateValue {
            .dictionary(
                Dictionary(
                    uniqueKeysWithValues: Self.propertyNames.compactMap { name in property(name).map { (name, $0) } }))
        }
    }

    /// One step of the include/layout/block chain, turned into a `TemplateError.ChainEntry` only
    /// when an error needs it (working out a line and column costs a scan of the source).
    struct ChainStep {
        var relation: TemplateError.ChainEntry.Relation
        var template: Template
        var range: SourceRange
    }

    /// A block's content as one template on the layout chain defines it.
    struct BlockDefinition {
        var template: Template
        var block: Block
    }

    let library: TemplateLibrary
    let context: [String: TemplateValue]
    let output: OutputBuffer
    var frames: [Frame] = []
    var chain: [ChainStep] = []
    /// Names of the templates being rendered, outermost first, for cycle detection.
    var activeNames: [String] = []
    /// For each block name, its definitions from the most derived template to the root layout.
    var blockTable: [String: [BlockDefinition]] = [:]
    /// The blocks being rendered, innermost last, with which definition: what `super()` needs.
    var blockStack: [(name: String, level: Int)] = []
    /// Templates already fetched during this render, so a partial included 10,000 times costs
    /// one cache lookup.
    var fetched: [String: Template] = [:]
    /// The template fetched last: a per-row partial is found without hashing its name.
    var lastFetched: (name: String, template: Template)?

    init(library: TemplateLibrary, context: [String: TemplateValue], capacity: Int) {
        self.library = library
        self.context = context
        output = OutputBuffer(capacity: capacity)
    }

    // MARK: - Templates

    /// Renders `template`, through its layouts if it extends one.
    mutating func render(_ template: Template) throws {
        guard template.parent != nil || !template.blocks.isEmpty else {
            try render(template.nodes, in: template)
            return
        }
        // The layout chain: the template, its layout, that layout's layout, ….
        var layouts = [template]
        var current = template
        while let parent = current.parent {
            if let repeated = layouts.firstIndex(where: { $0.name == parent.name }) {
                let cycle = (layouts[repeated...].map(\.name) + [parent.name]).joined(separator: " → ")
                throw error(.cycle, "extends cycle: \(cycle)", in: current, at: parent.nameRange)
            }
            let layout = try fetch(
                parent.name, from: current, at: parent.nameRange, chainAt: parent.tagRange, relation: .layoutOf,
                noun: "layout")
            layouts.append(layout)
            current = layout
        }

        var table: [String: [BlockDefinition]] = [:]
        for layout in layouts {
            for (name, block) in layout.blocks {
                table[name, default: []].append(BlockDefinition(template: layout, block: block))
            }
        }
        let savedTable = blockTable
        let savedStack = blockStack
        let savedChainCount = chain.count
        blockTable = table
        blockStack = []
        defer {
            blockTable = savedTable
            blockStack = savedStack
            chain.removeSubrange(savedChainCount...)
        }
        // A child's top-level `set`s run first, root-most layout's children before the page, so
        // the page's win; they are visible to every block and the layout.
        for child in layouts.dropLast().reversed() {
            try render(child.nodes, in: child)
        }
        for index in layouts.indices.dropLast() {
            if let parent = layouts[index].parent {
                chain.append(ChainStep(relation: .layoutOf, template: layouts[index], range: parent.tagRange))
            }
        }
        let root = layouts[layouts.count - 1]
        try render(root.nodes, in: root)
    }

    /// The template named `name`, asked for by `template` at `range` (the name), in the tag at
    /// `tagRange` (where the chain of an error inside it points).
    mutating func fetch(
        _ name: String, from template: Template, at range: SourceRange, chainAt tagRange: SourceRange,
        relation: TemplateError.ChainEntry.Relation, noun: String
    ) throws -> Template {
        if let last = lastFetched, last.name == name { return last.template }
        if let known = fetched[name] {
            lastFetched = (name, known)
            return known
        }
        let found: Template?
        do {
            found = try library.template(named: name)
        } catch var compileError as TemplateError {
            compileError.chain =
                [ChainStep(relation: relation, template: template, range: tagRange).entry]
                + chainEntries()
            throw compileError
        }
        guard let found else {
            throw error(
                .missingTemplate,
                "missing \(noun) '\(name)'\(Suggestion.hint(for: name, among: library.sourceNames))",
                in: template, at: range)
        }
        fetched[name] = found
        lastFetched = (name, found)
        return found
    }

    // MARK: - Nodes

    mutating func render(_ nodes: [Node], in template: Template) throws {
        for index in nodes.indices {
            switch nodes[index] {
            case .text(let text, _):
                output.append(text)
            case .output(let expression, _):
                try write(try evaluate(expression, in: template), of: expression, in: template)
            case .conditional(let branches, let otherwise, _):
                var taken = false
                for branch in branches {
                    guard try evaluate(branch.condition, in: template).isTruthy else { continue }
                    try render(branch.body, in: template)
                    taken = true
                    break
                }
                if !taken, let otherwise { try render(otherwise, in: template) }
            case .loop(let loop):
                try render(loop, in: template)
            case .set(let name, let expression, _):
                let value = try evaluate(expression, in: template)
                if frames.isEmpty { frames.append(Frame(names: [], values: [], loop: nil)) }
                frames[frames.count - 1].set(name, value)
            case .include(let include):
                try render(include, in: template)
            case .block(let name, let range):
                try renderBlock(name, at: range, in: template)
            case .superBlock(let range):
                try renderSuper(at: range, in: template)
            }
        }
    }

    private mutating func render(_ loop: Loop, in template: Template) throws {
        let sequence = try evaluate(loop.sequence, in: template)
        switch sequence {
        case .array(let elements):
            if let keyName = loop.keyName {
                throw error(
                    .typeMismatch,
                    "'for \(keyName), \(loop.valueName) in …' needs a dictionary, found \(sequence.briefDescription): use 'for \(loop.valueName) in …'",
                    in: template, at: loop.sequence.range)
            }
            guard !elements.isEmpty else {
                if let otherwise = loop.otherwise { try render(otherwise, in: template) }
                return
            }
            frames.append(
                Frame(names: [loop.valueName], values: [.null], loop: LoopState(index0: 0, length: elements.count)))
            defer { frames.removeLast() }
            let top = frames.count - 1
            for (index, element) in elements.enumerated() {
                resetLoopFrame(top, bound: 1)
                frames[top].values[0] = element
                frames[top].loop?.index0 = index
                try render(loop.body, in: template)
            }
        case .dictionary(let dictionary):
            guard !dictionary.isEmpty else {
                if let otherwise = loop.otherwise { try render(otherwise, in: template) }
                return
            }
            let keys = dictionary.keys.sorted()
            let names = loop.keyName.map { [$0, loop.valueName] } ?? [loop.valueName]
            frames.append(
                Frame(
                    names: names, values: Array(repeating: .null, count: names.count),
                    loop: LoopState(index0: 0, length: keys.count)))
            defer { frames.removeLast() }
            let top = frames.count - 1
            for (index, key) in keys.enumerated() {
                resetLoopFrame(top, bound: names.count)
                frames[top].values[0] = .string(key)
                if names.count == 2 { frames[top].values[1] = dictionary[key] ?? .null }
                frames[top].loop?.index0 = index
                try render(loop.body, in: template)
            }
        default:
            throw error(
                .typeMismatch, "'for' needs an array or a dictionary, found \(sequence.briefDescription)", in: template,
                at: loop.sequence.range)
        }
    }

    /// Forgets what the previous iteration `set`, keeping the loop variables.
    private mutating func resetLoopFrame(_ index: Int, bound: Int) {
        if frames[index].names.count > bound {
            frames[index].names.removeSubrange(bound...)
            frames[index].values.removeSubrange(bound...)
        }
    }

    private mutating func render(_ include: Include, in template: Template) throws {
        if activeNames.contains(include.name) {
            let start = activeNames.firstIndex(of: include.name) ?? 0
            let cycle = (activeNames[start...] + [include.name]).joined(separator: " → ")
            throw error(.cycle, "include cycle: \(cycle)", in: template, at: include.nameRange)
        }
        let partial = try fetch(
            include.name, from: template, at: include.nameRange, chainAt: include.range, relation: .includedFrom,
            noun: "partial")
        var frame = Frame(names: include.argumentNames, values: [], loop: nil)
        if !include.arguments.isEmpty {
            frame.values.reserveCapacity(include.arguments.count)
            for argument in include.arguments {
                frame.values.append(try evaluate(argument.value, in: template))
            }
        }
        frames.append(frame)
        chain.append(ChainStep(relation: .includedFrom, template: template, range: include.range))
        activeNames.append(include.name)
        defer {
            frames.removeLast()
            chain.removeLast()
            activeNames.removeLast()
        }
        try render(partial)
    }

    private mutating func renderBlock(_ name: String, at range: SourceRange, in template: Template) throws {
        let definitions =
            blockTable[name] ?? template.blocks[name].map { [BlockDefinition(template: template, block: $0)] } ?? []
        guard let definition = definitions.first else { return }
        try renderDefinition(definition, name: name, level: 0, placedBy: template, at: range)
    }

    private mutating func renderSuper(at range: SourceRange, in template: Template) throws {
        guard let (name, level) = blockStack.last else {
            throw error(.invalidStructure, "'super()' outside a block", in: template, at: range)
        }
        let definitions = blockTable[name] ?? []
        guard level + 1 < definitions.count else {
            throw error(
                .invalidStructure,
                "block '\(name)' has no parent block for 'super()' to render: no layout above '\(template.name)' defines it",
                in: template, at: range)
        }
        try renderDefinition(definitions[level + 1], name: name, level: level + 1, placedBy: template, at: range)
    }

    private mutating func renderDefinition(
        _ definition: BlockDefinition, name: String, level: Int, placedBy template: Template, at range: SourceRange
    ) throws {
        // A definition already being rendered would render itself again and again: a child's
        // block placed inside another block that its layout's version (reached by `super()`)
        // contains in turn.
        if let start = blockStack.firstIndex(where: { $0.name == name && $0.level == level }) {
            let steps = Array(blockStack[start...]) + [(name: name, level: level)]
            let cycle = steps.indices.map { index in
                index > 0 && steps[index].name == steps[index - 1].name
                    && steps[index].level == steps[index - 1].level + 1
                    ? "super()" : "'\(steps[index].name)'"
            }.joined(separator: " → ")
            throw error(.cycle, "block cycle: \(cycle) renders block '\(name)' inside itself", in: template, at: range)
        }
        let pushesStep = definition.template !== template
        if pushesStep { chain.append(ChainStep(relation: .block(name), template: template, range: range)) }
        blockStack.append((name, level))
        frames.append(Frame(names: [], values: [], loop: nil))
        defer {
            frames.removeLast()
            blockStack.removeLast()
            if pushesStep { chain.removeLast() }
        }
        try render(definition.block.body, in: definition.template)
    }

    // MARK: - Output

    private mutating func write(_ value: TemplateValue, of expression: Expression, in template: Template) throws {
        switch value {
        case .markup(let text):
            output.append(text)
        case .string(let text):
            Escaping.append(text, as: template.format, to: output)
        case .int(let integer):
            if template.format == .markdown {
                Escaping.append(String(integer), as: .markdown, to: output)
            } else {
                output.append(String(integer))
            }
        case .double(let number):
            Escaping.append(NumberFormatting.plain(number), as: template.format, to: output)
        case .bool(let flag):
            output.append(flag ? "true" : "false")
        case .null:
            throw error(
                .typeMismatch,
                "'\(template.source.string(expression.range))' is null: expected a value to output (write '| default(…)' to show something else)",
                in: template, at: expression.range)
        case .array, .dictionary:
            throw error(
                .typeMismatch,
                "cannot output \(value.briefDescription) ('\(template.source.string(expression.range))'): loop over it with '{% for %}' or use '| join' or '| length'",
                in: template, at: expression.range)
        }
    }

    // MARK: - Errors

    func chainEntries() -> [TemplateError.ChainEntry] {
        chain.reversed().map(\.entry)
    }

    func error(_ kind: TemplateError.Kind, _ message: String, in template: Template, at range: SourceRange)
        -> TemplateError
    {
        TemplateError(kind, message, in: template.source, at: range, chain: chainEntries())
    }
}

extension Renderer.ChainStep {
    var entry: TemplateError.ChainEntry {
        let location = template.source.location(of: range.start)
        return TemplateError.ChainEntry(
            relation: relation, templateName: template.name, line: location.line, column: location.column)
    }
}
