/// Expression evaluation: variables, keys, operators and filters.
///
/// Evaluation is strict: an undefined variable or missing key is an error. Only the input of
/// `default(…)` is evaluated leniently, where "undefined" comes back as `nil` instead.
extension Renderer {
    func evaluate(_ expression: Expression, in template: Template) throws -> TemplateValue {
        if let value = try resolve(expression, in: template, lenient: false) { return value }
        // Strict resolution throws before it returns nil; this keeps the contract explicit.
        throw error(
            .undefinedVariable, "'\(template.source.string(expression.range))' is undefined", in: template,
            at: expression.range)
    }

    /// The value of `expression`; `nil` for undefined when `lenient`, an error otherwise.
    func resolve(_ expression: Expression, in template: Template, lenient: Bool) throws -> TemplateValue? {
        switch expression.kind {
        case .literal(let value):
            return value
        case .variable(let name):
            if let value = lookup(name) { return value }
            if lenient { return nil }
            throw undefinedVariable(name, at: expression.range, in: template)
        case .member(let base, let name):
            if case .variable("loop") = base.kind, let loop = innermostLoop {
                if let value = loop.property(name) { return value }
                throw error(
                    .undefinedVariable,
                    "'loop' has no property '\(name)'\(Suggestion.hint(for: name, among: LoopState.propertyNames)): expected one of \(LoopState.propertyNames.joined(separator: ", "))",
                    in: template, at: expression.focus)
            }
            guard let container = try resolve(base, in: template, lenient: lenient) else { return nil }
            return try member(name, of: container, base: base, at: expression.focus, in: template, lenient: lenient)
        case .subscripted(let base, let keyExpression):
            guard let container = try resolve(base, in: template, lenient: lenient) else { return nil }
            let key = try evaluate(keyExpression, in: template)
            switch key {
            case .string(let name):
                return try member(
                    name, of: container, base: base, at: keyExpression.range, in: template, lenient: lenient)
            case .int(let index):
                guard case .array = container else {
                    throw error(
                        .typeMismatch,
                        "an integer subscript needs an array, found \(container.briefDescription) ('\(template.source.string(base.range))')",
                        in: template, at: keyExpression.range)
                }
                return try member(
                    String(index), of: container, base: base, at: keyExpression.range, in: template, lenient: lenient)
            default:
                throw error(
                    .typeMismatch, "a subscript needs a string key or an integer index, found \(key.briefDescription)",
                    in: template, at: keyExpression.range)
            }
        case .list(let elements):
            var values: [TemplateValue] = []
            values.reserveCapacity(elements.count)
            for element in elements { values.append(try evaluate(element, in: template)) }
            return .array(values)
        case .filter(let input, let call):
            return try applyFilter(call, to: input, expression: expression, in: template, lenient: lenient)
        case .unary(let op, let operand):
            let value = try evaluate(operand, in: template)
            switch op {
            case .not:
                return .bool(!value.isTruthy)
            case .negate:
                switch value {
                case .int(let integer) where integer != Int.min: return .int(-integer)
                case .int(let integer): return .double(-Double(integer))
                case .double(let number): return .double(-number)
                default:
                    throw error(
                        .typeMismatch, "'-' needs a number, found \(value.briefDescription)", in: template,
                        at: expression.focus)
                }
            }
        case .binary(let op, let left, let right):
            return try binary(op, left, right, expression: expression, in: template)
        }
    }

    // MARK: - Variables

    func lookup(_ name: String) -> TemplateValue? {
        var index = frames.count - 1
        while index >= 0 {
            var slot = frames[index].names.count - 1
            while slot >= 0 {
                if frames[index].names[slot] == name { return frames[index].values[slot] }
                slot -= 1
            }
            if name == "loop", let loop = frames[index].loop { return loop.dictionary }
            index -= 1
        }
        return context[name]
    }

    var innermostLoop: LoopState? {
        var index = frames.count - 1
        while index >= 0 {
            if let loop = frames[index].loop { return loop }
            index -= 1
        }
        return nil
    }

    /// Every name visible here, for did-you-mean.
    var visibleNames: [String] {
        var names = Set(context.keys)
        for frame in frames {
            names.formUnion(frame.names)
            if frame.loop != nil { names.insert("loop") }
        }
        return names.sorted()
    }

