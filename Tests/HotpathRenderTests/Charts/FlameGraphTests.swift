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
        return svg.components(separatedBy: "<g class=\"frame\" ").dropFirst().compactMap { frame in
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

    /// The attributes `hotpath.js` zooms and searches with.
    static func frameData(_ svg: String) -> [(name: String, x: Double, width: Double, depth: Int, href: String?)] {
        func value(_ name: String, in tag: Substring) -> String? {
            guard let range = tag.range(of: " \(name)=\"") else { return nil }
            let rest = tag[range.upperBound...]
            return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
        }
        return svg.components(separatedBy: "<g class=\"frame\" ").dropFirst().compactMap { frame in
            let tag: Substring = " " + frame.prefix { $0 != ">" }
            let x = value("data-x", in: tag).flatMap { Double($0) }
            let width = value("data-w", in: tag).flatMap { Double($0) }
            let depth = value("data-d", in: tag).flatMap { Int($0) }
            // The name is the tooltip's first line.
            guard let title = frame.range(of: "<title>"), let x, let width, let depth else { return nil }
            let name = String(frame[title.upperBound...].prefix { $0 != "\n" && $0 != "<" })
            return (name, x, width, depth, value("data-href", in: tag))
        }
    }

    @Test func aFramesNameAndLabelAreItsTooltipsLinesOnly() {
        let tree = CallTreeNode(
            name: "main", total: 10, selfValue: 4, count: 1,
            children: [CallTreeNode(name: "two\nlines", total: 6, selfValue: 6, count: 1, children: [])])
        let svg = FlameGraph(id: "flame", title: "t", root: tree, baseline: nil, format: { "\($0)" }).svg().svg
        // Not written again as attributes: the script reads the tooltip.
        #expect(!svg.contains("data-name") && !svg.contains("data-label"))
        // A name of two lines is one line, so the first line is always the whole name.
        #expect(Self.frameData(svg).map(\.name) == ["main", "two lines"])
        #expect(svg.contains("<title>two lines\nself 6.0 · total 6.0 · "))
    }

    @Test func framesCarryTheirExtentRowAndLinkForTheScript() {
        let graph = FlameGraph(
            id: "flame", title: "t", root: Self.concurrent, baseline: nil, format: { "\($0)" },
            operationHref: { $0 == "tail" ? "operations/tail.html" : nil }
        ).svg()
        let data = Self.frameData(graph.svg)
        let rects = Self.rects(graph.svg)
        #expect(data.count == rects.count)
        // Fractions of the root agree with the drawn pixels (1,000 px wide), rows with y.
        for (frame, rect) in zip(data, rects) {
            #expect(abs(frame.x * 1000 - rect.x) < 0.15 && abs(frame.width * 1000 - rect.width) < 0.15)
            #expect(Double(frame.depth) * 18 == rect.y)
        }
        // Preorder: each frame's parent is the nearest earlier frame one row up, and contains it.
        for (index, frame) in data.enumerated() where frame.depth > 0 {
            let parent = data[..<index].last { $0.depth == frame.depth - 1 }
            #expect(parent.map { $0.x <= frame.x + 1e-6 && frame.x + frame.width <= $0.x + $0.width + 1e-6 } == true)
        }
        #expect(data.first { $0.name == "tail" }?.href == "operations/tail.html")
        #expect(data.first { $0.name == "main" }?.href == nil)
    }

    @Test func siblingsTooThinToSeeAreMergedAndCounted() {
        // 2,000 children of 1 unit under a root of 10,000: each 0.1 px, together 200 px.
        // Each has a callee of its own: not drawn either, and counted.
        let thin = (0..<2000).map {
            CallTreeNode(
                name: "f\($0)", total: 1, selfValue: 0, count: 1,
                children: [CallTreeNode(name: "g\($0)", total: 1, selfValue: 1, count: 1, children: [])])
        }
        let wide = CallTreeNode(name: "wide", total: 8000, selfValue: 8000, count: 1, children: [])
        let root = CallTreeNode(name: "root", total: 10_000, selfValue: 0, count: 1, children: [wide] + thin)
        let graph = FlameGraph(id: "flame", title: "t", root: root, baseline: nil, format: { "\($0)" }).svg()
        #expect(graph.merged == 2000)
        #expect(graph.hidden == 4000)
        let data = Self.frameData(graph.svg)
        #expect(data.map(\.name).sorted() == ["2000 frames merged", "root", "wide"])
        let merged = data.first { $0.name == "2000 frames merged" }
        // After the visible sibling, 0.2 of the root wide, one row down.
        #expect(merged.map { abs($0.x - 0.8) < 1e-6 && abs($0.width - 0.2) < 1e-6 && $0.depth == 1 } == true)
        Self.expectNested(Self.rects(graph.svg))
        // One thin child alone is left out, not merged.
        let single = CallTreeNode(
            name: "root", total: 10_000, selfValue: 0, count: 1,
            children: [wide, CallTreeNode(name: "thin", total: 1, selfValue: 1, count: 1, children: [])])
        let lone = FlameGraph(id: "flame", title: "t", root: single, baseline: nil, format: { "\($0)" }).svg()
        #expect(lone.merged == 0 && lone.hidden == 1)
    }

    /// Past the frame budget the narrowest visible frames go the way of the invisible ones: a
    /// wide, bushy tree (a compiler's profile) draws at most about the budget, widest first.
    @Test func aBushyTreeDrawsAtMostTheFrameBudgetWidestFirst() {
        // A root of 1,000 units over 1,000 px; 20 callers of 50 px, each calling 100 functions
        // of 0.35, 0.4, 0.45 and 0.6 px in turn, each with a callee as wide: 4,021 frames, all
        // wide enough to see.
        let widths = [0.35, 0.4, 0.45, 0.6]
        let callers = (0..<20).map { caller in
            let children = (0..<100).map { index in
                let total = widths[index % 4]
                return CallTreeNode(
                    name: "f\(caller)-\(index)", total: total, selfValue: 0, count: 1,
                    children: [
                        CallTreeNode(
                            name: "g\(caller)-\(index)", total: total, selfValue: total, count: 1, children: [])
                    ])
            }
            return CallTreeNode(name: "caller \(caller)", total: 50, selfValue: 5, count: 1, children: children)
        }
        let root = CallTreeNode(name: "root", total: 1_000, selfValue: 0, count: 1, children: callers)
        var flame = FlameGraph(id: "flame", title: "t", root: root, baseline: nil, format: { "\($0)" })
        let all = flame.svg()
        #expect(all.hidden == 0 && Self.frameData(all.svg).count == 4_021)

        flame.frameBudget = 2_000
        let budgeted = flame.svg()
        let data = Self.frameData(budgeted.svg)
        // The 2,000th widest frame is 0.45 px: only wider ones are drawn on their own (the root,
        // the callers, the 0.6 px functions and their callees), the rest merged under each caller.
        #expect(data.count == 1 + 20 + 500 + 500 + 20)
        #expect(data.count <= flame.frameBudget)
        #expect(budgeted.merged == 1_500 && budgeted.hidden == 3_000)
        #expect(budgeted.limited && !all.limited)
        #expect(data.filter { $0.name.hasPrefix("f") }.allSatisfy { abs($0.width - 0.0006) < 1e-9 })
        Self.expectNested(Self.rects(budgeted.svg))
    }
}
