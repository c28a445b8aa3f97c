import Testing

@testable import HotpathTemplates

struct SuggestionTests {
    @Test(arguments: [
        ("numbr", "number"), ("nubmer", "number"), ("Number", "number"), ("lenght", "length"),
        ("revers", "reverse"), ("escapeurl", "escape_url"),
    ])
    func closeNamesAreSuggested(typo: String, expected: String) {
        #expect(Suggestion.closest(to: typo, among: TemplateManager(sources: [:]).filterNames) == expected)
    }

    @Test func farNamesAreNot() {
        #expect(Suggestion.closest(to: "xyz", among: ["duration", "bytes"]) == nil)
        #expect(Suggestion.hint(for: "qq", among: ["op"]) == "")
        #expect(Suggestion.closest(to: "op", among: ["op"]) == nil)  // the name itself is no suggestion
    }

    @Test func tiesAreBrokenAlphabetically() {
        #expect(Suggestion.closest(to: "ab", among: ["ac", "aa"]) == "aa")
    }

    @Test func transpositionCountsAsOneEdit() {
        #expect(Suggestion.editDistance(Array("ab".unicodeScalars), Array("ba".unicodeScalars)) == 1)
        #expect(Suggestion.editDistance(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars)) == 3)
    }
}
