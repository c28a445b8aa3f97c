import Testing

@testable import HotpathTemplates

/// Literals, paths, operators and precedence.
struct ExpressionTests {
    @Test(arguments: [
        (#"{{ "a\"b" }}"#, "a&quot;b"),
        (#"{{ 'it\'s' }}"#, "it&#39;s"),
        (#"{{ "tab\tnew\nline\\" }}"#, "tab\tnew\nline\\"),
        (#"{{ "\u{1F525}" }}"#, "🔥"),
        ("{{ 42 }}", "42"),
        ("{{ -7 }}", "-7"),
        ("{{ 2.5 }}", "2.5"),
        ("{{ 1e3 }}", "1000.0"),
        ("{{ true }} {{ false }}", "true false"),
        ("{{ null | default(1) }}", "1"),
        ("{{ [1, 2] | length }}", "2"),
    ])
    func literals(source: String, expected: String) throws {
        #expect(try render(source) == expected)
    }

    @Test func pathsReachKeysAndIndexes() throws {
        let context: [String: TemplateValue] = [
            "run": ["ops": [["name": "first"], ["name": "second"]], "meta key": "spaced"], "key": "meta key", "i": 1,
        ]
        #expect(try render("{{ run.ops.0.name }}/{{ run.ops.1.name }}", context: context) == "first/second")
        #expect(
            try render("{{ run.ops[i].name }} {{ run[key] }} {{ run['ops'][0]['name'] }}", context: context)
                == "second spaced first")
    }

    @Test(arguments: [
        ("1 == 1.0", "true"), ("1 != 2", "true"), ("2 < 10", "true"), ("2.5 >= 2", "true"), ("\"b\" > \"a\"", "true"),
        ("\"10\" < \"9\"", "true"), ("\"a\" == 1", "false"), ("null == null", "true"), ("[1, 2] == [1.0, 2]", "true"),
        ("1 < 2 and 2 < 3", "true"), ("1 > 2 or not false", "true"), ("not 1 == 2", "true"),
        ("(1 < 2) == true", "true"),
        ("2 in [1, 2]", "true"), ("\"b\" in \"abc\"", "true"), ("\"k\" in d", "true"), ("3 not in [1, 2]", "true"),
        ("1 + 2 * 3", "7"), ("(1 + 2) * 3", "9"), ("7 / 2", "3.5"), ("7 % 3", "1"), ("10 - 2 - 3", "5"),
        ("\"a\" + \"b\"", "ab"), ("-d.k", "-3"), ("d.k * 2.5", "7.5"), ("xs | length > 2", "true"),
        ("xs | length + 1", "4"), ("0 or \"fallback\"", "fallback"), ("\"x\" and 5", "5"),
        ("nan > 0 or nan <= 0", "false"),
    ])
    func operators(expression: String, expected: String) throws {
        let context: [String: TemplateValue] = ["d": ["k": 3], "xs": [1, 2, 3], "nan": .double(.nan)]
        #expect(try render("{{ \(expression) }}", name: "t.txt", context: context) == expected)
    }

    @Test func andOrShortCircuit() throws {
        #expect(try render("{{ false and missing }}{{ true or missing }}") == "falsetrue")
    }

    @Test(arguments: [
        ("\"a\" < 1", "'<' compares two numbers or two strings, found a string \"a\" and an integer 1"),
        ("[1] + 1", "'+' adds two numbers or joins two strings, found an array of 1 and an integer 1"),
        ("1 / 0", "division by zero"),
        (
            "1 in 2",
            "'in' needs an array, a dictionary (with a string key) or a string (with a string), found an integer 1 and an integer 2"
        ),
        ("-\"a\"", "'-' needs a number, found a string \"a\""),
    ])
    func operatorErrors(expression: String, message: String) throws {
        let error = try #require(renderError("{{ \(expression) }}"))
        #expect(error.message == message)
    }

    @Test func integerOverflowBecomesADouble() throws {
        #expect(try render("{{ big + 1 }}", name: "t.txt", context: ["big": .int(Int.max)]) == "9.223372036854776e+18")
    }

    @Test func nonFiniteNumbersPrintAsWords() throws {
        #expect(try render("{{ a }} {{ b }}", context: ["a": .double(.nan), "b": .double(-.infinity)]) == "NaN -∞")
    }
}
