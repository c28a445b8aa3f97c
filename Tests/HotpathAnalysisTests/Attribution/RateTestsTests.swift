import Foundation
import HotpathAnalysis
import Testing
import _HotpathTestSupport

/// Expected values from scipy 1.17.1 through `Fixtures/make_attribution_expectations.py`.
struct AttributionExpectations: Decodable {
    struct PoissonCase: Decodable, CustomTestStringConvertible {
        var current: Int
        var currentExposure: Double
        var baseline: Int
        var baselineExposure: Double
        var p: Double
        var testDescription: String { "\(current)/\(currentExposure) vs \(baseline)/\(baselineExposure)" }
    }

    struct TwoProportionCase: Decodable, CustomTestStringConvertible {
        var current: Double
        var currentTotal: Double
        var baseline: Double
        var baselineTotal: Double
        var p: Double
        var testDescription: String { "\(current)/\(currentTotal) vs \(baseline)/\(baselineTotal)" }
    }

    var poisson: [PoissonCase]
    var twoProportion: [TwoProportionCase]

    static let loaded: AttributionExpectations = {
        do {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            return try decoder.decode(
                AttributionExpectations.self,
                from: try Fixtures.data("attribution-expectations.json", in: "HotpathAnalysisTests"))
        } catch {
            fatalError("cannot read attribution-expectations.json: \(error)")
        }
    }()
}

@Suite struct RateTestsTests {
    @Test(arguments: AttributionExpectations.loaded.poisson)
    func poissonMatchesScipyBinomtest(_ expected: AttributionExpectations.PoissonCase) throws {
        let result = try #require(
            RateTests.poisson(
                current: expected.current, currentExposure: expected.currentExposure, baseline: expected.baseline,
                baselineExposure: expected.baselineExposure))
        let tolerance = max(1e-9, expected.p * 1e-6)
        #expect(abs(result.pValue - expected.p) <= tolerance, "p \(result.pValue) vs scipy \(expected.p)")
    }

    @Test(arguments: AttributionExpectations.loaded.twoProportion)
    func twoProportionMatchesScipyChiSquare(_ expected: AttributionExpectations.TwoProportionCase) throws {
        let result = try #require(
            RateTests.twoProportion(
                current: expected.current, currentTotal: expected.currentTotal, baseline: expected.baseline,
                baselineTotal: expected.baselineTotal))
        let tolerance = max(1e-12, expected.p * 1e-8)
        #expect(abs(result.pValue - expected.p) <= tolerance, "p \(result.pValue) vs scipy \(expected.p)")
    }

    @Test func refusesWhatIsNotACount() {
        #expect(RateTests.poisson(current: 1, currentExposure: 0, baseline: 1, baselineExposure: 1) == nil)
        #expect(RateTests.twoProportion(current: 5, currentTotal: 4, baseline: 1, baselineTotal: 10) == nil)
    }
}
