/// Builds a template's tree from its tokens: tags, nesting, layouts and blocks. Expressions are
/// parsed in `Parser+Expression.swift`.
struct Parser {
    let source: TemplateSource
    let tokens: [TemplateToken]
    let filters: TemplateFilterRegistry
    var position = 0
    var blocks: [String: Block] = [:]
    var references: [TemplateReference] = []
    /// The `{% block %}` tags enclosing the current position, innermost last; `super()` needs at
    /// least one. A block is recorded in `blocks` only once its body is parsed, so these are what
    /// stops a block from being defined again inside itself (which would make it contain itself).
    var openBlocks: [(name: String, range: SourceRange)] = []
    var blockDepth: Int { openBlocks.count }
    /// How many tags enclose the current position; bounded so that a hostile template is an
    /// error rather than a stack overflow.
    var nesting = 0
    static let maximumNesting = 128

    init(source: TemplateSource, tokens: [TemplateToken], filters: TemplateFilterRegistry) {
        self.source = source
        self.tokens = tokens
        self.filters = filters
    }

    static let tagKeywords = [
        "if", "elif", "else", "endif", "for", "endfor", "set", "include", "extends", "block", "endblock",
    ]

    /// The tag that opened the body being parsed, for "unclosed" and "mismatched" messages.
    struct Opener {
        var keyword: String
        var range: SourceRange
        /// The end tag that closes it: `endif`.
        var closer: String
        /// Keywords that end this body besides `closer`: `elif`, `else`.
        var intermediates: Set<String>
    }

    /// The tag that ended a body: `{% else %}`, `{% elif x %}`, `{% endif %}`.
    struct Terminator {
        var keyword: String
        var arguments: [ExpressionToken]
        var range: SourceRange
    }

    // MARK: - Template

    mutating func parseTemplate(format: OutputFormat) throws -> Template {
        let parent = try parseExtends()
        let (nodes, _) = try parseNodes(opener: nil)
        var topLevel = nodes
        if parent != nil {
            topLevel = []
            for node in nodes {
                switch node {
                case .block: continue
                case .set: topLevel.append(node)
                case .text(let text, let range):
                    guard text.allSatisfy(\.isWhitespace) else {
                        throw TemplateError(
                            .invalidStructure,
                            "text outside a block in a template that extends a layout would never be shown: expected it inside a '{% block %}'",
                            in: source, at: SourceRange(range.start, range.start + leadingNonWhitespaceLength(text)))
                    }
                default:
                    throw TemplateError(
                        .invalidStructure,
                        "a template that extends a layout may hold only blocks, 'set' tags and comments at its top level: expected this inside a '{% block %}'",
                        in: source, at: range(of: node))
                }
            }
        }
        return Template(
            source: source, format: format, nodes: topLevel, parent: parent, blocks: blocks, references: references)
    }

    private func leadingNonWhitespaceLength(_ text: String) -> Int {
        let trimmed = text.drop(while: \.isWhitespace)
        let offset = text.utf8.count - trimmed.utf8.count
        return offset + (trimmed.first.map { String($0).utf8.count } ?? 1)
    }

    /// `{% extends "layout.html" %}` as the first tag (only whitespace and comments before it).
    private mutating func parseExtends() throws -> LayoutReference? {
        var index = 0
        while index < tokens.count {
            switch tokens[index] {
            case .comment:
                index += 1
                continue
            case .text(let range) where source.string(range).allSatisfy(\.isWhitespace):
                index += 1
                continue
            case .statement(let content, let tag):
                let words = try ExpressionLexer(source).tokenize(content)
                guard words.first?.kind == .identifier("extends") else { return nil }
                guard case .string(let name) = words[1].kind else {
                    throw TemplateError(
                        .invalidExpression,
                        "expected the layout's name as a string after 'extends', found \(words[1].quoted)",
                        in: source, at: words[1].range)
                }
                try expectEnd(words, at: 2, after: "the layout's name")
                references.append(TemplateReference(relation: .extends, name: name, range: words[1].range))
                // Drop everything up to the tag: the whitespace and comments before it.
                position = index + 1
                return LayoutReference(name: name, nameRange: words[1].range, tagRange: tag)
            default:
                return nil
            }
        }
        return nil
    }

    // MARK: - Bodies

