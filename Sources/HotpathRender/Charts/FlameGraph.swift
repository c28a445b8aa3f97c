import HotpathModel

/// An icicle flame graph of the call tree (root on top), each frame's width its total time or
/// weight, with a tooltip per frame (name, self, total, share of the run).
///
/// Given a baseline tree it becomes differential: each frame is coloured by the change of its
/// own total against the same path in the baseline (red slower, blue faster, saturated at
/// ±100%), frames absent from the baseline are marked new (hatched), and frames only in the
/// baseline are listed as removed.
///
/// Frames narrower than 0.3 px cannot be seen: siblings that thin are merged into one frame
/// ("N frames merged") when together they are wide enough to draw, else left out; `svg()`
/// counts both, so the page can say so. A profile of a hundred thousand frames draws a few
/// thousand. Past `frameBudget` frames wider than that, the narrowest are treated the same way,
/// so that a compiler's profile of 100,000 distinct stacks is still a page of a few megabytes
/// that a browser opens, and libxml2 checks, in a moment.
///
/// Each frame carries what the site's script (`hotpath.js`) needs to zoom, search and build a
/// sandwich view without the tree: `data-x` and `data-w` (its extent as fractions of the root),
/// `data-d` (its row) and, when the operation has a page, `data-href`; its name and label (self,
/// total, share) are its tooltip's (`<title>`) first line and the lines after it. Frames are in
/// preorder, so a frame's parent is the nearest earlier frame one row up. Without the script the
/// SVG reads as it is, with a tooltip per frame.
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
    /// About how many frames are drawn at most (see above).
    var frameBudget = 5_000
    /// The link to a frame's operation page, relative to the page the graph is on; nil when it
    /// has none.
    var operationHref: (String) -> String? = { _ in nil }

    struct Removed: Equatable {
        var path: String
        var total: Double
    }

    /// The tooltip line of a caller whose children were scaled to fit inside it.
    static let scaledNote = "children ran concurrently; widths scaled"

    /// `hidden` counts the frames not drawn on their own (merged or left out), `merged` the
    /// frames drawn as "N frames merged".
    /// `limited` says whether frames wide enough to see were hidden to keep within `frameBudget`.
    func svg() -> (svg: String, removed: [Removed], hidden: Int, scaled: Int, merged: Int, limited: Bool) {
        let width = 1000.0
        let rowHeight = 18.0
        var depth = 0
        measureDepth(root, level: 0, deepest: &depth)
        depth = min(depth, maximumDepth)
        let height = Double(depth + 1) * rowHeight + 4
        let total = root.total
        var frames = ""
        var hidden = 0
        var merged = 0
        var scaled = 0
        var removed: [Removed] = []
        // Iterative layout: (node, baseline counterpart, x, level, path, pixels per unit of total).
        // Pixels per unit start at width / total and only shrink, where children are scaled.
        // The path names removed frames, found only under a node with a counterpart: a node
        // without one carries none (each was a copy of its parent's, thousands of bytes deep down).
        let rootScale = total > 0 ? width / total : 0
        let minimumWidth = minimumWidth(scale: rootScale)
        var stack: [(CallTreeNode, CallTreeNode?, Double, Int, String, Double)] = [
            (root, baseline, 0, 0, root.name, rootScale)
        ]
        while let (node, before, x, level, path, scale) = stack.popLast() {
            let frameWidth = node.total * scale
            if frameWidth < minimumWidth || level > maximumDepth {
                hidden += frameCount(node, level: level)
                continue
            }
            let childrenTotal = node.children.reduce(0) { $0 + $1.total }
            let concurrent = childrenTotal > node.total * (1 + 1e-9)
            if concurrent { scaled += 1 }
            frames += frame(
                node, before: before, x: x, y: Double(level) * rowHeight, width: frameWidth, height: rowHeight - 1,
                total: total,
                concurrent: concurrent, root: rootScale, depth: level)
            let childScale = concurrent ? scale * node.total / childrenTotal : scale
            var childX = x
            var children: [(CallTreeNode, CallTreeNode?, Double, Int, String, Double)] = []
            // Counterparts by name: a node can have a hundred thousand children.
            let beforeChildren = before.map {
                Dictionary($0.children.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            }
            func push(_ child: CallTreeNode) {
                let counterpart = beforeChildren?[child.name]
                let childPath = counterpart == nil ? "" : path + ";" + child.name
                children.append((child, counterpart, childX, level + 1, childPath, childScale))
                childX += child.total * childScale
            }
            // Children too thin to see go after the others, merged into one frame.
            var thin: [CallTreeNode] = []
            for child in node.children {
                guard child.total * childScale >= minimumWidth else {
                    thin.append(child)
                    continue
                }
                push(child)
            }
            let thinTotal = thin.reduce(0) { $0 + $1.total }
            if level + 1 <= maximumDepth, thin.count >= 2, thinTotal * childScale >= minimumWidth {
                hidden += thin.reduce(0) { $0 + frameCount($1, level: level + 1) }
                merged += thin.count
                let block = CallTreeNode(
                    name: "\(thin.count) frames merged", total: thinTotal, selfValue: 0, count: 0, children: [])
                frames += frame(
                    block, before: nil, x: childX, y: Double(level + 1) * rowHeight, width: thinTotal * childScale,
                    height: rowHeight - 1, total: total, concurrent: false, root: rootScale, depth: level + 1,
                    mergedCount: thin.count)
            } else {
                for child in thin { push(child) }
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
        let thinNote = merged > 0 ? "; siblings too thin to see are merged into one frame each" : ""
        let scaling =
            scaled > 0 ? "; where children ran concurrently their widths are scaled to fit inside their caller" : ""
        var svg = SVG.open(
            id: id, width: width, height: height, title: title,
            description:
                "Call tree of \(format(total)) in all, root at the top, width proportional to total \(measure)\(mode)\(scaling)\(thinNote). Each frame's tooltip gives its self and total \(measure).",
            className: "chart flamegraph")
        svg +=
            "<defs><pattern id=\"\(id)-new\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" class=\"new-fill\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" class=\"new-stripe\"/></pattern></defs>"
        svg += frames + "</svg>"
        removed.sort { $0.total != $1.total ? $0.total > $1.total : $0.path < $1.path }
        return (svg, removed, hidden, scaled, merged, minimumWidth > 0.3)
    }

    /// The narrowest width drawn: 0.3 px, or more when more than `frameBudget` frames are at
    /// least that wide (then the width just above the budget's narrowest frame, so about
    /// `frameBudget` frames are drawn; widths scaled inside concurrent callers are not counted).
    private func minimumWidth(scale: Double) -> Double {
        var widths: [Double] = []
        var stack = [(root, 0)]
        while let (node, level) = stack.popLast() {
            let width = node.total * scale
            guard width >= 0.3, level <= maximumDepth else { continue }
            widths.append(width)
            for child in node.children { stack.append((child, level + 1)) }
        }
        guard widths.count > frameBudget else { return 0.3 }
        widths.sort(by: >)
        return widths[frameBudget].nextUp
    }

    /// The frames of `node`'s subtree, itself included, down to the deepest row drawn: what
    /// leaving it out leaves out.
    private func frameCount(_ node: CallTreeNode, level: Int) -> Int {
        var count = 0
        var stack = [(node, level)]
        while let (current, currentLevel) = stack.popLast() {
            guard currentLevel <= maximumDepth else { continue }
            count += 1
            for child in current.children { stack.append((child, currentLevel + 1)) }
        }
        return max(count, 1)
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
        concurrent: Bool, root: Double, depth: Int, mergedCount: Int = 0
    ) -> String {
        let share = UnitFormat.percent(total > 0 ? node.total / total : 0)
        // Its name, then a line each: self and total, a scaling, the baseline (the script shows
        // the lines after the name, joined by "; ").
        // A name of several lines is one line here: its first line is the name.
        var name = node.name
        if name.utf8.contains(0x0A) {
            name = String(String.UnicodeScalarView(name.unicodeScalars.map { $0 == "\n" ? " " : $0 }))
        }
        var tooltip =
            mergedCount > 0
            ? "\(name)\neach too thin to see; total \(format(node.total)) · \(share) of the run"
            : "\(name)\nself \(format(node.selfValue)) · total \(format(node.total)) · \(share) of the run"
        if concurrent { tooltip += "\n\(Self.scaledNote)" }
        let fill: String
        if mergedCount > 0 {
            fill = "class=\"merged\" fill=\"hsl(0,0%,75%)\""
        } else if baseline != nil {
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
        // The name and the label are the tooltip's lines, which the script reads: written
        // once, not again as attributes (they were a third of a big graph's bytes).
        var data =
            " data-x=\"\(Self.fraction(x / (root * total)))\" data-w=\"\(Self.fraction(width / (root * total)))\" data-d=\"\(depth)\""
        if mergedCount == 0, let href = operationHref(node.name) { data += " data-href=\"\(SVG.escape(href))\"" }
        return
            "<g class=\"frame\"\(data)><title>\(SVG.escape(tooltip))</title><rect x=\"\(SVG.number(x))\" y=\"\(SVG.number(y))\" width=\"\(SVG.number(width))\" height=\"\(SVG.number(height))\" \(fill)/>\(text)</g>"
    }

    /// A fraction of the root with seven decimals, enough to zoom a thousandfold.
    static func fraction(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        var text = UnitFormat.fixed(value, digits: 7)
        while text.contains("."), text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
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
