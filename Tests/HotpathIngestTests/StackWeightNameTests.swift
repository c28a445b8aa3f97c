import Foundation
import HotpathModel
import Testing
import _HotpathTestSupport

@testable import HotpathIngest

/// Each reader whose stacks count something other than samples names it
/// (`Profile.stackWeightName`), so pages write `1,234 Ir`, not `1,234 samples`.
@Suite struct StackWeightNameTests {
    @Test func callgrindNamesItsMeasuredEvent() throws {
        let path = Samples.path("other/callgrind/from-speedscope/callgrind__callgrind.multiple-event-types.log")
        let first = try load(path)
        #expect(first.profile.stackWeightName != nil)
        #expect(first.profile.stackWeightName == first.profile.run.labels["callgrind.measure"])
        let text = """
            events: Ir Dr
            fn=main
            1 10 4
            """
        #expect(try Ingestor().load(text: text, name: "callgrind.out.1").profile.stackWeightName == "Ir")
        var options = IngestOptions()
        options.sampleType = "Dr"
        let dump = try Ingestor(options: options).load(text: text, name: "callgrind.out.1")
        #expect(dump.profile.stackWeightName == "Dr")
    }

    @Test func perfScriptNamesTheEventItsPeriodsCount() throws {
        let text = """
            app 12 [000] 1.000000:     250000 cycles:
            \t          4005d0 alpha+0x10 (/opt/app/bin/app)

            app 12 [000] 1.001000:     250000 cycles:
            \t          4005e0 beta (/opt/app/bin/app)

            """
        let dump = try Ingestor().load(text: text, name: "perf.txt")
        #expect(dump.format == .perfScript)
        #expect(dump.profile.stackWeightUnit == .samples)
        #expect(dump.profile.stackWeightName == "cycles")
        // cpu-clock periods are nanoseconds: a time, no name needed.
        let clock = try Ingestor().load(
            text: text.replacingOccurrences(of: "cycles", with: "cpu-clock"), name: "perf.txt")
        #expect(clock.profile.stackWeightUnit == .nanoseconds)
    }

    @Test func pprofNamesItsSampleType() throws {
        var profile = ProfileProtoBuilder()
        profile.sampleType("contentions", "count")
        profile.sampleType("delay", "nanoseconds")
        profile.defaultSampleType("contentions")
        profile.sample([1], [3, 4096])
        profile.location(1, lines: [(1, 12)])
        profile.function(1, "sync.(*Mutex).Lock", file: "mutex.go", startLine: 10)
        let dump = try Ingestor().load(bytes: profile.bytes, name: "mutex.pb")
        #expect(dump.profile.stackWeightUnit == .samples)
        #expect(dump.profile.stackWeightName == "contentions")
        var cpu = ProfileProtoBuilder()
        cpu.sampleType("samples", "count")
        cpu.sample([1], [3])
        cpu.location(1, lines: [(1, 12)])
        cpu.function(1, "main", file: "main.go", startLine: 1)
        #expect(try Ingestor().load(bytes: cpu.bytes, name: "cpu.pb").profile.stackWeightName == nil)
    }

    @Test func dtraceCountsAreSamples() throws {
        let text = "CPU ID FUNCTION:NAME\n\n  a`f+0x1\n   3\n"
        #expect(try Ingestor().load(text: text, name: "out.stacks").profile.stackWeightName == nil)
    }
}
