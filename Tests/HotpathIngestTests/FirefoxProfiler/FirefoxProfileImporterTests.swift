import Foundation
import HotpathModel
import Testing
import _HotpathTestSupport

@testable import HotpathIngest

/// What `Fixtures/oracles/firefox_profile_oracle.py` read from each vendored Firefox profile.
struct FirefoxProfileOracle: Decodable {
    /// "thread|root;…;leaf" → weight in nanoseconds.
    var stacks: [String: Double]
    /// [thread, name, start ms, duration ms], sorted.
    var spans: [[FlexibleValue]]

    enum FlexibleValue: Decodable {
        case text(String)
        case number(Double)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else {
                self = .text(try container.decode(String.self))
            }
        }
    }

    static let folders = ["other/firefox-gecko", "other/firefox-processed"]

    static let all: [String: FirefoxProfileOracle] = {
        let url = URL(fileURLWithPath: Fixtures.path("oracles/firefox-profile-oracle.json"))
        guard let data = try? Data(contentsOf: url) else { return [:] }
        return (try? JSONDecoder().decode([String: FirefoxProfileOracle].self, from: data)) ?? [:]
    }()
}

@Suite struct FirefoxProfileImporterTests {
    static let fixtureNames = FirefoxProfileOracle.folders.flatMap { folder in
        sampleNames(folder).map { "\(folder.dropFirst("other/".count))/\($0)" }
    }

    @Test func theOracleCoversEveryFixture() {
        #expect(Self.fixtureNames.count >= 10)
        #expect(Set(Self.fixtureNames) == Set(FirefoxProfileOracle.all.keys))
    }

    @Test(arguments: fixtureNames)
    func everyFixtureAgreesWithTheOracle(_ name: String) throws {
        let oracle = try #require(FirefoxProfileOracle.all[name])
        let dump = try load(Samples.path("other/" + name))
        #expect(dump.format == .firefoxProfiler)
        var stacks: [String: Double] = [:]
        for stack in dump.profile.stacks {
            stacks["\(stack.thread ?? "")|\(stack.frames.joined(separator: ";"))", default: 0] += stack.weight
        }
        #expect(Set(stacks.keys) == Set(oracle.stacks.keys))
        for (key, weight) in oracle.stacks {
            #expect(abs((stacks[key] ?? -1) - weight) <= 1e-6 * max(1, weight), "\(key)")
        }
        #expect(dump.profile.stackWeightUnit == .nanoseconds)
        // The spans: the same names, threads and durations (starts move when some are negative).
        let spans = dump.profile.spans.map { span in
            "\(span.thread ?? "")|\(span.name)|\(formatNumber((span.durationNs).rounded() / 1e6))"
        }.sorted()
        let expected = oracle.spans.map { row -> String in
            guard case .text(let thread) = row[0], case .text(let name) = row[1], case .number(let duration) = row[3]
            else { return "?" }
            return "\(thread)|\(name)|\(formatNumber((duration * 1e6).rounded() / 1e6))"
        }.sorted()
        #expect(spans.count == expected.count)
        #expect(spans == expected)
    }

