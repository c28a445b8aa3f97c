import Foundation
import HotpathModel
import HotpathProfiler
import Testing

@Suite("Memory recording")
struct MemoryRecordingTests {
    @Test("samples read the real resident size, and the peak is at least that")
    func residentMemory() throws {
        let profiler = Profiler(workflow: "test")
        let sample = try #require(profiler.sampleMemory())
        // A Swift test process holds at least a few MiB resident.
        #expect(sample.rssBytes > 1_000_000)
        #expect(sample.tNs >= 0)
        let peak = try #require(profiler.peakResidentBytes)
        #expect(peak >= sample.rssBytes)
        let profile = profiler.snapshot()
        #expect(profile.memory.samples == [sample])
        #expect(Double(profile.run.labels["peak_rss_bytes"] ?? "") ?? 0 >= sample.rssBytes)
    }

    @Test("the background sampler samples until stopped")
    func backgroundSampling() async throws {
        let profiler = Profiler(workflow: "test", options: .init(memorySamplingInterval: .milliseconds(2)))
        let deadline = ContinuousClock.now + .seconds(5)
        while profiler.snapshot().memory.samples.count < 3, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(2))
        }
        profiler.stopMemorySampling()
        // A sample already being taken when the sampler stops may still land: let it.
        try await Task.sleep(for: .milliseconds(10))
        let samples = profiler.snapshot().memory.samples
        #expect(samples.count >= 3)
        #expect(samples.allSatisfy { $0.rssBytes > 0 })
        #expect(samples.map(\.tNs) == samples.map(\.tNs).sorted())
        try await Task.sleep(for: .milliseconds(20))
        #expect(profiler.snapshot().memory.samples.count == samples.count)
    }
}
