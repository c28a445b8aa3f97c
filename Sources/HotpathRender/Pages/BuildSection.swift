import HotpathModel

/// The build section of the index and the Markdown: where a build's compile time goes across
/// its units (from `SiteContent.build`).
struct BuildSection: Encodable, Sendable {
    var unitCount: Int
    /// The units' compile times summed.
    var totalText: String
    /// The units, largest first (at most 20).
    var units: [Unit]
    var unitsCut: Int
    /// The `Total …` phase summaries added up over the units.
    var phases: [Phase]
    var headers: [Item]
    var templates: [Item]
    var functions: [Item]
    /// How many distinct headers, templates and functions there were in all.
    var headerCount: Int
    var templateCount: Int
    var functionCount: Int
    var recommendations: [RecommendationRow]

    /// One translation unit.
    struct Unit: Encodable, Sendable {
        var name: String
        var totalText: String
        var frontendText: String
        var backendText: String
    }

    /// One phase's total over the build.
    struct Phase: Encodable, Sendable {
        var name: String
        var totalText: String
        var count: Int
        var averageText: String?
        var share: Double
    }

    /// A header, template or function.
    struct Item: Encodable, Sendable {
        var name: String
        var kinds: String
        var totalText: String
        var share: Double
        var count: Int
        var units: Int
    }

    static let unitLimit = 20
    static let itemLimit = 15

    init(_ build: BuildAnalysis, recommendation: (OptimizationRecommendation) -> RecommendationRow) {
        unitCount = build.units.count
        totalText = UnitFormat.duration(build.totalNs)
        units = build.units.prefix(Self.unitLimit).map {
            Unit(
                name: $0.name, totalText: UnitFormat.duration($0.totalNs),
                frontendText: UnitFormat.duration($0.frontendNs), backendText: UnitFormat.duration($0.backendNs))
        }
        unitsCut = max(0, build.units.count - Self.unitLimit)
        let total = build.totalNs
        phases = build.phases.map {
            Phase(
                name: $0.name, totalText: UnitFormat.duration($0.totalNs), count: $0.count,
                averageText: $0.averageNs.map { UnitFormat.duration($0) }, share: total > 0 ? $0.totalNs / total : 0)
        }
        func items(_ list: [BuildItem]) -> [Item] {
            list.prefix(Self.itemLimit).map {
                Item(
                    name: $0.name, kinds: $0.kinds.joined(separator: ", "), totalText: UnitFormat.duration($0.totalNs),
                    share: $0.share, count: $0.count, units: $0.units)
            }
        }
        headers = items(build.headers)
        templates = items(build.templates)
        functions = items(build.functions)
        headerCount = build.headerCount
        templateCount = build.templateCount
        functionCount = build.functionCount
        recommendations = build.recommendations.map(recommendation)
    }
}

/// The run page's sampled view: the samples of a run that also has spans (`PerformanceReport.sampled`).
struct SampledSection: Encodable, Sendable {
    /// `samples`, `ns` or `bytes`.
    var unit: String
    var totalText: String
    var stacks: Int
    var frameCount: Int
    var frames: [Frame]

    /// One frame with its total and self weight.
    struct Frame: Encodable, Sendable {
        var name: String
        var totalText: String
        var share: Double
        var selfText: String
        var selfShare: Double
    }

    init(_ view: SampledView) {
        func text(_ weight: Double) -> String {
            switch view.unit {
            case .nanoseconds: UnitFormat.duration(weight)
            case .bytes: UnitFormat.bytes(weight)
            case .samples: "\(UnitFormat.grouped(weight)) \(view.unitName ?? "samples")"
            }
        }
        unit = view.unit.rawValue
        totalText = text(view.totalWeight)
        stacks = view.stacks
        frameCount = view.frameCount
        frames = view.frames.map {
            Frame(
                name: $0.name, totalText: text($0.total), share: $0.share, selfText: text($0.selfTotal),
                selfShare: $0.selfShare)
        }
    }
}
