import HotpathModel
import Testing

@testable import HotpathIngest

/// How the sample loop turns location ids into stacks: locations of one, two and many frames,
/// dense and sparse ids, packed and unpacked, and stacks that only meet once expanded.
@Suite struct PprofStackTests {
    /// Functions 1 to 6, `f1`…`f6`.
    static func functions(_ profile: inout ProfileProtoBuilder) {
        for id in 1...6 { profile.function(UInt64(id), "f\(id)") }
    }

    @Test func twoProgramCountersInOneFunctionAreOneStackWithTheirWeightsSummed() throws {
        var profile = ProfileProtoBuilder()
        profile.sampleType("cpu", "nanoseconds")
        // Locations 1 and 2 are two addresses in f1, so [1, 3] and [2, 3] are one stack, f3;f1.
        profile.sample([1, 3], [10])
        profile.sample([4, 3], [20])
        profile.sample([2, 3], [30])
        profile.sample([2, 3], [5], labels: [("thread", "worker")])
        profile.sample([1, 3], [40])
        profile.location(1, lines: [(1, 10)], address: 0x1000)
        profile.location(2, lines: [(1, 12)], address: 0x1008)
        profile.location(3, lines: [(3, 30)])
        profile.location(4, lines: [(4, 40)])
        Self.functions(&profile)
        let dump = try Ingestor().load(bytes: profile.bytes, name: "pcs.pb")
        #expect(dump.profile.stacks.map(\.frames) == [["f3", "f1"], ["f3", "f4"], ["f3", "f1"]])
        #expect(dump.profile.stacks.map(\.weight) == [80, 20, 5])
        #expect(dump.profile.stacks.map(\.thread) == [nil, nil, "worker"])
        #expect(dump.profile.run.labels["pprof.samples"] == "5")
    }

    @Test(arguments: [false, true])
    func locationsOfOneTwoAndManyFramesExpandInOrder(sparse: Bool) throws {
        // Sparse ids (far above the location count) go through a map instead of an array.
        let base: UInt64 = sparse ? 1 << 40 : 0
        var profile = ProfileProtoBuilder()
        profile.sampleType("samples", "count")
        profile.sample([base + 3, base + 2, base + 1], [1])
        profile.sample([base + 2, base + 3, base + 2], [2])
        profile.location(base + 1, lines: [(1, 1)])
        // Innermost first: f3 inlined into f2.
        profile.location(base + 2, lines: [(3, 1), (2, 1)])
        // f6 inlined into f5 into f4 into f1.
        profile.location(base + 3, lines: [(6, 1), (5, 1), (4, 1), (1, 1)])
        Self.functions(&profile)
        let dump = try Ingestor().load(bytes: profile.bytes, name: "inlined.pb")
        #expect(
            dump.profile.stacks.map(\.frames) == [
                ["f1", "f2", "f3", "f1", "f4", "f5", "f6"],
                ["f2", "f3", "f1", "f4", "f5", "f6", "f2", "f3"],
            ])
        #expect(dump.profile.stacks.map(\.weight) == [1, 2])
    }

    @Test func unpackedIdsAndValuesReadAsPackedOnes() throws {
        var profile = ProfileProtoBuilder()
        profile.sampleType("samples", "count")
        profile.sampleType("cpu", "nanoseconds")
        // One field per id and per value, as proto2 writers may: leaf first still.
        let message =
            ProfileProtoBuilder.field(1, varint: 2) + ProfileProtoBuilder.field(1, varint: 1)
            + ProfileProtoBuilder.field(2, varint: 3) + ProfileProtoBuilder.field(2, varint: 30)
        profile.fields += ProfileProtoBuilder.field(2, bytes: message)
        profile.sample([2, 1], [1, 10])
        profile.location(1, lines: [(1, 1)])
        profile.location(2, lines: [(3, 1), (2, 1)])
        Self.functions(&profile)
        let dump = try Ingestor().load(bytes: profile.bytes, name: "unpacked.pb")
        #expect(dump.profile.stacks.map(\.frames) == [["f1", "f2", "f3"]])
        #expect(dump.profile.stacks.map(\.weight) == [40])
        #expect(dump.profile.run.labels["pprof.samples.total"] == "4")
    }

    @Test func aDeepStackOfManyFrameLocationsGrowsItsPath() throws {
        var profile = ProfileProtoBuilder()
        profile.sampleType("samples", "count")
        // 600 ids of a 5-frame location and a 1-frame one: 3,600 frames, past the first path buffer.
        profile.sample((0..<600).map { UInt64(1 + $0 % 2) }, [1])
        profile.location(1, lines: [(1, 1), (2, 1), (3, 1), (4, 1), (5, 1)])
        profile.location(2, lines: [(6, 1)])
        Self.functions(&profile)
        let dump = try Ingestor().load(bytes: profile.bytes, name: "deep.pb")
        let expected = Array(repeatElement(["f6", "f5", "f4", "f3", "f2", "f1"], count: 300).joined())
        #expect(dump.profile.stacks.map(\.frames) == [expected])
    }
}
