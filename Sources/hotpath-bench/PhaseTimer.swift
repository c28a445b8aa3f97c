import Foundation
import HotpathAnalysis
import HotpathIngest
import HotpathModel
import HotpathOptimizer

/// Times the stages of `hotpath analyze` in-process, to see where a big trace's time goes.
func runPhaseTimings(path: String, sequential: Bool = false) -> [String] {
    var lines: [String] = []
    func time<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try body()
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        lines.append(
            "\(label.padding(toLength: 24, withPad: " ", startingAt: 0)) \(String(format: "%8.1f", elapsed)) ms")
        return result
    }
    do {
        var options = IngestOptions()
        if sequential { options.parallelThresholdBytes = .max }
        let dump = try time("read + import") { try Ingestor(options: options).loadFile(path) }
        let report = time("analyze") { Analyzer().analyze(dump.profile) }
        let optimized = time("optimize") { Optimizer().optimize(report) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try time("encode JSON") { try encoder.encode(optimized) }
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in data { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        lines.append(
            "spans \(dump.profile.spans.count), operations \(optimized.operations.count), JSON \(data.count) bytes, hash \(String(hash, radix: 16))"
        )
    } catch {
        lines.append("error: \(error)")
    }
    return lines
}