    /// A processed profile as profiler.firefox.com saves it today: tables and strings shared.
    static let processed = #"""
        {"meta": {"interval": 2, "startTime": 1700000000000, "product": "Firefox", "preprocessedProfileVersion": 57, "version": 29},
         "libs": [],
         "shared": {"stringArray": ["main", "parse", "render", "app.js", "Paint", "GC"],
                    "stackTable": {"length": 3, "prefix": [null, 0, 0], "frame": [0, 1, 2]},
                    "frameTable": {"length": 3, "func": [0, 1, 2], "line": [null, 12, 30]},
                    "funcTable": {"length": 3, "name": [0, 1, 2], "fileName": [null, 3, 3], "lineNumber": [null, 10, 28]}},
         "threads": [{"name": "GeckoMain", "pid": "10", "tid": 10,
           "samples": {"length": 4, "stack": [1, 1, 2, null], "timeDeltas": [0, 2, 2, 2], "weight": null, "weightType": "samples"},
           "markers": {"length": 4, "name": [4, 5, 5, 4], "startTime": [1.5, 3, null, 7], "endTime": [2.5, null, 4.5, null],
                       "phase": [1, 2, 3, 0], "category": [0, 0, 0, 0], "data": [{"type": "Paint"}, null, null, null]}}]}
        """#

    @Test func aProcessedProfileGivesStacksWeighedByTheIntervalAndMarkersAsSpans() throws {
        let dump = try Ingestor().load(text: Self.processed, name: "profile.json")
        #expect(dump.format == .firefoxProfiler)
        let stacks = dump.profile.stacks.map { ($0.frames, $0.weight, $0.thread) }
        #expect(stacks.count == 2)
        #expect(stacks[0].0 == ["main", "parse"] && stacks[0].1 == 4e6 && stacks[0].2 == "GeckoMain")
        #expect(stacks[1].0 == ["main", "render"] && stacks[1].1 == 2e6)
        #expect(dump.profile.stackWeightUnit == .nanoseconds)
        #expect(dump.profile.locations["parse"] == CodeLocation(file: "app.js", line: 10))
        let spans = dump.profile.spans.map { ($0.name, $0.startNs, $0.durationNs) }
        #expect(spans.count == 2)
        #expect(spans[0] == ("Paint", 1.5e6, 1e6))
        #expect(spans[1] == ("GC", 3e6, 1.5e6))
        #expect(dump.profile.run.labels["firefox.processed_version"] == "57")
        #expect(dump.profile.run.startTime != nil)
    }

    @Test func geckoLocationsAreSplitIntoNameAndCodeLocation() {
        let (name, location) = FirefoxProfileReader.splitLocation("frobnicate (chrome://blargh:34)")
        #expect(name == "frobnicate")
        #expect(location == CodeLocation(file: "chrome://blargh", line: 34))
        let (js, jsLocation) = FirefoxProfileReader.splitLocation("walk (http://localhost:8000/a.js:30:11)[4]")
        #expect(js == "walk" && jsLocation == CodeLocation(file: "http://localhost:8000/a.js", line: 30))
        #expect(FirefoxProfileReader.splitLocation("0x100000f84").0 == "0x100000f84")
        #expect(FirefoxProfileReader.splitLocation("PresShell::Paint (layout)").1 == nil)
    }

    @Test func aStackWhosePrefixIsNotEarlierIsAnErrorAtTheValue() throws {
        let marked = MarkedText(
            #"{"meta":{"interval":1},"threads":[{"name":"t","stringArray":["a"],"stackTable":{"length":1,"prefix":[⏏3],"frame":[0]},"frameTable":{"length":1,"func":[0]},"funcTable":{"length":1,"name":[0]},"samples":{"length":1,"stack":[0]}}]}"#
        )
        let error = try #require(loadError(text: marked.text, name: "bad.json"))
        #expect(error.format == .firefoxProfiler)
        #expect(error.line == marked.line && error.column == marked.column)
        #expect(error.message.contains("an earlier stack"))
    }

    @Test func aSampleOutsideTheStackTableIsAnErrorAtTheValue() throws {
        let marked = MarkedText(
            #"{"meta":{"interval":1},"threads":[{"name":"t","stringTable":["a"],"stackTable":{"schema":{"prefix":0,"frame":1},"data":[[null,0]]},"frameTable":{"schema":{"location":0},"data":[[0]]},"samples":{"schema":{"stack":0,"time":1},"data":[[0,1],[⏏7,2]]}}]}"#
        )
        let error = try #require(loadError(text: marked.text, name: "bad.json"))
        #expect(error.line == marked.line && error.column == marked.column)
        #expect(error.message.contains("a stack index"))
    }

    @Test func aTruncatedProfileIsASyntaxErrorWithItsPosition() throws {
        let cut = String(Self.processed.prefix(Self.processed.count * 2 / 3))
        let error = try #require(loadError(text: cut, name: "cut.json"))
        #expect(error.kind == .syntax)
        #expect(error.line != nil)
    }

    @Test func aProfileWithNothingToShowIsAnError() throws {
        let error = try #require(loadError(text: #"{"meta":{"interval":1},"threads":[]}"#, name: "empty.json"))
        #expect(error.format == .firefoxProfiler)
        #expect(error.message.contains("no threads"))
    }

    @Test func speedscopeAndChromeTracesAreNotFirefoxProfiles() {
        for text in [#"{"shared":{"frames":[]},"profiles":[]}"#, #"{"traceEvents":[],"meta":{}}"#] {
            let sniff = Array(text.utf8).withUnsafeBytes { ContentSniff(bytes: $0) }
            #expect(!FirefoxProfileImporter().recognizes(sniff))
        }
    }
}
