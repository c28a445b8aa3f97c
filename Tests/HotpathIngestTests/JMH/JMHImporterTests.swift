import Foundation
import HotpathModel
import Testing
import _HotpathTestSupport

@testable import HotpathIngest

/// What `Fixtures/oracles/jmh_oracle.py` read from each vendored JMH result file.
struct JMHOracle: Decodable {
    var name: String
    var metric: String
    var samples: [Double]

    static let folder = "other/jmh"

    static let all: [String: [JMHOracle]] = {
        let url = URL(fileURLWithPath: Fixtures.path("oracles/jmh-oracle.json"))
        guard let data = try? Data(contentsOf: url) else { return [:] }
        return (try? JSONDecoder().decode([String: [JMHOracle]].self, from: data)) ?? [:]
    }()
}

@Suite struct JMHImporterTests {
    static let fixtureNames = sampleNames(JMHOracle.folder)

    @Test func theOracleCoversEveryFixture() {
        #expect(Self.fixtureNames.count >= 3)
        #expect(Set(Self.fixtureNames) == Set(JMHOracle.all.keys))
    }

    @Test(arguments: fixtureNames)
    func everyFixtureAgreesWithTheOracle(_ name: String) throws {
        let oracle = try #require(JMHOracle.all[name])
        let dump = try load(Samples.path(JMHOracle.folder + "/" + name))
        #expect(dump.format == .jmh)
        #expect(dump.profile.operations.map(\.name) == oracle.map(\.name))
        #expect(dump.profile.operations.map(\.metric.rawValue) == oracle.map(\.metric))
        #expect(dump.profile.operations.map(\.samples) == oracle.map(\.samples))
        #expect(dump.profile.run.labels["jmh.version"] != nil)
    }

    static func result(mode: String, unit: String, raw: String, secondary: String = "{}") -> String {
        #"[{"jmhVersion":"1.37","benchmark":"org.example.Bench.parse","mode":"\#(mode)","threads":1,"forks":2,"jdkVersion":"21.0.2","vmName":"OpenJDK 64-Bit Server VM","params":{"size":"100","codec":"json"},"primaryMetric":{"score":2.0,"scoreError":0.5,"scoreConfidence":[1.5,2.5],"scoreUnit":"\#(unit)","rawData":\#(raw)},"secondaryMetrics":\#(secondary)}]"#
    }

    @Test func averageTimeIsTimingInNanosecondsWithForksTimesIterationsAsSamples() throws {
        let text = Self.result(
            mode: "avgt", unit: "us/op", raw: "[[1.5,2.0],[2.5,2.0]]",
            secondary:
                #"{"·gc.alloc.rate.norm":{"score":96.0,"scoreError":0.1,"scoreUnit":"B/op","rawData":[[96.0,96.0],[96.0,96.5]]},"·gc.count":{"score":3.0,"scoreUnit":"counts","rawData":[[1,2]]}}"#
        )
        let dump = try Ingestor().load(text: text, name: "jmh-result.json")
        #expect(dump.format == .jmh)
        let timing = try #require(dump.profile.operations.first)
        #expect(timing.name == "org.example.Bench.parse [size=100, codec=json]")
        #expect(timing.group == "org.example.Bench")
        #expect(timing.metric == .timing)
        #expect(timing.samples == [1500, 2000, 2500, 2000])
        let memory = try #require(dump.profile.operations.last)
        #expect(memory.name == "org.example.Bench.parse [size=100, codec=json] (alloc/op)")
        #expect(memory.metric == .memory)
        #expect(memory.samples == [96, 96, 96, 96.5])
        #expect(dump.profile.run.labels["jmh.gc.count"] == "3 counts")
        #expect(dump.profile.run.labels["jmh.score.\(timing.name)"] == "2 us/op ± 0.5 (99.9% CI 1.5…2.5)")
        #expect(dump.profile.run.environment?.toolchain == "JDK 21.0.2 (OpenJDK 64-Bit Server VM)")
    }

    @Test func throughputIsLargerIsBetterInOperationsPerSecond() throws {
        let dump = try Ingestor().load(
            text: Self.result(mode: "thrpt", unit: "ops/ms", raw: "[[10,12]]"), name: "thrpt.json")
        let operation = try #require(dump.profile.operations.first)
        #expect(operation.metric == .throughput)
        #expect(operation.metric.polarity == .largerIsBetter)
        #expect(operation.name.hasSuffix("(ops/s)"))
        #expect(operation.samples == [10_000, 12_000])
    }

    @Test func sampleModeExpandsTheHistogram() throws {
        let text =
            #"[{"benchmark":"b.B.m","mode":"sample","primaryMetric":{"scoreUnit":"ns/op","rawDataHistogram":[[[[100,2],[250,1]]],[[[300,1]]]]}}]"#
        let dump = try Ingestor().load(text: text, name: "sample.json")
        #expect(dump.profile.operations.first?.samples == [100, 100, 250, 300])
    }

    @Test func anUnknownUnitIsAnErrorAtTheValue() throws {
        let marked = MarkedText(
            #"[{"benchmark":"b.B.m","mode":"avgt","primaryMetric":{"scoreUnit":⏏"furlongs/op","rawData":[[1]]}}]"#)
        let error = try #require(loadError(text: marked.text, name: "bad.json"))
        #expect(error.format == .jmh)
        #expect(error.line == marked.line && error.column == marked.column)
        #expect(error.message.contains("unknown score unit \"furlongs/op\""))
    }

    @Test func aNegativeMeasurementIsAnErrorAtTheValue() throws {
        let marked = MarkedText(
            #"[{"benchmark":"b.B.m","mode":"avgt","primaryMetric":{"scoreUnit":"ns/op","rawData":[[1,⏏-4]]}}]"#)
        let error = try #require(loadError(text: marked.text, name: "bad.json"))
        #expect(error.line == marked.line && error.column == marked.column)
    }

    @Test func googleBenchmarkAndHyperfineAreNotJMH() {
        for text in [#"{"context":{},"benchmarks":[]}"#, #"[{"name":"x","run_type":"iteration"}]"#] {
            let sniff = Array(text.utf8).withUnsafeBytes { ContentSniff(bytes: $0) }
            #expect(!JMHImporter().recognizes(sniff))
        }
    }
}
