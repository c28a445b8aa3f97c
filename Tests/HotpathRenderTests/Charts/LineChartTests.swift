import HotpathModel
import Testing

@testable import HotpathRender

@Suite struct LineChartTests {
    /// Forty runs with long names: the x labels that are drawn never overlap, the first and the
    /// last are among them, and every point with a page is a link to it.
    @Test func xLabelsNeverOverlapAndPointsOpenTheirRun() throws {
        let names = (0..<40).map { "nightly-build-of-the-main-branch-\($0)" }
        let chart = LineChart(
            id: "trend", title: "t",
            series: [.init(name: "p50", className: "p50", points: (0..<40).map { (Double($0), 100 + Double($0 % 3)) })],
            formatX: { names[Int($0)] }, formatY: { "\($0) ns" },
            pointLinks: Dictionary(uniqueKeysWithValues: (0..<40).map { (Double($0), "../runs/r\($0)/index.html") }),
            pointTooltip: { _, _, x, y in "\(names[Int(x)]): \(y) ns" })
        let svg = chart.svg()
        // Labels: text elements of class "tick x", their extent from the anchor and ~6.5 px a character.
        let labels = svg.components(separatedBy: "<text class=\"tick x\" ").dropFirst().map { tag -> (Double, Double) in
            let x = Double(tag.split(separator: "\"")[1]) ?? 0
            let anchor = tag.contains("text-anchor=\"start\"") ? 0.0 : tag.contains("text-anchor=\"end\"") ? 1.0 : 0.5
            let text = tag.split(separator: ">")[1].split(separator: "<")[0]
            let width = Double(text.count) * 6.5
            return (x - anchor * width, x - anchor * width + width)
        }
        #expect(labels.count >= 2)
        for (left, right) in zip(labels, labels.dropFirst()) {
            #expect(left.1 <= right.0, "labels overlap: \(left) \(right)")
        }
        #expect(svg.contains(">nightly-build-of-the-main-branch-0<"))
        #expect(svg.contains(">nightly-build-of-the-main-branch-39<"))
        #expect(svg.components(separatedBy: "<a class=\"point\" href=\"../runs/r").count - 1 == 40)
        #expect(svg.contains("<title>nightly-build-of-the-main-branch-7: 101.0 ns</title>"))
    }

    @Test func theYAxisStartsAtZeroByDefault() {
        let chart = LineChart(
            id: "c", title: "t", series: [.init(name: "p50", className: "p50", points: [(0, 100), (1, 107)])],
            formatX: { "\($0)" }, formatY: { "\(Int($0))" })
        #expect(chart.svg().contains(">0</text>"))
    }
}
