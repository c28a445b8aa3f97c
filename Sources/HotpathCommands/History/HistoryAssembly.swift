import Foundation
import HotpathAnalysis
import HotpathModel
import HotpathOptimizer
import HotpathRender

/// Turns a loaded history into what the site shows: full records (compared with their
/// baselines, with recommendations) for the newest runs, and the trends of all of them.
struct HistoryAssembly {
    var configuration: Configuration
    /// The newest runs that get a page of their own.
    var runPages = 30
    /// The newest runs that also get a page per operation.
    var operationPages = 3
    /// The run (by id) every other run is compared with, instead of each one's previous
    /// comparable run: `--baseline-run ID`.
    var baselineRunID: String?
    /// Whether older runs a change point starts at get a page too (`check` needs none).
    var changePointPages = true

    func assemble(_ runs: [HistoryRun], pinnedBaseline: AnalyzedRun?) throws -> (
        records: [RunRecord], history: HistoryReport
    ) {
        let analyzer = Analyzer(configuration: configuration)
        let optimizer = Optimizer()
        var loaded: [Int: AnalyzedRun] = [:]
        func analysis(_ index: Int) throws -> AnalyzedRun {
            if let run = loaded[index] { return run }
            let run = try runs[index].load()
            loaded[index] = run
            return run
        }
        let namedBaseline = try baselineRunID.map { try Self.index(ofRun: $0, in: runs) }
        let history = HistoryAnalyzer(options: configuration.analysis).analyze(runs.map(\.summary))
        let pages =
            changePointPages
            ? SiteContent.runsWithPages(history, newest: runPages) : Array(max(0, runs.count - runPages)..<runs.count)
        var records: [RunRecord] = []
        for index in pages {
            let current = try analysis(index)
            var report = current.report
            var baseline: AnalyzedRun? = pinnedBaseline
            if let namedBaseline {
                baseline = namedBaseline == index ? nil : try analysis(namedBaseline)
            } else if baseline == nil, let previous = previousComparable(before: index, in: runs) {
                baseline = try analysis(previous)
            }
            if let baseline {
                report.comparison = analyzer.compare(
                    report, samples: current.samples, with: baseline.report, baselineSamples: baseline.samples)
            }
            report.budgets = analyzer.checkBudgets(report)
            report = optimizer.optimize(report)
            records.append(
                RunRecord(
                    report: report, samples: current.samples, baselineTree: baseline?.report.callTree,
                    memorySamples: current.memorySamples, caches: current.caches,
                    operationPages: index >= runs.count - operationPages))
            // Only later runs' samples are needed again (and the named baseline's); let older
            // ones go (pages can skip runs, so not just the one before).
            loaded = loaded.filter { $0.key >= index || $0.key == namedBaseline }
        }
        return (records, history)
    }

    /// A run named by `--baseline-run`: its run id, or the name of the file it came from.
    struct UnknownRun: Error, CustomStringConvertible {
        var id: String
        var known: [String]
        var description: String {
            let listed = known.suffix(8).map { "\"\($0)\"" }.joined(separator: ", ")
            return "--baseline-run \"\(id)\" names no run read; the newest are \(listed)"
        }
    }

    static func index(ofRun id: String, in runs: [HistoryRun]) throws(UnknownRun) -> Int {
        let byID = runs.lastIndex { $0.summary.run.runID == id }
        let byFile = runs.lastIndex {
            let file = ($0.summary.source as NSString).lastPathComponent
            return file == id || (file as NSString).deletingPathExtension == id
        }
        guard let index = byID ?? byFile else { throw UnknownRun(id: id, known: runs.map(\.summary.run.runID)) }
        return index
    }

    /// Refuses (as a usage error, with the ids there are) a `--baseline-run` naming no run read.
    static func requireRun(_ id: String, in runs: [HistoryRun], printer: DiagnosticPrinter) throws {
        do {
            _ = try index(ofRun: id, in: runs)
        } catch {
            printer.print([Diagnostic(.error, message: error.description)])
            throw HotpathExit.usage
        }
    }

    /// The nearest earlier run whose environment fingerprint matches (a run without one matches
    /// any) and that measured at least one of the same operations: a folder can hold unrelated
    /// dumps, and comparing a trace with a benchmark suite says nothing.
    func previousComparable(before index: Int, in runs: [HistoryRun]) -> Int? {
        let current = runs[index].summary
        let names = Set(current.operations.map(\.name))
        return (0..<index).last { candidate in
            let earlier = runs[candidate].summary
            if let a = earlier.run.environment, let b = current.run.environment, !a.isComparable(with: b) {
                return false
            }
            return earlier.operations.contains { names.contains($0.name) }
        }
    }
}
