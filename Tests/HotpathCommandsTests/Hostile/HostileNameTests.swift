import Foundation
import HotpathModel
import HotpathValidation
import Testing
import _HotpathTestSupport

@testable import HotpathCommands

/// Operation names written to break things — HTML and `<script>`, attribute-breaking quotes,
/// Markdown control characters, mentions, paths, NUL, 11,000 characters — through a whole
/// `hotpath report` against a baseline (so every name is in the comparison, the bottlenecks and
/// the feed). Each shows as text and only as text: no element or attribute a template did not
/// write, Markdown tables keep their columns, no mention, no link, and every file lands in the
/// output folder under a sanitized name of its own.
@Suite(.serialized) struct HostileNameTests {
    static let names: [String] = [
        "<script>alert(1)</script>",
        #""'><img src=x onerror=alert(1)>"#,
        "| a | b | c |",
        "`code` *bold* _em_ ~strike~ [link](https://evil.example) ![image](x.png)",
        "# heading",
        "> quote",
        "- item",
        "1. numbered",
        "@team please look, and @org/team too",
        "see www.evil.example or https://evil.example/phish or a@evil.example",
        "../../etc/passwd",
        "a/b/c",
        "a?b/c",
        "A/B/C",
        "nul\u{0}byte and bell\u{7}",
        "line\nbreak\r\nand\ttab",
        "$x^2$ &amp; \\backslash <!-- comment ]]> \u{202E}reversed",
        String(repeating: "very long name ", count: 734),
    ]

    /// `runs` repetitions of a chain of spans, each name inside the previous one, `factor` times
    /// longer in the current run than in the baseline so every name regresses.
    static func dump(runID: String, start: String, factor: Double) -> Profile {
        var spans: [Span] = []
        var id = 0
        for repetition in 0..<12 {
            var parent: Int?
            let origin = Double(repetition) * 1e9
            for (depth, name) in names.enumerated() {
                id += 1
                let duration = (Double(names.count - depth) * 2e6 + Double(repetition) * 1e4) * factor
                spans.append(
                    Span(
                        id: id, name: name, startNs: origin + Double(depth) * 1e3, durationNs: duration, thread: "main",
                        parent: parent))
                parent = id
            }
        }
        let run = RunMetadata(
            workflow: "hostile <b>workflow</b>", runID: runID, startTime: start,
            git: GitInfo(commit: "`abc` <i>", branch: "@team/feature|x"),
            host: "<host>", labels: ["<key>": "\"'><img src=x onerror=alert(2)>", "plain": "@team"])
        return Profile(run: run, spans: SpanTable(spans))
    }

    /// How a name reads once escaped and parsed back: control characters but tab and line ends
    /// as control pictures.
    static func displayed(_ name: String) -> String {
        var text = ""
        for scalar in name.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: text.unicodeScalars.append(scalar)
            case 0..<0x20: text.unicodeScalars.append(Unicode.Scalar(0x2400 + scalar.value)!)
            case 0x7F: text += "\u{2421}"
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text
    }

