import HotpathModel
import HotpathRender
import HotpathTemplates
import Testing

/// `duration`, `bytes`, `percent`, `change`, `speedup`, `pvalue`, `date`: the filters Render
/// registers, each `UnitFormat` under a template's name, with the engine's argument checks.
@Suite struct UnitFiltersTests {
    /// Applies one filter the way a template does: `{{ value | name(arguments) }}` in a `.txt`
    /// template (no escaping), through the manager the site renders with.
    static func apply(_ name: String, _ value: TemplateValue, _ arguments: TemplateValue...) throws -> String {
        try render(name, value, arguments)
    }

    /// The error a filter throws, or `nil`.
    static func error(_ name: String, _ value: TemplateValue, _ arguments: TemplateValue...) -> TemplateError? {
        do {
            _ = try render(name, value, arguments)
            return nil
        } catch {
            return error as? TemplateError
        }
    }

    private static func render(_ name: String, _ value: TemplateValue, _ arguments: [TemplateValue]) throws -> String {
        var context: [String: TemplateValue] = ["value": value]
        for (index, argument) in arguments.enumerated() { context["a\(index)"] = argument }
        let call = arguments.isEmpty ? name : "\(name)(\(arguments.indices.map { "a\($0)" }.joined(separator: ", ")))"
        let manager = SiteRenderer.templateManager(sources: ["filter.txt": "{{ value | \(call) }}"])
        return try manager.render("filter.txt", context: context)
    }

