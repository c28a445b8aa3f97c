import Foundation
import HotpathModel
import Testing
import _HotpathTestSupport

@testable import HotpathIngest

/// What `Fixtures/oracles/benchmarkdotnet_oracle.py` read from each vendored BenchmarkDotNet report.
struct BenchmarkDotNetOracle: Decodable {
    var name: String
    var metric: String
    var samples: [Double]

    static let folder = "other/benchmarkdotnet"

    static let all: [String: [BenchmarkDotNetOracle]] = {
        let url = URL(fileURLWithPath: Fixtures.path("oracles/benchmarkdotnet-oracle.json"))
        guard let data = try? Data(contentsOf: url) else { return [:] }
        return (try? JSONDecoder().decode([String: [BenchmarkDotNetOracle]].self, from: data)) ?? [:]
    }()
}

@Suite struct BenchmarkDotNetImporterTests {
    static let fixtureNames = sampleNames(BenchmarkDotNetOracle.folder)

    @Test func theOracleCoversEveryFixture() {
        #expect(Self.fixtureNames.count >= 2)
        #expect(Set(Self.fixtureNames) == Set(BenchmarkDotNetOracle.all.keys))
    }

    @Test(arguments: fixtureNames)
    func everyFixtureAgreesWithTheOracle(_ name: String) throws {
        let oracle = try #require(BenchmarkDotNetOracle.all[name])
        let dump = try load(Samples.path(BenchmarkDotNetOracle.folder + "/" + name))
        #expect(dump.format == .benchmarkDotNet)
        #expect(dump.profile.run.kind == .benchmarkSuite)
        #expect(dump.profile.operations.map(\.name) == oracle.map(\.name))
        #expect(dump.profile.operations.map(\.metric.rawValue) == oracle.map(\.metric))
        #expect(dump.profile.operations.count == oracle.count)
        for (operation, expected) in zip(dump.profile.operations, oracle) {
            #expect(operation.samples.count == expected.samples.count)
            for (value, wanted) in zip(operation.samples, expected.samples) {
                #expect(abs(value - wanted) <= 1e-9 * max(1, abs(wanted)), "\(operation.name)")
            }
        }
        #expect(dump.profile.run.labels["benchmarkdotnet.version"] != nil)
        #expect(dump.profile.run.environment?.toolchain?.contains(".NET") == true)
    }

