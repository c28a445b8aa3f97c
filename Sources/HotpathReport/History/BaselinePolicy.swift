import Foundation
import HotpathModel

/// Which run each run is compared with.
public enum BaselinePolicy: Sendable {
    /// The nearest earlier run whose environment matches and that measured some of the same
    /// operations (the default).
    case previousComparable
    /// A dump given apart from the history (`--baseline FILE`), already analyzed: every run is
    /// compared with it.
    case pinned(AnalyzedRun)
    /// A run of the history, by run id or file name (`--baseline-run ID`): every other run is
    /// compared with it, and it with nothing.
    case namedRun(String)

    /// A run named by `--baseline-run` that is not in the history.
    public struct UnknownRun: Error, CustomStringConvertible, Sendable {
        public var id: String
        public var known: [String]
        public var description: String {
            let listed = known.suffix(8).map { "\"\($0)\"" }.joined(separator: ", ")
            return "--baseline-run \"\(id)\" names no run read; the newest are \(listed)"
        }
    }

    /// Where the baseline of the run at `index` is: a run of the history, the pinned run, or none.
    enum Choice: Equatable {
        case none
        case pinned
        case run(Int)
    }

    /// Checks the policy against the history once, before any run is compared: a named run
    /// that is not there is the caller's mistake (a usage error), said with the ids there are.
    func resolved(in runs: [HistoryRun]) throws -> Resolved {
        switch self {
        case .previousComparable: return .previousComparable
        case .pinned: return .pinned
        case .namedRun(let id):
            do {
                return .named(try Self.index(ofRun: id, in: runs))
            } catch {
                throw ReportFailure(.usage, message: error.description)
            }
        }
    }

    /// The policy with a named run found in the history.
    enum Resolved: Equatable {
        case previousComparable
        case pinned
        case named(Int)

        func baseline(of index: Int, in runs: [HistoryRun]) -> Choice {
            switch self {
            case .pinned: return .pinned
            case .named(let named): return named == index ? .none : .run(named)
            case .previousComparable:
                return BaselinePolicy.previousComparable(before: index, in: runs).map(Choice.run) ?? .none
            }
        }
    }

    /// A run named by `--baseline-run`: its run id, or the name of the file it came from (with or
    /// without its extension); the newest such run when several match.
    public static func index(ofRun id: String, in runs: [HistoryRun]) throws(UnknownRun) -> Int {
        let byID = runs.lastIndex { $0.summary.run.runID == id }
        let byFile = runs.lastIndex {
            let file = ($0.summary.source as NSString).lastPathComponent
            return file == id || (file as NSString).deletingPathExtension == id
        }
        guard let index = byID ?? byFile else { throw UnknownRun(id: id, known: runs.map(\.summary.run.runID)) }
        return index
    }

    /// The nearest earlier run whose environment fingerprint matches (a run without one matches
    /// any) and that measured at least one of the same operations: a folder can hold unrelated
    /// dumps, and comparing a trace with a benchmark suite says nothing.
    public static func previousComparable(before index: Int, in runs: [HistoryRun]) -> Int? {
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
