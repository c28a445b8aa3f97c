import Testing

@testable import HotpathTemplates

/// Filters the rendering layer adds through `TemplateManager(sources:capacity:filters:)` or
/// `addingFilters(_:)`.
struct CustomFilterTests {
    static let shout = TemplateFilter(arguments: 0...1) { value, arguments in
        guard case .string(let text) = value else { throw TemplateFilterError.expected("a string", found: value) }
        let marks = arguments.first.flatMap { if case .int(let count) = $0 { count } else { nil } } ?? 1
        return .string(text.uppercased() + String(repeating: "!", count: max(0, marks)))
    }

    @Test func customFilterIsCalledWithItsArguments() throws {
        let manager = TemplateManager(
            sources: ["a.txt": "{{ name | shout }} {{ name | shout(3) }}"], filters: ["shout": Self.shout])
        #expect(try manager.render("a.txt", context: ["name": "hi"]) == "HI! HI!!!")
        #expect(manager.filterNames.contains("shout"))
    }

    @Test func customFilterErrorsPointAtTheFilter() throws {
        let marked = MarkedText("{{ count | ‸shout }}")
        let manager = TemplateManager(sources: ["a.txt": marked.text], filters: ["shout": Self.shout])
        let error = try #require(throws: TemplateError.self) { try manager.render("a.txt", context: ["count": 3]) }
        #expect(error.kind == .typeMismatch)
        #expect(error.message == "filter 'shout' expects a string, found an integer 3")
        #expect(error.line == marked.line)
        #expect(error.column == marked.column)
    }

    @Test func customFilterCanReplaceABuiltIn() throws {
        let manager = TemplateManager(
            sources: ["a.txt": "{{ 5 | number }}"],
            filters: ["number": TemplateFilter { _, _ in "custom" }])
        #expect(try manager.render("a.txt", context: [:]) == "custom")
    }

    @Test func addingFiltersGivesAManagerWithThemAndACacheOfItsOwn() throws {
        let plain = TemplateManager(
            sources: ["a.txt": "{{ name | upper }}", "b.txt": "{{ name | shout }}"], capacity: 5)
        #expect(throws: TemplateError.self) { try plain.render("b.txt", context: ["name": "hi"]) }
        let loud = plain.addingFilters(["shout": Self.shout, "upper": TemplateFilter { _, _ in "replaced" }])
        #expect(try loud.render("b.txt", context: ["name": "hi"]) == "HI!")
        #expect(try loud.render("a.txt", context: ["name": "hi"]) == "replaced")
        #expect(try plain.render("a.txt", context: ["name": "hi"]) == "HI")
        #expect(loud.filterNames.contains("shout") && !plain.filterNames.contains("shout"))
        #expect(loud.templateNames == plain.templateNames)
        #expect(loud.statistics.lookups == 2 && loud.statistics.capacity == 5)
    }

    @Test func defaultCannotBeReplaced() throws {
        let manager = TemplateManager(
            sources: ["a.txt": #"{{ missing | default("kept") }}"#],
            filters: ["default": TemplateFilter(arguments: 1...1) { _, _ in "replaced" }])
        #expect(try manager.render("a.txt", context: [:]) == "kept")
    }

    @Test func argumentCountIsCheckedAtCompileTime() throws {
        let manager = TemplateManager(sources: ["a.txt": "{{ x | shout(1, 2) }}"], filters: ["shout": Self.shout])
        let error = try #require(throws: TemplateError.self) { try manager.preload() }
        #expect(error.kind == .invalidArguments)
        #expect(error.message == "filter 'shout' takes 0 to 1 arguments, found 2")
    }
}
