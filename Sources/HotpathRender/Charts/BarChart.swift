import HotpathModel

/// Horizontal bars, one per labelled value, for shares and similar magnitudes.
struct BarChart {
    struct Bar {
        var label: String
        var value: Double
        /// Shown at the bar's end and in its tooltip, e.g. "42.1%".
        var valueText: String
        var tooltip: String
        /// An optional CSS class for emphasis (`hot`, `regressed`).
        var emphasis: String? = nil
    }

    var id: String
    var title: String
    var bars: [Bar]
    /// A vertical reference line (e.g. the hot-path threshold) at this value.
    var marker: (value: Double, label: String)? = nil
    var maximum: Double? = nil

    func svg() -> String {
        let labelWidth = 220.0
        let barArea = 440.0
        let rowHeight = 22.0
        let width = labelWidth + barArea + 80
        let height = Double(max(bars.count, 1)) * rowHeight + 24
        let top = max(maximum ?? 0, bars.map(\.value).max() ?? 0, marker?.value ?? 0)
        let scale = top > 0 ? barArea / top : 0
        let summary = bars.map { "\($0.label): \($0.valueText)" }.joined(separator: "; ")
        var svg = SVG.open(
            id: id, width: width, height: height, title: title, description: summary, className: "chart bar-chart")
        for (index, bar) in bars.enumerated() {
            let y = Double(index) * rowHeight + 4
            let barWidth = max(bar.value * scale, bar.value > 0 ? 1 : 0)
            let label = SVG.fit(bar.label, width: labelWidth - 8) ?? ""
            svg += "<g class=\"bar\(bar.emphasis.map { " " + $0 } ?? "")\"><title>\(SVG.escape(bar.tooltip))</title>"
            svg +=
                "<text class=\"label\" x=\"\(SVG.number(labelWidth - 8))\" y=\"\(SVG.number(y + 14))\" text-anchor=\"end\">\(SVG.escape(label))</text>"
            svg +=
                "<rect x=\"\(SVG.number(labelWidth))\" y=\"\(SVG.number(y))\" width=\"\(SVG.number(barWidth))\" height=\"\(SVG.number(rowHeight - 6))\" rx=\"2\"/>"
            svg +=
                "<text class=\"value\" x=\"\(SVG.number(labelWidth + barWidth + 6))\" y=\"\(SVG.number(y + 14))\">\(SVG.escape(bar.valueText))</text></g>"
        }
        if let marker, scale > 0 {
            let x = labelWidth + marker.value * scale
            svg +=
                "<g class=\"marker\"><line x1=\"\(SVG.number(x))\" y1=\"0\" x2=\"\(SVG.number(x))\" y2=\"\(SVG.number(height - 16))\"/>"
            svg +=
                "<text x=\"\(SVG.number(x))\" y=\"\(SVG.number(height - 4))\" text-anchor=\"middle\">\(SVG.escape(marker.label))</text></g>"
        }
        return svg + "</svg>"
    }
}
