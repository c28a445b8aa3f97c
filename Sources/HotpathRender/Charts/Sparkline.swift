import HotpathModel

/// A compact trend: p50 and p95 across runs, with change points marked; small enough to show
/// hundreds on one page.
struct Sparkline {
    var id: String
    var name: String
    var p50: [Double]
    /// Nil where a run has no p95 (summary statistics): the p95 line skips it.
    var p95: [Double?]
    /// Indexes into the series where a change point starts.
    var changes: [Int]
    /// The baseline run's p50 to p95, drawn as a band behind the lines.
    var band: (low: Double, high: Double)? = nil
    /// Indexes into the series of runs from another environment than the newest run's: ringed.
    var flagged: [Int] = []
    var format: (Double) -> String
    /// Past this many runs, each drawn point is the median of a run of consecutive runs: a
    /// 240-pixel glance cannot show a year of nights one by one, and the index carries one
    /// sparkline per operation (the trend page draws every run).
    var maximumPoints = 60

    func svg() -> String {
        let width = 240.0
        let height = 48.0
        let drawn = downsampled()
        let p50 = drawn.p50
        let p95 = drawn.p95
        let changes = drawn.changes
        let flagged = drawn.flagged
        let values = p50 + p95.compactMap { $0 } + (band.map { [$0.low, $0.high] } ?? [])
        guard let low = values.min(), let high = values.max(), p50.count >= 2 else { return "" }
        let span = high > low ? high - low : max(high, 1)
        func x(_ index: Int) -> Double { 2 + Double(index) / Double(p50.count - 1) * (width - 4) }
        func y(_ value: Double) -> Double { height - 3 - (value - low) / span * (height - 6) }
        func path(_ series: [Double?]) -> String {
            var previous = false
            return series.enumerated().compactMap { index, value -> String? in
                defer { previous = value != nil }
                guard let value else { return nil }
                // After a moveto, further pairs are implicit linetos, and whole pixels are all a
                // 48-pixel line shows: an index of 500 sparklines is a fifth smaller.
                return "\(previous ? "" : "M")\(SVG.number(x(index).rounded())) \(SVG.number(y(value).rounded()))"
            }.joined(separator: " ")
        }
        let known95 = p95.compactMap { $0 }
        let every95 = self.p95.compactMap { $0 }
        let p95Text = every95.first.map { "p95 from \(format($0)) to \(format(every95.last!))" } ?? "no p95"
        let description =
            "p50 from \(format(self.p50.first!)) to \(format(self.p50.last!)), \(p95Text) over \(self.p50.count) runs"
            + (drawn.runsPerPoint > 1
                ? " (each point the median of \(drawn.runsPerPoint) consecutive runs or fewer)" : "")
            + (self.changes.isEmpty
                ? "" : "; \(self.changes.count) change point\(self.changes.count == 1 ? "" : "s")")
            + (band.map { "; baseline band \(format($0.low)) to \(format($0.high))" } ?? "")
            + (self.flagged.isEmpty
                ? ""
                : "; \(self.flagged.count) run\(self.flagged.count == 1 ? "" : "s") from another environment (ringed)")
        var svg = SVG.open(
            id: id, width: width, height: height, title: "Trend of \(name)", description: description,
            className: "chart sparkline")
        if let band {
            svg +=
                "<rect class=\"band\" x=\"2\" y=\"\(SVG.number(y(band.high)))\" width=\"\(SVG.number(width - 4))\" height=\"\(SVG.number(max(0.5, y(band.low) - y(band.high))))\"/>"
        }
        for change in changes {
            svg +=
                "<line class=\"change-point\" x1=\"\(SVG.number(x(change)))\" y1=\"0\" x2=\"\(SVG.number(x(change)))\" y2=\"\(SVG.number(height))\"/>"
        }
        if !known95.isEmpty { svg += "<g class=\"series p95\"><path d=\"\(path(p95))\"/></g>" }
        svg += "<g class=\"series p50\"><path d=\"\(path(p50))\"/></g>"
        for index in flagged where index < p50.count {
            svg +=
                "<circle class=\"other-environment\" cx=\"\(SVG.number(x(index)))\" cy=\"\(SVG.number(y(p50[index])))\" r=\"3\"/>"
        }
        return svg + "</svg>"
    }

    /// The points drawn: the runs themselves, or past `maximumPoints` the medians of equal runs
    /// of consecutive runs, with change points and flags moved to the point that holds their run.
    private func downsampled() -> (
        p50: [Double], p95: [Double?], changes: [Int], flagged: [Int], runsPerPoint: Int
    ) {
        let count = p50.count
        guard count > maximumPoints, maximumPoints >= 2 else { return (p50, p95, changes, flagged, 1) }
        let buckets = maximumPoints
        func bucket(of index: Int) -> Int { min(buckets - 1, index * buckets / count) }
        func median(_ values: [Double]) -> Double? {
            guard !values.isEmpty else { return nil }
            let sorted = values.sorted()
            let middle = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        }
        var drawn50: [Double] = []
        var drawn95: [Double?] = []
        var widest = 0
        for index in 0..<buckets {
            let range = (index * count + buckets - 1) / buckets..<((index + 1) * count + buckets - 1) / buckets
            widest = max(widest, range.count)
            drawn50.append(median(Array(p50[range])) ?? 0)
            drawn95.append(median(p95[range].compactMap { $0 }))
        }
        let movedChanges = Array(Set(changes.map(bucket(of:)))).sorted()
        let movedFlags = Array(Set(flagged.filter { $0 < count }.map(bucket(of:)))).sorted()
        return (drawn50, drawn95, movedChanges, movedFlags, widest)
    }
}
