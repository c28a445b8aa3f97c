import Testing

@testable import HotpathTemplates

struct TemplateValueTests {
    @Test func literalsBuildTheValuesTheyLookLike() {
        let value: TemplateValue = ["name": "parse", "calls": 3, "mean": 1.5, "hot": true, "note": nil, "tags": ["a"]]
        #expect(
            value
                == .dictionary([
                    "name": .string("parse"), "calls": .int(3), "mean": .double(1.5), "hot": .bool(true), "note": .null,
                    "tags": .array([.string("a")]),
                ]))
        #expect(value["name"] == "parse")
        #expect(value["missing"] == nil)
    }

    @Test(arguments: [
        (TemplateValue.null, false), (.bool(false), false), (.int(0), false), (.double(0), false), (.string(""), false),
        (.array([]), false), (.dictionary([:]), false), (.markup(""), false),
        (.bool(true), true), (.int(-1), true), (.double(.nan), true), (.string("0"), true), (.array([.null]), true),
        (.dictionary(["a": .null]), true), (.markup("<svg/>"), true),
    ])
    func truthiness(value: TemplateValue, expected: Bool) throws {
        #expect(value.isTruthy == expected)
        #expect(try render("{% if v %}T{% else %}F{% endif %}", context: ["v": value]) == (expected ? "T" : "F"))
    }

    struct Operation: TemplateValueConvertible {
        var name: String
        var mean: Double?
        var templateValue: TemplateValue { ["name": .string(name), "mean": TemplateValue(mean)] }
    }

    @Test func convertibleTypesBuildContexts() throws {
        let operations = [Operation(name: "a", mean: 1), Operation(name: "b", mean: nil)]
        #expect(TemplateValue(operations) == [["name": "a", "mean": 1.0], ["name": "b", "mean": nil]])
        #expect(TemplateValue(["k": 1, "j": 2]) == ["k": 1, "j": 2])
        #expect(TemplateValue(Int64(7)) == .int(7))
        #expect(TemplateValue(UInt64.max) == .double(Double(UInt64.max)))
        #expect(TemplateValue(Optional<String>.none) == .null)
        #expect(TemplateValue.trusted("<svg/>") == .markup("<svg/>"))
        let page = try render(
            #"{% for op in ops %}{{ op.name }}={{ op.mean | default("–") }};{% endfor %}"#,
            context: ["ops": TemplateValue(operations)])
        #expect(page == "a=1.0;b=–;")
    }

    @Test func briefDescriptionsNameTheKind() {
        #expect(TemplateValue.string("abc").briefDescription == #"a string "abc""#)
        #expect(TemplateValue.null.briefDescription == "null")
        #expect(TemplateValue.array([1, 2]).briefDescription == "an array of 2")
        #expect(TemplateValue.double(1.5).briefDescription == "a number 1.5")
    }
}