    /// Parses nodes until the end of the template (`opener` nil) or a tag that ends `opener`'s
    /// body.
    mutating func parseNodes(opener: Opener?) throws -> ([Node], Terminator?) {
        nesting += 1
        defer { nesting -= 1 }
        if let opener, nesting > Self.maximumNesting {
            throw TemplateError(
                .invalidStructure, "tags nest more than \(Self.maximumNesting) levels deep", in: source,
                at: opener.range)
        }
        var nodes: [Node] = []
        while position < tokens.count {
            let token = tokens[position]
            position += 1
            switch token {
            case .text(let range):
                nodes.append(.text(source.string(range), range))
            case .comment:
                continue
            case .output(let content, let tag):
                let words = try ExpressionLexer(source).tokenize(content)
                if words.count == 4, words[0].kind == .identifier("super"), words[1].kind == .symbol("("),
                    words[2].kind == .symbol(")")
                {
                    guard blockDepth > 0 else {
                        throw TemplateError(
                            .invalidStructure, "'super()' outside a block: expected it inside '{% block %}'",
                            in: source,
                            at: SourceRange(words[0].range.start, words[2].range.end))
                    }
                    nodes.append(.superBlock(tag))
                    continue
                }
                if words.count == 1 {
                    throw TemplateError(
                        .invalidExpression, "empty output tag: expected an expression between '{{' and '}}'",
                        in: source, at: tag)
                }
                var expressionParser = ExpressionParser(source: source, tokens: words, filters: filters)
                let expression = try expressionParser.parseWhole()
                nodes.append(.output(expression, tag))
            case .statement(let content, let tag):
                let words = try ExpressionLexer(source).tokenize(content)
                guard case .identifier(let keyword) = words[0].kind else {
                    throw TemplateError(
                        .unknownTag,
                        "expected a tag name (if, for, set, include, block, …) after '{%', found \(words[0].quoted)",
                        in: source, at: words[0].kind == .end ? tag : words[0].range)
                }
                if let opener, keyword == opener.closer || opener.intermediates.contains(keyword) {
                    return (nodes, Terminator(keyword: keyword, arguments: words, range: tag))
                }
                switch keyword {
                case "if": nodes.append(try parseConditional(words, tag: tag))
                case "for": nodes.append(.loop(try parseLoop(words, tag: tag)))
                case "set": nodes.append(try parseSet(words, tag: tag))
                case "include": nodes.append(.include(try parseInclude(words, tag: tag)))
                case "block": nodes.append(try parseBlock(words, tag: tag))
                case "extends":
                    throw TemplateError(
                        .invalidStructure,
                        "'extends' must be the first tag of the template (only whitespace and comments may come before it)",
                        in: source, at: tag)
                case "elif", "else", "endif", "endfor", "endblock":
                    throw mismatched(keyword, words: words, tag: tag, opener: opener)
                default:
                    throw TemplateError(
                        .unknownTag,
                        "unknown tag '\(keyword)'\(Suggestion.hint(for: keyword, among: Self.tagKeywords)): expected one of if, for, set, include, extends, block",
                        in: source, at: words[0].range)
                }
            }
        }
        if let opener {
            throw TemplateError(
                .unclosedBlock,
                "unclosed '\(opener.keyword)': expected '{% \(opener.closer) %}' before the end of the template",
                in: source, at: opener.range)
        }
        return (nodes, nil)
    }

    private func mismatched(_ keyword: String, words: [ExpressionToken], tag: SourceRange, opener: Opener?)
        -> TemplateError
    {
        let found =
            "'{% \(source.string(SourceRange(words[0].range.start, words[max(0, words.count - 2)].range.end))) %}'"
            .replacingAll("\n", with: " ")
        guard let opener else {
            let opens =
                switch keyword {
                case "endfor": "no 'for' is open"
                case "endblock": "no 'block' is open"
                default: "no 'if' is open"
                }
            return TemplateError(.mismatchedEndTag, "\(found) closes nothing: \(opens)", in: source, at: tag)
        }
        let openedAt = source.location(of: opener.range.start)
        let expected = (["{% \(opener.closer) %}"] + opener.intermediates.sorted().map { "{% \($0) %}" })
            .map { "'\($0)'" }.joined(separator: " or ")
        return TemplateError(
            .mismatchedEndTag,
            "expected \(expected) for the '\(opener.keyword)' opened at \(openedAt), found \(found)",
            in: source, at: tag)
    }

    // MARK: - Tags

