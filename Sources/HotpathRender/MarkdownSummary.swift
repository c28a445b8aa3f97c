import HotpathModel
import HotpathTemplates

/// The PR summary: verdict first, then significant changes, bottlenecks and critical
/// recommendations; the rest folded in `<details>`. Links point into the site when its URL
/// is known.
struct MarkdownSummary {
    let content: SiteContent
    let record: RunRecord
    let links: SiteLinks

    /// How much of each section to include; tighter limits when the text is too long.
    struct Limits {
        var changes: Int
        var bottlenecks: Int
        var recommendations: Int
        var details: Bool
        var operations: Int

        static let full = Limits(changes: 200, bottlenecks: 20, recommendations: 50, details: true, operations: 500)
        static let minimal = Limits(changes: 10, bottlenecks: 5, recommendations: 5, details: false, operations: 0)
        /// Tried in order until the text fits: the operations table goes first, then details.
        static let ladder: [Limits] = [
            full,
            Limits(changes: 200, bottlenecks: 20, recommendations: 50, details: true, operations: 100),
            Limits(changes: 100, bottlenecks: 10, recommendations: 20, details: true, operations: 0),
            Limits(changes: 50, bottlenecks: 10, recommendations: 10, details: false, operations: 0),
            Limits(changes: 20, bottlenecks: 5, recommendations: 5, details: false, operations: 0),
        ]
    }

    func context(limits: Limits) -> [String: TemplateValue] {
        let page = "report.md"
        let report = ReportContext(record: record, links: links)
        let base = content.siteURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        func siteLink(_ path: String?) -> TemplateValue {
            guard let base, let path else { return .null }
            return .string(base + path)
        }
        var context: [String: TemplateValue] = [:]
        context["title"] = .string(content.title)
        context["run"] = .dictionary(report.summary(from: page))
        context["headline"] = .string(report.headline.text)
        context["tone"] = .string(report.headline.tone)
        context["site_url"] = .text(base)
        context["run_url"] = siteLink(links.runPage(record.report.run.runID))
        context["speedup"] = .dictionary(report.speedup)
        let comparison = record.report.comparison
        let significant =
            comparison?.operations.filter { $0.verdict == .regression || $0.verdict == .improvement } ?? []
        context["changes"] = .list(
            significant.prefix(limits.changes).map { item in
                var row = report.comparisonRow(item, from: page)
                row["url"] = siteLink(links.operationPage(record.report.run.runID, item.name))
                return row
            })
        context["changes_cut"] = .int(max(0, significant.count - limits.changes))
        context["baseline_label"] = .text(comparison.map { ReportContext.label(of: $0.baseline) })
        context["counts_text"] = .text(comparison.map(ReportContext.countsText))
        context["false_discovery_rate"] = .number(comparison?.falseDiscoveryRate)
        context["threshold"] = .number(comparison?.threshold)
        context["bottlenecks"] = .list(
            record.report.bottlenecks.prefix(limits.bottlenecks).map { bottleneck in
                var row: [String: TemplateValue] = [
                    "name": .string(bottleneck.name), "share": .number(bottleneck.share),
                    "self_share": .number(bottleneck.selfShare),
                ]
                row["url"] = siteLink(links.operationPage(record.report.run.runID, bottleneck.name))
                return row
            })
        let critical = record.report.recommendations.filter { $0.priority == .critical }
        let others = record.report.recommendations.filter { $0.priority != .critical }
        context["critical"] = .list(critical.prefix(limits.recommendations).map(report.recommendation))
        context["other_recommendations"] = .list(
            limits.details ? others.prefix(limits.recommendations).map(report.recommendation) : [])
        context["recommendations_cut"] = .int(
            max(0, critical.count - limits.recommendations)
                + (limits.details ? max(0, others.count - limits.recommendations) : others.count))
        let operations = record.report.operations.prefix(limits.operations)
        context["operations"] = .list(operations.map { report.operationRow($0, from: page) })
        context["operations_cut"] = .int(record.report.operations.count - operations.count)
        context["show_details"] = .bool(limits.details)
        context["exceeded_budgets"] = report.exceededBudgets
        return context
    }
}
