import Testing

@testable import HotpathTemplates

/// Every error points at the offending text: asserted with `‸` markers in the template, not
/// counted columns.
struct ErrorPositionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var marked: String
        var kind: TemplateError.Kind
        var message: String
        var testDescription: String { message }
    }

    static let cases: [Case] = [
        Case(
            marked: "<td>{{ op.mean | ‸numbr }}</td>", kind: .unknownFilter,
            message: "unknown filter 'numbr' (did you mean 'number'?)"),
        Case(
            marked: "a\n  ‸{{ x + ", kind: .unclosedTag,
            message: "unclosed '{{': expected '}}', found the end of the template"),
        Case(marked: "‸{{ x \n{{ y }}", kind: .unclosedTag, message: "unclosed '{{': expected '}}', found '{{' at 2:1"),
        Case(
            marked: "{# fine #} ‸{# never closed", kind: .unclosedTag,
            message: "unclosed '{#': expected '#}', found the end of the template"),
        Case(
            marked: "{{ ‸\"open }}", kind: .unclosedTag,
            message: "unterminated string literal: expected a closing \" on the same line"),
        Case(
            marked: "‸{% if x %}\n{% for y in ys %}{% endfor %}", kind: .unclosedBlock,
            message: "unclosed 'if': expected '{% endif %}' before the end of the template"),
        Case(
            marked: "{% for x in xs %}\n  ‸{% endif %}", kind: .mismatchedEndTag,
            message: "expected '{% endfor %}' or '{% else %}' for the 'for' opened at 1:1, found '{% endif %}'"),
        Case(
            marked: "text ‸{% endfor %}", kind: .mismatchedEndTag,
            message: "'{% endfor %}' closes nothing: no 'for' is open"),
        Case(
            marked: "{% if a %}{% else %}‸{% else %}{% endif %}", kind: .mismatchedEndTag,
            message: "expected '{% endif %}' for the 'if' opened at 1:1, found '{% else %}'"),
        Case(
            marked: "{% block a %}{% endblock ‸b %}", kind: .mismatchedEndTag,
            message: "expected '{% endblock %}' or '{% endblock a %}', found 'b'"),
        Case(
            marked: "{% ‸iff x %}{% endif %}", kind: .unknownTag,
            message: "unknown tag 'iff' (did you mean 'if'?): expected one of if, for, set, include, extends, block"),
        Case(
            marked: "{{ a ‸b }}", kind: .invalidExpression,
            message: "expected an operator, a filter or the end of the tag, found 'b'"),
        Case(
            marked: "{{ (a + 1 ‸}}", kind: .invalidExpression,
            message: "expected ')' after the parenthesized expression, found the end of the tag"),
        Case(
            marked: "{% if a ‸= 1 %}{% endif %}", kind: .invalidExpression,
            message: "expected '==' to compare, found '='"),
        Case(marked: "{{ a ‸&& b }}", kind: .invalidExpression, message: "expected 'and', found '&&'"),
        Case(
            marked: "{% for ‸in xs %}{% endfor %}", kind: .invalidExpression,
            message: "expected a loop variable name after 'for', found 'in'"),
        Case(marked: "{% set x ‸1 %}", kind: .invalidExpression, message: "expected '=' after 'x', found '1'"),
        Case(marked: "{{ x | ‸1 }}", kind: .invalidExpression, message: "expected a filter name after '|', found '1'"),
        Case(
            marked: "{{ \"a‸\\q\" }}", kind: .invalidExpression,
            message: "unknown escape '\\q' in string literal (expected \\\\, \\\", \\', \\n, \\t, \\r, \\0 or \\u{…})"),
        Case(marked: "{{ ‸12abc }}", kind: .invalidExpression, message: "expected a number or a name, found '12abc'"),
        Case(
            marked: "‸{{ }}", kind: .invalidExpression,
            message: "empty output tag: expected an expression between '{{' and '}}'"),
        Case(
            marked: "{{ ‸super() }}", kind: .invalidStructure,
            message: "'super()' outside a block: expected it inside '{% block %}'"),
        Case(
            marked: "{% block a %}{% endblock %}{% block ‸a %}{% endblock %}", kind: .invalidStructure,
            message: "block 'a' is defined twice: it was first defined at 1:1"),
        Case(
            marked: "{{ d | ‸fixed(1, 2) }}", kind: .invalidArguments,
            message: "filter 'fixed' takes 1 argument, found 2"),
    ]

    @Test(arguments: cases)
    func compileErrorsPointAtTheOffendingText(_ testCase: Case) throws {
        let marked = MarkedText(testCase.marked)
        let error = try #require(renderError(marked.text, context: ["x": 1, "a": 1, "b": 1, "xs": [], "ys": []]))
        #expect(error.kind == testCase.kind)
        #expect(error.message == testCase.message)
        #expect(error.line == marked.line, "line")
        #expect(error.column == marked.column, "column")
        #expect(error.templateName == "test.html")
    }

    @Test func descriptionPrintsLikeACompiler() throws {
        let page = MarkedText("<table>\n  <td>{{ op.mean | ‸numbr }}</td>\n</table>")
        let sources = [
            "layout.html": "<body>\n  {% block content %}{% endblock %}\n</body>",
            "pages/run.html":
                #"{% extends "layout.html" %}{% block content %}{% include "partials/table.html" %}{% endblock %}"#,
            "partials/table.html": page.text,
        ]
        let error = try #require(throws: TemplateError.self) {
            try TemplateManager(sources: sources).render("pages/run.html", context: ["op": ["mean": 1]])
        }
        #expect(
            error.description == """
                partials/table.html:2:20: error: unknown filter 'numbr' (did you mean 'number'?)
                    2 |   <td>{{ op.mean | numbr }}</td>
                      |                    ^~~~~
                  included from pages/run.html:1:47
                  in block 'content' placed by layout.html:2:3
                  used as layout by pages/run.html:1:1
                """)
    }

    @Test func caretKeepsTabsSoItLinesUp() throws {
        let error = try #require(renderError("\t\t{{ nope }}"))
        #expect(error.description.hasSuffix("\t\t   ^~~~"))
    }

    @Test func undefinedVariableSuggestsAVisibleName() throws {
        let marked = MarkedText("{% for op in ops %}{{ ‸oq.name }}{% endfor %}")
        let error = try #require(renderError(marked.text, context: ["ops": [["name": "a"]]]))
        #expect(error.kind == .undefinedVariable)
        #expect(
            error.message
                == "undefined variable 'oq' (did you mean 'op'?) (write 'oq | default(…)' where it may be missing)")
        #expect((error.line, error.column) == (marked.line, marked.column))
    }

    @Test func missingKeySuggestsAKey() throws {
        let marked = MarkedText("{{ op.‸meen }}")
        let error = try #require(renderError(marked.text, context: ["op": ["mean": 1, "name": "x"]]))
        #expect(error.kind == .undefinedVariable)
        #expect(error.message == "'op' has no key 'meen' (did you mean 'mean'?)")
        #expect((error.line, error.column) == (marked.line, marked.column))
    }

    @Test func filterOnTheWrongTypePointsAtTheFilter() throws {
        let marked = MarkedText("<td>{{ op.name | ‸number }}</td>")
        let error = try #require(renderError(marked.text, context: ["op": ["name": "parse"]]))
        #expect(error.kind == .typeMismatch)
        #expect(error.message == #"filter 'number' expects a number, found a string "parse""#)
        #expect((error.line, error.column) == (marked.line, marked.column))
        #expect(error.highlightLength == 6)
    }

    @Test func badFilterArgumentPointsAtTheArgument() throws {
        let marked = MarkedText("{{ x | number(‸\"two\") }}")
        let error = try #require(renderError(marked.text, context: ["x": 0.5]))
        #expect(error.message == #"argument 1 of filter 'number' expects an integer decimals, found a string "two""#)
        #expect((error.line, error.column) == (marked.line, marked.column))
    }

    @Test func outputOfNullOrAnArrayIsAnError() throws {
        let null = try #require(renderError("{{ op.note }}", context: ["op": ["note": nil]]))
        #expect(null.kind == .typeMismatch)
        #expect(
            null.message
                == "'op.note' is null: expected a value to output (write '| default(…)' to show something else)")
        let array = try #require(renderError("{{ ops }}", context: ["ops": [1]]))
        #expect(array.message.hasPrefix("cannot output an array of 1 ('ops')"))
    }

    @Test func indexOutOfRangeAndLookupsInTheWrongKind() throws {
        #expect(
            renderError("{{ xs.3 }}", context: ["xs": [1]])?.message == "index 3 is out of range: 'xs' has 1 element")
        #expect(
            renderError("{{ s.name }}", context: ["s": "text"])?.message
                == #"cannot look up 'name' in a string "text" ('s')"#)
        #expect(
            renderError("{{ n.x }}", context: ["n": nil])?.message
                == "'n' is null, so it has no 'x' (write '| default(…)' where it may be missing)")
    }

    @Test func missingPageHasNoPosition() throws {
        let error = try #require(throws: TemplateError.self) {
            try TemplateManager(sources: ["pages/run.html": ""]).render("pages/rn.html", context: [:])
        }
        #expect(error.kind == .missingTemplate)
        #expect(error.line == nil)
        #expect(
            error.description
                == "pages/rn.html: error: no template named 'pages/rn.html' (did you mean 'pages/run.html'?)")
    }
}

