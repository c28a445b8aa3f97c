import Foundation
import HotpathAnalysis
import HotpathModel
import Testing

/// Sarle's coefficient against scipy (`skew`/`kurtosis` with `bias=False`), and the check's
/// behaviour over seeded samples of 30: quiet on log-normal noise, firing on two modes.
@Suite struct BimodalityTests {
    @Test(arguments: StatisticsExpectations.loaded.bimodality)
    func coefficientMatchesScipy(_ expected: StatisticsExpectations.BimodalityCase) throws {
        let coefficient = try #require(Bimodality.coefficient(expected.samples))
        #expect(relativeDifference(coefficient, expected.coefficient) <= 1e-12)
    }

    /// Log-normal with CV 15% (σ of the logarithm √ln(1 + 0.15²)), 30 values, 1,000 seeds.
    @Test func rarelyFiresOnLogNormalNoise() {
        var generator = SeededGenerator(seed: 1_616)
        let sigma = log(1 + 0.15 * 0.15).squareRoot()
        var fired = 0
        for _ in 0..<1000 {
            let samples = (0..<30).map { _ in generator.logNormal(median: 1.0e6, sigma: sigma) }
            if Bimodality.isBimodal(samples) { fired += 1 }
        }
        #expect(fired <= 25, "fired on \(fired) of 1,000")
    }

    /// Half the values around 1.0 ms, half around 1.3 ms, each mode with CV 3%, 1,000 seeds.
    @Test func firesOnTwoModesThirtyPercentApart() {
        var generator = SeededGenerator(seed: 1_617)
        var fired = 0
        for _ in 0..<1000 {
            let samples = (0..<30).map { index in (index < 15 ? 1.0e6 : 1.3e6) * (1 + 0.03 * generator.normal()) }
            if Bimodality.isBimodal(samples) { fired += 1 }
        }
        #expect(fired >= 995, "fired on \(fired) of 1,000")
    }

    @Test func needsEnoughValuesWithSomeSpread() {
        let twoModes = (0..<19).map { Double($0 % 2) }
        #expect(Bimodality.coefficient(twoModes)! > Bimodality.threshold)
        #expect(!Bimodality.isBimodal(twoModes))
        #expect(Bimodality.coefficient(Array(repeating: 3, count: 40)) == nil)
        #expect(!Bimodality.isBimodal(Array(repeating: 3, count: 40)))
        #expect(Bimodality.coefficient([1, 2, 3]) == nil)
    }
}
