import HotpathAnalysis
import Testing

/// Against statsmodels' `multipletests(p, method="fdr_bh")`: q-values to 1e-12 and the same
/// rejections at q = 0.05 and 0.10.
@Suite struct BenjaminiHochbergTests {
    @Test(arguments: StatisticsExpectations.loaded.benjaminiHochberg)
    func matchesStatsmodels(_ expected: StatisticsExpectations.BenjaminiHochbergCase) {
        let adjusted = BenjaminiHochberg.adjusted(expected.p)
        #expect(adjusted.count == expected.q.count)
        for (ours, theirs) in zip(adjusted, expected.q) {
            #expect(abs(ours - theirs) <= 1e-12, "q \(ours) vs statsmodels \(theirs)")
        }
        #expect(BenjaminiHochberg.rejected(expected.p, falseDiscoveryRate: 0.05) == expected.rejected05)
        #expect(BenjaminiHochberg.rejected(expected.p, falseDiscoveryRate: 0.10) == expected.rejected10)
    }

    @Test func keepsTheInputOrderAndGivesTiesOneValue() {
        // Sorted: 0.01, 0.01, 0.02, 0.5 → min(0.01/¼, 0.01/½), 0.01/½, 0.02/¾, 0.5/1.
        let adjusted = BenjaminiHochberg.adjusted([0.5, 0.01, 0.02, 0.01])
        #expect(adjusted == [0.5, 0.02, 0.02 / 0.75, 0.02])
    }

    @Test func aFamilyOfOneIsLeftAlone() {
        #expect(BenjaminiHochberg.adjusted([0.03]) == [0.03])
        #expect(BenjaminiHochberg.adjusted([]).isEmpty)
        #expect(BenjaminiHochberg.rejected([], falseDiscoveryRate: 0.05).isEmpty)
    }

    @Test func aTestThatCouldNotRunCountsAsNoEvidence() {
        #expect(BenjaminiHochberg.adjusted([0.01, .nan]) == BenjaminiHochberg.adjusted([0.01, 1]))
        #expect(BenjaminiHochberg.rejected([0.02, .nan], falseDiscoveryRate: 0.05) == [true, false])
    }
}
