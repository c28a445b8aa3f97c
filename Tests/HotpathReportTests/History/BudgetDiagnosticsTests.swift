import Foundation
import HotpathAnalysis
import HotpathModel
import Testing
import _HotpathTestSupport

@testable import HotpathReport

@Suite struct BudgetDiagnosticsTests {
    /// A budget naming no operation of the run is said, not silently passed.
    @Test func aBudgetForAMissingOperationIsReported() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try HistoryFixtures.write(into: folder.path, nights: 1)
        let report = try HistoryLoader(ingestor: .init(), configuration: .init(), store: nil).load([
            folder.file(HistoryFixtures.fileName(0))
        ]).runs[0].load().report
        var configuration = Configuration()
        configuration.budgets = ["no_such_operation": Budget(p95: 1e6)]
        let checks = Analyzer(configuration: configuration).checkBudgets(report)
        let notes = BudgetDiagnostics.unchecked(checks, in: report)
        #expect(notes.count == 1 && notes[0].message.contains("no operation named \"no_such_operation\""), "\(notes)")
    }
}
