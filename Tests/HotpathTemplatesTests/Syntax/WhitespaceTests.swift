import Testing

@testable import HotpathTemplates

/// Whitespace control: dashes, and lines holding only block tags disappearing.
struct WhitespaceTests {
    @Test func dashesTrimAllWhitespaceOnTheirSide() throws {
        #expect(try render("a  \n {{- x -}} \n  b", context: ["x": 1]) == "a1b")
        #expect(try render("a \n{{- x }} \nb", context: ["x": 1]) == "a1 \nb")
        #expect(try render("a \n{{ x -}} \n b", context: ["x": 1]) == "a \n1b")
        #expect(
            try render(
                "<ul>\n  {%- for i in xs -%}\n  <li>{{ i }}</li>\n  {%- endfor -%}\n</ul>", context: ["xs": [1, 2]])
                == "<ul><li>1</li><li>2</li></ul>")
        #expect(try render("a\n  {#- note -#}\n  b") == "ab")
    }

    @Test func aLineWithOnlyABlockTagDisappears() throws {
        let source = """
            <ul>
              {% for i in xs %}
              <li>{{ i }}</li>
              {% endfor %}
            </ul>

            """
        #expect(try render(source, context: ["xs": [1, 2]]) == "<ul>\n  <li>1</li>\n  <li>2</li>\n</ul>\n")
    }

    @Test func commentsAndSeveralTagsOnOneLineDisappearToo() throws {
        let source = """
            a
              {# a comment
                 over two lines #}
            {% if x %}{% if y %}
            b
            {% endif %} {% endif %}
            c
            """
        #expect(try render(source, context: ["x": true, "y": true]) == "a\nb\nc")
    }

    @Test func blockTagsSharingALineWithTextKeepEveryCharacter() throws {
        #expect(try render("a {% if x %}b{% endif %} c\n", context: ["x": true]) == "a b c\n")
        #expect(try render("  {% if x %}b{% endif %}\n", context: ["x": true]) == "  b\n")
        #expect(try render("{{ y }} {% if x %}\nb{% endif %}", context: ["x": true, "y": 1]) == "1 \nb")
    }

    @Test func markdownTableRowsComeOutClean() throws {
        let source = """
            | Operation | Mean |
            | --- | ---: |
            {% for op in ops %}
            | {{ op.name }} | {{ op.mean | number }} |
            {% endfor %}

            Done.
            """
        let output = try render(
            source, name: "report.md", context: ["ops": [["name": "a", "mean": 1_500], ["name": "b", "mean": 12]]])
        #expect(output == "| Operation | Mean |\n| --- | ---: |\n| a | 1,500 |\n| b | 12 |\n\nDone.")
    }

    @Test func windowsLineEndingsAreHandled() throws {
        #expect(try render("a\r\n{% if x %}\r\nb\r\n{% endif %}\r\nc", context: ["x": true]) == "a\r\nb\r\nc")
    }

    @Test func outputTagsNeverTriggerLineRemoval() throws {
        #expect(try render("a\n{{ x }}\nb", context: ["x": "v"]) == "a\nv\nb")
    }
}
