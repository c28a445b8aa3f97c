import Foundation
import HotpathModel
import Testing
import _HotpathTestSupport

@testable import HotpathIngest

/// What `Fixtures/oracles/v8_cpuprofile_oracle.py` counted in each vendored `.cpuprofile`.
struct V8CPUProfileOracle: Decodable {
    struct Frame: Decodable {
        var frame: String
        var ns: Double
    }
    var samples: Int
    // swift-format-ignore: AlwaysUseLowerCamelCase
    var total_ns: Double
    // swift-format-ignore: AlwaysUseLowerCamelCase
    var idle_ns: Double
    // swift-format-ignore: AlwaysUseLowerCamelCase
    var top_self: [Frame]

    static let folder = "other/v8-cpuprofile"

    static let all: [String: V8CPUProfileOracle] = {
        let url = URL(fileURLWithPath: Fixtures.path("oracles/v8-cpuprofile-oracle.json"))
        guard let data = try? Data(contentsOf: url) else { return [:] }
        return (try? JSONDecoder().decode([String: V8CPUProfileOracle].self, from: data)) ?? [:]
    }()
}

@Suite struct V8CPUProfileImporterTests {
    static let fixtureNames = sampleNames(V8CPUProfileOracle.folder)

    @Test func theOracleCoversEveryFixture() {
        #expect(Self.fixtureNames.count >= 4)
        #expect(Set(Self.fixtureNames) == Set(V8CPUProfileOracle.all.keys))
    }

    @Test(arguments: fixtureNames)
    func everyFixtureAgreesWithTheOracle(_ name: String) throws {
        let oracle = try #require(V8CPUProfileOracle.all[name])
        let dump = try load(Samples.path(V8CPUProfileOracle.folder + "/" + name))
        #expect(dump.format == .v8CPUProfile)
        #expect(dump.profile.stackWeightUnit == .nanoseconds)
        #expect(dump.profile.run.labels["v8.samples"] == String(oracle.samples))
        #expect(abs(dump.profile.stacks.weights.reduce(0, +) - oracle.total_ns) < 1)
        #expect(abs((Double(dump.profile.run.labels["v8.idle_ns"] ?? "") ?? -1) - oracle.idle_ns) < 1)
        let top = topSelfWeights(dump.profile.stacks)
        #expect(top.map(\.0) == oracle.top_self.map(\.frame))
        for (found, expected) in zip(top, oracle.top_self) { #expect(abs(found.1 - expected.ns) < 1, "\(found.0)") }
    }

    /// A profile of the given nodes (`id: (name, url, line, parent)`), samples and deltas (µs).
    static func profile(_ nodes: [(Int, String, String, Int, Int?)], samples: [Int], deltas: [Double]) -> String {
        let children = Dictionary(grouping: nodes.filter { $0.4 != nil }, by: { $0.4! }).mapValues { $0.map(\.0) }
        let nodeText = nodes.map { node in
            #"{"id":\#(node.0),"callFrame":{"functionName":"\#(node.1)","scriptId":"1","url":"\#(node.2)","lineNumber":\#(node.3),"columnNumber":0},"hitCount":0,"children":\#(children[node.0] ?? [])}"#
        }.joined(separator: ",")
        return #"{"nodes":[\#(nodeText)],"startTime":0,"endTime":100,"samples":\#(samples),"timeDeltas":\#(deltas)}"#
    }

    @Test func eachSampleWeighsTheTimeToTheNextAndProgramSitsOnThePreviousStack() throws {
        let text = Self.profile(
            [
                (1, "(root)", "", -1, nil), (2, "main", "file:///app/main.js", 0, 1),
                (3, "work", "file:///app/main.js", 9, 2), (4, "(program)", "", -1, 1),
                (5, "(garbage collector)", "", -1, 1), (6, "(idle)", "", -1, 1), (7, "", "file:///app/lib.js", 41, 2),
            ],
            samples: [3, 4, 5, 6, 7, 3], deltas: [5, 10, 20, 40, 80, 160])
        let dump = try Ingestor().load(text: text, name: "app.cpuprofile")
        #expect(dump.format == .v8CPUProfile)
        #expect(
            dump.profile.stacks.map(\.frames) == [
                ["main", "work"], ["main", "work", "(program)"], ["main", "work", "(program)", "(garbage collector)"],
                ["main", "(anonymous lib.js:42)"],
            ])
        // work: until (program) 10 µs; (program) 20; GC 40; idle 80 (dropped); anonymous 160; the last nothing.
        #expect(dump.profile.stacks.map(\.weight) == [10_000, 20_000, 40_000, 160_000])
        #expect(dump.profile.run.labels["v8.idle_ns"] == "80000")
    }

