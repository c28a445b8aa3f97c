import HotpathOptimizer
import Testing

@Suite struct AmdahlTests {
    @Test(arguments: [
        (0.5, 2.0, 1.0 / 0.75),  // half the run twice as fast
        (0.2, 4.0, 1.0 / 0.85),
        (1.0, 3.0, 3.0),
        (0.0, 10.0, 1.0),
        (1.5, 2.0, 2.0),  // shares above 1 are clamped
    ])
    func handComputed(share: Double, local: Double, expected: Double) {
        #expect(abs(Amdahl.speedup(share: share, localSpeedup: local) - expected) < 1e-12)
    }

    @Test func combinedCountsSharedTimeOnce() {
        // Two recommendations on the same 40%: the better one (s = 4) counts, once.
        let shared = Amdahl.combined([("op:a", 0.4, 2), ("op:a", 0.4, 4)])
        #expect(abs(shared - 1 / (0.6 + 0.1)) < 1e-12)
        // Operations' own time is disjoint and adds up: 1 / (1 − 0.2 − 0.3 + 0.2/2 + 0.3/3).
        let disjoint = Amdahl.combined([("op:a", 0.2, 2), ("op:b", 0.3, 3)])
        #expect(abs(disjoint - 1 / 0.7) < 1e-12)
        // Claimed shares beyond the whole run are capped at 1.
        #expect(Amdahl.combined([("op:a", 0.8, 2), ("op:b", 0.8, 2)]) == 2)
    }

    /// Time of unknown place (I/O, cache misses…) is put where it gains least: inside time
    /// already claimed with a larger speedup before unclaimed time.
    @Test func unlocatedTimeIsPlacedPessimistically() {
        // Synchronous and batched I/O on the same 66.3% of the run: 4× once, not 2× and 4×.
        let io = Amdahl.combined([("io:sync", 0.663, 2), ("io:writer", 0.663, 4)])
        #expect(abs(io - 1 / (0.337 + 0.663 / 4)) < 1e-12)
        // A cache's 12.7% inside an operation's 50% claimed at 1.4×: the cache's 5× replaces
        // 1.4× on 12.7%, it does not add another 12.7%.
        let cache = Amdahl.combined([("op:render", 0.5, 1.4), ("cache:templates", 0.127, 5)])
        #expect(abs(cache - 1 / (0.5 + 0.373 / 1.4 + 0.127 / 5)) < 1e-12)
        // Inside a piece that already gets more (hot path 0.3 at 6×), an I/O claim at 2× adds nothing.
        #expect(abs(Amdahl.combined([("op:a", 0.3, 6), ("io:sync", 0.2, 2)]) - 1 / (0.7 + 0.05)) < 1e-12)
        // What does not fit into claimed time lands in unclaimed time.
        let spill = Amdahl.combined([("op:a", 0.1, 2), ("io:sync", 0.3, 2)])
        #expect(abs(spill - 1 / (0.7 + 0.3 / 2)) < 1e-12)
        // Never more than the disjoint sum, never less than the best single change.
        let parts: [(key: String, share: Double, localSpeedup: Double)] = [
            ("op:a", 0.4, 1.5), ("cache:c", 0.2, 3), ("io:sync", 0.3, 2),
        ]
        let combined = Amdahl.combined(parts)
        #expect(combined >= parts.map { Amdahl.speedup(share: $0.share, localSpeedup: $0.localSpeedup) }.max()!)
        #expect(combined <= 1 / (0.1 + 0.4 / 1.5 + 0.2 / 3 + 0.3 / 2))
    }
}
