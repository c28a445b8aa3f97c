/// Parses expressions by precedence, loosest first:
///
/// | level | operators |
/// | --- | --- |
/// | or | `a or b` |
/// | and | `a and b` |
/// | not | `not a` |
/// | comparison | `==` `!=` `<` `<=` `>` `>=` `in` `not in` |
/// | additive | `+` `-` |
/// | multiplicative | `*` `/` `%` |
/// | negation | `-a` |
/// | postfix | `a.b` `a.0` `a[b]` `a \| filter(args)` |
///
/// Filters bind tightest, so `ops | length > 0` compares the length, and `-x | abs` negates the
/// filtered value.
struct ExpressionParser {
    let source: TemplateSource
    let tokens: [ExpressionToken]
    let filters: TemplateFilterRegistry
    private(set) var position: Int
    /// How deeply the expression being parsed nests; bounded so that a hostile template
    /// (`((((…` ten thousand deep) is an error rather than a stack overflow.
    private var depth = 0
    static let maximumDepth = 128

    static let keywords: Set<String> = ["and", "or", "not", "in", "true", "false", "null"]

    init(source: TemplateSource, tokens: [ExpressionToken], filters: TemplateFilterRegistry, position: Int = 0) {
        self.source = source
        self.tokens = tokens
        self.filters = filters
        self.position = position
    }

    var current: ExpressionToken { tokens[min(position, tokens.count - 1)] }

    mutating func advance() {
        if position < tokens.count - 1 { position += 1 }
    }

    mutating func consume(_ symbol: String) -> Bool {
        guard current.kind == .symbol(symbol) else { return false }
        advance()
        return true
    }

    mutating func expect(_ symbol: String, after what: String) throws {
        guard consume(symbol) else {
            throw TemplateError(
                .invalidExpression, "expected '\(symbol)' after \(what), found \(current.quoted)", in: source,
                at: current.range)
        }
    }

    func expectEnd() throws {
        guard current.kind != .end else { return }
        throw TemplateError(
            .invalidExpression, "expected an operator, a filter or the end of the tag, found \(current.quoted)",
            in: source, at: current.range)
    }

    /// An expression that must use up the rest of the tag.
    mutating func parseWhole() throws -> Expression {
        let expression = try parseExpression()
        try expectEnd()
        return expression
    }

    mutating func parseExpression() throws -> Expression {
        try enter()
        defer { depth -= 1 }
        let expression = try parseOr()
        guard expression.height <= Self.maximumDepth else {
            throw TemplateError(
                .invalidExpression, "expression nests more than \(Self.maximumDepth) levels deep", in: source,
                at: expression.range)
        }
        return expression
    }

    private mutating func enter() throws {
        depth += 1
        guard depth <= Self.maximumDepth else {
            throw TemplateError(
                .invalidExpression, "expression nests more than \(Self.maximumDepth) levels deep", in: source,
                at: current.range)
        }
    }

    private mutating func parseOr() throws -> Expression {
        var left = try parseAnd()
        while current.kind == .identifier("or") {
            let focus = current.range
            advance()
            let right = try parseAnd()
            left = Expression(.binary(.or, left, right), range: .covering(left.range, right.range), focus: focus)
        }
        return left
    }

    private mutating func parseAnd() throws -> Expression {
        var left = try parseNot()
        while current.kind == .identifier("and") {
            let focus = current.range
            advance()
            let right = try parseNot()
            left = Expression(.binary(.and, left, right), range: .covering(left.range, right.range), focus: focus)
        }
        return left
    }

    private mutating func parseNot() throws -> Expression {
        guard current.kind == .identifier("not") else { return try parseComparison() }
        let focus = current.range
        advance()
        try enter()
        defer { depth -= 1 }
        let operand = try parseNot()
        return Expression(.unary(.not, operand), range: .covering(focus, operand.range), focus: focus)
    }

    private mutating func parseComparison() throws -> Expression {
        var left = try parseAdditive()
        while true {
            let focus = current.range
            let op: BinaryOperator
            switch current.kind {
            case .symbol("=="): op = .equal
            case .symbol("!="): op = .notEqual
            case .symbol("<"): op = .less
            case .symbol("<="): op = .lessOrEqual
            case .symbol(">"): op = .greater
            case .symbol(">="): op = .greaterOrEqual
            case .identifier("in"): op = .in
            case .identifier("not") where tokens[min(position + 1, tokens.count - 1)].kind == .identifier("in"):
                advance()
                op = .notIn
            case .symbol("="):
                throw TemplateError(
                    .invalidExpression, "expected '==' to compare, found '='", in: source, at: current.range)
            default:
                return left
            }
            advance()
            let right = try parseAdditive()
            left = Expression(
                .binary(op, left, right), range: .covering(left.range, right.range),
                focus: SourceRange(focus.start, op == .notIn ? tokens[position - 1].range.end : focus.end))
        }
    }

    private mutating func parseAdditive() throws -> Expression {
        var left = try parseMultiplicative()
        while current.kind == .symbol("+") || current.kind == .symbol("-") {
            let op: BinaryOperator = current.kind == .symbol("+") ? .add : .subtract
            let focus = current.range
            advance()
            let right = try parseMultiplicative()
            left = Expression(.binary(op, left, right), range: .covering(left.range, right.range), focus: focus)
        }
        return left
    }

