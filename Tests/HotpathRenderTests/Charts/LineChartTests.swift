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

    /// The points of every series at one x are one link with one tooltip: its heading, then each
    /// series' line; the points without a link keep their own tooltips.
    @Test func theSeriesPointsOfARunShareOneLinkAndOneTooltip() throws {
        let chart = LineChart(
            id: "trend", title: "t",
            series: [
                .init(name: "p50", className: "p50", points: (0..<4).map { (Double($0), 100 + Double($0)) }),
                .init(name: "p95", className: "p95", points: (0..<4).map { (Double($0), 120 + Double($0)) }),
            ],
            flagged: ([3], "another environment"), formatX: { "\($0)" }, formatY: { "\(Int($0)) ns" },
            pointLinks: [2: "../runs/two/index.html", 3: "../runs/three/index.html"],
            pointHeading: { "run \(Int($0))" }, pointTooltip: { name, _, _, y in "\(name) \(Int(y)) ns" })
        let svg = chart.svg()
        #expect(svg.components(separatedBy: "<a class=\"point\"").count - 1 == 2)
        #expect(
            svg.contains(
                "<a class=\"point\" href=\"../runs/two/index.html\"><title>run 2\np50 102 ns\np95 122 ns</title><circle class=\"p50\" "
            ))
        #expect(svg.contains(#"<rect class="flagged p95""#))
        #expect(svg.contains("p95 123 ns (another environment)"))
        // Unlinked points: each its own tooltip, heading first.
        #expect(svg.contains("<title>run 0\np50 100 ns</title></circle>"))
        #expect(svg.components(separatedBy: "<circle").count - 1 == 4 + 2)
    }

    @Test func theYAxisStartsAtZeroByDefault() {
        let chart = LineChart(
            id: "c", title: "t", series: [.init(name: "p50", className: "p50", points: [(0, 100), (1, 107)])],
            formatX: { "\($0)" }, formatY: { "\(Int($0))" })
        #expect(chart.svg().contains(">0</text>"))
    }
}
