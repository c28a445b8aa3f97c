import HotpathModel

/// One or more series over a shared x axis: memory over time, hit rate per window, trends.
struct LineChart {
    struct Series {
        var name: String
        var className: String
        var points: [(x: Double, y: Double)]
    }

    var id: String
    var title: String
    var series: [Series]
    /// A horizontal reference line, e.g. a budget or a target.
    var reference: (y: Double, label: String)? = nil
    /// An optional band, e.g. the baseline's p50…p95.
    var band: (low: Double, high: Double, label: String)? = nil
    /// Vertical markers at x positions, e.g. change points.
    var markers: [(x: Double, label: String)] = []
    /// Points at these x positions are drawn as hollow squares, whatever the series' size, and
    /// `label` (e.g. "another environment") is added to their tooltips and the description.
    var flagged: (xs: Set<Double>, label: String)? = nil
    var formatX: (Double) -> String
    var formatY: (Double) -> String
    var yFromZero = true
    /// What each axis measures, with its unit or scale ("time into the run", "resident memory
    /// (bytes)", "mean time, log scale"): written along the axis, so no axis is a bare range.
    var xTitle: String? = nil
    var yTitle: String? = nil
    /// Values of the y axis to label with a grid line (a log chart's decades) instead of only
    /// its bottom and top; those outside the drawn range are left out.
    var yTicks: [Double] = []
    /// Where the points at an x lead (a trend's run page): every series' point there is drawn in
    /// one link (`<a class="point">`, after the series) with one tooltip of all of them, which
    /// opens the run on a click, with or without the site's script. One link and one tooltip per
    /// run, not per point: a trend page's points were most of its elements, parsed again by
    /// libxml2 for each of a history's trend pages every night.
    var pointLinks: [Double: String] = [:]
    /// The first line of the tooltip of the points at an x (a trend's run and date).
    var pointHeading: ((_ x: Double) -> String)? = nil
    /// A point's own line in its tooltip, by series name and x, instead of "x: y" (a trend's
    /// value and change from the run before).
    var pointTooltip: ((_ series: String, _ index: Int, _ x: Double, _ y: Double) -> String)? = nil

