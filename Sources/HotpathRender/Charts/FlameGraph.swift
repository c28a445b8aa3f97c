import HotpathModel

/// An icicle flame graph of the call tree (root on top), each frame's width its total time or
/// weight, with a tooltip per frame (name, self, total, share of the run).
///
/// Given a baseline tree it becomes differential: each frame is coloured by the change of its
/// own total against the same path in the baseline (red slower, blue faster, saturated at
/// ±100%), frames absent from the baseline are marked new (hatched), and frames only in the
/// baseline are listed as removed. Frames narrower than 0.3 px are dropped and counted.
///
/// Children that ran concurrently (a task group, `async let`) can add up to more than their
/// caller's total; they are then scaled down together to fit inside the caller, which says so
/// in its tooltip, and `svg()` counts such callers as `scaled`.
struct FlameGraph {
    var id: String
    var title: String
    var root: CallTreeNode
    var baseline: CallTreeNode?
    var format: (Double) -> String
    /// What widths measure, in the description: "time", or "weight" for sampled profiles.
    var measure = "time"
    var maximumDepth = 64

    struct Removed: Equatable {
        var path: String
        var total: Double
    }

    /// The tooltip line of a caller whose children were scaled to fit inside it.
    static let scaledNote = "children ran concurrently; widths scaled"

    func svg() -> (svg: String, removed: [Removed], hidden: Int, scaled: Int) {
        let width = 1000.0
        let rowHeight = 18.0
        var depth = 0
        measureDepth(root, level: 0, deepest: &depth)
        depth = min(depth, maximumDepth)
        let height = Double(depth + 1) * rowHeight + 4
        let total = root.total
        var frames = ""
        var hidden = 0
        var scaled = 0
        var removed: [Removed] = []
        // Iterative layout: (node, baseline counterpart, x, level, path, pixels per unit of total).
        // Pixels per unit start at width / total and only shrink, where children are scaled.
        let rootScale = total > 0 ? width / total : 0
        var stack: [(CallTreeNode, CallTreeNode?, Double, Int, String, Double)] = [
            (root, baseline, 0, 0, root.name, rootScale)
        ]
        while let (node, before, x, level, path, scale) = stack.popLast() {
            let frameWidth = node.total * scale
            if frameWidth < 0.3 || level > maximumDepth {
                hidden += 1
                continue
            }
            let childrenTotal = node.children.reduce(0) { $0 + $1.total }
            let concurrent = childrenTotal > node.total * (1 + 1e-9)
            if concurrent { scaled += 1 }
            frames += frame(
                node, before: before, x: x, y: Double(level) * rowHeight, width: frameWidth, height: rowHeight - 1,
                total: total,
                concurrent: concurrent)
            let childScale = concurrent ? scale * node.total / childrenTotal : scale
            var childX = x
            var children: [(CallTreeNode, CallTreeNode?, Double, Int, String, Double)] = []
            // Counterparts by name: a node can have a hundred thousand children.
            let beforeChildren = before.map {
                Dictionary($0.children.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            }
            for child in node.children {
                let counterpart = beforeChildren?[child.name]
                children.append((child, counterpart, childX, level + 1, path + ";" + child.name, childScale))
                childX += child.total * childScale
            }
            if let before {
                let names = Set(node.children.map(\.name))
                for old in before.children where !names.contains(old.name) {
                    removed.append(Removed(path: path + ";" + old.name, total: old.total))
                }
            }
            stack.append(contentsOf: children.reversed())
        }
        let mode = baseline == nil ? "" : "; colour shows each frame's change against the baseline"
        let scaling =
            scaled > 0 ? "; where children ran concurrently their widths are scaled to fit inside their caller" : ""
        var svg = SVG.open(
            id: id, width: width, height: height, title: title,
            description:
                "Call tree of \(format(total)) in all, root at the top, width proportional to total \(measure)\(mode)\(scaling). Each frame's tooltip gives its self and total \(measure).",
            className: "chart flamegraph")
        svg +=
            "<defs><pattern id=\"\(id)-new\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" class=\"new-fill\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" class=\"new-stripe\"/></pattern></defs>"
        svg += frames + "</svg>"
        removed.sort { $0.total != $1.total ? $0.total > $1.total : $0.path < $1.path }
        return (svg, removed, hidden, scaled)
    }

    private func measureDepth(_ node: CallTreeNode, level: Int, deepest: inout Int) {
        var stack = [(node, level)]
        while let (current, currentLevel) = stack.popLast() {
            deepest = max(deepest, currentLevel)
            guard currentLevel < maximumDepth else { continue }
            for child in current.children { stack.append((child, currentLevel + 1)) }
        }
    }

    private func frame(
        _ node: CallTreeNode, before: CallTreeNode?, x: Double, y: Double, width: Double, height: Double, total: Double,
        concurrent: Bool
    ) -> String {
        var tooltip =
            "\(node.name)\nself \(format(node.selfValue)) · total \(format(node.total)) · \(UnitFormat.percent(total > 0 ? node.total / total : 0)) of the run"
        if concurrent { tooltip += "\n\(Self.scaledNote)" }
        let fill: String
        if baseline != nil {
            if let before, before.total > 0 {
                let change = (node.total - before.total) / before.total
                tooltip += "\nbaseline \(format(before.total)) (\(UnitFormat.change(change)))"
                fill = "fill=\"\(Self.diffColor(change))\""
            } else {
                tooltip += "\nnew: not in the baseline"
                fill = "fill=\"url(#\(id)-new)\" class=\"new\""
            }
        } else {
            fill = "fill=\"\(Self.warmColor(node.name))\""
        }
        var text = ""
        if let label = SVG.fit(node.name, width: width - 6, characterWidth: 6.5) {
            text = "<text x=\"\(SVG.number(x + 3))\" y=\"\(SVG.number(y + 12.5))\">\(SVG.escape(label))</text>"
        }
        return
            "<g class=\"frame\"><title>\(SVG.escape(tooltip))</title><rect x=\"\(SVG.number(x))\" y=\"\(SVG.number(y))\" width=\"\(SVG.number(width))\" height=\"\(SVG.number(height))\" \(fill)/>\(text)</g>"
    }

    /// A stable warm colour from the frame's name, as classic flame graphs use.
    static func warmColor(_ name: String) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in name.utf8 {
            hash = (hash ^ UInt32(byte)) &* 16_777_619
        }
        let hue = 8 + Double(hash % 40)
        let lightness = 55 + Double((hash >> 8) % 12)
        return "hsl(\(SVG.number(hue)),85%,\(SVG.number(lightness))%)"
    }

    /// Red for slower, blue for faster, grey for unchanged; saturated at ±100%.
    static func diffColor(_ change: Double) -> String {
        let strength = min(1, abs(change))
        let lightness = 92 - 42 * strength
        let hue = change >= 0 ? 0.0 : 215.0
        return abs(change) < 0.02 ? "hsl(0,0%,80%)" : "hsl(\(SVG.number(hue)),80%,\(SVG.number(lightness))%)"
    }
}