    @Test func hostileNamesStayText() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let encoder = JSONEncoder()
        try encoder.encode(Self.dump(runID: "base <1>", start: "2026-11-20T02:00:00Z", factor: 1))
            .write(to: URL(fileURLWithPath: folder.file("base.json")))
        try encoder.encode(
            Self.dump(runID: #"run "><script>alert('run')</script>"#, start: "2026-11-21T02:00:00Z", factor: 2)
        )
        .write(to: URL(fileURLWithPath: folder.file("current.json")))
        let out = folder.file("site")
        let code = await CommandRunner.run([
            "report", folder.file("base.json"), folder.file("current.json"), "--out", out, "--markdown",
            folder.file("pr.md"), "--title", "<title> @team", "--no-cache", "--quiet",
        ])
        #expect(code == 0)
        #expect(await CommandRunner.run(["validate", out]) == 0)

        // Nothing outside the output folder; every path a plain, sanitized name.
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [
                "base.json", "current.json", "pr.md", "site",
            ])
        let files = try FileManager.default.subpathsOfDirectory(atPath: out).filter { !$0.hasSuffix("/") }
        for path in files {
            for component in path.split(separator: "/") {
                #expect(
                    component.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-._".contains($0)) }, "\(path)"
                )
                #expect(component.count <= 80 && component != "..", "\(path)")
            }
        }
        // A page per operation per run, and a trend per operation: names that sanitize alike
        // (a/b/c, a?b/c, A/B/C) still get files of their own.
        let operationPages = files.filter { $0.contains("/operations/") && $0.hasSuffix(".html") }
        #expect(operationPages.count == 2 * Self.names.count, "\(operationPages.count)")
        #expect(files.filter { $0.hasPrefix("trends/") && $0.hasSuffix(".html") }.count == Self.names.count)
        #expect(files.filter { $0.hasPrefix("trends/") && $0.hasSuffix(".csv") }.count == Self.names.count)

        // Every page on the layout: its one script, the site's hotpath.js linked relatively
        // (latest.html, which only leads on, has none); no element or attribute from a name.
        var headings: Set<String> = []
        for path in files where path.hasSuffix(".html") || path.hasSuffix(".xml") {
            let text = try String(contentsOfFile: out + "/" + path, encoding: .utf8)
            let outline = HTMLOutline(html: text)
            if path.hasSuffix(".html") {
                #expect(outline.elements(named: "script").count == (path == "latest.html" ? 0 : 1), "\(path)")
                #expect(
                    outline.elements(named: "script").allSatisfy { script in
                        script.attributes.map(\.name) == ["src"]
                            && script.attributes.allSatisfy {
                                $0.value.hasSuffix("hotpath.js") && !$0.value.contains(":")
                            }
                    }, "\(path)")
            } else {
                #expect(outline.elements(named: "script").isEmpty, "\(path)")
            }
            for forbidden in ["img", "iframe", "object", "embed", "b", "i"] {
                #expect(outline.elements(named: forbidden).isEmpty, "\(path): <\(forbidden)>")
            }
            for element in outline.elements {
                for attribute in element.attributes {
                    #expect(
                        !attribute.name.hasPrefix("on") && (attribute.name != "src" || element.name == "script"),
                        "\(path): \(element.name) \(attribute.name)")
                    if attribute.name == "href" {
                        #expect(!attribute.value.contains(":"), "\(path): href \(attribute.value)")
                    }
                }
            }
            if path.contains("/operations/") { headings.formUnion(outline.elements(named: "h1").map(\.text)) }
        }
        for name in Self.names where !headings.contains(Self.displayed(name)) {
            let near = headings.filter { $0.hasPrefix(String(Self.displayed(name).prefix(3))) }.map {
                $0.prefix(80).debugDescription
            }
            Issue.record("no operation page shows \(name.prefix(60).debugDescription); near: \(near)")
        }

        try checkMarkdown(try String(contentsOfFile: folder.file("pr.md"), encoding: .utf8))
        #expect(
            try String(contentsOfFile: folder.file("pr.md"), encoding: .utf8)
                == String(contentsOfFile: out + "/report.md", encoding: .utf8))
    }

    /// Two dumps with one run id — hyperfine names a run after its file, so `a/results.json` and
    /// `b/results.json` do — each keep their pages; the second is shown as `results.json (2)`.
    /// The site used to be refused ("two generated files share one path").
    @Test func twoRunsWithOneID() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for (index, folderName) in ["a", "b"].enumerated() {
            _ = try folder.write(
                "\(folderName)/results.json",
                #"{"results": [{"command": "sleep 1", "times": [\#(1.0 + Double(index)), 1.1, 1.2]}]}"#)
        }
        let out = folder.file("site")
        #expect(
            await CommandRunner.run([
                "report", folder.file("a/results.json"), folder.file("b/results.json"), "--out", out, "--no-cache",
                "--quiet",
            ]) == 0)
        let runs = try FileManager.default.contentsOfDirectory(atPath: out + "/runs").sorted()
        #expect(
            runs.count == 2 && runs[0].hasPrefix("results-json-2-") && runs[1].hasPrefix("results-json-"), "\(runs)")
        let index = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        #expect(index.contains("results.json (2)"))
        #expect(await CommandRunner.run(["validate", out]) == 0)
    }

    /// The PR summary: tables keep their columns in the source; rendered by GitHub's own
    /// cmark-gfm (when installed), nothing but text comes from the names.
    func checkMarkdown(_ markdown: String) throws {
        #expect(markdown.contains("Significant changes"))
        var header: Int?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("|") else {
                header = nil
                continue
            }
            #expect(line.hasSuffix("|"), "\(line.prefix(80))")
            let pipes = Self.unescapedPipes(line)
            if let header {
                #expect(pipes == header, "\(line.prefix(120))")
            } else {
                header = pipes
            }
        }
        for line in markdown.split(separator: "\n") where !line.hasPrefix("|") && !line.hasPrefix("<") {
            // Only the template starts blocks: no heading, quote or list from a name.
            #expect(!line.hasPrefix("#") || line.hasPrefix("## ") || line.hasPrefix("### "), "\(line.prefix(80))")
            #expect(!line.hasPrefix(">"), "\(line.prefix(80))")
        }

        guard
            let cmark = ["/usr/bin/cmark-gfm", "/usr/local/bin/cmark-gfm"].first(
                where: FileManager.default.isExecutableFile)
        else {
            return  // cmark-gfm is not installed (.ci/run installs it): the rendered check is skipped.
        }
        let html = try Self.run(
            cmark, ["--unsafe", "-e", "table", "-e", "autolink", "-e", "strikethrough", "-e", "tagfilter"],
            input: markdown)
        let outline = HTMLOutline(html: html)
        for forbidden in ["script", "img", "a", "del", "blockquote", "h1", "h4", "iframe", "b", "i"] {
            #expect(outline.elements(named: forbidden).isEmpty, "rendered Markdown has <\(forbidden)>")
        }
        // The template's one code span, the commit, keeps its backticks from closing it.
        #expect(outline.elements(named: "code").map(\.text) == ["ˋabcˋ <i>"])
        for element in outline.elements {
            #expect(
                !element.attributes.contains { $0.name.hasPrefix("on") || $0.name == "src" || $0.name == "href" },
                "\(element.name)")
            #expect(!["bold", "em", "strike", "link"].contains(element.text), "<\(element.name)>\(element.text)")
            #expect(!Self.hasMention(element.text), "a mention in <\(element.name)>: \(element.text.prefix(120))")
        }
        #expect(outline.elements(named: "h2").count == 1)
        // Every row of every table has the header's number of cells, and the name is one cell.
        var cells: [Int] = []
        for element in outline.elements {
            switch element.name {
            case "table": cells.append(-1)
            case "tr": cells.append(0)
            case "td", "th": if !cells.isEmpty { cells[cells.count - 1] += 1 }
            default: break
            }
        }
        var expected = 0
        for count in cells {
            if count == -1 {
                expected = 0
            } else if expected == 0 {
                expected = count
            } else {
                #expect(count == expected)
            }
        }
        let tableCells = Set(outline.elements.filter { $0.name == "td" }.map(\.text))
        for name in Self.names.prefix(10) where !name.contains("\n") {
            let shown = Self.displayed(name).replacingOccurrences(of: "\u{200B}", with: "")
            #expect(
                tableCells.contains { $0.replacingOccurrences(of: "\u{200B}", with: "") == shown },
                "\(name.debugDescription) is not a cell of its own")
        }
    }

    static func unescapedPipes(_ line: Substring) -> Int {
        var count = 0
        var escaped = false
        for character in line {
            if escaped {
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "|" {
                count += 1
            }
        }
        return count
    }

    /// `@` followed by a letter or digit: GitHub would notify someone.
    static func hasMention(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        return scalars.indices.contains { index in
            scalars[index] == "@" && index + 1 < scalars.count
                && (scalars[index + 1].properties.isAlphabetic || ("0"..."9").contains(scalars[index + 1]))
        }
    }

    static func run(_ executable: String, _ arguments: [String], input: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        let writer = Thread {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
