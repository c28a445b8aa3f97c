import Testing

@testable import HotpathRender

@Suite struct SparklineTests {
    static func points(in svg: String, series: String) -> Int {
        guard let start = svg.range(of: "<g class=\"series \(series)\"><path d=\""),
            let end = svg[start.upperBound...].firstIndex(of: "\"")
        else { return 0 }
        return svg[start.upperBound..<end].split(separator: " ").count / 2
    }

    @Test func aShortHistoryDrawsEveryRun() {
        let spark = Sparkline(
            id: "s", name: "op", p50: (0..<40).map(Double.init), p95: (0..<40).map { Double($0) + 1 }, changes: [10],
            format: { "\($0)" })
        let svg = spark.svg()
        #expect(Self.points(in: svg, series: "p50") == 40)
        #expect(!svg.contains("median of"))
    }

    /// A year of nights is drawn as 60 medians; the step stays where it was, the change point
    /// and the ringed run move to the point that holds them, and the text still tells every run.
    @Test func aLongHistoryDrawsMediansOfConsecutiveRuns() {
        let p50 = (0..<365).map { $0 < 300 ? 100.0 : 130.0 }
        let spark = Sparkline(
            id: "s", name: "op", p50: p50, p95: p50.map { $0 * 1.1 }, changes: [300], flagged: [0, 1, 364],
            format: { "\(Int($0))" })
        let svg = spark.svg()
        #expect(Self.points(in: svg, series: "p50") == 60)
        #expect(Self.points(in: svg, series: "p95") == 60)
        #expect(svg.contains("p50 from 100 to 130, p95 from 110 to 143 over 365 runs"))
        #expect(svg.contains("each point the median of 7 consecutive runs or fewer"))
        #expect(svg.contains("1 change point"))
        #expect(svg.components(separatedBy: "<line class=\"change-point\"").count - 1 == 1)
        // Runs 0 and 1 share the first point: two rings drawn, three runs told.
        #expect(svg.components(separatedBy: "<circle class=\"other-environment\"").count - 1 == 2)
        #expect(svg.contains("3 runs from another environment"))
        // The index carries one per operation: a year of nights stays small.
        #expect(svg.utf8.count < 4_000)
    }
}