    private mutating func parseMultiplicative() throws -> Expression {
        var left = try parseNegation()
        while true {
            let op: BinaryOperator
            switch current.kind {
            case .symbol("*"): op = .multiply
            case .symbol("/"): op = .divide
            case .symbol("%"): op = .remainder
            default: return left
            }
            let focus = current.range
            advance()
            let right = try parseNegation()
            left = Expression(.binary(op, left, right), range: .covering(left.range, right.range), focus: focus)
        }
    }

    private mutating func parseNegation() throws -> Expression {
        guard current.kind == .symbol("-") else { return try parsePostfix() }
        let focus = current.range
        advance()
        try enter()
        defer { depth -= 1 }
        let operand = try parseNegation()
        // Fold `-3` into a literal, so `-3` dumps and compares as the number it is.
        if case .literal(let value) = operand.kind, focus.end == operand.range.start {
            switch value {
            case .int(let number) where number != Int.min:
                return Expression(.literal(.int(-number)), range: .covering(focus, operand.range))
            case .double(let number):
                return Expression(.literal(.double(-number)), range: .covering(focus, operand.range))
            default: break
            }
        }
        return Expression(.unary(.negate, operand), range: .covering(focus, operand.range), focus: focus)
    }

    private mutating func parsePostfix() throws -> Expression {
        var expression = try parsePrimary()
        while true {
            switch current.kind {
            case .symbol("."):
                advance()
                let member = current
                let name: String
                switch member.kind {
                case .identifier(let identifier): name = identifier
                case .int(let index): name = String(index)
                default:
                    throw TemplateError(
                        .invalidExpression, "expected a key or an index after '.', found \(member.quoted)", in: source,
                        at: member.range)
                }
                advance()
                expression = Expression(
                    .member(expression, name), range: .covering(expression.range, member.range), focus: member.range)
            case .symbol("["):
                let open = current.range
                advance()
                let key = try parseExpression()
                let close = current.range
                try expect("]", after: "the subscript")
                expression = Expression(
                    .subscripted(expression, key), range: .covering(expression.range, close),
                    focus: .covering(open, close))
            case .symbol("|"):
                advance()
                expression = try parseFilter(on: expression)
            default:
                return expression
            }
        }
    }

    private mutating func parseFilter(on input: Expression) throws -> Expression {
        let nameToken = current
        guard case .identifier(let name) = nameToken.kind else {
            throw TemplateError(
                .invalidExpression, "expected a filter name after '|', found \(nameToken.quoted)", in: source,
                at: nameToken.range)
        }
        guard let filter = filters[name] else {
            throw TemplateError(
                .unknownFilter, "unknown filter '\(name)'\(Suggestion.hint(for: name, among: filters.names))",
                in: source, at: nameToken.range)
        }
        advance()
        var arguments: [Expression] = []
        var end = nameToken.range
        if current.kind == .symbol("(") {
            advance()
            if current.kind != .symbol(")") {
                repeat {
                    arguments.append(try parseExpression())
                } while consume(",")
            }
            end = current.range
            try expect(")", after: "the filter's arguments")
        }
        guard filter.argumentCount.contains(arguments.count) else {
            let counts = filter.argumentCount
            let takes =
                counts.lowerBound == counts.upperBound
                ? "\(counts.lowerBound) argument\(counts.lowerBound == 1 ? "" : "s")"
                : "\(counts.lowerBound) to \(counts.upperBound) arguments"
            throw TemplateError(
                .invalidArguments, "filter '\(name)' takes \(takes), found \(arguments.count)", in: source,
                at: .covering(nameToken.range, end))
        }
        let call = FilterCall(
            name: name, arguments: arguments, filter: filter, special: name == "default" ? .default : .none)
        return Expression(.filter(input, call), range: .covering(input.range, end), focus: nameToken.range)
    }

    private mutating func parsePrimary() throws -> Expression {
        let token = current
        switch token.kind {
        case .int(let value):
            advance()
            return Expression(.literal(.int(value)), range: token.range)
        case .double(let value):
            advance()
            return Expression(.literal(.double(value)), range: token.range)
        case .string(let value):
            advance()
            return Expression(.literal(.string(value)), range: token.range)
        case .identifier("true"):
            advance()
            return Expression(.literal(.bool(true)), range: token.range)
        case .identifier("false"):
            advance()
            return Expression(.literal(.bool(false)), range: token.range)
        case .identifier("null"):
            advance()
            return Expression(.literal(.null), range: token.range)
        case .identifier(let name) where !Self.keywords.contains(name):
            advance()
            return Expression(.variable(name), range: token.range)
        case .symbol("("):
            advance()
            let inner = try parseExpression()
            let close = current.range
            try expect(")", after: "the parenthesized expression")
            return Expression(inner.kind, range: .covering(token.range, close), focus: inner.focus)
        case .symbol("["):
            advance()
            var elements: [Expression] = []
            if current.kind != .symbol("]") {
                repeat {
                    elements.append(try parseExpression())
                } while consume(",")
            }
            let close = current.range
            try expect("]", after: "the list's elements")
            return Expression(.list(elements), range: .covering(token.range, close))
        default:
            throw TemplateError(
                .invalidExpression, "expected a value, a variable or '(', found \(token.quoted)", in: source,
                at: token.range)
        }
    }
}
