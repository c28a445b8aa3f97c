import HotpathModel
import Testing

@testable import HotpathAnalysis

/// The noise model against the same formula computed with scipy's t quantiles, and against
/// statsmodels' exact noncentral-t power calculation, which the formula approximates.
@Suite struct NoiseModelTests {
    @Test(arguments: StatisticsExpectations.loaded.noise)
    func matchesTheFormula(_ expected: StatisticsExpectations.NoiseCase) throws {
        let test: NoiseModel.Test = expected.test == "welchT" ? .welchT : .mannWhitney
        let effect = try #require(
            NoiseModel.minimumDetectableEffect(
                coefficientOfVariation: expected.cv, samplesPerSide: expected.n, test: test, alpha: expected.alpha,
                power: expected.power))
        #expect(relativeDifference(effect, expected.mde) <= 1e-12, "\(effect) vs \(expected.mde)")
        // The approximation stays within 0.5% of the exact answer from 5 samples a side on.
        if expected.n >= 5 { #expect(relativeDifference(effect, expected.exactMde) <= 0.005) }
        let needed = NoiseModel.samplesPerSide(
            toDetect: 0.05, coefficientOfVariation: expected.cv, test: test, alpha: expected.alpha,
            power: expected.power)
        #expect(needed == expected.samplesFor5Percent)
    }

    @Test func aSampleStandsForBothSides() throws {
        var generator = SeededGenerator(seed: 15)
        let samples = (0..<30).map { _ in generator.logNormal(median: 2.0e6, sigma: 0.15) }
        let cv = try #require(NoiseModel.coefficientOfVariation(samples))
        #expect(abs(cv - 0.15) < 0.05)
        #expect(
            NoiseModel.minimumDetectableEffect(samples: samples)
                == NoiseModel.minimumDetectableEffect(coefficientOfVariation: cv, samplesPerSide: 30))
        // CV 15% and 30 a side: only changes of about 11% or more are seen 4 times in 5.
        let effect = try #require(NoiseModel.minimumDetectableEffect(samples: samples))
        #expect(effect > 0.07 && effect < 0.16)
    }

    @Test func theRankTestCostsAFewSamplesMore() throws {
        let rank = try #require(NoiseModel.samplesPerSide(coefficientOfVariation: 0.15, test: .mannWhitney))
        let means = try #require(NoiseModel.samplesPerSide(coefficientOfVariation: 0.15, test: .welchT))
        #expect(rank > means && Double(rank) < Double(means) * 1.06)
        #expect(NoiseModel.samplesPerSide(coefficientOfVariation: 0) == 2)
    }

    /// The answer is the least n that sees the change, wherever the search starts its bracket.
    @Test(arguments: [0.001, 0.01, 0.03, 0.08, 0.15, 0.4, 1.5])
    func samplesNeededIsTheLeastThatDetects(cv: Double) throws {
        for test in [NoiseModel.Test.mannWhitney, .welchT] {
            let n = try #require(NoiseModel.samplesPerSide(toDetect: 0.05, coefficientOfVariation: cv, test: test))
            let at = try #require(
                NoiseModel.minimumDetectableEffect(coefficientOfVariation: cv, samplesPerSide: n, test: test))
            #expect(at <= 0.05)
            if n > 2 {
                let before = try #require(
                    NoiseModel.minimumDetectableEffect(coefficientOfVariation: cv, samplesPerSide: n - 1, test: test))
                #expect(before > 0.05)
            }
        }
    }

    @Test func refusesWhatItCannotModel() {
        #expect(NoiseModel.minimumDetectableEffect(coefficientOfVariation: 0.1, samplesPerSide: 1) == nil)
        #expect(NoiseModel.minimumDetectableEffect(coefficientOfVariation: -0.1, samplesPerSide: 10) == nil)
        #expect(NoiseModel.minimumDetectableEffect(coefficientOfVariation: 0.1, samplesPerSide: 10, alpha: 0) == nil)
        #expect(NoiseModel.minimumDetectableEffect(coefficientOfVariation: 0.1, samplesPerSide: 10, power: 1) == nil)
        #expect(NoiseModel.minimumDetectableEffect(samples: [1]) == nil)
        #expect(NoiseModel.minimumDetectableEffect(samples: [-1, -2, -3]) == nil)
        #expect(NoiseModel.samplesPerSide(toDetect: 0, coefficientOfVariation: 0.1) == nil)
        #expect(NoiseModel.samplesPerSide(toDetect: 1e-9, coefficientOfVariation: 10) == nil)
    }
}
