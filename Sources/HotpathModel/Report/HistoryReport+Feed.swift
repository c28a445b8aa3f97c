/// The alarms the regressions feed (`feed.xml`) carries: one rule for the site and for
/// `hotpath-bench accuracy`, which counts feed entries on generated histories.
public struct FeedEntries: Sendable, Equatable {
    /// Every regression confirmed as a change point, fixed or still open (the entry says which),
    /// oldest first.
    public var confirmed: [ChangePoint]
    /// The newest run's regressions against its baseline that no change point at that run
    /// confirms yet: news a day before later runs can confirm it.
    public var unconfirmed: [OperationComparison]

    public var count: Int { confirmed.count + unconfirmed.count }
}

extension HistoryReport {
    /// What the feed lists, given the newest run's id and its comparison with its baseline (nil
    /// when it has none). Improvements are left out: nobody subscribes to be told nothing broke.
    public func feedEntries(newestRunID: String?, newestComparison: Comparison?) -> FeedEntries {
        let confirmedAtNewest = Set(changePoints.filter { $0.runID == newestRunID }.map(\.operation))
        return FeedEntries(
            confirmed: changePoints.filter { $0.verdict == .regression },
            unconfirmed: newestComparison?.regressions.filter { !confirmedAtNewest.contains($0.name) } ?? [])
    }
}
