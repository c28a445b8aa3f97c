import HotpathAnalysis
import HotpathModel

/// Per-run comparison on generated pairs of runs: what `hotpath check run --baseline base` decides.
struct ComparisonScenario: Sendable {
    var label: String
    var cv: Double
    var shape: LabelledRuns.Shape = .logNormal
    var operations = 500
    var samples = 30
    /// Operations whose median moves, as (factor, how many); the first ones by index, the rest
    /// stay unchanged.
    var shifts: [(factor: Double, count: Int)] = []

    /// The median factor of operation `index`: 1 when it is unchanged.
    func factor(of index: Int) -> Double {
        var start = 0
        for shift in shifts {
            if index < start + shift.count { return shift.factor }
            start += shift.count
        }
        return 1
    }

    /// What one seed's comparison flagged, against the truth.
    struct Outcome: Sendable {
        /// Operations flagged as regressions, by their true shift factor (1 = unchanged).
        var regressions: [Double: Int] = [:]
        /// Unchanged operations flagged either way: false alarms.
        var falseAlarms = 0
        /// Every operation flagged either way.
        var flagged = 0

        /// Share of flagged operations that were unchanged; 0 when none was flagged.
        var falseDiscoveryProportion: Double { flagged > 0 ? Double(falseAlarms) / Double(flagged) : 0 }
    }

    /// Generates a baseline and a current run from `seed` and compares them in-process, as
    /// `check` does: `Analyzer.analyze(current, baseline:)`. Only `regression` and `improvement`
    /// verdicts count as alarms, whatever other verdicts the comparison has.
    func run(seed: Int) -> Outcome {
        var generator = LabelledRuns.generator("comparison \(label)", seed: seed)
        let medians = LabelledRuns.medians(operations, &generator)
        func draw(_ factors: (Int) -> Double) -> [ProfileResult] {
            medians.indices.map { index in
                LabelledRuns.operation(
                    index, median: medians[index] * factors(index), samples: samples, cv: cv, shape: shape, &generator)
            }
        }
        let baseline = LabelledRuns.profile(runID: "base", draw { _ in 1 })
        let current = LabelledRuns.profile(runID: "run", night: 1, draw(factor(of:)))
        let comparison = Analyzer(options: AnalysisOptions()).analyze(current, baseline: baseline).comparison
        let factors = Dictionary(uniqueKeysWithValues: (0..<operations).map { (LabelledRuns.name($0), factor(of: $0)) })
        var outcome = Outcome()
        for operation in comparison?.operations ?? []
        where operation.verdict == .regression || operation.verdict == .improvement {
            let factor = factors[operation.name] ?? 1
            outcome.flagged += 1
            if factor == 1 { outcome.falseAlarms += 1 }
            if operation.verdict == .regression { outcome.regressions[factor, default: 0] += 1 }
        }
        return outcome
    }
}

/// A scenario's outcomes over all seeds.
struct ComparisonResult: Sendable {
    var scenario: ComparisonScenario
    var outcomes: [ComparisonScenario.Outcome]

    var seeds: Int { outcomes.count }
    /// Runs in which an unchanged operation was flagged as a regression (`check` would exit 1).
    var runsWithFalseRegression: Int { outcomes.count { ($0.regressions[1] ?? 0) > 0 } }
    var runsWithFalseAlarm: Int { outcomes.count { $0.falseAlarms > 0 } }
    var falseAlarmsPerRun: Double { Double(outcomes.reduce(0) { $0 + $1.falseAlarms }) / Double(max(seeds, 1)) }
    /// Mean over seeds of the share of flagged operations that were unchanged (the FDR's estimate).
    var falseDiscoveryProportion: Double {
        outcomes.reduce(0) { $0 + $1.falseDiscoveryProportion } / Double(max(seeds, 1))
    }

    /// Share of the operations shifted by `factor` flagged as regressions, over all seeds.
    func detectionRate(_ factor: Double) -> Double? {
        guard let shift = scenario.shifts.first(where: { $0.factor == factor }), shift.count > 0, seeds > 0 else {
            return nil
        }
        return Double(outcomes.reduce(0) { $0 + ($1.regressions[factor] ?? 0) }) / Double(shift.count * seeds)
    }
}
