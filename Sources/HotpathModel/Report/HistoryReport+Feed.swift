/// The alarms the regressions feed (`feed.xml`) carries: one rule for the site and for
/// `hotpath-bench accuracy`, which counts feed entries on generated histories.
public struct FeedEntries: Sendable, Equatable {
    /// Every regression confirmed as a change point, fixed or still open (the entry says which),
    /// oldest first.
    public var confirmed: [ChangePoint]
    /// The newest run's regressions against its baseline that no change point at that run
    /// confirms yet and that moved more than nights usually do (`NewestRunCheck`; operations
    /// with too few earlier runs for that check keep their comparison's verdict): news a day
    /// before later runs can confirm it.
    public var unconfirmed: [OperationComparison]

    public var count: Int { confirmed.count + unconfirmed.count }
}

extension HistoryReport {
    /// What the feed lists, given the newest run's id and its comparison with its baseline (nil
    /// when it has none). Improvements are left out: nobody subscribes to be told nothing broke.
    public func feedEntries(newestRunID: String?, newestComparison: Comparison?) -> FeedEntries {
        FeedEntries(
            confirmed: changePoints.filter { $0.verdict == .regression },
            unconfirmed: newestRegressions(newestRunID: newestRunID, newestComparison: newestComparison))
    }

    /// The newest run's regressions worth telling before a change point confirms them: not
    /// confirmed at that run already, and beyond the nightly noise where history can tell.
    public func newestRegressions(newestRunID: String?, newestComparison: Comparison?) -> [OperationComparison] {
        let confirmedAtNewest = Set(changePoints.filter { $0.runID == newestRunID }.map(\.operation))
        let checks = Dictionary(newestRunChecks.map { ($0.operation, $0) }, uniquingKeysWith: { first, _ in first })
        return newestComparison?.regressions.filter { item in
            !confirmedAtNewest.contains(item.name) && checks[item.name]?.beyondNightlyNoise != false
        } ?? []
    }
}
