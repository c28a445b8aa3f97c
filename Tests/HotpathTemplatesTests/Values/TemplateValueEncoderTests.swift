import HotpathTemplates
import Testing

@Suite struct TemplateValueEncoderTests {
    struct Row: Encodable {
        var name: String
        var p95Text: String?
        var count: Int
        var share: Double
        var small: UInt8
    }

    struct Page: Encodable {
        var pageTitle: String
        var rows: [Row]
        var chart: TemplateValue
        var missing: Row?
        var flag: Bool
    }

    @Test func aStructBecomesADictionaryWithSnakeCaseKeysAndPresentNulls() throws {
        let page = Page(
            pageTitle: "Run 1",
            rows: [Row(name: "parse", p95Text: nil, count: 3, share: .nan, small: 7)],
            chart: .markup("<svg/>"), missing: nil, flag: true)
        let value = try TemplateValueEncoder.encode(page)
        #expect(
            value
                == .dictionary([
                    "page_title": .string("Run 1"),
                    "rows": .array([
                        .dictionary([
                            "name": .string("parse"), "p95_text": .null, "count": .int(3), "share": .null,
                            "small": .int(7),
                        ])
                    ]),
                    "chart": .markup("<svg/>"),
                    "missing": .null,
                    "flag": .bool(true),
                ]))
    }

    /// Two types' fields, flat in one dictionary: a layout's beside a page's.
    @Test func twoContainersOfOneEncoderShareTheDictionary() throws {
        struct Layout: Encodable { var siteTitle: String }
        struct Both: Encodable {
            var layout: Layout
            var page: Row
            func encode(to encoder: any Encoder) throws {
                try layout.encode(to: encoder)
                try page.encode(to: encoder)
            }
        }
        let value = try TemplateValueEncoder.encode(
            Both(layout: Layout(siteTitle: "S"), page: Row(name: "n", p95Text: "1 ms", count: 1, share: 0.5, small: 0)))
        #expect(value["site_title"] == .string("S") && value["p95_text"] == .string("1 ms"))
        #expect(value["share"] == .double(0.5))
    }

    @Test(arguments: [
        ("pageTitle", "page_title"), ("p95Text", "p95_text"), ("name", "name"),
        ("selfProfileHref", "self_profile_href"), ("URL", "u_r_l"), ("zÉtat", "z_état"), ("Ünit", "ünit"),
    ])
    func keysAreSnakeCase(_ property: String, _ key: String) {
        #expect(TemplateValueEncoder.key(for: property) == key)
    }
}
