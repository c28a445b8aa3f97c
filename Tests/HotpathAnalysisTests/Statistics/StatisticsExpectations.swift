import Foundation
import Testing
import _HotpathTestSupport

/// Values computed independently by `Fixtures/make_statistics_expectations.py`: statsmodels
/// 0.15.0, scipy 1.17.1 and numpy 2.4.6, and R 4.2.2's `wilcox.test` through
/// `Fixtures/wilcox_conf_int.R`; committed as JSON so tests need neither Python nor R.
struct StatisticsExpectations: Decodable {
    struct BenjaminiHochbergCase: Decodable, CustomTestStringConvertible {
        var name: String
        var p: [Double]
        var q: [Double]
        var rejected05: [Bool]
        var rejected10: [Bool]
        var testDescription: String { name }
    }

    struct HodgesLehmannCase: Decodable, CustomTestStringConvertible {
        struct RResult: Decodable {
            var method: String
            var estimate: Double
            var lower: Double
            var upper: Double
            var confidenceLevel: Double
        }

        var name: String
        var current: [Double]
        var baseline: [Double]
        var confidenceLevel: Double
        /// `wilcox.test` with R's default `tol.root` (1e-4) and with `tol.root = 1e-12`.
        var rDefault: RResult
        var rTight: RResult
        /// numpy's median of all n·m differences: the Hodges–Lehmann estimate by definition.
        var medianOfDifferences: Double
        /// The two differences between which R's asymptotic estimate (a root of a step function)
        /// may land.
        var estimateSpan: [Double]
        var baselineMedian: Double
        var testDescription: String { name }
    }

    struct WelchIntervalCase: Decodable, CustomTestStringConvertible {
        /// mean, stddev, count.
        var baseline: [Double]
        var current: [Double]
        var confidenceLevel: Double
        var difference: Double
        var lower: Double
        var upper: Double
        var degreesOfFreedom: Double
        var p: Double
        var testDescription: String { "\(current) vs \(baseline) at \(confidenceLevel)" }
    }

    struct TQuantileCase: Decodable, CustomTestStringConvertible {
        var p: Double
        var df: Double
        var t: Double
        var testDescription: String { "p \(p), ν \(df)" }
    }

    struct NormalQuantileCase: Decodable, CustomTestStringConvertible {
        var p: Double
        var z: Double
        var testDescription: String { "p \(p)" }
    }

    struct NoiseCase: Decodable, CustomTestStringConvertible {
        var cv: Double
        var n: Int
        var test: String
        var alpha: Double
        var power: Double
        var mde: Double
        /// statsmodels' `TTestIndPower.solve_power` (noncentral t) for the same effective n.
        var exactMde: Double
        var samplesFor5Percent: Int
        var testDescription: String { "\(test), CV \(cv), n \(n)" }
    }

    struct BimodalityCase: Decodable, CustomTestStringConvertible {
        var name: String
        var samples: [Double]
        var coefficient: Double
        var testDescription: String { name }
    }

    var benjaminiHochberg: [BenjaminiHochbergCase]
    var hodgesLehmann: [HodgesLehmannCase]
    var welchIntervals: [WelchIntervalCase]
    var tQuantiles: [TQuantileCase]
    var normalQuantiles: [NormalQuantileCase]
    var noise: [NoiseCase]
    var bimodality: [BimodalityCase]

    static let loaded: StatisticsExpectations = {
        do {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            return try decoder.decode(
                StatisticsExpectations.self,
                from: try Fixtures.data("statistics-expectations.json", in: "HotpathAnalysisTests"))
        } catch {
            fatalError("cannot read statistics-expectations.json: \(error)")
        }
    }()
}
