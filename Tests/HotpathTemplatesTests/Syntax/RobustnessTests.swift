import Testing

@testable import HotpathTemplates

/// Whatever the template text, compiling and rendering either succeed or throw a
/// `TemplateError`: never a crash, never another error.
struct RobustnessTests {
    static let fragments = [
        "{{", "}}", "{%", "%}", "{#", "#}", "-", " ", "\n", "if", "for", "x", "in", "xs", "endif", "endfor", "else",
        "elif", "set", "=", "include", "\"p.html\"", "extends", "block", "b", "endblock", "super()", "|", "number",
        "default(1)", "(", ")", "[", "]", ".", "0", "1.5", "-3", "\"s\"", "'", "\"", "and", "or", "not", "==", "<", "+",
        "*", "/", "%", "loop.index", "with", ",", "é", "\\", "d", "k", "upper", "join(\",\")", "truncate(2)", "null",
        "true", "{", "}", "#", "\r\n", "\t", "👩‍👩‍👧‍👦",
    ]

    /// A fixed-seed generator, so a failure reproduces.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    @Test func randomTemplatesNeverCrash() throws {
        var generator = Generator(state: 0x5EED)
        let context: [String: TemplateValue] = ["x": 3, "xs": [1, "two", 3.5], "d": ["k": "v"], "s": "<&>"]
        var rendered = 0
        var failed = 0
        for round in 0..<3_000 {
            var source = ""
            for _ in 0..<(1 + generator.next(30)) { source += Self.fragments[generator.next(Self.fragments.count)] }
            let name = ["t.html", "t.md", "t.txt"][round % 3]
            let manager = TemplateManager(sources: [name: source, "p.html": "[{{ x }}]"])
            do {
                _ = try manager.render(name, context: context)
                _ = try manager.dumpTree(name)
                rendered += 1
            } catch let error as TemplateError {
                failed += 1
                #expect(!error.message.isEmpty)
                #expect(!error.description.isEmpty)
                if let line = error.line { #expect(line >= 1) }
            } catch {
                Issue.record("not a TemplateError for \(source.debugDescription): \(error)")
            }
        }
        #expect(rendered > 100)
        #expect(failed > 100)
    }

    @Test func deepNestingIsAnErrorNotAStackOverflow() throws {
        let parentheses = String(repeating: "(", count: 5_000) + "1" + String(repeating: ")", count: 5_000)
        #expect(renderError("{{ \(parentheses) }}")?.kind == .invalidExpression)
        let chain = "1" + String(repeating: " + 1", count: 5_000)
        #expect(renderError("{{ \(chain) }}")?.message == "expression nests more than 128 levels deep")
        let nots = String(repeating: "not ", count: 5_000) + "true"
        #expect(renderError("{{ \(nots) }}")?.kind == .invalidExpression)
        let members = "d" + String(repeating: ".k", count: 5_000)
        #expect(renderError("{{ \(members) }}")?.kind == .invalidExpression)
        let ifs = String(repeating: "{% if true %}", count: 5_000) + String(repeating: "{% endif %}", count: 5_000)
        #expect(renderError(ifs)?.message == "tags nest more than 128 levels deep")
        // Just inside the limits still works.
        let shallow = String(repeating: "(", count: 100) + "1" + String(repeating: ")", count: 100)
        #expect(try render("{{ \(shallow) }}") == "1")
    }

    @Test func longFlatTemplatesAreFine() throws {
        let source = String(repeating: "{{ x }}{% if x %},{% endif %}", count: 20_000)
        #expect(try render(source, context: ["x": 1]).count == 40_000)
    }
}
