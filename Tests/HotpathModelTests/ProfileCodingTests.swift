import Foundation
import HotpathModel
import Testing
import _HotpathTestSupport

@Suite struct ProfileCodingTests {
    func fullProfile() -> Profile {
        Profile(
            run: RunMetadata(
                workflow: "codegen", runID: "r1", startTime: "2026-11-20T02:00:00Z",
                git: GitInfo(commit: "abc", branch: "main"),
                host: "ci",
                environment: EnvironmentFingerprint(
                    os: "Linux", cpuModel: "EPYC", cores: 4, toolchain: "Swift 6.3", buildConfiguration: "release"),
                labels: ["trigger": "nightly"]),
            operations: [
                ProfileResult(name: "render", samples: [1, 2.5, 3]),
                ProfileResult(
                    name: "rss", metric: .memory, samples: [1024], summaryOnly: true,
                    summary: SummaryStatistics(
                        count: 40, mean: 1000, stddev: 12.5, min: 900, max: 1100, q1: 950, median: 990, q3: 1020)),
            ],
            spans: [
                Span(id: 1, name: "render", startNs: 0, durationNs: 5, thread: "main", parent: nil, args: ["k": "v"])
            ],
            stacks: [StackSample(frames: ["a", "b"], weight: 3)], stackWeightUnit: .samples,
            memory: MemoryTimeline(
                samples: [MemorySample(tNs: 0, rssBytes: 10, heapBytes: 5)],
                events: [MemoryEvent(tNs: 1, kind: .gc, durationNs: 2)]),
            io: [
                IOOperation(
                    operation: "write", kind: .write, bytes: 4096, durationNs: 100, startNs: 5, isAsync: false,
                    path: "a.txt")
            ],
            caches: [
                TemplateCacheStats(
                    name: "t", hits: 3, misses: 1, evictions: 1, size: 2, capacity: 4, missCostNs: 7, hotMisses: ["x"],
                    windows: [CacheWindow(hits: 1, misses: 1)])
            ],
            parallel: [
                ParallelExecutionStats(
                    name: "p", concurrencyLimit: 2, cores: 4, tasks: 3, wallNs: 10, busyNs: 15,
                    stages: [StageStats(name: "s", tasks: 3, wallNs: 10, busyNs: 15)],
                    workers: [WorkerStats(id: "w", tasks: 3, busyNs: 15)])
            ])
    }

    @Test func roundTripsThroughJSON() throws {
        let profile = fullProfile()
        let data = try JSONEncoder().encode(profile)
        let decoded = try JSONDecoder().decode(Profile.self, from: data)
        #expect(decoded == profile)
    }

    @Test func writesSnakeCaseKeysWithUnits() throws {
        let text = String(decoding: try JSONEncoder().encode(fullProfile()), as: UTF8.self)
        for key in [
            "\"format\":\"hotpath-profile\"", "\"version\":1", "\"run_id\"", "\"start_ns\"", "\"duration_ns\"",
            "\"rss_bytes\"", "\"concurrency_limit\"", "\"busy_ns\"", "\"stack_weight_unit\"", "\"summary\":{",
            "\"q3\":1020",
        ] {
            #expect(text.contains(key), "missing \(key)")
        }
    }

    @Test func rejectsOtherFormatsAndFutureVersions() throws {
        let wrongFormat = #"{"format":"other","version":1,"run":{"workflow":"w","run_id":"r"}}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Profile.self, from: Data(wrongFormat.utf8)) }
        let future = #"{"format":"hotpath-profile","version":2,"run":{"workflow":"w","run_id":"r"}}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Profile.self, from: Data(future.utf8)) }
    }

    @Test func optionalSectionsDefaultToEmpty() throws {
        let minimal = #"{"format":"hotpath-profile","version":1,"run":{"workflow":"w","run_id":"r"}}"#
        let profile = try JSONDecoder().decode(Profile.self, from: Data(minimal.utf8))
        #expect(
            profile.operations.isEmpty && profile.spans.isEmpty && profile.memory.isEmpty && profile.run.labels.isEmpty)
    }

    @Test func sampledWhenOnlyStacks() {
        #expect(Profile(run: ExampleProfiles.run(), stacks: [StackSample(frames: ["a"], weight: 1)]).kind == .sampled)
        #expect(ExampleProfiles.nested().kind == .timed)
    }

    @Test func environmentsCompareOnKnownFieldsOnly() {
        let a = EnvironmentFingerprint(os: "Linux", cores: 4)
        #expect(a.isComparable(with: EnvironmentFingerprint(os: "Linux", cores: 4, toolchain: "x")))
        #expect(!a.isComparable(with: EnvironmentFingerprint(os: "Linux", cores: 8)))
    }
}
