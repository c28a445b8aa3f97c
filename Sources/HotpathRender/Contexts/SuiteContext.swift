import HotpathModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Builds a benchmark suite's section from its report: the same values on the run page, the
/// index and the Markdown.
extension ReportContext {
    /// The suite's section; nil for a profile. `onlyChanges` keeps, when there is a baseline,
    /// the benchmarks whose verdict is not "unchanged" (the PR comment's table).
    func suite(
        from page: String, rowLimit: Int = .max, onlyChanges: Bool = false, withCharts: Bool = false,
        siteLink: (String?) -> String? = { _ in nil }
    ) -> SuiteSection? {
        guard report.runKind.isSuite, let suite = report.suite else { return nil }
        let comparison = report.comparison
        let compared = Dictionary(
            (comparison?.operations ?? []).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let runID = report.run.runID
        var rows: [SuiteSection.Row] = []
        var seen = Set<String>()
        for operation in report.operations where operation.metric == .timing || compared[operation.name] != nil {
            seen.insert(operation.name)
            rows.append(
                suiteRow(operation.name, operation: operation, comparison: compared[operation.name], page: page))
        }
        // Benchmarks only the baseline had.
        for item in comparison?.operations ?? [] where !seen.contains(item.name) {
            rows.append(suiteRow(item.name, operation: nil, comparison: item, page: page))
        }
        let all = rows.count
        rows = Self.ordered(rows)
        if onlyChanges, comparison != nil {
            rows = rows.filter { $0.verdict != Verdict.unchanged.rawValue }
        }
        let shown = Array(rows.prefix(rowLimit)).map { row -> SuiteSection.Row in
            var row = row
            row.url = siteLink(links.operationPage(runID, row.name))
            return row
        }
        let ranking = (suite.ranking ?? []).map { ranked(_: $0, fastest: suite.ranking?.first, page: page) }
        let changes = Dictionary(
            (comparison?.familyChanges ?? []).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let families = suite.families.enumerated().map { index, family in
            familyRow(family, change: changes[family.name], chartID: withCharts ? "family-\(index)" : nil)
        }
        return SuiteSection(
            kindText: report.runKind.label, benchmarkCount: suite.benchmarks,
            status: Self.status(report, benchmarks: all), countsText: comparison.map { Self.suiteCounts($0.counts) },
            baselineLabel: comparison.map { Self.label(of: $0.baseline) }, threshold: comparison?.threshold,
            falseDiscoveryRate: comparison?.falseDiscoveryRate, rows: shown, rowsCut: rows.count - shown.count,
            ranking: ranking, fastest: suite.ranking?.first.map { "\($0.name) ran" }, families: families,
            familyChanges: (comparison?.familyChanges ?? []).map {
                "\($0.name): \($0.baseline.label) → \($0.current.label)"
            })
    }

    private func familyRow(_ family: BenchmarkFamily, change: FamilyChange?, chartID: String?) -> SuiteSection.Family {
        let sizes = family.members.map(\.n)
        let sizesText =
            "\(sizes.count) sizes, n = \(UnitFormat.grouped(sizes.first ?? 0, decimals: 0)) … \(UnitFormat.grouped(sizes.last ?? 0, decimals: 0))"
        return SuiteSection.Family(
            name: family.name, sizesText: sizesText, complexity: family.fit?.complexity.label,
            rmsText: family.fit.map { UnitFormat.percent($0.rms) },
            changeText: change.map { "\($0.baseline.label) → \($0.current.label)" },
            chart: chartID.map { Markup(Self.familyChart(family, id: $0)) })
    }

    /// Time against n on log–log axes: the measured means and the fitted curve.
    static func familyChart(_ family: BenchmarkFamily, id: String) -> String {
        let measured = family.members.map { (x: log10($0.n), y: log10($0.mean)) }
        var series = [LineChart.Series(name: "measured mean", className: "series-0", points: measured)]
        if let fit = family.fit {
            let points = family.members.compactMap { member -> (x: Double, y: Double)? in
                let value = fit.coefficient * fit.complexity.curve(member.n)
                return value > 0 ? (log10(member.n), log10(value)) : nil
            }
            series.append(
                LineChart.Series(name: "fit \(fit.complexity.label)", className: "series-1", points: points))
        }
        // A grid line at each power of ten of the time the chart spans: equal steps on a log axis.
        let logs = series.flatMap { $0.points.map(\.y) }
        let decades = logs.isEmpty ? [] : (Int(floor(logs.min()!))...Int(ceil(logs.max()!))).map(Double.init)
        return LineChart(
            id: id, title: "\(family.name): time against n (log–log)", series: series,
            formatX: { "n = " + UnitFormat.grouped(pow(10, $0), decimals: 0) },
            formatY: { UnitFormat.duration(pow(10, $0)) }, yFromZero: false,
            xTitle: "n, log scale", yTitle: "mean time, log scale", yTicks: decades
        ).svg()
    }

    private func suiteRow(
        _ name: String, operation: OperationStatistics?, comparison: OperationComparison?, page: String
    ) -> SuiteSection.Row {
        let unit = operation?.unit ?? .nanoseconds
        let threshold = report.comparison?.threshold ?? 0.05
        let before = comparison?.baselineMean
        let after = comparison?.currentMean ?? operation?.summary?.mean
        let speed: String? =
            if let before, let after, operation?.metric ?? .timing == .timing {
                Self.speedText(before: before, after: after)
            } else {
                nil
            }
        return SuiteSection.Row(
            name: name,
            href: links.operationPage(report.run.runID, name).map { links.relative(from: page, to: $0) },
            group: operation?.group, baseText: Measure.formatOrDash(before, unit),
            headText: Measure.formatOrDash(after, unit),
            changeText: comparison.flatMap { item in
                item.interval.map { UnitFormat.change($0) } ?? item.meanChange.map { UnitFormat.change($0) }
            },
            speedText: speed, verdict: comparison?.verdict.rawValue,
            verdictText: comparison.map { Self.verdictText($0, threshold: threshold) },
            noiseText: operation?.noise.map { UnitFormat.percent($0.cv) },
            detectableText: operation?.noise?.minimumDetectableChange.map { UnitFormat.percent($0) })
    }

    private func ranked(_ command: RankedCommand, fastest: RankedCommand?, page: String) -> SuiteSection.Ranked {
        let isFastest = command.name == fastest?.name
        let ratio =
            UnitFormat.fixed(command.ratio, digits: 2)
            + (command.ratioStddev.map { " ± " + UnitFormat.fixed($0, digits: 2) } ?? "")
        return SuiteSection.Ranked(
            name: command.name,
            href: links.operationPage(report.run.runID, command.name).map { links.relative(from: page, to: $0) },
            meanText: UnitFormat.duration(command.mean)
                + (command.stddev.map { " ± " + UnitFormat.duration($0) } ?? ""),
            ratioText: ratio, fastest: isFastest,
            sentence: isFastest ? nil : "\(ratio) times faster than \(command.name)")
    }

    /// Changes first, the most severe first: regressions, improvements, inconclusive, new,
    /// removed, not comparable, unchanged, then benchmarks without a baseline; by name within.
    static func ordered(_ rows: [SuiteSection.Row]) -> [SuiteSection.Row] {
        let rank: [String: Int] = [
            "regression": 0, "improvement": 1, "inconclusive": 2, "new": 3, "removed": 4, "incomparable": 5,
            "unchanged": 6,
        ]
        return rows.enumerated().sorted { a, b in
            let ra = a.element.verdict.flatMap { rank[$0] } ?? 7
            let rb = b.element.verdict.flatMap { rank[$0] } ?? 7
            return ra != rb ? ra < rb : a.offset < b.offset
        }.map(\.element)
    }

    /// Speed in words from two times: "15% slower (0.85×)", "25% faster (1.25×)", "2.4×
    /// faster (2.40×)" from doubling on, "3.0× slower (0.33×)" from halving on, "same speed
    /// (1.00×)" when it rounds to no change.
    static func speedText(before: Double, after: Double) -> String? {
        guard before > 0, after > 0, before.isFinite, after.isFinite else { return nil }
        let speed = before / after
        let factor = UnitFormat.speedup(speed)
        if speed >= 2 { return "\(UnitFormat.speedup(speed, digits: 1)) faster (\(factor))" }
        if speed <= 0.5 { return "\(UnitFormat.speedup(1 / speed, digits: 1)) slower (\(factor))" }
        let percent = UnitFormat.percent(abs(speed - 1), digits: 0)
        if percent == "0%" { return "same speed (\(factor))" }
        return "\(percent) \(speed > 1 ? "faster" : "slower") (\(factor))"
    }

    /// "2 regressed · 1 improved · 480 unchanged · 3 inconclusive · 0 new · 0 removed": the six
    /// counts always, then runs from another environment when there are any.
    static func suiteCounts(_ counts: VerdictCounts) -> String {
        var parts = [
            "\(UnitFormat.grouped(Double(counts.regressed))) regressed",
            "\(UnitFormat.grouped(Double(counts.improved))) improved",
            "\(UnitFormat.grouped(Double(counts.unchanged))) unchanged",
            "\(UnitFormat.grouped(Double(counts.inconclusive))) inconclusive",
            "\(UnitFormat.grouped(Double(counts.new))) new",
            "\(UnitFormat.grouped(Double(counts.removed))) removed",
        ]
        if counts.incomparable > 0 { parts.append("\(UnitFormat.grouped(Double(counts.incomparable))) not comparable") }
        return parts.joined(separator: " · ")
    }

    /// The status line of a PR comment: "❌ 2 regressions · ✅ 480 unchanged · ⚠️ 3
    /// inconclusive", "✅ no significant change in 482 benchmarks", or why nothing was judged.
    static func status(_ report: PerformanceReport, benchmarks: Int) -> String {
        let noun = report.runKind.isSuite ? "benchmark" : "operation"
        func count(_ n: Int, _ word: String, _ plural: String? = nil) -> String {
            "\(UnitFormat.grouped(Double(n))) \(n == 1 ? word : plural ?? word + "s")"
        }
        guard let comparison = report.comparison else {
            return "ℹ️ \(count(benchmarks, noun)), no baseline to compare with"
        }
        guard comparison.comparable else {
            return "⚠️ not compared: the baseline \(label(of: comparison.baseline)) ran in a different environment"
        }
        let counts = comparison.counts
        let complexity =
            comparison.familyChanges.isEmpty ? "" : " · 📈 " + count(comparison.familyChanges.count, "complexity change")
        if counts.regressed == 0, counts.improved == 0, counts.inconclusive == 0 {
            var text = "✅ no significant change in \(count(counts.unchanged, noun))"
            if counts.new > 0 { text += " · 🆕 \(counts.new) new" }
            if counts.removed > 0 { text += " · ➖ \(counts.removed) removed" }
            return text + complexity
        }
        let parts: [String?] = [
            counts.regressed > 0 ? "❌ " + count(counts.regressed, "regression") : nil,
            counts.improved > 0 ? "🚀 " + count(counts.improved, "improvement") : nil,
            counts.unchanged > 0 ? "✅ \(UnitFormat.grouped(Double(counts.unchanged))) unchanged" : nil,
            counts.inconclusive > 0 ? "⚠️ \(UnitFormat.grouped(Double(counts.inconclusive))) inconclusive" : nil,
            counts.new > 0 ? "🆕 \(UnitFormat.grouped(Double(counts.new))) new" : nil,
            counts.removed > 0 ? "➖ \(UnitFormat.grouped(Double(counts.removed))) removed" : nil,
        ]
        return parts.compactMap { $0 }.joined(separator: " · ") + complexity
    }
}
