import Testing

@testable import HotpathTemplates

/// `if`, `for`, `set` and the scopes they make.
struct ControlFlowTests {
    @Test(arguments: [(5, "big"), (2, "small"), (0, "zero"), (-1, "negative")])
    func ifElifElseChains(n: Int, expected: String) throws {
        let source = "{% if n > 3 %}big{% elif n > 0 %}small{% else if n == 0 %}zero{% else %}negative{% endif %}"
        #expect(try render(source, context: ["n": .int(n)]) == expected)
    }

    @Test func filtersInConditions() throws {
        let source = "{% if ops | length > 0 %}{{ ops | length }} ops{% else %}none{% endif %}"
        #expect(try render(source, context: ["ops": [1, 2]]) == "2 ops")
        #expect(try render(source, context: ["ops": []]) == "none")
    }

    @Test func loopVariables() throws {
        let source =
            "{% for x in xs %}{{ loop.index }}/{{ loop.length }}:{{ x }}{% if loop.first %}(first){% endif %}{% if loop.last %}(last){% else %},{% endif %}{% endfor %}"
        #expect(try render(source, context: ["xs": ["a", "b", "c"]]) == "1/3:a(first),2/3:b,3/3:c(last)")
        #expect(
            try render(
                "{% for x in xs %}{{ loop.index0 }}{{ loop.revindex }}{{ loop.revindex0 }} {% endfor %}",
                context: ["xs": [1, 2]]) == "021 110 ")
    }

    @Test func emptyLoopsShowTheirElse() throws {
        let source = "{% for x in xs %}{{ x }}{% else %}nothing{% endfor %}"
        #expect(try render(source, context: ["xs": []]) == "nothing")
        #expect(try render(source, context: ["xs": [1]]) == "1")
        #expect(try render("{% for k, v in d %}{{ k }}{% else %}empty{% endfor %}", context: ["d": [:]]) == "empty")
    }

    @Test func dictionariesIterateInSortedKeyOrder() throws {
        let context: [String: TemplateValue] = ["d": ["zeta": 1, "alpha": 2, "mid": 3]]
        #expect(
            try render("{% for key, value in d %}{{ key }}={{ value }};{% endfor %}", context: context)
                == "alpha=2;mid=3;zeta=1;")
        #expect(try render("{% for key in d %}{{ key }} {% endfor %}", context: context) == "alpha mid zeta ")
    }

    @Test func nestedLoopsSeeTheirOwnLoopVariable() throws {
        let source =
            "{% for row in rows %}{% set outer = loop.index %}{% for cell in row %}{{ outer }}.{{ loop.index }}={{ cell }} {% endfor %}{% endfor %}"
        #expect(try render(source, context: ["rows": [["a", "b"], ["c"]]]) == "1.1=a 1.2=b 2.1=c ")
        #expect(
            try render("{% for x in xs %}{% set l = loop %}{{ l.index }}{{ l.last }}{% endfor %}", context: ["xs": [7]])
                == "1true")
    }

    @Test func setIsScopedToTheLoopBodyAndIterationButNotToIf() throws {
        let source = """
            {% set label = "outer" %}
            {% for x in xs %}
            {% if loop.first %}{% set label = "first" %}{% endif %}
            {{ label }}
            {% endfor %}
            {{ label }}
            {% if true %}{% set label = "from if" %}{% endif %}
            {{ label }}
            """
        #expect(try render(source, context: ["xs": [1, 2]]) == "first\nouter\nouter\nfrom if")
    }

    @Test func loopVariableShadowsAndIsRestored() throws {
        #expect(
            try render("{% for x in xs %}{{ x }}{% endfor %}{{ x }}", context: ["x": "global", "xs": [1]]) == "1global")
    }

    @Test func loopOverSomethingElseIsAnError() throws {
        let error = try #require(renderError("{% for x in n %}{% endfor %}", context: ["n": 3]))
        #expect(error.kind == .typeMismatch)
        #expect(error.message == "'for' needs an array or a dictionary, found an integer 3")
        let pairs = try #require(renderError("{% for k, v in xs %}{% endfor %}", context: ["xs": [1]]))
        #expect(pairs.message == "'for k, v in …' needs a dictionary, found an array of 1: use 'for v in …'")
    }

    @Test func loopOutsideALoopIsUndefined() throws {
        let error = try #require(renderError("{{ loop.index }}"))
        #expect(error.kind == .undefinedVariable)
        #expect(error.message == "'loop' is only defined inside a '{% for %}' loop")
        let property = try #require(renderError("{% for x in xs %}{{ loop.indx }}{% endfor %}", context: ["xs": [1]]))
        #expect(property.message.hasPrefix("'loop' has no property 'indx' (did you mean 'index'?)"))
    }
}

extension ControlFlowTests {
    @Test func loopCannotBeALoopVariable() throws {
        let error = try #require(renderError("{% for loop in xs %}{% endfor %}", context: ["xs": []]))
        #expect(error.message == "'loop' is reserved for loop properties: expected another loop variable name")
        #expect(renderError("{% set loop = 1 %}")?.kind == .invalidExpression)
    }
}
