import Foundation
import Testing
import _HotpathTestSupport

/// Values computed independently with numpy 2.4.6 and scipy 1.17.1 by
/// `Fixtures/make_expectations.py`, committed as JSON so tests need no Python.
struct NumpyExpectations: Decodable {
    struct PercentileCase: Decodable, CustomTestStringConvertible {
        var name: String
        var samples: [Double]
        var percentiles: [String: Double]
        var mean: Double
        var stddev: Double
        var total: Double
        var testDescription: String { name }
    }

    struct MannWhitneyCase: Decodable, CustomTestStringConvertible {
        var name: String
        var x: [Double]
        var y: [Double]
        var u: Double
        var p: Double
        var testDescription: String { name }
    }

    var percentiles: [PercentileCase]
    var mann_whitney: [MannWhitneyCase]

    static let loaded: NumpyExpectations = {
        do {
            return try JSONDecoder().decode(
                NumpyExpectations.self, from: try Fixtures.data("numpy-expectations.json", in: "HotpathAnalysisTests"))
        } catch {
            fatalError("cannot read numpy-expectations.json: \(error)")
        }
    }()
}

func relativeDifference(_ a: Double, _ b: Double) -> Double {
    if a == b { return 0 }
    return abs(a - b) / max(abs(a), abs(b))
}
