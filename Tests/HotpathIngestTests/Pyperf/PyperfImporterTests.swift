import Foundation
import HotpathModel
import Testing
import _HotpathTestSupport

@testable import HotpathIngest

@Suite struct PyperfImporterTests {
    @Test(arguments: sampleNames("pyperf"))
    func importsEverySample(_ name: String) throws {
        let dump = try load(Samples.path("pyperf/" + name))
        #expect(dump.format == .pyperf)
        #expect(dump.warningMessages.isEmpty)
    }

    @Test func valuesWithoutWarmupsInNanoseconds() throws {
        let profile = try load(Samples.path("pyperf/from-pyperf/pyperf__tests__telco.json")).profile
        let telco = try #require(profile.operations.first)
        #expect(telco.name == "telco")
        #expect(telco.samples.count == 120)
        #expect(abs(telco.samples[0] - 22_752_201.875846367) < 1e-6)
        #expect(profile.run.environment?.cores == 4)
        #expect(profile.run.environment?.cpuModel == "Intel(R) Core(TM) i7-3520M CPU @ 2.90GHz")
    }

    @Test func gzipCompressedFiles() throws {
        let dump = try load(Samples.path("pyperf/from-pyperf/doc__timeit_strip.json.gz"))
        #expect(dump.profile.operations.map(\.samples.count) == [9])
        #expect(abs(dump.profile.operations[0].samples[0] - 771.0041245445609) < 1e-9)
        #expect(dump.profile.run.startTime == "2017-04-10T16:55:31.371602")
        #expect(dump.profile.run.host == "selma")
    }

    @Test func byteUnitIsMemory() throws {
        let profile = try load(Samples.path("pyperf/from-pyperf/pyperf__tests__track_memory.json")).profile
        #expect(
            profile.operations == [
                ProfileResult(name: "timeit", metric: .memory, samples: [7_360_512, 7_364_608, 7_380_992])
            ])
    }

    @Test func suitesKeepEveryBenchmark() throws {
        let profile = try load(Samples.path("pyperf/from-pyperf/pyperf__tests__mult_list_py38.json")).profile
        #expect(profile.operations.map(\.name) == ["[1]*1000", "[1,2]*1000", "[1,2,3]*1000"])
        #expect(profile.operations.map(\.samples.count) == [60, 60, 60])
        #expect(profile.run.environment?.toolchain?.hasPrefix("CPython 3.8.5") == true)
    }

    @Test(arguments: [
        MarkedText(
            #"{"version":"1.0","metadata":{"name":"x","unit":⏏"furlong"},"benchmarks":[{"runs":[{"values":[1]}]}]}"#),
        MarkedText(#"{"version":"1.0","metadata":{"name":"x"},"benchmarks":[{"runs":[{"values":[1,⏏"two"]}]}]}"#),
        MarkedText("{\"version\":\"1.0\",\"metadata\":{},\"benchmarks\":[{\"runs\":[\n{\"values\":[0.1,⏏"),
    ])
    func corruptFilesGivePositionedErrors(_ input: MarkedText) throws {
        let error = try #require(loadError(text: input.text, name: "pp.json"))
        #expect(error.format == .pyperf)
        #expect((error.line, error.column) == (input.line, input.column), "\(error.description)")
    }
}
