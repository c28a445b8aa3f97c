import Testing

@testable import HotpathTemplates

/// `duration`, `bytes`, `percent`, `change`, `speedup`, `pvalue`: the numbers a report shows.
struct UnitFilterTests {
    @Test(arguments: [
        (TemplateValue.int(0), "0 ns"),
        (.int(850), "850 ns"),
        (.int(999), "999 ns"),
        (.double(0.5), "0.5 ns"),
        (.double(999.6), "1 µs"),  // rounds to 1000 ns: said in the next unit
        (.int(1_500), "1.5 µs"),
        (.int(12_300), "12.3 µs"),
        (.int(12_345), "12.3 µs"),
        (.int(999_960), "1 ms"),
        (.double(4.56e6), "4.56 ms"),
        (.double(1.23e9), "1.23 s"),
        (.double(1e9), "1 s"),
        (.double(119.4e9), "119 s"),
        (.double(120e9), "2 min"),
        (.double(125e9), "2 min 5 s"),
        (.double(3_599e9), "59 min 59 s"),
        (.double(3_600e9), "1 h"),
        (.double(3_725e9), "1 h 2 min"),
        (.int(-1_500_000), "-1.5 ms"),
        (.double(-125e9), "-2 min 5 s"),
        (.double(99.99 * 3_600e9), "99 h 59 min"),
        (.double(1_234 * 3_600e9), "1,234 h"),
        (.double(1e30), "277,777,777,777,777,760 h"),
    ])
    func duration(nanoseconds: TemplateValue, expected: String) throws {
        #expect(try applyFilter("duration", nanoseconds) == expected)
    }

    @Test func durationSignificantDigits() throws {
        #expect(try applyFilter("duration", 12_345, 2) == "12 µs")
        #expect(try applyFilter("duration", 12_345, 5) == "12.345 µs")
        #expect(try applyFilter("duration", 1_000, 1) == "1 µs")
    }

    @Test(arguments: [
        (TemplateValue.double(.nan), TemplateError.Kind.invalidValue),
        (.double(.infinity), .invalidValue),
        (.string("12 ms"), .typeMismatch),
        (.null, .typeMismatch),
        (.array([1]), .typeMismatch),
    ])
    func durationRejectsWhatIsNotADuration(value: TemplateValue, kind: TemplateError.Kind) throws {
        let error = try #require(filterError("duration", value))
        #expect(error.kind == kind)
        #expect(error.message.hasPrefix("filter 'duration' expects"))
    }

    @Test func durationRejectsBadDigits() throws {
        let error = try #require(filterError("duration", 5, 0))
        #expect(error.kind == .invalidValue)
        #expect(error.message == "argument 1 of filter 'duration' expects significant digits from 1 to 17, found 0")
        #expect(filterError("duration", 5, "3")?.kind == .typeMismatch)
    }

    @Test(arguments: [
        (TemplateValue.int(0), "0 B"),
        (.int(512), "512 B"),
        (.int(1_023), "1023 B"),
        (.double(1_023.6), "1 KiB"),
        (.int(1_024), "1 KiB"),
        (.int(1_536), "1.5 KiB"),
        (.int(1_048_474), "1 MiB"),  // 1023.9 KiB
        (.int(24_536_678), "23.4 MiB"),
        (.int(1_095_216_660), "1.02 GiB"),
        (.int(1 << 60), "1 EiB"),
        (.double(1_180_591_620_717_411_303_424), "1024 EiB"),
        (.int(-2_048), "-2 KiB"),
    ])
    func bytes(count: TemplateValue, expected: String) throws {
        #expect(try applyFilter("bytes", count) == expected)
    }

    @Test func bytesErrors() {
        #expect(filterError("bytes", .double(.nan))?.kind == .invalidValue)
        #expect(filterError("bytes", "1 KiB")?.kind == .typeMismatch)
    }

    @Test(arguments: [
        (TemplateValue.double(0.123), "12.3%"),
        (.int(0), "0.0%"),
        (.int(1), "100.0%"),
        (.double(-0.04), "-4.0%"),
        (.double(-0.0001), "0.0%"),
        (.double(12.5), "1250.0%"),
    ])
    func percent(fraction: TemplateValue, expected: String) throws {
        #expect(try applyFilter("percent", fraction) == expected)
    }

    @Test func percentDecimals() throws {
        #expect(try applyFilter("percent", 0.5, 0) == "50%")
        #expect(try applyFilter("percent", 0.12346, 2) == "12.35%")
        #expect(filterError("percent", .double(.infinity))?.kind == .invalidValue)
    }

    @Test(arguments: [
        (TemplateValue.double(0.123), "+12.3%"),
        (.double(-0.04), "\u{2212}4.0%"),
        (.int(0), "±0.0%"),
        (.double(0.0004), "±0.0%"),
        (.double(-0.0004), "±0.0%"),
        (.int(2), "+200.0%"),
    ])
    func change(fraction: TemplateValue, expected: String) throws {
        #expect(try applyFilter("change", fraction) == expected)
    }

    @Test func changeUsesTheRealMinusSign() throws {
        let text = try applyFilter("change", -0.25)
        #expect(text.unicodeScalars.first == "\u{2212}")
        #expect(!text.contains("-"))
        #expect(try applyFilter("change", 0.0004, 2) == "+0.04%")
        #expect(filterError("change", .double(.nan))?.kind == .invalidValue)
    }

    @Test(arguments: [
        (TemplateValue.double(1.234), "1.23×"),
        (.double(1.5), "1.50×"),
        (.int(1), "1.00×"),
        (.double(12.34), "12.3×"),
        (.int(150), "150×"),
        (.double(1_234.5), "1235×"),
        (.double(0.5), "0.500×"),
    ])
    func speedup(ratio: TemplateValue, expected: String) throws {
        #expect(try applyFilter("speedup", ratio) == expected)
    }

    @Test(arguments: [
        (TemplateValue.double(0.0004), "p < 0.001"),
        (.double(0.0123), "p = 0.012"),
        (.double(0.001), "p = 0.001"),
        (.int(0), "p < 0.001"),
        (.int(1), "p = 1.000"),
    ])
    func pvalue(probability: TemplateValue, expected: String) throws {
        #expect(try applyFilter("pvalue", probability) == expected)
    }

    @Test func pvalueOutsideZeroToOneIsAnError() throws {
        let error = try #require(filterError("pvalue", 1.5))
        #expect(error.kind == .invalidValue)
        #expect(error.message == "filter 'pvalue' expects a p-value from 0 to 1, found 1.5")
        #expect(filterError("pvalue", -0.1)?.kind == .invalidValue)
        #expect(filterError("pvalue", .double(.nan))?.kind == .invalidValue)
    }
}
