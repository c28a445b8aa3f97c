/// Element names the validator knows, for HTML5 rules libxml2 2.9 does not know.
enum HTMLElements {
    /// Elements with no content and no end tag.
    static let void: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
        "param", "keygen",
    ]

    /// Elements whose end tag HTML5 lets authors omit.
    static let optionalEnd: Set<String> = [
        "html", "head", "body", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody",
        "tfoot", "colgroup", "caption", "rb", "rt", "rtc", "rp",
    ]

    /// Elements whose content is raw text up to their end tag.
    static let rawText: Set<String> = ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"]

    /// Start tags that implicitly close an open element with an optional end tag.
    static func implicitlyCloses(open: String, starting tag: String) -> Bool {
        switch open {
        case "p": return paragraphClosers.contains(tag)
        case "li": return tag == "li"
        case "dt", "dd": return tag == "dt" || tag == "dd"
        case "option": return tag == "option" || tag == "optgroup"
        case "optgroup": return tag == "optgroup"
        case "td", "th":
            switch tag {
            case "td", "th", "tr", "tbody", "thead", "tfoot": return true
            default: return false
            }
        case "tr":
            switch tag {
            case "tr", "tbody", "thead", "tfoot": return true
            default: return false
            }
        case "thead", "tbody", "tfoot": return tag == "tbody" || tag == "tfoot" || tag == "thead"
        case "colgroup", "caption":
            switch tag {
            case "thead", "tbody", "tfoot", "tr", "colgroup", "caption": return true
            default: return false
            }
        case "rb", "rt", "rtc", "rp": return tag == "rb" || tag == "rt" || tag == "rtc" || tag == "rp"
        case "head": return tag == "body"
        default: return false
        }
    }

    /// What the tag balance check asks of an element name, found with one lookup.
    struct Traits: OptionSet {
        let rawValue: UInt8
        static let void = Traits(rawValue: 1)
        static let optionalEnd = Traits(rawValue: 2)
        static let rawText = Traits(rawValue: 4)
        static let foreignRoot = Traits(rawValue: 8)
    }

    static let traits: [String: Traits] = {
        var traits: [String: Traits] = [:]
        for (names, trait) in [
            (void, Traits.void), (optionalEnd, .optionalEnd), (rawText, .rawText), (foreignRoots, .foreignRoot),
        ] {
            for name in names { traits[name, default: []].insert(trait) }
        }
        return traits
    }()

    static let paragraphClosers: Set<String> = [
        "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figcaption", "figure",
        "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "main", "menu", "nav", "ol",
        "p", "pre", "section", "table", "ul", "summary",
    ]

    /// HTML5 elements libxml2 2.9 calls invalid, plus SVG and MathML element names.
    static let html5: Set<String> = [
        "article", "aside", "audio", "bdi", "canvas", "data", "datalist", "details", "dialog", "figcaption", "figure",
        "footer", "header", "hgroup", "main", "mark", "menu", "meter", "nav", "output", "picture", "progress", "rp",
        "rt", "ruby", "search", "section", "slot", "source", "summary", "template", "time", "track", "video", "wbr",
        "embed",
    ]

    static let svg: Set<String> = [
        "svg", "g", "defs", "symbol", "use", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
        "text", "tspan", "textpath", "title", "desc", "lineargradient", "radialgradient", "stop", "clippath", "mask",
        "pattern", "marker", "image", "foreignobject", "filter", "fegaussianblur", "feoffset", "feblend",
        "fecolormatrix", "animate", "animatetransform", "set", "metadata", "switch", "view",
    ]

    static let mathML: Set<String> = ["math", "mi", "mn", "mo", "mrow", "msup", "msub", "mfrac", "msqrt", "mtext"]

    static func isKnown(_ tag: String) -> Bool {
        // libxml2 reports names lowercased: one lookup, and no lowercased copy, for a chart's
        // hundreds of SVG elements.
        let name = tag.utf8.contains(where: { $0 >= 65 && $0 <= 90 }) ? tag.lowercased() : tag
        return known.contains(name) || name.utf8.contains(UInt8(ascii: "-"))
    }

    private static let known = html5.union(svg).union(mathML)

    /// Elements that start foreign content, where `<x/>` self-closes any element.
    static let foreignRoots: Set<String> = ["svg", "math"]
}
