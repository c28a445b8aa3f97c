import Dispatch
import Foundation
import HotpathAnalysis
import HotpathModel

/// `hotpath-bench accuracy`: how often the verdicts are right, measured on generated runs and
/// histories whose truth is known, through the real pipeline in-process (issue 16).
///
/// Each scenario runs over seeds 0..<seeds; a seed fixes every number drawn, so the report is the
/// same on every run but for its date and wall time.
struct AccuracyHarness {
    var seeds = 20
    var quick = false

    static let usage = "USAGE: hotpath-bench accuracy [--seeds N] [--quick]"

    /// Parses `[--seeds N] [--quick]`; nil on anything else.
    init?(arguments: [String]) {
        var rest = arguments[...]
        var seeds: Int?
        while let argument = rest.popFirst() {
            switch argument {
            case "--quick": quick = true
            case "--seeds":
                guard let value = rest.popFirst().flatMap(Int.init), value > 0 else { return nil }
                seeds = value
            default: return nil
            }
        }
        self.seeds = seeds ?? Self.defaultSeeds(quick: quick)
    }

    /// A quick run is a smoke test of the whole harness, not a measurement.
    static func defaultSeeds(quick: Bool) -> Int { quick ? 4 : 20 }

    static let cvs = [0.02, 0.05, 0.15]
    static let shifts: [(factor: Double, count: Int)] = [(1.2, 20), (1.1, 20), (1.05, 20)]
    /// The targets' own scenario: 20 at +20% and 20 at +10%, no +5% among them.
    static let targetShifts: [(factor: Double, count: Int)] = [(1.2, 20), (1.1, 20)]

    func run() {
        let start = DispatchTime.now().uptimeNanoseconds
        let nulls = Self.cvs.map { cv in
            measure(ComparisonScenario(label: "null \(percent(cv))", cv: cv))
        }
        let shifted = Self.cvs.map { cv in
            measure(ComparisonScenario(label: "shifts \(percent(cv))", cv: cv, shifts: Self.shifts))
        }
        let target = measure(ComparisonScenario(label: "target shifts", cv: 0.15, shifts: Self.targetShifts))
        let robustness =
            [
                measure(ComparisonScenario(label: "outliers", cv: 0.05, shape: .outliers)),
                measure(ComparisonScenario(label: "bimodal", cv: 0.05, shape: .bimodal)),
            ]
            + Self.cvs.map { cv in
                measure(ComparisonScenario(label: "summary-only \(percent(cv))", cv: cv, shape: .summaryOnly))
            }
        let nullHistory = HistoryScenario(label: "null")
        let nullHistories = measure(nullHistory)
        let stepHistory = HistoryScenario(label: "step", stepped: 10)
        let stepHistories = measure(stepHistory)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9

        let options = AnalysisOptions()
        var command = "hotpath-bench accuracy" + (quick ? " --quick" : "")
        if seeds != Self.defaultSeeds(quick: quick) { command += " --seeds \(seeds)" }
        var header = [
            "# Hotpath accuracy harness", "",
            "- command: `\(command)`",
            "- machine: \(SuiteBenchmark.cpuModel()), \(ProcessInfo.processInfo.activeProcessorCount) cores",
            "- date: \(ISO8601DateFormatter().string(from: Date()))",
            "- seeds: \(seeds) per scenario (0–\(seeds - 1)); wall time \(UnitFormat.fixed(seconds, digits: 1)) s",
            "- options: the defaults (`hotpath check` without a hotpath.toml): threshold \(percent(options.relativeThreshold)), false discovery rate \(percent(options.falseDiscoveryRate))",
            "- alarms are `regression` and `improvement` verdicts only; any other verdict counts as none",
        ]
        if quick { header.append("- quick run: too few seeds to measure anything, only to see that it all works") }
        print(header.joined(separator: "\n") + "\n")
        print(nullTable(nulls))
        print(shiftTable(shifted + [target]))
        print(robustnessTable(robustness))
        print(nullHistoryTable(nullHistory, nullHistories))
        print(stepHistoryTable(stepHistory, stepHistories))
        print(targetTable(null: nulls[2], shifted: target, nullHistories: nullHistories, steps: stepHistories))
    }

    // MARK: Running

    func measure(_ scenario: ComparisonScenario) -> ComparisonResult {
        progress(scenario.label)
        return ComparisonResult(scenario: scenario, outcomes: Self.forEachSeed(seeds) { scenario.run(seed: $0) })
    }

    func measure(_ scenario: HistoryScenario) -> [HistoryScenario.Outcome] {
        progress("history \(scenario.label)")
        return Self.forEachSeed(seeds) { scenario.run(seed: $0) }
    }

    /// Progress on stderr, so stdout stays the report.
    func progress(_ label: String) {
        FileHandle.standardError.write(Data("accuracy: \(label)…\n".utf8))
    }

