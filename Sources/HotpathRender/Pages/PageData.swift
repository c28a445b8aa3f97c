import HotpathTemplates

/// The data one template receives: a typed struct whose stored properties are the template's
/// variables, in snake case (`pageTitle` is `page_title`), encoded by `TemplateValueEncoder`.
/// An optional that is nil is a present null.
///
/// The "Page data" section of Docs/templates.md is generated from these declarations and their
/// doc comments (`UPDATE_PAGE_DATA_DOCS=1 swift test --filter PageDataDocs`; a test fails when it
/// is stale): what a `--templates` author can use.
protocol PageData: Encodable, Sendable {
    /// The template that renders it, e.g. `pages/run.html`.
    static var template: String { get }
}

extension PageData {
    /// The render context: the encoded struct's dictionary.
    func context() throws -> [String: TemplateValue] {
        guard case .dictionary(let context) = try TemplateValueEncoder.encode(self) else { return [:] }
        return context
    }
}

/// What every page built on `layout.html` receives, beside its own data.
struct LayoutData: Encodable, Sendable {
    /// The site's title (`--title`).
    var siteTitle: String
    /// The page's own title, shown before the site's (the index's is the site's).
    var pageTitle: String
    /// The way from the page to the site's root: "" on the index, "../../" two folders down.
    var root: String
    /// Relative link to `style.css`.
    var stylesheet: String
    /// Relative link to `hotpath.js`, the site's one script (sorting, filtering, the flame
    /// graphs' zoom and search, the charts' points); every page reads without it.
    var script: String
    /// Relative link to the index.
    var home: String
    /// Relative link to `latest.html`, which leads to the newest run's page; null on a site with
    /// no run.
    var latestHref: String?
    /// Relative link to the page on Hotpath's own run (the demo's self profile), if any.
    var selfProfileHref: String?
    /// Relative link to `regressions.html`; null without a history of two runs or more.
    var regressionsHref: String?
    /// Relative link to the Atom feed; null without a history of two runs or more.
    var feedHref: String?
}

/// A page's own data with the layout's beside it, flat, as the templates read them.
struct LaidOut<Page: PageData>: PageData {
    static var template: String { Page.template }
    var layout: LayoutData
    var page: Page

    func encode(to encoder: any Encoder) throws {
        try layout.encode(to: encoder)
        try page.encode(to: encoder)
    }
}

/// Trusted markup Hotpath made itself (an SVG chart): never escaped.
struct Markup: Encodable, Sendable, TemplateValueConvertible {
    var html: String
    var templateValue: TemplateValue { .markup(html) }

    init(_ html: String) { self.html = html }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(html)
    }
}
