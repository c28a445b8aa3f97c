import HotpathModel
import Testing

@testable import HotpathAnalysis

/// Against R 4.2.2's `wilcox.test(current, baseline, conf.int = TRUE, conf.level = …)`.
@Suite struct HodgesLehmannTests {
    @Test(arguments: StatisticsExpectations.loaded.hodgesLehmann)
    func matchesR(_ expected: StatisticsExpectations.HodgesLehmannCase) throws {
        let shift = try #require(
            HodgesLehmann.shift(
                current: expected.current, baseline: expected.baseline, confidenceLevel: expected.confidenceLevel))
        #expect(shift.method.rawValue == expected.rDefault.method)
        #expect(shift.confidenceLevel == expected.rDefault.confidenceLevel)
        // The estimate is the median of all differences, as numpy finds it from all n·m of them.
        #expect(relativeDifference(shift.estimate, expected.medianOfDifferences) <= 1e-12)
        if shift.method == .exact {
            for r in [expected.rDefault, expected.rTight] {
                #expect(
                    relativeDifference(shift.estimate, r.estimate) <= 1e-9,
                    "estimate \(shift.estimate) vs R \(r.estimate)")
                #expect(relativeDifference(shift.lower, r.lower) <= 1e-9, "lower \(shift.lower) vs R \(r.lower)")
                #expect(relativeDifference(shift.upper, r.upper) <= 1e-9, "upper \(shift.upper) vs R \(r.upper)")
            }
            return
        }
        // R finds the asymptotic interval's ends, the steps of a step function, with uniroot, whose
        // bracket at the end is at most tol.root + 4ε·|root| wide; the step itself sits where
        // current − d meets a baseline value in R's floating point, which can be an ulp of the
        // samples away from the difference. Within that, R's ends are ours.
        let magnitude = (expected.current + expected.baseline).map(abs).max() ?? 0
        for (r, tolRoot) in [(expected.rDefault, 1e-4), (expected.rTight, 1e-12)] {
            let allowance = tolRoot + 8 * Double.ulpOfOne * magnitude
            #expect(abs(shift.lower - r.lower) <= allowance, "lower \(shift.lower) vs R \(r.lower)")
            #expect(abs(shift.upper - r.upper) <= allowance, "upper \(shift.upper) vs R \(r.upper)")
            // R's estimate is whichever root uniroot meets: the statistic is zero all along the
            // span of differences around the median. Ours is the median, inside the same span.
            let span = expected.estimateSpan
            #expect(
                r.estimate >= span[0] - allowance && r.estimate <= span[1] + allowance, "R \(r.estimate), span \(span)")
            #expect(shift.estimate >= span[0] && shift.estimate <= span[1])
        }
    }

    @Test(arguments: StatisticsExpectations.loaded.hodgesLehmann)
    func relativeShiftIsOverTheBaselineMedian(_ expected: StatisticsExpectations.HodgesLehmannCase) throws {
        let absolute = try #require(
            HodgesLehmann.shift(
                current: expected.current, baseline: expected.baseline, confidenceLevel: expected.confidenceLevel))
        let relative = try #require(
            HodgesLehmann.relativeShift(
                current: expected.current, baseline: expected.baseline, confidenceLevel: expected.confidenceLevel))
        #expect(relative.estimate == absolute.estimate / expected.baselineMedian)
        #expect(relative.lower == absolute.lower / expected.baselineMedian)
        #expect(relative.upper == absolute.upper / expected.baselineMedian)
        #expect(relative.method == absolute.method && relative.confidenceLevel == absolute.confidenceLevel)
    }

    @Test func aSlowerCurrentShiftsUp() throws {
        let shift = try #require(HodgesLehmann.shift(current: [11, 12, 13, 14], baseline: [1, 2, 3]))
        #expect(shift.estimate == 10.5 && shift.lower > 0)
        let relative = try #require(HodgesLehmann.relativeShift(current: [11, 12, 13, 14], baseline: [1, 2, 3]))
        #expect(relative.estimate == 10.5 / 2)
    }

    @Test func identicalValuesGiveAZeroInterval() throws {
        // R stops with an error here (all tied); the only honest interval is the one difference.
        let shift = try #require(
            HodgesLehmann.shift(current: Array(repeating: 7, count: 12), baseline: Array(repeating: 7, count: 10)))
        #expect(shift == .init(estimate: 0, lower: 0, upper: 0, confidenceLevel: 0.95, method: .asymptotic))
    }

    @Test func refusesWhatItCannotEstimate() {
        #expect(HodgesLehmann.shift(current: [], baseline: [1]) == nil)
        #expect(HodgesLehmann.shift(current: [1, .nan], baseline: [1]) == nil)
        #expect(HodgesLehmann.shift(current: [1], baseline: [.infinity]) == nil)
        #expect(HodgesLehmann.shift(current: [1], baseline: [2], confidenceLevel: 1) == nil)
        #expect(HodgesLehmann.relativeShift(current: [1], baseline: [-2, 0, 1]) == nil)
    }

    /// The selection over the implicit difference matrix against sorting all of them, over seeded
    /// samples with ties, negatives and zeros.
    @Test func orderStatisticsAreThoseOfAllDifferences() {
        var generator = SeededGenerator(seed: 16)
        for round in 0..<40 {
            let n = 1 + Int(generator.next() % 17)
            let m = 1 + Int(generator.next() % 13)
            let values: () -> Double =
                round % 2 == 0
                ? { Double(Int(generator.next() % 9)) - 4 }
                : { generator.normal() * 1e3 }
            let x = (0..<n).map { _ in values() }
            let y = (0..<m).map { _ in values() }
            let all = x.flatMap { xi in y.map { xi - $0 } }.sorted()
            let differences = PairwiseDifferences(x: x.sorted(), y: y.sorted())
            for k in 1...all.count {
                #expect(differences.orderStatistic(k) == all[k - 1], "k \(k) of \(x) − \(y)")
                if k < all.count { #expect(differences.orderStatistics(k) == (all[k - 1], all[k])) }
            }
        }
    }

    @Test func fiveThousandASideTakesNoTime() throws {
        var generator = SeededGenerator(seed: 5000)
        let current = (0..<5000).map { _ in generator.logNormal(median: 1.03e6, sigma: 0.25) }
        let baseline = (0..<5000).map { _ in generator.logNormal(median: 1.0e6, sigma: 0.25) }
        let clock = ContinuousClock()
        var shift: HodgesLehmann.Shift?
        let elapsed = clock.measure { shift = HodgesLehmann.shift(current: current, baseline: baseline) }
        let result = try #require(shift)
        #expect(result.lower < result.estimate && result.estimate < result.upper && result.lower > 0)
        // 25 million differences, none stored: well under a second even in a debug build.
        #expect(elapsed < .seconds(2), "\(elapsed)")
    }
}
