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

    /// The family's cut-off is q·R/n; a value measured against the family is adjusted as a member
    /// of its rank would be.
    @Test func aFamilyJudgesValuesThatAreNotItsMembers() {
        let family = BenjaminiHochberg.Family([0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216])
        // Two rejections at q = 0.05 (0.001 ≤ 0.005, 0.008 ≤ 0.010; 0.039 > 0.015 …).
        #expect(family.cutoff(falseDiscoveryRate: 0.05) == 0.05 * 2 / 10)
        #expect(BenjaminiHochberg.Family([0.5, 0.9]).cutoff(falseDiscoveryRate: 0.05) == -1)
        let members = BenjaminiHochberg.adjusted([0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216])
        #expect(abs(family.adjusted(0.008) - members[1]) < 1e-15)
        #expect(abs(family.adjusted(0.001) - members[0]) < 1e-15)
        // A weaker split of a series whose best split is a member: between its neighbours.
        #expect(family.adjusted(0.02) >= members[1] && family.adjusted(0.02) <= members[2])
    }
}
