import HotpathRender
import HotpathTemplates

/// Fuzzes the template engine: the input (after a first byte choosing the output format) is a
/// template, compiled and rendered with a small fixed context, next to a layout and partials it
/// may extend or include. Whatever the text, compiling, rendering, dumping the tree and
/// describing an error either succeed or throw a `TemplateError` — never a crash, a hang or
/// another error.
///
/// The same text is then rendered as a *value* into fixed HTML and Markdown templates, to check
/// the escaping: in HTML it never opens a tag, closes an attribute or leaves a bare `&`; in a
/// Markdown table cell it never ends the cell or the row, never becomes raw HTML and never
/// mentions anyone.
public struct TemplateFuzzing: Sendable {
    public init() {}

    static let names = ["page.html", "report.md", "notes.txt", "chart.svg", "feed.atom"]

    static let context: [String: TemplateValue] = [
        "x": 3, "y": -2.5, "big": 1e300, "tiny": .double(.leastNonzeroMagnitude), "zero": 0,
        "s": "<a href=\"x\">&'</a>", "empty": "",
        "xs": [1, "two", 3.5, nil, true], "d": ["k": "v", "n": 1_500_000, "nested": ["deep": ["x": 1]]], "n": nil,
        "flag": false, "date": "2026-11-27T10:00:00Z", "markup": .markup("<b>trusted</b>"),
        "rows": [["name": "parse", "mean": 12_300], ["name": "emit|*", "mean": 4.5e6]],
    ]

    static let partials: [String: String] = [
        "layout.html": "<main>{% block content %}default{% endblock %}</main>{% block footer %}{% endblock %}",
        "partial.html": "<b>{{ x }}</b>{% if xs %}{{ xs | length }}{% endif %}",
        "partial.md": "| {{ s }} |",
        "row.html": "{% for row in rows %}<td>{{ row.name }}</td>{% endfor %}",
    ]

    static let escapingProbes = TemplateManager(sources: [
        "probe.html": "<p title=\"{{ v }}\">{{ v }}</p>",
        "probe.md": "| {{ v }} |\n",
    ])

    public func check(_ bytes: UnsafeRawBufferPointer) throws(FuzzFinding) {
        guard let selector = bytes.first else { return }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes.dropFirst()), as: UTF8.self)
        let name = Self.names[Int(selector) % Self.names.count]
        var sources = Self.partials
        sources[name] = text
        // With Hotpath's unit filters, as a `--templates` override renders.
        let manager = SiteRenderer.templateManager(sources: sources)
        do {
            _ = try manager.render(name, context: Self.context)
            _ = try manager.dumpTree(name)
        } catch let error as TemplateError {
            try fuzzCheck(!error.message.isEmpty, "a template error without a message")
            if let line = error.line { try fuzzCheck(line >= 1, "template error line \(line)") }
            _ = error.description
        } catch {
            try fuzzFailure("not a TemplateError: \(error)")
        }
        try Self.checkEscaping(text)
    }

    /// Renders `value` into an HTML attribute and element, and into a Markdown table cell, and
    /// checks that it stayed text.
    static func checkEscaping(_ value: String) throws(FuzzFinding) {
        let html: String
        let markdown: String
        do {
            html = try escapingProbes.render("probe.html", context: ["v": .string(value)])
            markdown = try escapingProbes.render("probe.md", context: ["v": .string(value)])
        } catch {
            try fuzzFailure("rendering a plain value failed: \(error)")
        }
        let htmlBody = Array(html.utf8.dropFirst("<p title=\"".utf8.count).dropLast("</p>".utf8.count))
        var index = 0
        var quotes = 0
        var tagEnds = 0
        while index < htmlBody.count {
            let byte = htmlBody[index]
            switch byte {
            case UInt8(ascii: "<"), UInt8(ascii: "'"):
                try fuzzFailure(
                    "HTML escaping let \(Character(Unicode.Scalar(byte))) through for \(value.debugDescription)")
            case UInt8(ascii: "\""): quotes += 1
            case UInt8(ascii: ">"): tagEnds += 1
            case UInt8(ascii: "&"):
                let rest = htmlBody[index...]
                let known = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"].contains { rest.starts(with: $0.utf8) }
                try fuzzCheck(known, "HTML escaping left a bare '&' for \(value.debugDescription)")
            case 0x00..<0x20 where byte != 0x09 && byte != 0x0A && byte != 0x0D, 0x7F:
                try fuzzFailure("HTML escaping let control character \(byte) through for \(value.debugDescription)")
            case 0xC2 where index + 1 < htmlBody.count && (0x80...0x9F).contains(htmlBody[index + 1]):
                try fuzzFailure("HTML escaping let a C1 control through for \(value.debugDescription)")
            case 0xEF where index + 2 < htmlBody.count && htmlBody[index + 1] == 0xBF && htmlBody[index + 2] >= 0xBE:
                try fuzzFailure("HTML escaping let U+FFFE or U+FFFF through for \(value.debugDescription)")
            default: break
            }
            index += 1
        }
        // Exactly the template's own closing quote and '>' of the attribute.
        try fuzzCheck(
            quotes == 1 && tagEnds == 1, "HTML escaping let a quote or '>' through for \(value.debugDescription)")

        let cell = Array(markdown.utf8.dropFirst(2).dropLast(3))
        let lowered = String(decoding: cell, as: UTF8.self).lowercased()
        try fuzzCheck(
            !lowered.contains("://") && !lowered.contains("www."),
            "Markdown escaping left an autolink for \(value.debugDescription)")
        index = 0
        while index < cell.count {
            let byte = cell[index]
            switch byte {
            case UInt8(ascii: "\\"):
                index += 1
            case UInt8(ascii: "|"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "<"), UInt8(ascii: ">"), 0x00:
                try fuzzFailure("Markdown escaping let \(byte) through for \(value.debugDescription)")
            case UInt8(ascii: "@"):
                let next = index + 1 < cell.count ? cell[index + 1] : 0
                let isWordByte =
                    (next >= UInt8(ascii: "a") && next <= UInt8(ascii: "z"))
                    || (next >= UInt8(ascii: "A") && next <= UInt8(ascii: "Z"))
                    || (next >= UInt8(ascii: "0") && next <= UInt8(ascii: "9"))
                try fuzzCheck(!isWordByte, "Markdown escaping left a mention for \(value.debugDescription)")
            default: break
            }
            index += 1
        }
    }
}
