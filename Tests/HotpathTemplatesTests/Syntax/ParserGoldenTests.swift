import Testing

@testable import HotpathTemplates

/// What the parser makes of templates, as tree dumps with `@line:col` positions, compared with
/// goldens under `Goldens/Parser/` (re-record with `RECORD_SNAPSHOTS=1`).
struct ParserGoldenTests {
    struct Fixture: CustomTestStringConvertible, Sendable {
        var name: String
        var source: String
        var testDescription: String { name }
    }

    static let fixtures: [Fixture] = [
        Fixture(
            name: "expressions.html",
            source: """
                {{ op.mean | truncate(2) }} {{ -3 + a * (b - 1) / 2 % 5 }}
                {{ not a and b or c == "x" }} {{ xs | length > 0 }} {{ 'k' not in d }}
                {{ run.ops.0.name }} {{ d[key] }} {{ [1, 2.5, true, null] }} {{ x | default("–") | upper }}
                """),
        Fixture(
            name: "control-flow.html",
            source: """
                {# a comment
                   over lines #}
                <ul>
                  {% for op in ops %}
                  {% set label = op.name | truncate(20) %}
                  <li>{{ loop.index }}. {{ label }}</li>
                  {% else %}
                  <li>none</li>
                  {% endfor %}
                </ul>
                {% if a > 1 %}big{% elif a == 1 %}one{% else if a < 0 %}negative{% else %}zero{% endif %}
                {% for key, value in stats -%}
                  {{ key }}={{ value }}
                {%- endfor %}

                """),
        Fixture(
            name: "layout.html",
            source: """
                <!DOCTYPE html>
                <title>{% block title %}Hotpath{% endblock %}</title>
                <main>
                {% block content %}
                  {% block inner %}default{% endblock %}
                {% endblock %}
                </main>
                {% include "partials/footer.html" with year=2026, who=run.author | default("someone") %}

                """),
        Fixture(
            name: "page.html",
            source: """
                {# a page #}
                {% extends "layout.html" %}
                {% set title = "Run " + run.name %}
                {% block title %}{{ title }} · {{ super() }}{% endblock %}
                {% block content %}
                <h1>{{ title }}</h1>
                {% endblock content %}

                """),
    ]

    @Test(arguments: fixtures)
    func treeDump(_ fixture: Fixture) throws {
        let manager = TemplateManager(sources: [fixture.name: fixture.source])
        let dump = try manager.dumpTree(fixture.name)
        try assertSnapshot(dump, named: "Parser/\(fixture.name).txt")
    }
}
