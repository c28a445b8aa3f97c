import HotpathModel

/// Compile-time advice from a build's time traces (`BuildAnalysis`), each with its evidence:
///
/// - **precompiled header**: a header parsed in at least `minimumUnits` units whose parse time
///   is at least `headerShare` of the build. A precompiled header parses it once: p = its share,
///   s = the units that include it.
/// - **explicit instantiation**: a template instantiated in at least `minimumUnits` units for at
///   least `templateShare` of the build. `extern template` in a header and one explicit
///   instantiation make it one unit's work: p = its share, s = the units.
/// - **heavy function**: a function whose code generation and optimization take at least
///   `functionShare` of the build: p = its share, s = 2 (halving it, by splitting it or
///   inlining less into it).
///
/// At most `perKind` of each, the most expensive first.
public struct BuildRule: OptimizationRule {
    public static let minimumUnits = 2
    public static let headerShare = 0.05
    public static let templateShare = 0.02
    public static let functionShare = 0.02
    public static let perKind = 5

    public init() {}

    public func recommendations(for report: PerformanceReport) -> [Finding] {
        guard let build = report.build else { return [] }
        return Self.findings(for: build)
    }

    /// The build with its recommendations (ordered as the optimizer orders a run's).
    public static func recommend(_ build: BuildAnalysis) -> BuildAnalysis {
        var build = build
        build.recommendations = findings(for: build).map(\.recommendation).sorted {
            if $0.priority != $1.priority { return $0.priority < $1.priority }
            if $0.estimatedSpeedup != $1.estimatedSpeedup { return $0.estimatedSpeedup > $1.estimatedSpeedup }
            return $0.id < $1.id
        }
        return build
    }

    static func findings(for build: BuildAnalysis) -> [Finding] {
        let unitCount = build.units.count
        var findings: [Finding] = []
        for header in build.headers
        where header.units >= minimumUnits && header.share >= headerShare {
            let speedup = Double(header.units)
            findings.append(
                finding(
                    id: "build:pch:\(header.name)", subject: header.name, share: header.share, speedup: speedup,
                    title: "Precompile \(fileName(header.name))",
                    observation:
                        "\(header.name) took \(UnitFormat.duration(header.totalNs)) to parse (with what it includes), \(UnitFormat.percent(header.share)) of the build's \(UnitFormat.duration(build.totalNs)): included \(header.count) times in \(header.units) of \(unitCount) units.",
                    recommendation:
                        "Put it in a precompiled header (or a module) for these units, so it is parsed once instead of in each unit.",
                    expected: "parsing it once instead of in \(header.units) units"))
        }
        for template in build.templates
        where template.units >= minimumUnits && template.share >= templateShare {
            let speedup = Double(template.units)
            findings.append(
                finding(
                    id: "build:instantiate:\(template.name)", subject: template.name, share: template.share,
                    speedup: speedup, title: "Instantiate \(template.name) once",
                    observation:
                        "\(template.name) was instantiated \(template.count) times in \(template.units) of \(unitCount) units (\(template.kinds.joined(separator: ", "))), \(UnitFormat.duration(template.totalNs)) in all, \(UnitFormat.percent(template.share)) of the build.",
                    recommendation:
                        "Declare it `extern template` in its header and instantiate it explicitly in one source file, so the other units reuse that instantiation.",
                    expected: "instantiating it in one unit instead of \(template.units)"))
        }
        for function in build.functions where function.share >= functionShare {
            findings.append(
                finding(
                    id: "build:function:\(function.name)", subject: function.name, share: function.share, speedup: 2,
                    title: "Heavy function to compile: \(function.name)",
                    observation:
                        "Compiling \(function.name) (\(function.kinds.joined(separator: ", "))) took \(UnitFormat.duration(function.totalNs)) in \(function.units) of \(unitCount) units, \(UnitFormat.percent(function.share)) of the build.",
                    recommendation:
                        "Split it into smaller functions, or inline less into it (move rarely used paths out of line); check for large generated or template-expanded bodies.",
                    expected: "halving its compile time"))
        }
        var perKind: [String: Int] = [:]
        return findings.sorted { $0.recommendation.affectedShare > $1.recommendation.affectedShare }.filter {
            let kind = String($0.recommendation.id.split(separator: ":").dropFirst().first ?? "")
            perKind[kind, default: 0] += 1
            return perKind[kind, default: 0] <= Self.perKind
        }
    }

    private static func finding(
        id: String, subject: String, share: Double, speedup: Double, title: String, observation: String,
        recommendation: String, expected: String
    ) -> Finding {
        let share = min(1, max(0, share))
        let estimate = Amdahl.speedup(share: share, localSpeedup: speedup)
        return Finding(
            OptimizationRecommendation(
                id: id, area: .build, priority: PriorityBands.forSpeedup(estimate), subject: subject, title: title,
                observation: observation, recommendation: recommendation,
                expectedImprovement:
                    "\(expected.prefix(1).uppercased() + expected.dropFirst()) makes the build about \(UnitFormat.speedup(estimate)) faster (estimate, Amdahl with p = \(UnitFormat.percent(share)), s = \(UnitFormat.speedup(speedup))).",
                affectedShare: share, assumedLocalSpeedup: speedup, estimatedSpeedup: estimate,
                affectedOperations: []),
            affectedTime: [(id, share)])
    }

    private static func fileName(_ path: String) -> String {
        String(path.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? Substring(path))
    }
}
