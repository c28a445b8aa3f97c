import Foundation
import HotpathModel
import Testing
import _HotpathTestSupport

@testable import HotpathIngest

/// What `Fixtures/oracles/macos_sample_oracle.py` counted in each vendored `sample` report.
struct MacOSSampleOracle: Decodable {
    struct Thread: Decodable {
        var thread: String
        var samples: Double
    }
    struct Frame: Decodable {
        var frame: String
        var samples: Double
    }
    var intervalNs: Double?
    var threads: [Thread]
    var selfTotal: Double
    var topSelf: [Frame]

    enum CodingKeys: String, CodingKey {
        case intervalNs = "interval_ns"
        case threads
        case selfTotal = "self_total"
        case topSelf = "top_self"
    }

    static let folder = "other/macos-sample"

    static let all: [String: MacOSSampleOracle] = {
        let url = URL(fileURLWithPath: Fixtures.path("oracles/macos-sample-oracle.json"))
        guard let data = try? Data(contentsOf: url) else { return [:] }
        return (try? JSONDecoder().decode([String: MacOSSampleOracle].self, from: data)) ?? [:]
    }()
}

@Suite struct MacOSSampleImporterTests {
    static let fixtureNames = sampleNames(MacOSSampleOracle.folder)

    @Test func theOracleCoversEveryFixture() {
        #expect(Self.fixtureNames.count >= 2)
        #expect(Set(Self.fixtureNames) == Set(MacOSSampleOracle.all.keys))
    }

    @Test(arguments: fixtureNames)
    func everyFixtureAgreesWithTheOracle(_ name: String) throws {
        let oracle = try #require(MacOSSampleOracle.all[name])
        let dump = try load(Samples.path(MacOSSampleOracle.folder + "/" + name))
        #expect(dump.format == .macOSSample)
        let scale = oracle.intervalNs ?? 1
        #expect(dump.profile.stackWeightUnit == (oracle.intervalNs == nil ? .samples : .nanoseconds))
        #expect(dump.profile.stacks.weights.reduce(0, +) == oracle.selfTotal * scale)
        #expect(dump.profile.stacks.threadNames == oracle.threads.map(\.thread))
        #expect(dump.profile.run.labels["macos-sample.threads"] == String(oracle.threads.count))
        let top = topSelfWeights(dump.profile.stacks)
        #expect(top.map(\.0) == oracle.topSelf.map(\.frame))
        for (found, expected) in zip(top, oracle.topSelf) { #expect(found.1 == expected.samples * scale, "\(found.0)") }
    }

    static let report = """
        Analysis of sampling app (pid 42) every 2 milliseconds
        Process:         app [42]

        Call graph:
            10 Thread_1   DispatchQueue_1: com.apple.main-thread  (serial)
            + 10 start  (in libdyld.dylib) + 1  [0x7fff737cf3d5]
            +   7 main  (in app) + 41  [0x10384b549]
            +   ! 4 work  (in app) + 3  [0x10384b600]
            +   ! : 4 ???  (in libsystem_kernel.dylib)  load address 0x7fff + 0x10  [0x7fff739069de]
            +   ! 1 main  (in app) + 50  [0x10384b552]
            +   3 idle  (in app) + 2  [0x10384b700]
            3 Thread_2
            + 3 thread_start  (in libsystem_pthread.dylib) + 13  [0x7fff739c240d]

        Total number in stack (recursive counted multiple, when >=5):

        Binary Images:
        """

    @Test func theCallGraphsIndentationGivesStacksWithSelfTimePerThread() throws {
        let dump = try Ingestor().load(text: Self.report, name: "app.sample.txt")
        #expect(dump.format == .macOSSample)
        let stacks = dump.profile.stacks.map { ($0.thread ?? "", $0.frames, $0.weight) }
        let ms = 2_000_000.0
        #expect(
            stacks.map(\.1) == [
                ["start", "main", "work", "??? (libsystem_kernel.dylib)"], ["start", "main", "main"],
                ["start", "main"],
                ["start", "idle"], ["thread_start"],
            ])
        #expect(stacks.map(\.2) == [4 * ms, 1 * ms, 2 * ms, 3 * ms, 3 * ms])
        #expect(stacks.map(\.0).first == "Thread_1 DispatchQueue_1: com.apple.main-thread (serial)")
        #expect(stacks.map(\.0).last == "Thread_2")
        #expect(dump.profile.run.labels["macos-sample.interval"] == "2 milliseconds")
    }

    @Test(arguments: [
        (
            "Analysis of sampling a (pid 1) every 1 millisecond\nCall graph:\n    3 Thread_1\n    +     3 f  (in a)  [0x1]\n          ^\n",
            "3 levels deeper"
        ),
        (
            "Analysis of sampling a (pid 1) every 1 millisecond\nCall graph:\n    3 Thread_1\n    + x f\n      ^\n",
            "expected a call-graph line"
        ),
        (
            "Analysis of sampling a (pid 1) every 1 millisecond\nCall graph:\n    3 Thread_1\n    + 3 f  (in a) + 1  [0x\n        ^",
            "looks truncated"
        ),
        ("Analysis of sampling a (pid 1) every 1 millisecond\nProcess: a\n^", "no \"Call graph:\" section"),
    ])
    func brokenReportsArePositionedErrors(_ example: (String, String)) throws {
        let (text, line, column) = CallgrindImporterTests.marked(example.0)
        let error = try #require(loadError(text: text, name: "a.txt"))
        #expect(error.format == .macOSSample)
        #expect(error.message.contains(example.1), "\(error.message)")
        if example.1.hasPrefix("no ") {
            #expect(error.line == 1)
        } else {
            #expect(error.line == line, "\(error)")
            #expect(error.column == column, "\(error)")
        }
    }
}
