import Testing

@testable import HotpathTemplates

/// Text and collection filters, `raw` and `default`.
struct TextFilterTests {
    @Test func truncateCountsCharactersNotBytes() throws {
        #expect(try applyFilter("truncate", "hello world", 5) == "hell…")
        #expect(try applyFilter("truncate", "hello", 5) == "hello")
        #expect(try applyFilter("truncate", "héllo wörld", 6) == "héllo…")
        #expect(try applyFilter("truncate", "👩‍👩‍👧‍👦👍🏽abc", 2) == "👩‍👩‍👧‍👦…")
        #expect(try applyFilter("truncate", "abc", 1) == "…")
    }

    @Test func truncateErrors() {
        #expect(filterError("truncate", "abc", 0)?.kind == .invalidValue)
        #expect(filterError("truncate", 12_345, 2)?.kind == .typeMismatch)
    }

    @Test func upperAndLower() throws {
        #expect(try applyFilter("upper", "straße") == "STRASSE")
        #expect(try applyFilter("lower", "ÉCOLE") == "école")
        #expect(filterError("upper", 1)?.kind == .typeMismatch)
    }

    @Test func escapeURLEncodesAllButUnreserved() throws {
        #expect(try applyFilter("escape_url", "a b/c?d=é&x#y") == "a%20b%2Fc%3Fd%3D%C3%A9%26x%23y")
        #expect(try applyFilter("escape_url", "Safe-name_1.0~") == "Safe-name_1.0~")
        #expect(try applyFilter("escape_url", 42) == "42")
        #expect(filterError("escape_url", .array([]))?.kind == .typeMismatch)
    }

    @Test func length() throws {
        #expect(try applyFilter("length", "héllo") == "5")
        #expect(try applyFilter("length", [1, 2, 3]) == "3")
        #expect(try applyFilter("length", ["a": 1]) == "1")
        #expect(filterError("length", 5)?.kind == .typeMismatch)
    }

    @Test func join() throws {
        #expect(try applyFilter("join", ["a", 1, 2.5, true], ", ") == "a, 1, 2.5, true")
        #expect(try applyFilter("join", ["a", "b"]) == "ab")
        let error = try #require(filterError("join", ["a", ["nested"]]))
        #expect(
            error.message
                == "filter 'join' expects an array of strings, numbers or booleans, found an array of 1 at index 1")
    }

    @Test func firstAndLast() throws {
        #expect(try applyFilter("first", [3, 4]) == "3")
        #expect(try applyFilter("last", [3, 4]) == "4")
        #expect(try applyFilter("first", "héllo") == "h")
        #expect(try applyFilter("last", "héllo") == "o")
        #expect(try render(#"{{ xs | first | default("none") }}"#, context: ["xs": []]) == "none")
        #expect(filterError("first", 1)?.kind == .typeMismatch)
    }

    @Test func reverse() throws {
        #expect(try applyFilter("reverse", "abc") == "cba")
        #expect(try render(#"{{ xs | reverse | join(",") }}"#, context: ["xs": [1, 2, 3]]) == "3,2,1")
    }

    @Test func rawSkipsEscapingForStrings() throws {
        #expect(try render("{{ s | raw }}", context: ["s": "<b>bold</b>"]) == "<b>bold</b>")
        #expect(try render("{{ s }}", context: ["s": "<b>bold</b>"]) == "&lt;b&gt;bold&lt;/b&gt;")
        #expect(try render("{{ 3 | raw }}") == "3")
        #expect(renderError("{{ xs | raw }}", context: ["xs": []])?.kind == .typeMismatch)
    }

    @Test(arguments: [
        ("2026-11-20T02:00:00Z", "2026-11-20T02:00:00Z"),
        ("2026-11-20T03:00:00+01:00", "2026-11-20T02:00:00Z"),
        ("2026-11-19T21:30:00-0430", "2026-11-20T02:00:00Z"),
        ("2026-11-20T02:00:00.750Z", "2026-11-20T02:00:00Z"),
        ("2026-11-20 02:00", "2026-11-20T02:00:00Z"),
        ("2026-11-20", "2026-11-20T00:00:00Z"),
        ("2024-02-29T12:00:00z", "2024-02-29T12:00:00Z"),
        ("2026-12-31T23:30:00-01:00", "2027-01-01T00:30:00Z"),
    ])
    func dateFromISOText(text: String, expected: String) throws {
        #expect(try applyFilter("date", .string(text)) == expected)
    }

    @Test func dateFromEpochSeconds() throws {
        #expect(try applyFilter("date", 0) == "1970-01-01T00:00:00Z")
        #expect(try applyFilter("date", 1_795_140_000) == "2026-11-20T02:00:00Z")
        #expect(try applyFilter("date", 1_795_140_000.9) == "2026-11-20T02:00:00Z")
        #expect(try applyFilter("date", -1) == "1969-12-31T23:59:59Z")
    }

    @Test func dateStyles() throws {
        #expect(try applyFilter("date", 1_795_140_000, "date") == "2026-11-20")
        #expect(try applyFilter("date", 1_795_140_000, "datetime") == "2026-11-20 02:00 UTC")
        #expect(filterError("date", 0, "long")?.kind == .invalidValue)
    }

    @Test(arguments: ["2026-02-30", "2026-13-01", "yesterday", "2026-11-20T25:00Z", "2026-11-20T02:00:00+01:00x", ""])
    func dateRejectsWhatIsNotISO8601(text: String) throws {
        let error = try #require(filterError("date", .string(text)))
        #expect(error.kind == .invalidValue)
        #expect(error.message.contains("expects an ISO 8601 date"))
    }

    @Test func dateRejectsOtherKindsAndRanges() {
        #expect(filterError("date", true)?.kind == .typeMismatch)
        #expect(filterError("date", .int(300_000_000_000))?.kind == .invalidValue)
        #expect(filterError("date", .double(.nan))?.kind == .invalidValue)
    }
}
