import Testing

@testable import HotpathTemplates

/// Whole pages through layouts, partials and loops, compared with goldens under
/// `Goldens/Pages/` (re-record with `RECORD_SNAPSHOTS=1`).
struct PageGoldenTests {
    static let sources: [String: String] = [
        "layout.html": """
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>{% block title %}Hotpath{% endblock %}</title>
        </head>
        <body>
          <nav>{% block nav %}<a href="{{ root }}index.html">Hotpath</a>{% endblock %}</nav>
          <main>
        {% block content %}
          {% endblock %}
          </main>
          <footer>Generated {{ run.date | date("datetime") }}</footer>
        </body>
        </html>

        """,
        "pages/run.html": """
        {% extends "layout.html" %}
        {% set title = "Run " + run.name %}
        {% block title %}{{ title }} · {{ super() }}{% endblock %}
        {% block nav %}{{ super() }} › {{ run.name }}{% endblock %}
        {% block content %}
            <h1>{{ title }}</h1>
            {{ run.chart }}
            <dl>
              {% for key, value in run.environment %}
              <dt>{{ key }}</dt><dd>{{ value }}</dd>
              {% endfor %}
            </dl>
            <table>
              <tbody>
              {% for op in run.ops %}
                {% include "partials/row.html" with op=op, rank=loop.index %}
              {% else %}
                <tr><td colspan="4">No operations.</td></tr>
              {% endfor %}
              </tbody>
            </table>
            {% if run.regressions | length > 0 %}
            <p class="warn">{{ run.regressions | length }} regression{% if run.regressions | length != 1 %}s{% endif %}: {{ run.regressions | join(", ") }}</p>
            {% endif %}
        {% endblock %}

        """,
        "partials/row.html": """
            <tr class="{% if op.change > 0.05 %}worse{% elif op.change < -0.05 %}better{% else %}same{% endif %}">
              <td>{{ rank }}</td>
              <td><a href="ops/{{ op.name | escape_url }}.html" title="{{ op.name }}">{{ op.name | truncate(24) }}</a></td>
              <td>{{ op.mean | duration }}{% include "partials/badge.html" with value=op.change %}</td>
              <td>{{ op.allocated | bytes }}</td>
            </tr>

        """,
        "partials/badge.html": #" <span class="badge">{{ value | change }}</span>"#,
        "report.md": """
        ## {{ run.name }}: {{ run.ops | length }} operations

        | # | Operation | Mean | Change | p |
        | ---: | --- | ---: | ---: | --- |
        {% for op in run.ops %}
        {% include "partials/row.md" %}
        {% endfor %}

        {% if run.regressions %}
        **Regressions:** {{ run.regressions | join(", ") }}
        {% endif %}
        _Generated {{ run.date | date }}._

        """,
        "partials/row.md": """
        | {{ loop.index }} | {{ op.name }} | {{ op.mean | duration }} | {{ op.change | change }} | {% if op.p != null %}{{ op.p | pvalue }}{% else %}–{% endif %} |

        """,
    ]

    static let context: [String: TemplateValue] = [
        "root": "../",
        "run": [
            "name": "nightly #812",
            "date": "2026-11-20T03:00:00+01:00",
            "chart": .markup(#"<svg viewBox="0 0 10 2"><rect width="7" height="2"/></svg>"#),
            "environment": ["swift": "6.3.1", "cpu": "x86_64 <2 cores>", "os": "Linux"],
            "regressions": ["Parser.parse()", "@channel <b>ping</b>"],
            "ops": [
                ["name": "Parser.parse()", "mean": 12_345, "change": 0.123, "allocated": 1_536, "p": 0.0004],
                [
                    "name": "<script>alert(1)</script>|@team", "mean": 4.56e6, "change": -0.2, "allocated": 24_536_678,
                    "p": nil,
                ],
                ["name": "a|b `tick` *star* #1", "mean": 850, "change": 0.0, "allocated": 0, "p": 0.0123],
                [
                    "name": "Renderer.renderEveryRowOfTheTable(_:)", "mean": 1.5e11, "change": 0.01,
                    "allocated": 1_095_216_660, "p": 0.5,
                ],
            ],
        ],
    ]

    @Test func htmlPageThroughLayoutPartialsAndLoops() throws {
        let manager = TemplateManager(sources: Self.sources)
        try manager.preload()
        let page = try manager.render("pages/run.html", context: Self.context)
        try assertSnapshot(page, named: "Pages/run.html")
    }

    @Test func markdownReport() throws {
        let manager = TemplateManager(sources: Self.sources)
        let report = try manager.render("report.md", context: Self.context)
        try assertSnapshot(report, named: "Pages/report.md")
    }

    @Test func emptyRunUsesTheElseBranches() throws {
        var context = Self.context
        context["run"] = [
            "name": "empty", "date": 0, "chart": .markup(""), "environment": [:], "regressions": [], "ops": [],
        ]
        let manager = TemplateManager(sources: Self.sources)
        try assertSnapshot(try manager.render("pages/run.html", context: context), named: "Pages/empty-run.html")
    }

    @Test func renderingIsDeterministic() throws {
        let manager = TemplateManager(sources: Self.sources)
        let first = try manager.render("pages/run.html", context: Self.context)
        for _ in 0..<5 {
            #expect(try TemplateManager(sources: Self.sources).render("pages/run.html", context: Self.context) == first)
        }
    }
}