    private mutating func parseConditional(_ words: [ExpressionToken], tag: SourceRange) throws -> Node {
        var branches: [ConditionalBranch] = []
        var condition = try parseCondition(words, from: 1, keyword: "if")
        var branchRange = tag
        var opener = Opener(keyword: "if", range: tag, closer: "endif", intermediates: ["elif", "else"])
        while true {
            let (body, terminator) = try parseNodes(opener: opener)
            guard let terminator else { break }  // parseNodes throws before this
            branches.append(ConditionalBranch(condition: condition, body: body, range: branchRange))
            switch terminator.keyword {
            case "endif":
                try expectEnd(terminator.arguments, at: 1, after: "'endif'")
                return .conditional(branches, otherwise: nil, tag)
            case "elif":
                condition = try parseCondition(terminator.arguments, from: 1, keyword: "elif")
                branchRange = terminator.range
            default:  // else, or else if
                if terminator.arguments.count > 1, terminator.arguments[1].kind == .identifier("if") {
                    condition = try parseCondition(terminator.arguments, from: 2, keyword: "else if")
                    branchRange = terminator.range
                    continue
                }
                try expectEnd(terminator.arguments, at: 1, after: "'else'")
                opener = Opener(keyword: "if", range: tag, closer: "endif", intermediates: [])
                let (otherwise, end) = try parseNodes(opener: opener)
                if let end { try expectEnd(end.arguments, at: 1, after: "'endif'") }
                return .conditional(branches, otherwise: otherwise, tag)
            }
        }
        return .conditional(branches, otherwise: nil, tag)
    }

    private func parseCondition(_ words: [ExpressionToken], from start: Int, keyword: String) throws -> Expression {
        guard words[start].kind != .end else {
            throw TemplateError(
                .invalidExpression, "expected a condition after '\(keyword)', found the end of the tag", in: source,
                at: words[start - 1].range)
        }
        var parser = ExpressionParser(source: source, tokens: words, filters: filters, position: start)
        return try parser.parseWhole()
    }

    private mutating func parseLoop(_ words: [ExpressionToken], tag: SourceRange) throws -> Loop {
        var index = 1
        func name(_ what: String) throws -> String {
            guard case .identifier(let name) = words[index].kind, !ExpressionParser.keywords.contains(name) else {
                throw TemplateError(
                    .invalidExpression,
                    "expected \(what) after '\(index == 1 ? "for" : ",")', found \(words[index].quoted)",
                    in: source, at: words[index].kind == .end ? tag : words[index].range)
            }
            index += 1
            return name
        }
        var keyName: String?
        var valueName = try name("a loop variable name")
        if words[index].kind == .symbol(",") {
            index += 1
            keyName = valueName
            valueName = try name("the value's variable name")
        }
        for variable in [keyName, valueName].compactMap({ $0 }) where variable == "loop" {
            throw TemplateError(
                .invalidExpression, "'loop' is reserved for loop properties: expected another loop variable name",
                in: source, at: words[1].range)
        }
        guard words[index].kind == .identifier("in") else {
            throw TemplateError(
                .invalidExpression, "expected 'in' after the loop variable, found \(words[index].quoted)", in: source,
                at: words[index].kind == .end ? tag : words[index].range)
        }
        let sequence = try parseCondition(words, from: index + 1, keyword: "in")
        let opener = Opener(keyword: "for", range: tag, closer: "endfor", intermediates: ["else"])
        let (body, terminator) = try parseNodes(opener: opener)
        var otherwise: [Node]?
        if let terminator, terminator.keyword == "else" {
            try expectEnd(terminator.arguments, at: 1, after: "'else'")
            let (elseBody, end) = try parseNodes(
                opener: Opener(keyword: "for", range: tag, closer: "endfor", intermediates: []))
            if let end { try expectEnd(end.arguments, at: 1, after: "'endfor'") }
            otherwise = elseBody
        } else if let terminator {
            try expectEnd(terminator.arguments, at: 1, after: "'endfor'")
        }
        return Loop(
            keyName: keyName, valueName: valueName, sequence: sequence, body: body, otherwise: otherwise, range: tag)
    }