    /// One case with the measurements BenchmarkDotNet writes for every stage.
    static func report(
        parameters: String = "N=10&Mode=fast", display: String = "Bench.Sort: DefaultJob", memory: String = "",
        configuration: String = "RELEASE", extraCase: String = ""
    ) -> String {
        #"""
        {"Title":"Bench-20261206","HostEnvironmentInfo":{"BenchmarkDotNetVersion":"0.14.0","OsVersion":"Ubuntu 24.04","ProcessorName":"AMD EPYC","LogicalCoreCount":8,"RuntimeVersion":".NET 8.0.1","Architecture":"X64","Configuration":"\#(configuration)","HasAttachedDebugger":false},
        "Benchmarks":[{"DisplayInfo":"\#(display)","Namespace":"My.Benchmarks","Type":"Bench","Method":"Sort","MethodTitle":"Sort","Parameters":"\#(parameters)","FullName":"My.Benchmarks.Bench.Sort(N: 10, Mode: fast)",
        "Statistics":{"OriginalValues":[9,10],"N":2,"Mean":9.5,"Median":9.5,"ConfidenceInterval":{"N":2,"Mean":9.5,"StandardError":0.5,"Level":12,"Margin":3.1,"Lower":6.4,"Upper":12.6}},\#(memory)
        "Measurements":[
        {"IterationMode":"Overhead","IterationStage":"Actual","LaunchIndex":1,"IterationIndex":1,"Operations":4,"Nanoseconds":8},
        {"IterationMode":"Workload","IterationStage":"Warmup","LaunchIndex":1,"IterationIndex":1,"Operations":4,"Nanoseconds":400},
        {"IterationMode":"Workload","IterationStage":"Actual","LaunchIndex":1,"IterationIndex":1,"Operations":4,"Nanoseconds":44},
        {"IterationMode":"Workload","IterationStage":"Actual","LaunchIndex":1,"IterationIndex":2,"Operations":4,"Nanoseconds":48},
        {"IterationMode":"Workload","IterationStage":"Result","LaunchIndex":1,"IterationIndex":1,"Operations":4,"Nanoseconds":36}]}\#(extraCase)]}
        """#
    }

    @Test func actualWorkloadIterationsAreTheSamplesInNanosecondsPerOperation() throws {
        let dump = try Ingestor().load(text: Self.report(), name: "Bench-report-full.json")
        #expect(dump.format == .benchmarkDotNet)
        #expect(dump.profile.run.kind == .benchmarkSuite)
        let operation = try #require(dump.profile.operations.first)
        #expect(operation.name == "My.Benchmarks.Bench.Sort [N=10, Mode=fast]")
        #expect(operation.group == "My.Benchmarks.Bench")
        #expect(operation.metric == .timing)
        #expect(operation.samples == [11, 12])
        #expect(dump.profile.operations.count == 1)
        let labels = dump.profile.run.labels
        #expect(
            labels["benchmarkdotnet.score.\(operation.name)"]
                == "mean 9.5 ns ± 3.1 (99.9% CI 6.4…12.6), median 9.5 ns, N = 2")
        #expect(labels["benchmarkdotnet.title"] == "Bench-20261206")
        let environment = try #require(dump.profile.run.environment)
        #expect(environment.toolchain == ".NET 8.0.1")
        #expect(environment.cpuModel == "AMD EPYC")
        #expect(environment.cores == 8)
        #expect(environment.buildConfiguration == "release")
        #expect(dump.diagnostics.isEmpty)
    }

    @Test func theMemoryDiagnoserGivesAllocatedBytesPerOperationAsMemory() throws {
        let memory =
            #""Memory":{"Gen0Collections":5,"Gen1Collections":0,"Gen2Collections":0,"TotalOperations":10000,"BytesAllocatedPerOperation":368},"#
        let dump = try Ingestor().load(text: Self.report(memory: memory), name: "memory.json")
        let allocated = try #require(dump.profile.operations.last)
        #expect(allocated.name == "My.Benchmarks.Bench.Sort [N=10, Mode=fast] (alloc/op)")
        #expect(allocated.metric == .memory)
        #expect(allocated.samples == [368])
        #expect(
            dump.profile.run.labels["benchmarkdotnet.gc.My.Benchmarks.Bench.Sort [N=10, Mode=fast]"]
                == "Gen0 0.5, Gen1 0, Gen2 0 per 1,000 operations")
    }

    @Test func withoutMeasurementsTheStatisticsAreTheSamplesWithAWarning() throws {
        let text =
            #"{"Title":"t","HostEnvironmentInfo":{},"Benchmarks":[{"Namespace":"N","Type":"T","Method":"M","Parameters":"","Statistics":{"OriginalValues":[3.5,4.5],"Mean":4}}]}"#
        let dump = try Ingestor().load(text: text, name: "brief.json")
        #expect(dump.profile.operations.first?.samples == [3.5, 4.5])
        #expect(dump.diagnostics.contains { $0.message.contains("Statistics.OriginalValues") })
    }

    @Test func theSameMethodInSeveralJobsIsNamedByItsJob() throws {
        let second =
            #",{"DisplayInfo":"Bench.Sort: Job-NET9","Namespace":"My.Benchmarks","Type":"Bench","Method":"Sort","Parameters":"N=10&Mode=fast","Statistics":{"OriginalValues":[7]}}"#
        let dump = try Ingestor().load(
            text: Self.report(display: "Bench.Sort: Job-NET8", extraCase: second), name: "jobs.json")
        #expect(
            dump.profile.operations.map(\.name) == [
                "My.Benchmarks.Bench.Sort [N=10, Mode=fast] (Job-NET8)",
                "My.Benchmarks.Bench.Sort [N=10, Mode=fast] (Job-NET9)",
            ])
    }

    @Test func aFailedCaseIsLeftOutWithAWarningAndADebugBuildIsWarnedOf() throws {
        let failed =
            #",{"Namespace":"My.Benchmarks","Type":"Bench","Method":"Broken","Parameters":"","Statistics":null}"#
        let dump = try Ingestor().load(
            text: Self.report(configuration: "DEBUG", extraCase: failed), name: "failed.json")
        #expect(dump.profile.operations.map(\.name) == ["My.Benchmarks.Bench.Sort [N=10, Mode=fast]"])
        #expect(
            dump.diagnostics.contains { $0.message.contains("\"My.Benchmarks.Bench.Broken\" has no actual workload") })
        #expect(dump.diagnostics.contains { $0.message.contains("DEBUG build") })
    }

    @Test func zeroOperationsInAnIterationIsAnErrorAtTheValue() throws {
        let marked = MarkedText(
            #"{"HostEnvironmentInfo":{},"Benchmarks":[{"Namespace":"N","Type":"T","Method":"M","Measurements":[{"IterationMode":"Workload","IterationStage":"Actual","Operations":⏏0,"Nanoseconds":5}]}]}"#
        )
        let error = try #require(loadError(text: marked.text, name: "bad.json"))
        #expect(error.format == .benchmarkDotNet)
        #expect(error.line == marked.line && error.column == marked.column)
        #expect(error.message.contains("Operations"))
    }

    @Test func aNegativeTimeIsAnErrorAtTheValue() throws {
        let marked = MarkedText(
            #"{"HostEnvironmentInfo":{},"Benchmarks":[{"Namespace":"N","Type":"T","Method":"M","Measurements":[{"IterationMode":"Workload","IterationStage":"Actual","Operations":2,"Nanoseconds":⏏-5}]}]}"#
        )
        let error = try #require(loadError(text: marked.text, name: "bad.json"))
        #expect(error.line == marked.line && error.column == marked.column)
    }

    @Test func aTruncatedReportIsAnErrorAtItsEnd() throws {
        let text = Self.report()
        let cut = String(text.prefix(text.count / 2))
        let error = try #require(loadError(text: cut, name: "cut.json"))
        #expect(error.line != nil)
    }

    @Test func googleBenchmarkAndJMHAreNotBenchmarkDotNet() {
        for text in [#"{"context":{},"benchmarks":[]}"#, #"[{"benchmark":"a.B.c","mode":"avgt"}]"#] {
            let sniff = Array(text.utf8).withUnsafeBytes { ContentSniff(bytes: $0) }
            #expect(!BenchmarkDotNetImporter().recognizes(sniff))
        }
    }
}