    @Test func everyUnitFilterIsRegisteredUnderItsName() {
        let names = SiteRenderer.templateManager(sources: [:]).filterNames
        for name in ["duration", "bytes", "percent", "change", "speedup", "pvalue", "date"] {
            #expect(names.contains(name), "\(name)")
        }
        #expect(
            UnitFilters.all.keys.sorted() == ["bytes", "change", "date", "duration", "percent", "pvalue", "speedup"])
    }

    // MARK: duration

    @Test(arguments: [
        (TemplateValue.int(0), "0 ns"), (.int(850), "850 ns"), (.double(0.5), "0.500 ns"), (.double(999.6), "1.00 µs"),
        (.int(1_500), "1.50 µs"), (.int(12_345), "12.3 µs"), (.int(999_960), "1.00 ms"), (.double(4.56e6), "4.56 ms"),
        (.double(1e9), "1.00 s"), (.double(119.4e9), "119 s"), (.double(125e9), "2 min 5 s"),
        (.double(3_725e9), "1 h 2 min"), (.double(1_234 * 3_600e9), "1,234 h"), (.int(-1_500_000), "−1.50 ms"),
    ])
    func duration(nanoseconds: TemplateValue, expected: String) throws {
        #expect(try Self.apply("duration", nanoseconds) == expected)
        #expect(try Self.apply("duration", nanoseconds) == UnitFormat.duration(nanoseconds.numberValue ?? .nan))
    }

    @Test func durationSignificantDigits() throws {
        #expect(try Self.apply("duration", 12_345, 2) == "12 µs")
        #expect(try Self.apply("duration", 12_345, 5) == "12.345 µs")
        #expect(try Self.apply("duration", 1_000, 1) == "1 µs")
        #expect(try Self.apply("duration", 1_000, 2.0) == "1.0 µs")
    }

    @Test(arguments: [
        (TemplateValue.double(.nan), TemplateError.Kind.invalidValue), (.double(.infinity), .invalidValue),
        (.string("12 ms"), .typeMismatch), (.null, .typeMismatch), (.array([1]), .typeMismatch),
    ])
    func durationRejectsWhatIsNotADuration(value: TemplateValue, kind: TemplateError.Kind) throws {
        let error = try #require(Self.error("duration", value))
        #expect(error.kind == kind)
        #expect(error.message.hasPrefix("filter 'duration' expects"))
    }

    @Test func durationMessagesSayWhatWasExpected() throws {
        #expect(
            Self.error("duration", "12 ms")?.message
                == #"filter 'duration' expects a number of nanoseconds, found a string "12 ms""#)
        #expect(
            Self.error("duration", .double(.nan))?.message == "filter 'duration' expects a finite number, found NaN")
        let digits = try #require(Self.error("duration", 5, 0))
        #expect(digits.kind == .invalidValue)
        #expect(digits.message == "argument 1 of filter 'duration' expects significant digits from 1 to 17, found 0")
        #expect(Self.error("duration", 5, "3")?.kind == .typeMismatch)
        #expect(Self.error("duration", 5, 2.5)?.kind == .typeMismatch)
    }

    @Test func argumentCountIsCheckedWhenTheTemplateCompiles() throws {
        let manager = SiteRenderer.templateManager(sources: ["a.txt": "{{ x | percent(1, 2) }}"])
        let error = try #require(throws: TemplateError.self) { try manager.preload() }
        #expect(error.kind == .invalidArguments)
        #expect(error.message == "filter 'percent' takes 0 to 1 arguments, found 2")
    }

    // MARK: bytes

    @Test(arguments: [
        (TemplateValue.int(0), "0 B"), (.int(512), "512 B"), (.int(1_023), "1023 B"), (.double(1_023.6), "1.00 KiB"),
        (.int(1_024), "1.00 KiB"), (.int(1_536), "1.50 KiB"), (.int(1_048_474), "1.00 MiB"),
        (.int(24_536_678), "23.4 MiB"), (.int(1_095_216_660), "1.02 GiB"), (.int(1 << 60), "1.00 EiB"),
        (.int(-2_048), "−2.00 KiB"),
    ])
    func bytes(count: TemplateValue, expected: String) throws {
        #expect(try Self.apply("bytes", count) == expected)
    }

    @Test func bytesErrors() {
        #expect(Self.error("bytes", .double(.nan))?.kind == .invalidValue)
        #expect(
            Self.error("bytes", "1 KiB")?.message
                == #"filter 'bytes' expects a number of bytes, found a string "1 KiB""#)
        #expect(Self.error("bytes", 1, 18)?.kind == .invalidValue)
    }

    // MARK: percent, change, speedup, pvalue

    @Test(arguments: [
        (TemplateValue.double(0.123), "12.3%"), (.int(0), "0.0%"), (.int(1), "100.0%"), (.double(-0.04), "−4.0%"),
        (.double(-0.0001), "0.0%"), (.double(12.5), "1250.0%"),
    ])
    func percent(fraction: TemplateValue, expected: String) throws {
        #expect(try Self.apply("percent", fraction) == expected)
    }

    @Test func percentDecimals() throws {
        #expect(try Self.apply("percent", 0.5, 0) == "50%")
        #expect(try Self.apply("percent", 0.12346, 2) == "12.35%")
        #expect(Self.error("percent", .double(.infinity))?.kind == .invalidValue)
        let error = try #require(Self.error("percent", 0.5, "two"))
        #expect(error.message == #"argument 1 of filter 'percent' expects an integer decimals, found a string "two""#)
    }

    @Test(arguments: [
        (TemplateValue.double(0.123), "+12.3%"), (.double(-0.04), "\u{2212}4.0%"), (.int(0), "±0.0%"),
        (.double(0.0004), "±0.0%"), (.double(-0.0004), "±0.0%"), (.int(2), "+200.0%"),
    ])
    func change(fraction: TemplateValue, expected: String) throws {
        #expect(try Self.apply("change", fraction) == expected)
    }

    @Test func changeUsesTheRealMinusSign() throws {
        let text = try Self.apply("change", -0.25)
        #expect(text.unicodeScalars.first == "\u{2212}")
        #expect(!text.contains("-"))
        #expect(try Self.apply("change", 0.0004, 2) == "+0.04%")
        #expect(
            Self.error("change", "5%")?.message
                == #"filter 'change' expects a relative change (a fraction), found a string "5%""#)
    }

    @Test(arguments: [
        (TemplateValue.double(1.234), "1.23×"), (.double(1.5), "1.50×"), (.int(1), "1.00×"), (.double(12.34), "12.34×"),
        (.int(150), "150.00×"), (.double(0.5), "0.50×"),
    ])
    func speedup(ratio: TemplateValue, expected: String) throws {
        #expect(try Self.apply("speedup", ratio) == expected)
    }

    @Test func speedupDecimals() throws {
        #expect(try Self.apply("speedup", 1.234, 1) == "1.2×")
        #expect(try Self.apply("speedup", 1.234, 0) == "1×")
        #expect(Self.error("speedup", "fast")?.message == #"filter 'speedup' expects a ratio, found a string "fast""#)
    }

    @Test(arguments: [
        (TemplateValue.double(0.0004), "p < 0.001"), (.double(0.0123), "p = 0.012"), (.double(0.001), "p = 0.001"),
        (.int(0), "p < 0.001"), (.int(1), "p = 1.000"),
    ])
    func pvalue(probability: TemplateValue, expected: String) throws {
        #expect(try Self.apply("pvalue", probability) == expected)
    }

    @Test func pvalueOutsideZeroToOneIsAnError() throws {
        let error = try #require(Self.error("pvalue", 1.5))
        #expect(error.kind == .invalidValue)
        #expect(error.message == "filter 'pvalue' expects a p-value from 0 to 1, found 1.5")
        #expect(Self.error("pvalue", -0.1)?.kind == .invalidValue)
        #expect(Self.error("pvalue", .double(.nan))?.kind == .invalidValue)
    }

    // MARK: date

    @Test(arguments: [
        ("2026-11-20T02:00:00Z", "2026-11-20T02:00:00Z"), ("2026-11-20T03:00:00+01:00", "2026-11-20T02:00:00Z"),
        ("2026-11-19T21:30:00-0430", "2026-11-20T02:00:00Z"), ("2026-11-20T02:00:00.750Z", "2026-11-20T02:00:00Z"),
        ("2026-11-20 02:00", "2026-11-20T02:00:00Z"), ("2026-11-20", "2026-11-20T00:00:00Z"),
        ("2024-02-29T12:00:00z", "2024-02-29T12:00:00Z"), ("2026-12-31T23:30:00-01:00", "2027-01-01T00:30:00Z"),
    ])
    func dateFromISOText(text: String, expected: String) throws {
        #expect(try Self.apply("date", .string(text)) == expected)
    }

    @Test func dateFromEpochSeconds() throws {
        #expect(try Self.apply("date", 0) == "1970-01-01T00:00:00Z")
        #expect(try Self.apply("date", 1_795_140_000) == "2026-11-20T02:00:00Z")
        #expect(try Self.apply("date", 1_795_140_000.9) == "2026-11-20T02:00:00Z")
        #expect(try Self.apply("date", -1) == "1969-12-31T23:59:59Z")
    }

    @Test func dateStyles() throws {
        #expect(try Self.apply("date", 1_795_140_000, "date") == "2026-11-20")
        #expect(try Self.apply("date", 1_795_140_000, "datetime") == "2026-11-20 02:00 UTC")
        #expect(try Self.apply("date", "2026-11-20T03:00:00+01:00", "iso") == "2026-11-20T02:00:00Z")
        let style = try #require(Self.error("date", 0, "long"))
        #expect(style.kind == .invalidValue)
        #expect(
            style.message
                == #"argument 1 of filter 'date' expects a style of "iso", "date" or "datetime", found "long""#)
        #expect(Self.error("date", 0, 1)?.kind == .typeMismatch)
    }

    @Test(arguments: ["2026-02-30", "2026-13-01", "yesterday", "2026-11-20T25:00Z", "2026-11-20T02:00:00+01:00x", ""])
    func dateRejectsWhatIsNotISO8601(text: String) throws {
        let error = try #require(Self.error("date", .string(text)))
        #expect(error.kind == .invalidValue)
        #expect(
            error.message
                == "filter 'date' expects an ISO 8601 date such as \"2026-11-20T02:00:00Z\", found \"\(text)\"")
    }

    @Test func dateRejectsOtherKindsAndRanges() {
        #expect(
            Self.error("date", true)?.message
                == "filter 'date' expects ISO 8601 text or epoch seconds, found a boolean true")
        #expect(
            Self.error("date", .int(300_000_000_000))?.message
                == "filter 'date' expects a date in the years 0000 to 9999, found epoch seconds 300000000000")
        #expect(Self.error("date", .int(.max))?.kind == .invalidValue)
        #expect(Self.error("date", .double(.nan))?.message == "filter 'date' expects epoch seconds, found NaN")
        #expect(Self.error("date", .double(1e20))?.message == "filter 'date' expects epoch seconds, found 1e+20")
    }
}
