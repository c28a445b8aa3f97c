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
}
