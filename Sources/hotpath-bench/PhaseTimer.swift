import Foundation
import HotpathAnalysis
import HotpathIngest
import HotpathModel
import HotpathOptimizer

/// Times the stages of `hotpath analyze` in-process, to see where a big trace's time goes.
func runPhaseTimings(path: String) -> [String] {
    var lines: [String] = []
    func time<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try body()
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        lines.append("\(label.padding(toLength: 24, withPad: " ", startingAt: 0)) \(String(format: "%8.1f", elapsed)) ms")
        return result
    }
    do {
        let dump = try time("read + import") { try Ingestor().loadFile(path) }
        let report = time("analyze") { Analyzer().analyze(dump.profile) }
        let optimized = time("optimize") { Optimizer().optimize(report) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try time("encode JSON") { try encoder.encode(optimized) }
        lines.append("spans \(dump.profile.spans.count), operations \(optimized.operations.count), JSON \(data.count) bytes")
    } catch {
        lines.append("error: \(error)")
    }
    return lines
}
