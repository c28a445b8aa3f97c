import Testing

@testable import HotpathTemplates

/// Whole pages through layouts, partials and loops, compared with goldens under
/// `Goldens/Pages/` (re-record with `RECORD_SNAPSHOTS=1`). Values come formatted, as Hotpath's
/// contexts give most of theirs: the unit filters are Hotpath's, not the engine's.
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
          <footer>Generated {{ run.generated }}</footer>
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
              <td>{{ op.mean }}{% include "partials/badge.html" with value=op.change_text %}</td>
              <td>{{ op.allocated }}</td>
            </tr>

        """,
        "partials/badge.html": #" <span class="badge">{{ value }}</span>"#,
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
        _Generated {{ run.generated_at }}._

        """,
        "partials/row.md": """
        | {{ loop.index }} | {{ op.name }} | {{ op.mean }} | {{ op.change_text }} | {% if op.p != null %}{{ op.p }}{% else %}–{% endif %} |

        """,
    ]

    static let context: [String: TemplateValue] = [
        "root": "../",
        "run": [
            "name": "nightly #812",
            "generated": "2026-11-20 02:00 UTC",
            "generated_at": "2026-11-20T02:00:00Z",
            "chart": .markup(#"<svg viewBox="0 0 10 2"><rect width="7" height="2"/></svg>"#),
            "environment": ["swift": "6.3.1", "cpu": "x86_64 <2 cores>", "os": "Linux"],
            "regressions": ["Parser.parse()", "@channel <b>ping</b>"],
            "ops": [
                [
                    "name": "Parser.parse()", "mean": "12.3 µs", "change": 0.123, "change_text": "+12.3%",
                    "allocated": "1.5 KiB", "p": "p < 0.001",
                ],
                [
                    "name": "<script>alert(1)</script>|@team", "mean": "4.56 ms", "change": -0.2,
                    "change_text": "−20.0%", "allocated": "23.4 MiB", "p": nil,
                ],
                [
                    "name": "a|b `tick` *star* #1", "mean": "850 ns", "change": 0.0, "change_text": "±0.0%",
                    "allocated": "0 B", "p": "p = 0.012",
                ],
                [
                    "name": "Renderer.renderEveryRowOfTheTable(_:)", "mean": "2 min 30 s", "change": 0.01,
                    "change_text": "+1.0%", "allocated": "1.02 GiB", "p": "p = 0.500",
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
            "name": "empty", "generated": "1970-01-01 00:00 UTC", "generated_at": "1970-01-01T00:00:00Z",
            "chart": .markup(""), "environment": [:], "regressions": [], "ops": [],
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