    private func undefinedVariable(_ name: String, at range: SourceRange, in template: Template) -> TemplateError {
        if name == "loop" {
            return error(
                .undefinedVariable, "'loop' is only defined inside a '{% for %}' loop", in: template, at: range)
        }
        return error(
            .undefinedVariable,
            "undefined variable '\(name)'\(Suggestion.hint(for: name, among: visibleNames)) (write '\(name) | default(…)' where it may be missing)",
            in: template, at: range)
    }

    private func member(
        _ name: String, of container: TemplateValue, base: Expression, at focus: SourceRange, in template: Template,
        lenient: Bool
    ) throws -> TemplateValue? {
        switch container {
        case .dictionary(let dictionary):
            if let value = dictionary[name] { return value }
            if lenient { return nil }
            throw error(
                .undefinedVariable,
                "'\(template.source.string(base.range))' has no key '\(name)'\(Suggestion.hint(for: name, among: dictionary.keys.sorted()))",
                in: template, at: focus)
        case .array(let elements):
            guard let index = Int(name) else {
                throw error(
                    .typeMismatch,
                    "'\(template.source.string(base.range))' is an array: expected an index such as '.0', found '\(name)' (use '| length' for its size)",
                    in: template, at: focus)
            }
            if index >= 0, index < elements.count { return elements[index] }
            if lenient { return nil }
            throw error(
                .invalidValue,
                "index \(index) is out of range: '\(template.source.string(base.range))' has \(elements.count) element\(elements.count == 1 ? "" : "s")",
                in: template, at: focus)
        case .null:
            if lenient { return nil }
            throw error(
                .typeMismatch,
                "'\(template.source.string(base.range))' is null, so it has no '\(name)' (write '| default(…)' where it may be missing)",
                in: template, at: focus)
        default:
            throw error(
                .typeMismatch,
                "cannot look up '\(name)' in \(container.briefDescription) ('\(template.source.string(base.range))')",
                in: template, at: focus)
        }
    }

    // MARK: - Filters

    private func applyFilter(
        _ call: FilterCall, to input: Expression, expression: Expression, in template: Template, lenient: Bool
    ) throws -> TemplateValue? {
        if call.special == .default {
            if let value = try resolve(input, in: template, lenient: true), value != .null { return value }
            return try resolve(call.arguments[0], in: template, lenient: lenient)
        }
        guard let value = try resolve(input, in: template, lenient: lenient) else { return nil }
        var arguments: [TemplateValue] = []
        if !call.arguments.isEmpty {
            arguments.reserveCapacity(call.arguments.count)
            for argument in call.arguments { arguments.append(try evaluate(argument, in: template)) }
        }
        do {
            return try call.filter(value, arguments)
        } catch let failure as TemplateFilterError {
            let range =
                failure.argumentIndex.flatMap { $0 < call.arguments.count ? call.arguments[$0].range : nil }
                ?? expression.focus
            let subject =
                failure.argumentIndex.map { "argument \($0 + 1) of filter '\(call.name)'" } ?? "filter '\(call.name)'"
            throw error(failure.kind, "\(subject) \(failure.message)", in: template, at: range)
        } catch let templateError as TemplateError {
            throw templateError
        } catch let other {
            throw error(.invalidValue, "filter '\(call.name)' failed: \(other)", in: template, at: expression.focus)
        }
    }

    // MARK: - Operators