    /// Runs `body` for seeds 0..<count on all cores, results in seed order. Each seed draws from
    /// its own generator, so scheduling cannot change the numbers.
    static func forEachSeed<R: Sendable>(_ count: Int, _ body: @Sendable (Int) -> R) -> [R] {
        guard count > 0 else { return [] }
        return [R](unsafeUninitializedCapacity: count) { buffer, initialized in
            // Each iteration writes only its own slot.
            nonisolated(unsafe) let output = buffer.baseAddress!
            DispatchQueue.concurrentPerform(iterations: count) { seed in
                (output + seed).initialize(to: body(seed))
            }
            initialized = count
        }
    }

    // MARK: Tables

    /// A setting as a percentage, without decimals when it is whole: 5%, 1.5%.
    func percent(_ fraction: Double) -> String {
        let value = fraction * 100
        return UnitFormat.fixed(value, digits: abs(value - value.rounded()) < 1e-9 ? 0 : 1) + "%"
    }

    /// A measured share, always with one decimal, so a column lines up.
    func rate(_ fraction: Double) -> String { UnitFormat.percent(fraction, digits: 1) }

    func share(_ count: Int, of total: Int) -> String { "\(count)/\(total)" }

    func number(_ value: Double) -> String { UnitFormat.fixed(value, digits: 2) }

    func nullTable(_ results: [ComparisonResult]) -> String {
        var table = MarkdownTable("CV", "runs with a regression", "runs with any alarm", "false alarms per run")
        for result in results {
            table.add(
                percent(result.scenario.cv), share(result.runsWithFalseRegression, of: result.seeds),
                share(result.runsWithFalseAlarm, of: result.seeds), number(result.falseAlarmsPerRun))
        }
        return "## Per-run comparison, no change: 500 unchanged operations × 30 samples, log-normal\n\n\(table.text)\n"
    }

    func shiftTable(_ results: [ComparisonResult]) -> String {
        var table = MarkdownTable(
            "CV", "+20% flagged", "+10% flagged", "+5% flagged", "flagged that were unchanged (mean FDP)",
            "false alarms per run")
        for result in results {
            let label =
                result.scenario.shifts.count == Self.shifts.count
                ? percent(result.scenario.cv) : "\(percent(result.scenario.cv)), no +5% (issue's target)"
            table.add(
                label, result.detectionRate(1.2).map(rate) ?? "—", result.detectionRate(1.1).map(rate) ?? "—",
                result.detectionRate(1.05).map(rate) ?? "—", rate(result.falseDiscoveryProportion),
                number(result.falseAlarmsPerRun))
        }
        return """
            ## Per-run comparison, shifts: 500 operations × 30 samples, 20 at +20%, 20 at +10%, 20 at +5%, the rest unchanged

            "Flagged" is a `regression` verdict on a shifted operation, over all seeds; the FDP is the share of flagged operations (either verdict) that were unchanged, averaged over seeds (0 for a run that flagged none).

            \(table.text)

            """
    }

    func robustnessTable(_ results: [ComparisonResult]) -> String {
        let names =
            [
                "outliers: 1 operation in 10 gets 0–3 samples ×10 on each side; CV 5%",
                "bimodal: two modes 30% apart, 50/50; CV 5% within a mode",
            ]
            + Self.cvs.map {
                "summary-only, as pytest-benchmark without data (Welch's t); CV \(percent($0))"
            }
        var table = MarkdownTable(
            "unchanged operations", "runs with a regression", "runs with any alarm", "false alarms per run")
        for (name, result) in zip(names, results) {
            table.add(
                name, share(result.runsWithFalseRegression, of: result.seeds),
                share(result.runsWithFalseAlarm, of: result.seeds),
                number(result.falseAlarmsPerRun))
        }
        return "## Per-run comparison, harder noise: 500 unchanged operations × 30 samples\n\n\(table.text)\n"
    }

    func scenarioLine(_ scenario: HistoryScenario) -> String {
        "\(scenario.runs) runs × \(scenario.operations) operations × \(scenario.samples) samples, CV \(percent(scenario.cv)) within a run, \(percent(scenario.nightly)) night to night"
    }

    func nullHistoryTable(_ scenario: HistoryScenario, _ outcomes: [HistoryScenario.Outcome]) -> String {
        var table = MarkdownTable("per history", "total", "histories with any", "mean per history")
        func add(_ name: String, _ value: (HistoryScenario.Outcome) -> Int) {
            let total = outcomes.reduce(0) { $0 + value($1) }
            table.add(
                name, "\(total)", share(outcomes.count { value($0) > 0 }, of: outcomes.count),
                number(Double(total) / Double(max(outcomes.count, 1))))
        }
        add("change points", \.falseChangePoints)
        add("· regressions still open", \.falseRegressionsOpen)
        add("· regressions fixed later", \.falseRegressionsFixed)
        add("· improvements", \.falseImprovements)
        add("newest run's regressions not confirmed by a change point", \.unconfirmedNewest)
        add("Atom feed entries", \.feedEntries)
        return """
            ## History, no change: \(scenarioLine(scenario))

            Feed entries are counted by the site's own rule (`HistoryReport.feedEntries`, which the feed template is fed from): every regression change point, fixed or open, plus the newest run's regressions against the run before it that no change point at that run confirms. Improvements are not feed entries.

            \(table.text)

            """
    }