    func svg() -> String {
        let width = 640.0
        let height = 220.0
        let left = 70.0
        let right = 16.0
        let top = 16.0
        let bottom = xTitle == nil ? 34.0 : 46.0
        let xs = series.flatMap { $0.points.map(\.x) } + markers.map(\.x)
        var ys = series.flatMap { $0.points.map(\.y) }
        if let reference { ys.append(reference.y) }
        if let band { ys += [band.low, band.high] }
        guard let minX = xs.min(), let maxX = xs.max(), var minY = ys.min(), var maxY = ys.max() else { return "" }
        if yFromZero { minY = min(0, minY) }
        if maxY == minY { maxY = minY + 1 }
        maxY += (maxY - minY) * 0.05
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        func x(_ value: Double) -> Double { left + (maxX == minX ? 0.5 : (value - minX) / (maxX - minX)) * plotWidth }
        func y(_ value: Double) -> Double { top + plotHeight - (value - minY) / (maxY - minY) * plotHeight }
        let description =
            series.map { series -> String in
                let values = series.points.map(\.y)
                guard let first = values.first, let last = values.last, let peak = values.max() else {
                    return series.name
                }
                return
                    "\(series.name): \(series.points.count) points from \(formatY(first)) to \(formatY(last)), peak \(formatY(peak))"
            }.joined(separator: "; ") + (reference.map { "; \($0.label) \(formatY($0.y))" } ?? "")
            + markers.map { "; \($0.label)" }.joined()
            + (flagged.map { flagged in
                let count = Set(series.flatMap { $0.points.map(\.x) }).intersection(flagged.xs).count
                return count == 0 ? "" : "; \(count) run\(count == 1 ? "" : "s") from \(flagged.label) (hollow squares)"
            } ?? "")
        var svg = SVG.open(
            id: id, width: width, height: height, title: title, description: description, className: "chart line-chart")
        // Room for the paths and the drawn points at once, not grown a doubling at a time.
        svg.reserveCapacity(svg.utf8.count + 4096 + series.reduce(0) { $0 + $1.points.count * 16 })
        if let band {
            svg +=
                "<rect class=\"band\" x=\"\(SVG.number(left))\" y=\"\(SVG.number(y(band.high)))\" width=\"\(SVG.number(plotWidth))\" height=\"\(SVG.number(max(0, y(band.low) - y(band.high))))\"><title>\(SVG.escape(band.label))</title></rect>"
        }
        svg +=
            "<line class=\"axis\" x1=\"\(SVG.number(left))\" y1=\"\(SVG.number(top + plotHeight))\" x2=\"\(SVG.number(width - right))\" y2=\"\(SVG.number(top + plotHeight))\"/>"
        svg +=
            "<line class=\"axis\" x1=\"\(SVG.number(left))\" y1=\"\(SVG.number(top))\" x2=\"\(SVG.number(left))\" y2=\"\(SVG.number(top + plotHeight))\"/>"
        let ticks = yTicks.filter { $0 >= minY && $0 <= maxY }
        if ticks.count >= 2 {
            for tick in ticks {
                svg +=
                    "<line class=\"grid\" x1=\"\(SVG.number(left))\" y1=\"\(SVG.number(y(tick)))\" x2=\"\(SVG.number(width - right))\" y2=\"\(SVG.number(y(tick)))\"/><text class=\"tick\" x=\"\(SVG.number(left - 6))\" y=\"\(SVG.number(y(tick) + 4))\" text-anchor=\"end\">\(SVG.escape(formatY(tick)))</text>"
            }
        } else {
            svg +=
                "<text class=\"tick\" x=\"\(SVG.number(left - 6))\" y=\"\(SVG.number(y(maxY) + 10))\" text-anchor=\"end\">\(SVG.escape(formatY(maxY)))</text>"
            svg +=
                "<text class=\"tick\" x=\"\(SVG.number(left - 6))\" y=\"\(SVG.number(y(minY)))\" text-anchor=\"end\">\(SVG.escape(formatY(minY)))</text>"
        }
        svg += xLabels(x: x, left: left, right: width - right, baseline: top + plotHeight + 22)
        if let xTitle {
            svg +=
                "<text class=\"axis-title\" x=\"\(SVG.number(left + plotWidth / 2))\" y=\"\(SVG.number(height - 4))\" text-anchor=\"middle\">\(SVG.escape(xTitle))</text>"
        }
        if let yTitle {
            let middle = top + plotHeight / 2
            svg +=
                "<text class=\"axis-title\" x=\"12\" y=\"\(SVG.number(middle))\" text-anchor=\"middle\" transform=\"rotate(-90 12 \(SVG.number(middle)))\">\(SVG.escape(yTitle))</text>"
        }
        if let reference {
            svg +=
                "<g class=\"reference\"><line x1=\"\(SVG.number(left))\" y1=\"\(SVG.number(y(reference.y)))\" x2=\"\(SVG.number(width - right))\" y2=\"\(SVG.number(y(reference.y)))\"/><text x=\"\(SVG.number(width - right))\" y=\"\(SVG.number(y(reference.y) - 4))\" text-anchor=\"end\">\(SVG.escape(reference.label))</text></g>"
        }
        for marker in markers {
            svg +=
                "<g class=\"change-point\"><title>\(SVG.escape(marker.label))</title><line x1=\"\(SVG.number(x(marker.x)))\" y1=\"\(SVG.number(top))\" x2=\"\(SVG.number(x(marker.x)))\" y2=\"\(SVG.number(top + plotHeight))\"/></g>"
        }
        // The points with a link, by x in the order first drawn: drawn after every series.
        var linkedXs: [Double] = []
        var linked: [Double: (lines: [String], marks: String)] = [:]
        for series in series where !series.points.isEmpty {
            // Pairs after the moveto are implicit linetos. Appended in place: a year of nightly
            // points is a long path, drawn for every trend page of every build.
            var path: [UInt8] = [UInt8(ascii: "M")]
            path.reserveCapacity(series.points.count * 12)
            for (index, point) in series.points.enumerated() {
                if index > 0 { path.append(UInt8(ascii: " ")) }
                SVG.appendNumber(x(point.x), to: &path)
                path.append(UInt8(ascii: " "))
                SVG.appendNumber(y(point.y), to: &path)
            }
            svg +=
                "<g class=\"series \(series.className)\"><title>\(SVG.escape(series.name))</title><path d=\""
            svg += String(decoding: path, as: UTF8.self)
            svg += "\"/>"
            for (index, point) in series.points.enumerated() {
                let isFlagged = flagged?.xs.contains(point.x) ?? false
                let isLinked = pointLinks[point.x] != nil
                guard isFlagged || isLinked || series.points.count <= 60 else { continue }
                // Made only for a point that is drawn: a year of nightly points draws few.
                var line =
                    pointTooltip?(series.name, index, point.x, point.y) ?? "\(formatX(point.x)): \(formatY(point.y))"
                if isFlagged, let flagged { line += " (\(flagged.label))" }
                // In a link, a point's shape has the series' class and no title of its own.
                let shape = isFlagged ? "rect" : "circle"
                var mark =
                    isFlagged
                    ? "<rect class=\"flagged\(isLinked ? " " + series.className : "")\" x=\"\(SVG.number(x(point.x) - 3))\" y=\"\(SVG.number(y(point.y) - 3))\" width=\"6\" height=\"6\">"
                    : "<circle\(isLinked ? " class=\"\(series.className)\"" : "") cx=\"\(SVG.number(x(point.x)))\" cy=\"\(SVG.number(y(point.y)))\" r=\"2.5\">"
                if isLinked {
                    mark += "</\(shape)>"
                    if linked[point.x] == nil { linkedXs.append(point.x) }
                    linked[point.x, default: ([], "")].lines.append(line)
                    linked[point.x, default: ([], "")].marks += mark
                } else {
                    let heading = pointHeading.map { $0(point.x) + "\n" } ?? ""
                    svg += mark + "<title>\(SVG.escape(heading + line))</title></\(shape)>"
                }
            }
            svg += "</g>"
        }
        if !linkedXs.isEmpty {
            svg += "<g class=\"points\">"
            for pointX in linkedXs {
                guard let href = pointLinks[pointX], let group = linked[pointX] else { continue }
                let lines = (pointHeading.map { [$0(pointX)] } ?? []) + group.lines
                svg +=
                    "<a class=\"point\" href=\"\(SVG.escape(href))\"><title>\(SVG.escape(lines.joined(separator: "\n")))</title>\(group.marks)</a>"
            }
            svg += "</g>"
        }
        return svg + "</svg>"
    }

    /// Labels under the x axis that never overlap: as many as fit at their width, evenly
    /// spread over the distinct x values, always the first and the last.
    private func xLabels(x: (Double) -> Double, left: Double, right: Double, baseline: Double) -> String {
        // Sorted, then repeats dropped: a trend's two series share a year of x values.
        var values = series.flatMap { $0.points.map(\.x) }
        values.sort()
        values = values.indices.compactMap { $0 > 0 && values[$0] == values[$0 - 1] ? nil : values[$0] }
        guard let first = values.first, let last = values.last else { return "" }
        let texts = values.map(formatX)
        let widest = Double(texts.map(\.count).max() ?? 1) * 6.5 + 10
        let room = max(2, Int((right - left) / widest) + 1)
        var chosen: [Int] = [0]
        if values.count > 1 {
            let slots = min(room, values.count) - 1
            for slot in 1...max(1, slots) {
                let index = Int((Double(slot) * Double(values.count - 1) / Double(max(1, slots))).rounded())
                if index != chosen.last { chosen.append(index) }
            }
        }
        var result = ""
        var previousEnd = -Double.infinity
        for index in chosen {
            let position = x(values[index])
            let half = Double(texts[index].count) * 3.25
            let anchor: String
            let start: Double
            if values[index] == first {
                anchor = "start"
                start = position
            } else if values[index] == last {
                anchor = "end"
                start = position - 2 * half
            } else {
                anchor = "middle"
                start = position - half
            }
            // A label that would touch the one before is left out (the last one wins).
            if start < previousEnd + 6 {
                if values[index] != last || result.isEmpty { continue }
                if let cut = result.range(of: "<text class=\"tick x\"", options: .backwards) {
                    result.removeSubrange(cut.lowerBound...)
                }
            }
            previousEnd = start + 2 * half
            result +=
                "<text class=\"tick x\" x=\"\(SVG.number(position))\" y=\"\(SVG.number(baseline))\" text-anchor=\"\(anchor)\">\(SVG.escape(texts[index]))</text>"
        }
        return result
    }
}
