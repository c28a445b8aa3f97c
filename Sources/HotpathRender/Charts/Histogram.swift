import Foundation
import HotpathModel

/// A histogram of one operation's samples with p50, p95 and p99 marked.
///
/// Bins: the Freedman–Diaconis width (2·IQR/∛n), clamped to 10…60 bins over min…max; a
/// log-scaled axis when max/min exceeds 100, so long tails stay readable.
struct Histogram {
    var id: String
    var title: String
    var samples: [Double]
    var percentiles: Percentiles
    var format: (Double) -> String

    private func mark(_ value: Double?) -> String { value.map(format) ?? "—" }

    func svg() -> String {
        let width = 640.0
        let height = 220.0
        let left = 40.0
        let right = 16.0
        let bottom = 36.0
        let top = 20.0
        let sorted = samples.sorted()
        guard let low = sorted.first, let high = sorted.last else { return "" }
        let logScale = low > 0 && high / low > 100
        func position(_ value: Double) -> Double {
            if high == low { return 0.5 }
            if logScale { return (log10(value) - log10(low)) / (log10(high) - log10(low)) }
            return (value - low) / (high - low)
        }
        let iqr = (percentiles.p75 ?? high) - (percentiles.p25 ?? low)
        var binCount = 30
        if !logScale, iqr > 0, high > low {
            let binWidth = 2 * iqr / cbrt(Double(sorted.count))
            binCount = Int(((high - low) / binWidth).rounded(.up))
        }
        binCount = min(60, max(10, binCount))
        var counts = [Int](repeating: 0, count: binCount)
        for value in sorted {
            counts[min(binCount - 1, max(0, Int(position(value) * Double(binCount))))] += 1
        }
        let tallest = Double(counts.max() ?? 1)
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let description =
            "\(sorted.count) samples from \(format(low)) to \(format(high)); p50 \(mark(percentiles.p50)), p95 \(mark(percentiles.p95)), p99 \(mark(percentiles.p99))"
            + (logScale ? "; logarithmic axis" : "")
        var svg = SVG.open(
            id: id, width: width, height: height, title: title, description: description, className: "chart histogram")
        let barWidth = plotWidth / Double(binCount)
        for (index, count) in counts.enumerated() where count > 0 {
            let barHeight = Double(count) / tallest * plotHeight
            let x = left + Double(index) * barWidth
            svg +=
                "<rect class=\"bin\" x=\"\(SVG.number(x + 0.5))\" y=\"\(SVG.number(top + plotHeight - barHeight))\" width=\"\(SVG.number(max(barWidth - 1, 0.5)))\" height=\"\(SVG.number(barHeight))\"><title>\(count) sample\(count == 1 ? "" : "s")</title></rect>"
        }
        svg +=
            "<line class=\"axis\" x1=\"\(SVG.number(left))\" y1=\"\(SVG.number(top + plotHeight))\" x2=\"\(SVG.number(width - right))\" y2=\"\(SVG.number(top + plotHeight))\"/>"
        svg +=
            "<text class=\"tick\" x=\"\(SVG.number(left))\" y=\"\(SVG.number(height - 18))\">\(SVG.escape(format(low)))</text>"
        svg +=
            "<text class=\"tick\" x=\"\(SVG.number(width - right))\" y=\"\(SVG.number(height - 18))\" text-anchor=\"end\">\(SVG.escape(format(high)))</text>"
        // What the axes count and how they are scaled, under the axis.
        svg +=
            "<text class=\"axis-title\" x=\"\(SVG.number(left + plotWidth / 2))\" y=\"\(SVG.number(height - 4))\" text-anchor=\"middle\">\(logScale ? "value, log scale" : "value") · bar height: samples</text>"
        let marks: [(String, Double)] = [("p50", percentiles.p50), ("p95", percentiles.p95), ("p99", percentiles.p99)]
            .compactMap { name, value in value.map { (name, $0) } }
        for (index, mark) in marks.enumerated() {
            let x = left + position(mark.1) * plotWidth
            svg +=
                "<g class=\"percentile \(mark.0)\"><title>\(mark.0) \(SVG.escape(format(mark.1)))</title><line x1=\"\(SVG.number(x))\" y1=\"\(SVG.number(top - 4))\" x2=\"\(SVG.number(x))\" y2=\"\(SVG.number(top + plotHeight))\"/>"
            svg +=
                "<text x=\"\(SVG.number(x + 3))\" y=\"\(SVG.number(top + 8 + Double(index) * 12))\">\(mark.0)</text></g>"
        }
        return svg + "</svg>"
    }
}