/// `default` is the one way to tolerate a missing value.
struct DefaultFilterTests {
    @Test func defaultCoversUndefinedNullAndMissingKeys() throws {
        let context: [String: TemplateValue] = ["op": ["note": nil, "inner": ["x": 1]], "empty": ""]
        #expect(try render(#"{{ missing | default("–") }}"#, context: context) == "–")
        #expect(try render(#"{{ op.note | default("–") }}"#, context: context) == "–")
        #expect(try render(#"{{ op.nothing.deeper | default("–") }}"#, context: context) == "–")
        #expect(try render(#"{{ nothing.at.all | default("–") }}"#, context: context) == "–")
        #expect(try render(#"{{ op.inner.x | default("–") }}"#, context: context) == "1")
        #expect(try render(#"{{ empty | default("–") }}"#, context: context) == "")
        #expect(try render(#"{{ xs.5 | default("none") }}"#, context: ["xs": [1]]) == "none")
    }

    @Test func undefinedFlowsThroughFiltersToDefault() throws {
        #expect(try render(#"{{ missing | upper | default("–") }}"#) == "–")
        #expect(try render("{% if flag | default(false) %}on{% else %}off{% endif %}") == "off")
    }

    @Test func defaultsArgumentIsOnlyEvaluatedWhenNeeded() throws {
        #expect(try render("{{ x | default(undefined_too) }}", context: ["x": 1]) == "1")
        #expect(renderError("{{ x | default(undefined_too) }}")?.kind == .undefinedVariable)
    }

    @Test func withoutDefaultAnUndefinedVariableIsAnError() throws {
        let error = try #require(renderError("{{ missing }}"))
        #expect(error.kind == .undefinedVariable)
        #expect(renderError("{% if missing %}{% endif %}")?.kind == .undefinedVariable)
        #expect(renderError("{% for x in missing %}{% endfor %}")?.kind == .undefinedVariable)
    }
}
