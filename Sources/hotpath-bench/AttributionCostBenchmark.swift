import Foundation
import HotpathModel

/// `hotpath-bench attribution-cost [EVENTS] [REPEATS]`: what attribution adds to `hotpath report`
/// on a pair of generated traces (issue 20's budget: at most 20%). The baseline is
/// `generate-trace` with seed 42, the current run seed 43 with every `compile_template_*` child
/// 1.3× as long, so that many operations regress and are attributed. `hotpath report CURRENT
/// --baseline BASELINE` runs with attribution (the default) and with `attribution = false` in a
/// config file, alternately, `REPEATS` times each: on a loaded machine both see the same load.
/// Prints each pair, the median times and peaks, and the median of the pairs' ratios.
struct AttributionCostBenchmark {
    var hotpath: String
    var events = 1_000_000
    var repeats = 5
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hotpath-attribution-\(getpid())")
        .path

    static let usage = "USAGE: hotpath-bench attribution-cost [EVENTS] [REPEATS] (default 1000000 events, 5 repeats)"

    private func path(_ name: String) -> String { folder + "/" + name }

    func run() -> Bool {
        try? FileManager.default.removeItem(atPath: folder)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        guard (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) != nil
        else {
            print("cannot create \(folder)")
            return false
        }
        let baseline = TraceGenerator(events: events, seed: 42).bytes()
        let current = TraceGenerator(events: events, seed: 43, slowdown: ("compile_template", 1.3)).bytes()
        guard FileManager.default.createFile(atPath: path("baseline.json"), contents: Data(baseline)),
            FileManager.default.createFile(atPath: path("current.json"), contents: Data(current)),
            FileManager.default.createFile(atPath: path("on.toml"), contents: Data("[analysis]\n".utf8)),
            FileManager.default.createFile(
                atPath: path("off.toml"), contents: Data("[analysis]\nattribution = false\n".utf8))
        else {
            print("cannot write the traces into \(folder)")
            return false
        }
        print(
            "Attribution's cost — \(SuiteBenchmark.cpuModel()), \(ProcessInfo.processInfo.activeProcessorCount) cores, load average \(Self.loadAverage()): hotpath report of two \(events)-event traces (\(UnitFormat.bytes(Double(baseline.count))), \(UnitFormat.bytes(Double(current.count)))), --baseline, no cache"
        )
        func report(_ config: String, _ out: String) -> [String] {
            [
                hotpath, "report", path("current.json"), "--baseline", path("baseline.json"), "--out", path(out),
                "--markdown", path(out + ".md"), "--config", path(config), "--no-cache", "--quiet", "--force",
            ]
        }
        var on: [ProcessMeasure.Result] = []
        var off: [ProcessMeasure.Result] = []
        var ratios: [Double] = []
        for repeat_ in 0..<repeats {
            // Alternate which goes first, so neither always runs on a warmer cache.
            let pair =
                repeat_ % 2 == 0
                ? (ProcessMeasure.run(report("on.toml", "on")), ProcessMeasure.run(report("off.toml", "off")))
                : {
                    let without = ProcessMeasure.run(report("off.toml", "off"))
                    return (ProcessMeasure.run(report("on.toml", "on")), without)
                }()
            // 0, or 1 for the regressions, or 2 for a budget: a report written.
            guard (0...2).contains(pair.0.exitCode), (0...2).contains(pair.1.exitCode) else {
                print("hotpath report failed: exit \(pair.0.exitCode) with attribution, \(pair.1.exitCode) without")
                return false
            }
            on.append(pair.0)
            off.append(pair.1)
            ratios.append(pair.0.wallSeconds / max(pair.1.wallSeconds, 1e-9))
            print(
                "  pair \(repeat_ + 1): with \(seconds(pair.0.wallSeconds)) (peak \(megabytes(pair.0.peakBytes))), without \(seconds(pair.1.wallSeconds)) (peak \(megabytes(pair.1.peakBytes))), ratio \(UnitFormat.fixed(ratios.last ?? 0, digits: 3))"
            )
        }
        let attributed = (try? String(contentsOfFile: path("on.md"), encoding: .utf8))?.components(
            separatedBy: "\n"
        ).filter { $0.hasPrefix("- **") && $0.contains("%: ") }.count
        print(
            "with attribution     median \(seconds(median(on.map(\.wallSeconds))))  peak \(megabytes(on.map(\.peakBytes).max() ?? 0))  (\(attributed.map { "\($0) attribution lines in report.md" } ?? "report.md unread"))"
        )
        print(
            "without attribution  median \(seconds(median(off.map(\.wallSeconds))))  peak \(megabytes(off.map(\.peakBytes).max() ?? 0))"
        )
        let ratio = median(ratios)
        print(
            "ratio (median of the pairs): \(UnitFormat.fixed(ratio, digits: 3)) — attribution adds \(UnitFormat.fixed((ratio - 1) * 100, digits: 1))% (budget ≤ 20%); pairs from \(UnitFormat.fixed(ratios.min() ?? 0, digits: 3)) to \(UnitFormat.fixed(ratios.max() ?? 0, digits: 3)); peak ratio \(UnitFormat.fixed((on.map(\.peakBytes).max() ?? 0) / max(off.map(\.peakBytes).max() ?? 1, 1), digits: 3))"
        )
        return true
    }

    private func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1
            ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    private func megabytes(_ bytes: Double) -> String { UnitFormat.fixed(bytes / 1_000_000, digits: 1) + " MB" }
    private func seconds(_ value: Double) -> String { UnitFormat.fixed(value, digits: 2) + " s" }

    static func loadAverage() -> String {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
        return text.split(separator: " ").prefix(3).joined(separator: " ").nonEmpty ?? "unknown"
    }
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