    func stepHistoryTable(_ scenario: HistoryScenario, _ outcomes: [HistoryScenario.Outcome]) -> String {
        let delays = outcomes.flatMap(\.delays)
        let alarmDelays = outcomes.flatMap(\.alarmDelays)
        var table = MarkdownTable(
            "runs after the step", "runs on the new side", "confirmed then", "confirmed by then",
            "alarm within \(scenario.tolerance) runs by then")
        func cumulative(_ values: [Int?], _ delay: Int) -> String {
            let count = values.count { ($0 ?? .max) <= delay }
            return "\(count)/\(values.count) (\(rate(Double(count) / Double(max(values.count, 1)))))"
        }
        for delay in 0..<scenario.delayLimit {
            table.add(
                "\(delay)", "\(delay + 1)", "\(delays.count { $0 == delay })", cumulative(delays, delay),
                cumulative(alarmDelays, delay))
        }
        table.add("not within \(scenario.delayLimit)", "", "\(delays.count { $0 == nil })", "", "")
        let within = outcomes.map { $0.delays.count { ($0 ?? .max) <= 4 } }
        let falsePoints = outcomes.map(\.falseChangePoints)
        return """
            ## History, step: \(scenarioLine(scenario)); \(scenario.stepped) operations +\(percent(scenario.stepFactor - 1)) from run \(scenario.stepRun) on

            Delay: the history is cut after 1, 2, … \(scenario.delayLimit) runs on the new side and analyzed again. A step is confirmed by a `regression` change point at the step's run; the last column also counts one up to \(scenario.tolerance) runs off, which names the wrong night until later runs move it.

            \(table.text)

            Confirmed within 4 runs after the step: \(within.reduce(0, +)) of \(delays.count) (per history: \(within.min() ?? 0) to \(within.max() ?? 0) of \(scenario.stepped); \(within.count { $0 >= 9 }) of \(outcomes.count) histories with ≥ 9). False change points among the \(scenario.operations - scenario.stepped) unchanged operations of the whole \(scenario.runs)-run histories: \(falsePoints.reduce(0, +)) (\(falsePoints.count { $0 > 0 }) of \(outcomes.count) histories with any).

            """
    }

    func targetTable(
        null: ComparisonResult, shifted: ComparisonResult, nullHistories: [HistoryScenario.Outcome],
        steps: [HistoryScenario.Outcome]
    ) -> String {
        var table = MarkdownTable("target (issue 16)", "measured", "met")
        func add(_ target: String, _ measured: String, _ met: Bool?) {
            table.add(target, measured, met.map { $0 ? "✓" : "✗" } ?? "—")
        }
        // "1 of 20" scales with the seeds: at most one in twenty.
        func atMostOneIn20(_ count: Int, of total: Int) -> Bool { count * 20 <= total }
        add(
            "500 unchanged operations × 30 samples, CV 15%: ≤ 1 of 20 runs with any regression",
            share(null.runsWithFalseRegression, of: null.seeds) + " runs",
            atMostOneIn20(null.runsWithFalseRegression, of: null.seeds))
        let detected20 = shifted.detectionRate(1.2) ?? 0
        let detected10 = shifted.detectionRate(1.1) ?? 0
        add("same with 20 at +20% and 20 at +10%: ≥ 90% of the +20% flagged", rate(detected20), detected20 >= 0.9)
        add("… ≥ 20% of the +10% flagged", rate(detected10), detected10 >= 0.2)
        add(
            "… ≤ 10% of flagged operations unchanged", rate(shifted.falseDiscoveryProportion) + " (mean FDP)",
            shifted.falseDiscoveryProportion <= 0.1)
        let feed = nullHistories.reduce(0) { $0 + $1.feedEntries }
        add(
            "40 runs × 200 unchanged operations: ≤ 1 feed entry across 20 histories",
            "\(feed) across \(nullHistories.count)", atMostOneIn20(feed, of: nullHistories.count))
        let falseHistories = nullHistories.count { $0.falseChangePoints > 0 }
        add(
            "(required 5) pure-noise histories with a confirmed change point: ≤ 1 in 20",
            share(falseHistories, of: nullHistories.count), atMostOneIn20(falseHistories, of: nullHistories.count))
        let delays = steps.flatMap(\.delays)
        let within = delays.count { ($0 ?? .max) <= 4 }
        add(
            "+10% step at 1.5% night to night: ≥ 9 of 10 operations confirmed within 4 runs after the step",
            "\(within) of \(delays.count) (\(rate(Double(within) / Double(max(delays.count, 1)))))",
            within * 10 >= delays.count * 9)
        add("BH = statsmodels fdr_bh to 1e-12; HL intervals = scipy/R", "not measured here (unit tests)", nil)
        return "## Targets\n\n\(table.text)"
    }
}