    @Test func aNameAtTwoPlacesIsToldApartByItsPlace() throws {
        let text = Self.profile(
            [
                (1, "(root)", "", -1, nil), (2, "get", "https://site/a.js", 3, 1),
                (3, "get", "https://site/b.js", 7, 1),
            ],
            samples: [2, 3, 2], deltas: [1, 1, 1])
        let dump = try Ingestor().load(text: text, name: "p.cpuprofile")
        #expect(dump.profile.stacks.map(\.frames) == [["get (a.js:4)"], ["get (b.js:8)"]])
    }

    @Test func negativeDeltasDoNotRunTimeBackwards() throws {
        let text = Self.profile(
            [(1, "(root)", "", -1, nil), (2, "a", "", -1, 1), (3, "b", "", -1, 1)],
            samples: [2, 3, 2, 3], deltas: [0, 10, -4, 6])
        let dump = try Ingestor().load(text: text, name: "p.cpuprofile")
        // Times 0, 10, 6 → 10, 12: a weighs 10 then 2; b 0 (and nothing as the last sample).
        #expect(dump.profile.stacks.map(\.frames) == [["a"]])
        #expect(dump.profile.stacks.map(\.weight) == [12_000])
    }

    @Test func aTruncatedProfileIsAPositionedSyntaxError() throws {
        let text = Self.profile(
            [(1, "(root)", "", -1, nil), (2, "a", "", -1, 1)], samples: [2, 2], deltas: [1, 1])
        let cut = String(text.prefix(text.count - 20))
        let error = try #require(loadError(text: cut, name: "cut.cpuprofile"))
        #expect(error.kind == .syntax)
        #expect(error.format == .v8CPUProfile)
        // At the end, or at the value left open there.
        #expect(
            error.line == 1 && (error.column ?? 0) > cut.utf8.count - 30 && (error.column ?? 0) <= cut.utf8.count + 1)
    }

    @Test func samplesAndDeltasOfDifferentLengthsAreAPositionedError() throws {
        let marked = MarkedText(
            #"{"nodes":[{"id":1,"callFrame":{"functionName":"(root)","url":""},"children":[2]},{"id":2,"callFrame":{"functionName":"a","url":""}}],"samples":⏏[2,2,2],"timeDeltas":[1,1]}"#
        )
        let error = try #require(loadError(text: marked.text, name: "p.cpuprofile"))
        #expect(error.kind == .invalidContent)
        #expect(error.line == marked.line && error.column == marked.column)
        #expect(error.message.contains("3 samples but 2 time deltas"))
    }

    @Test func parentLinksThatLoopAreAnError() throws {
        let text =
            #"{"nodes":[{"id":1,"callFrame":{"functionName":"a","url":""},"children":[2]},{"id":2,"callFrame":{"functionName":"b","url":""},"children":[1]}],"samples":[2],"timeDeltas":[1]}"#
        let error = try #require(loadError(text: text, name: "p.cpuprofile"))
        #expect(error.message.contains("cycle"))
    }

    @Test func chromeTracesAndSpeedscopeAreNotCPUProfiles() {
        for text in [#"{"traceEvents":[{"ph":"X","name":"a"}]}"#, #"{"shared":{"frames":[]},"profiles":[]}"#] {
            let sniff = Array(text.utf8).withUnsafeBytes { ContentSniff(bytes: $0) }
            #expect(!V8CPUProfileImporter().recognizes(sniff))
        }
    }
}