    private func binary(
        _ op: BinaryOperator, _ leftExpression: Expression, _ rightExpression: Expression, expression: Expression,
        in template: Template
    ) throws -> TemplateValue {
        let left = try evaluate(leftExpression, in: template)
        // `and` and `or` give back an operand, as in Python: `{{ name or "anonymous" }}`.
        switch op {
        case .and: return left.isTruthy ? try evaluate(rightExpression, in: template) : left
        case .or: return left.isTruthy ? left : try evaluate(rightExpression, in: template)
        default: break
        }
        let right = try evaluate(rightExpression, in: template)
        func mismatch(_ what: String) -> TemplateError {
            error(
                .typeMismatch, "'\(op.rawValue)' \(what), found \(left.briefDescription) and \(right.briefDescription)",
                in: template, at: expression.focus)
        }
        switch op {
        case .equal: return .bool(Self.equal(left, right))
        case .notEqual: return .bool(!Self.equal(left, right))
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            // NaN is not ordered: every comparison with it is false.
            if left.numberValue?.isNaN == true || right.numberValue?.isNaN == true, left.numberValue != nil,
                right.numberValue != nil
            {
                return .bool(false)
            }
            guard let order = Self.compare(left, right) else {
                throw mismatch("compares two numbers or two strings")
            }
            switch op {
            case .less: return .bool(order < 0)
            case .lessOrEqual: return .bool(order <= 0)
            case .greater: return .bool(order > 0)
            default: return .bool(order >= 0)
            }
        case .in, .notIn:
            let contained: Bool
            switch (left, right) {
            case (_, .array(let elements)): contained = elements.contains { Self.equal(left, $0) }
            case (.string(let key), .dictionary(let dictionary)): contained = dictionary[key] != nil
            case (.string(let needle), .string(let haystack)): contained = needle.isEmpty || haystack.contains(needle)
            default: throw mismatch("needs an array, a dictionary (with a string key) or a string (with a string)")
            }
            return .bool(op == .in ? contained : !contained)
        case .add:
            if case .string(let a) = left, case .string(let b) = right { return .string(a + b) }
            return try arithmetic(
                left, right, mismatch: mismatch("adds two numbers or joins two strings"), in: template,
                at: expression.focus
            ) {
                $0.addingReportingOverflow($1)
            } double: {
                $0 + $1
            }
        case .subtract:
            return try arithmetic(
                left, right, mismatch: mismatch("needs two numbers"), in: template, at: expression.focus
            ) {
                $0.subtractingReportingOverflow($1)
            } double: {
                $0 - $1
            }
        case .multiply:
            return try arithmetic(
                left, right, mismatch: mismatch("needs two numbers"), in: template, at: expression.focus
            ) {
                $0.multipliedReportingOverflow(by: $1)
            } double: {
                $0 * $1
            }
        case .divide:
            guard let a = left.numberValue, let b = right.numberValue else { throw mismatch("needs two numbers") }
            guard b != 0 else { throw error(.invalidValue, "division by zero", in: template, at: expression.focus) }
            return .double(a / b)
        case .remainder:
            guard let a = left.numberValue, let b = right.numberValue else { throw mismatch("needs two numbers") }
            guard b != 0 else {
                throw error(.invalidValue, "remainder of a division by zero", in: template, at: expression.focus)
            }
            if case .int(let x) = left, case .int(let y) = right {
                return .int(x.remainderReportingOverflow(dividingBy: y).partialValue)
            }
            return .double(a.truncatingRemainder(dividingBy: b))
        case .and, .or:
            return left
        }
    }

    private func arithmetic(
        _ left: TemplateValue, _ right: TemplateValue, mismatch: @autoclosure () -> TemplateError,
        in template: Template,
        at range: SourceRange, integer: (Int, Int) -> (partialValue: Int, overflow: Bool),
        double: (Double, Double) -> Double
    ) throws -> TemplateValue {
        if case .int(let a) = left, case .int(let b) = right {
            let result = integer(a, b)
            if !result.overflow { return .int(result.partialValue) }
            return .double(double(Double(a), Double(b)))
        }
        guard let a = left.numberValue, let b = right.numberValue else { throw mismatch() }
        return .double(double(a, b))
    }

    /// Template equality: numbers compare by value across `.int` and `.double`; everything else
    /// by kind and content.
    static func equal(_ left: TemplateValue, _ right: TemplateValue) -> Bool {
        switch (left, right) {
        case (.int(let a), .int(let b)): return a == b
        case (.int, .double), (.double, .int), (.double, .double):
            return left.numberValue == right.numberValue
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { equal($0, $1) }
        case (.dictionary(let a), .dictionary(let b)):
            return a.count == b.count && a.allSatisfy { key, value in b[key].map { equal(value, $0) } ?? false }
        default:
            return left == right
        }
    }

    /// -1, 0 or 1 for two numbers or two strings (or two markup texts); `nil` otherwise.
    static func compare(_ left: TemplateValue, _ right: TemplateValue) -> Int? {
        switch (left, right) {
        case (.int(let a), .int(let b)): return a < b ? -1 : a == b ? 0 : 1
        case (.string(let a), .string(let b)), (.markup(let a), .markup(let b)): return a < b ? -1 : a == b ? 0 : 1
        default:
            guard let a = left.numberValue, let b = right.numberValue else { return nil }
            return a < b ? -1 : a == b ? 0 : 1
        }
    }
}
