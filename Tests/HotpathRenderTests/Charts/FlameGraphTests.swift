import HotpathModel
import Testing

@testable import HotpathRender

@Suite struct FlameGraphTests {
    /// `main` (100 ms) ran a task group whose three children took 60 ms each, concurrently; one
    /// of them has a child of its own.
    static let concurrent = CallTreeNode(
        name: "main", total: 100, selfValue: 0, count: 1,
        children: [
            CallTreeNode(
                name: "task group", total: 70, selfValue: 0, count: 1,
                children: (0..<3).map { index in
                    CallTreeNode(
                        name: "child \(index)", total: 60, selfValue: index == 0 ? 30 : 60, count: 1,
                        children: index == 0
                            ? [CallTreeNode(name: "leaf", total: 30, selfValue: 30, count: 1, children: [])] : [])
                }),
            CallTreeNode(name: "tail", total: 30, selfValue: 30, count: 1, children: []),
        ])

    struct Rect {
        var x: Double
        var y: Double
        var width: Double
    }

    static func rects(_ svg: String) -> [Rect] {
        func attribute(_ name: String, in tag: Substring) -> Double? {
            guard let range = tag.range(of: " \(name)=\"") else { return nil }
            let rest = tag[range.upperBound...]
            return rest.firstIndex(of: "\"").flatMap { Double(rest[..<$0]) }
        }
        return svg.components(separatedBy: "<g class=\"frame\">").dropFirst().compactMap { frame in
            guard let start = frame.range(of: "<rect ") else { return nil }
            let tag = frame[start.lowerBound...].prefix { $0 != ">" }
            guard let x = attribute("x", in: tag), let y = attribute("y", in: tag),
                let width = attribute("width", in: tag)
            else { return nil }
            return Rect(x: x, y: y, width: width)
        }
    }

    /// Every frame lies inside the view box and inside a frame of the row above (its caller).
    static func expectNested(_ rects: [Rect]) {
        let tolerance = 0.15  // coordinates are written with one decimal
        for rect in rects {
            #expect(rect.x >= 0 && rect.x + rect.width <= 1000 + tolerance, "frame past the view box: \(rect)")
            guard rect.y > 0 else { continue }
            let callers = rects.filter { $0.y < rect.y && rect.y - $0.y < 18.5 }
            #expect(
                callers.contains { $0.x - tolerance <= rect.x && rect.x + rect.width <= $0.x + $0.width + tolerance },
                "frame outside its caller: \(rect)")
        }
    }

    @Test func concurrentChildrenAreScaledInsideTheirCaller() {
        let graph = FlameGraph(id: "flame", title: "t", root: Self.concurrent, baseline: nil, format: { "\($0)" }).svg()
        #expect(graph.scaled == 1)
        #expect(graph.svg.contains(FlameGraph.scaledNote))
        let rects = Self.rects(graph.svg)
        #expect(rects.count == 7)
        Self.expectNested(rects)
        // The three children share the task group's 700 px equally.
        let children = rects.filter { $0.y == 36 }
        #expect(children.count == 3)
        #expect(children.allSatisfy { abs($0.width - 700.0 / 3) < 0.15 })
    }

    @Test func theDifferentialGraphScalesTheSameWay() {
        var baseline = Self.concurrent
        baseline.children[0].children[1].total = 40
        let graph = FlameGraph(id: "diff", title: "t", root: Self.concurrent, baseline: baseline, format: { "\($0)" })
            .svg()
        #expect(graph.scaled == 1)
        Self.expectNested(Self.rects(graph.svg))
    }

    @Test func childrenThatFitAreDrawnToScale() {
        let tree = CallTreeNode(
            name: "main", total: 100, selfValue: 50, count: 1,
            children: [CallTreeNode(name: "work", total: 50, selfValue: 50, count: 1, children: [])])
        let graph = FlameGraph(id: "flame", title: "t", root: tree, baseline: nil, format: { "\($0)" }).svg()
        #expect(graph.scaled == 0)
        #expect(!graph.svg.contains(FlameGraph.scaledNote))
        #expect(Self.rects(graph.svg).map(\.width) == [1000, 500])
    }
}
