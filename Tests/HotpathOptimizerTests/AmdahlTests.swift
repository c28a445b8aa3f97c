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
        // Disjoint time adds up: 1 / (1 − 0.2 − 0.3 + 0.2/2 + 0.3/3).
        let disjoint = Amdahl.combined([("a", 0.2, 2), ("b", 0.3, 3)])
        #expect(abs(disjoint - 1 / 0.7) < 1e-12)
        // Claimed shares beyond the whole run are capped at 1.
        #expect(Amdahl.combined([("a", 0.8, 2), ("b", 0.8, 2)]) == 2)
    }
}
