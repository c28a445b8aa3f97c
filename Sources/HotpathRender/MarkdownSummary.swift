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
        /// A benchmark suite's rows: its changes with a baseline, every benchmark without one.
        var suiteRows: Int = 100
        /// Whether each change's attribution line is included.
        var attributions = true

        static let full = Limits(changes: 200, bottlenecks: 20, recommendations: 50, details: true, operations: 500)
        static let minimal = Limits(
            changes: 10, bottlenecks: 5, recommendations: 5, details: false, operations: 0, suiteRows: 10,
            attributions: false)
        /// Tried in order until the text fits: the operations table goes first, then the
        /// attribution lines, then details; the changes themselves last.
        static let ladder: [Limits] = [
            full,
            Limits(changes: 200, bottlenecks: 20, recommendations: 50, details: true, operations: 100),
            Limits(changes: 100, bottlenecks: 10, recommendations: 20, details: true, operations: 0, suiteRows: 50),
            Limits(
                changes: 100, bottlenecks: 10, recommendations: 20, details: true, operations: 0, suiteRows: 50,
                attributions: false),
            Limits(
                changes: 50, bottlenecks: 10, recommendations: 10, details: false, operations: 0, suiteRows: 30,
                attributions: false),
            Limits(
                changes: 20, bottlenecks: 5, recommendations: 5, details: false, operations: 0, suiteRows: 20,
                attributions: false),
        ]
    }

    func page(limits: Limits) -> ReportMarkdown {
        let page = "report.md"
        let report = ReportContext(record: record, links: links)
        let base = content.siteURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        func siteLink(_ path: String?) -> String? {
            guard let base, let path else { return nil }
            return base + path
        }
        let runID = record.report.run.runID
        let comparison = record.report.comparison
        let significant =
            comparison?.operations.filter { $0.verdict == .regression || $0.verdict == .improvement } ?? []
        let critical = record.report.recommendations.filter { $0.priority == .critical }
        let others = record.report.recommendations.filter { $0.priority != .critical }
        let operations = record.report.operations.prefix(limits.operations)
        var markdown = ReportMarkdown(
            title: content.title, run: report.summary(from: page), headline: report.headline.text,
            tone: report.headline.tone, siteUrl: base, runUrl: siteLink(links.runPage(runID)), speedup: report.speedup,
            changes: significant.prefix(limits.changes).map { item in
                var row = report.comparisonRow(item, from: page)
                row.url = siteLink(links.operationPage(runID, item.name))
                if !limits.attributions { row.attribution = nil }
                return row
            },
            changesCut: max(0, significant.count - limits.changes),
            baselineLabel: comparison.map { ReportContext.label(of: $0.baseline) },
            countsText: comparison.map(ReportContext.countsText),
            falseDiscoveryRate: comparison?.falseDiscoveryRate, threshold: comparison?.threshold,
            bottlenecks: record.report.bottlenecks.prefix(limits.bottlenecks).map { bottleneck in
                ReportMarkdown.Bottleneck(
                    name: bottleneck.name, share: bottleneck.share, selfShare: bottleneck.selfShare,
                    url: siteLink(links.operationPage(runID, bottleneck.name)))
            },
            critical: critical.prefix(limits.recommendations).map(report.recommendation),
            otherRecommendations: limits.details
                ? others.prefix(limits.recommendations).map(report.recommendation) : [],
            recommendationsCut: max(0, critical.count - limits.recommendations)
                + (limits.details ? max(0, others.count - limits.recommendations) : others.count),
            operations: operations.map { report.operationRow($0, from: page) },
            operationsCut: record.report.operations.count - operations.count, showDetails: limits.details,
            exceededBudgets: report.exceededBudgets,
            status: ReportContext.status(record.report, benchmarks: record.report.operations.count),
            skippedRuns: content.skippedRuns.map(\.report.run.runID))
        markdown.attributed = markdown.changes.contains { $0.attribution != nil }
        markdown.build = content.build.map { BuildSection($0, recommendation: report.recommendation) }
        markdown.suite = report.suite(from: page, rowLimit: limits.suiteRows, onlyChanges: true, siteLink: siteLink)
        return markdown
    }
}
