/// An expression in `{{ … }}` or a tag: a tree of values, variables, operators and filters.
struct Expression: Sendable {
    indirect enum Kind: Sendable {
        case literal(TemplateValue)
        /// `[a, b]`.
        case list([Expression])
        case variable(String)
        /// `base.name` (and `items.0`, where the name is digits).
        case member(Expression, String)
        /// `base[key]`.
        case subscripted(Expression, Expression)
        case filter(Expression, FilterCall)
        case unary(UnaryOperator, Expression)
        case binary(BinaryOperator, Expression, Expression)
    }

    var kind: Kind
    /// The whole expression.
    var range: SourceRange
    /// What an error about this node underlines: the member name, the filter name, the operator.
    var focus: SourceRange

    /// The number of levels of the tree, this node included: the parser refuses trees so deep
    /// that evaluating them recursively could exhaust a thread's stack.
    var height: Int

    init(_ kind: Kind, range: SourceRange, focus: SourceRange? = nil) {
        self.kind = kind
        self.range = range
        self.focus = focus ?? range
        switch kind {
        case .literal, .variable:
            height = 1
        case .list(let elements):
            height = 1 + (elements.map(\.height).max() ?? 0)
        case .member(let base, _), .unary(_, let base):
            height = 1 + base.height
        case .subscripted(let base, let key):
            height = 1 + max(base.height, key.height)
        case .filter(let input, let call):
            height = 1 + max(input.height, call.arguments.map(\.height).max() ?? 0)
        case .binary(_, let left, let right):
            height = 1 + max(left.height, right.height)
        }
    }
}

/// `| name(arguments)`, with the filter looked up when the template was compiled.
///
/// A class, so that the renderer takes one reference to it per evaluation instead of copying
/// (and retaining) each field.
final class FilterCall: Sendable {
    enum Special: Sendable {
        case none
        /// `default(…)`: sees undefined values and evaluates its argument only when needed.
        case `default`
    }

    let name: String
    let arguments: [Expression]
    let filter: TemplateFilter
    let special: Special

    init(name: String, arguments: [Expression], filter: TemplateFilter, special: Special) {
        self.name = name
        self.arguments = arguments
        self.filter = filter
        self.special = special
    }
}

enum UnaryOperator: String, Sendable {
    case not
    case negate = "-"
}

enum BinaryOperator: String, Sendable {
    case or, and
    case equal = "==", notEqual = "!="
    case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case `in`, notIn = "not in"
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"
}
