import Foundation
import HotpathRender
import Testing
import _HotpathTestSupport

@testable import HotpathReport

/// `--templates DIR`: overrides by name, and a word about files that change nothing.
@Suite struct TemplateFolderTests {
    @Test func aFileNoTemplateUsesIsSaid() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try folder.write("templates/pages/idnex.html", "typo")  // misspelt pages/index.html
        _ = try folder.write("templates/partials/footer.html", "<p>ours</p>")
        _ = try folder.write(
            "templates/layout.html", DefaultTemplates.sources["layout.html"]! + #"{% include "partials/footer.html" %}"#
        )
        let overrides = try TemplateFolder.read(folder.file("templates"))
        #expect(Set(overrides.keys) == ["pages/idnex.html", "partials/footer.html", "layout.html"])
        var sources = DefaultTemplates.sources
        for (name, text) in overrides { sources[name] = text }
        let notes = TemplateFolder.unused(overrides, among: sources, in: "templates")
        #expect(notes.map(\.file) == ["templates/pages/idnex.html"], "\(notes)")
        #expect(notes.first?.message.contains("changes nothing") == true)
    }
}