    private func parseSet(_ words: [ExpressionToken], tag: SourceRange) throws -> Node {
        guard case .identifier(let name) = words[1].kind, !ExpressionParser.keywords.contains(name) else {
            throw TemplateError(
                .invalidExpression, "expected a variable name after 'set', found \(words[1].quoted)", in: source,
                at: words[1].kind == .end ? tag : words[1].range)
        }
        guard name != "loop" else {
            throw TemplateError(
                .invalidExpression, "'loop' is reserved for loop properties: expected another name", in: source,
                at: words[1].range)
        }
        guard words[2].kind == .symbol("=") else {
            throw TemplateError(
                .invalidExpression, "expected '=' after '\(name)', found \(words[2].quoted)", in: source,
                at: words[2].kind == .end ? tag : words[2].range)
        }
        let value = try parseCondition(words, from: 3, keyword: "=")
        return .set(name, value, tag)
    }

    private mutating func parseInclude(_ words: [ExpressionToken], tag: SourceRange) throws -> Include {
        guard case .string(let name) = words[1].kind else {
            throw TemplateError(
                .invalidExpression, "expected the partial's name as a string after 'include', found \(words[1].quoted)",
                in: source, at: words[1].kind == .end ? tag : words[1].range)
        }
        references.append(TemplateReference(relation: .include, name: name, range: words[1].range))
        var arguments: [(name: String, value: Expression)] = []
        if words[2].kind != .end {
            guard words[2].kind == .identifier("with") else {
                throw TemplateError(
                    .invalidExpression,
                    "expected 'with' or the end of the tag after the partial's name, found \(words[2].quoted)",
                    in: source, at: words[2].range)
            }
            var parser = ExpressionParser(source: source, tokens: words, filters: filters, position: 3)
            repeat {
                let token = parser.current
                guard case .identifier(let argument) = token.kind, !ExpressionParser.keywords.contains(argument) else {
                    throw TemplateError(
                        .invalidExpression,
                        "expected an argument name (as in 'with label=expr'), found \(token.quoted)",
                        in: source, at: token.kind == .end ? tag : token.range)
                }
                guard argument != "loop" else {
                    throw TemplateError(
                        .invalidExpression, "'loop' is reserved for loop properties: expected another argument name",
                        in: source, at: token.range)
                }
                if arguments.contains(where: { $0.name == argument }) {
                    throw TemplateError(
                        .invalidExpression, "argument '\(argument)' is given twice", in: source, at: token.range)
                }
                parser.advance()
                try parser.expect("=", after: "'\(argument)'")
                arguments.append((argument, try parser.parseExpression()))
            } while parser.consume(",")
            try parser.expectEnd()
        }
        return Include(name: name, nameRange: words[1].range, arguments: arguments, range: tag)
    }

    private mutating func parseBlock(_ words: [ExpressionToken], tag: SourceRange) throws -> Node {
        guard case .identifier(let name) = words[1].kind else {
            throw TemplateError(
                .invalidExpression, "expected a block name after 'block', found \(words[1].quoted)", in: source,
                at: words[1].kind == .end ? tag : words[1].range)
        }
        try expectEnd(words, at: 2, after: "the block name")
        if let existing = blocks[name]?.range ?? openBlocks.first(where: { $0.name == name })?.range {
            throw TemplateError(
                .invalidStructure,
                "block '\(name)' is defined twice: it was first defined at \(source.location(of: existing.start))",
                in: source, at: words[1].range)
        }
        openBlocks.append((name, tag))
        let (body, terminator) = try parseNodes(
            opener: Opener(keyword: "block", range: tag, closer: "endblock", intermediates: []))
        openBlocks.removeLast()
        if let terminator, terminator.arguments[1].kind != .end {
            let closing = terminator.arguments[1]
            guard case .identifier(let closingName) = closing.kind, closingName == name else {
                throw TemplateError(
                    .mismatchedEndTag, "expected '{% endblock %}' or '{% endblock \(name) %}', found \(closing.quoted)",
                    in: source, at: closing.kind == .end ? terminator.range : closing.range)
            }
            try expectEnd(terminator.arguments, at: 2, after: "the block name")
        }
        blocks[name] = Block(name: name, body: body, range: tag)
        return .block(name, tag)
    }

    private func expectEnd(_ words: [ExpressionToken], at index: Int, after what: String) throws {
        guard index < words.count, words[index].kind != .end else { return }
        throw TemplateError(
            .invalidExpression, "expected the end of the tag after \(what), found \(words[index].quoted)", in: source,
            at: words[index].range)
    }

    func range(of node: Node) -> SourceRange {
        switch node {
        case .text(_, let range), .output(_, let range), .superBlock(let range), .conditional(_, _, let range),
            .set(_, _, let range), .block(_, let range):
            range
        case .loop(let loop): loop.range
        case .include(let include): include.range
        }
    }
}
