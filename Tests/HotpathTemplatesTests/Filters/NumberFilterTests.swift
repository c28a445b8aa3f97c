import Testing

@testable import HotpathTemplates

/// `number`, `fixed`, `round`, `abs`.
struct NumberFilterTests {
    @Test(arguments: [
        (TemplateValue.int(0), "0"),
        (.int(999), "999"),
        (.int(1_000), "1,000"),
        (.int(12_400), "12,400"),
        (.int(-1_234_567), "-1,234,567"),
        (.int(Int.max), "9,223,372,036,854,775,807"),
        (.int(Int.min), "-9,223,372,036,854,775,808"),
        (.double(0.5), "1"),
        (.double(-0.4), "0"),
        (.double(1e20), "100,000,000,000,000,000,000"),
    ])
    func number(value: TemplateValue, expected: String) throws {
        #expect(try applyFilter("number", value) == expected)
    }

    @Test func numberWithDecimals() throws {
        #expect(try applyFilter("number", 12_400.5, 2) == "12,400.50")
        #expect(try applyFilter("number", 12_400, 2) == "12,400.00")
        #expect(try applyFilter("number", -0.125, 1) == "-0.1")
        #expect(try applyFilter("number", 999.999, 2) == "1,000.00")
    }

    @Test func numberRejectsText() {
        #expect(filterError("number", "12")?.kind == .typeMismatch)
        #expect(filterError("number", .double(.nan))?.kind == .invalidValue)
        #expect(filterError("number", 1, 18)?.kind == .invalidValue)
    }

    @Test func fixed() throws {
        #expect(try applyFilter("fixed", 3.14159, 2) == "3.14")
        #expect(try applyFilter("fixed", 2.5, 0) == "3")
        #expect(try applyFilter("fixed", 1, 3) == "1.000")
        #expect(try applyFilter("fixed", 12_400.5, 2) == "12400.50")
        #expect(try applyFilter("fixed", -1.005, 2) == "-1.00")  // 1.005 is 1.00499… in binary
        #expect(try applyFilter("fixed", -7, 0) == "-7")
        #expect(try applyFilter("fixed", -0.001, 1) == "0.0")
    }

    @Test func fixedNeedsItsArgument() throws {
        let error = try #require(renderError("{{ 1 | fixed }}"))
        #expect(error.kind == .invalidArguments)
        #expect(error.message == "filter 'fixed' takes 1 argument, found 0")
    }

    @Test func round() throws {
        #expect(try applyFilter("round", 3.14159, 2) == "3.14")
        #expect(try applyFilter("round", 2.5) == "3")
        #expect(try applyFilter("round", -2.5) == "-3")
        #expect(try applyFilter("round", 7) == "7")
        #expect(try render("{{ (x | round) + 1 }}", context: ["x": 1.6]) == "3")
    }

    @Test func abs() throws {
        #expect(try applyFilter("abs", -3) == "3")
        #expect(try applyFilter("abs", -2.5) == "2.5")
        #expect(filterError("abs", "x")?.kind == .typeMismatch)
    }
}
