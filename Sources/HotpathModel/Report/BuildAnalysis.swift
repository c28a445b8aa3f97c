/// What a set of compiler time traces from one build says about the build: where compile time
/// goes across its units (translation units), and what to change.
///
/// Built from the units' profiles (clang `-ftime-trace`, one file per unit) by
/// `HotpathAnalysis.BuildAnalyzer`; `Docs/analysis.md` defines every number. One unit (a single
/// trace) is a build of one.
public struct BuildAnalysis: Codable, Sendable, Equatable {
    /// The units, largest compile time first.
    public var units: [BuildUnit]
    /// The units' compile times summed: what every share is a fraction of.
    public var totalNs: Double
    /// The units' `Total …` phase summaries added up per phase, largest first.
    public var phases: [PhaseTotal]
    /// Headers by the time spent parsing them (with what they include), most expensive first.
    public var headers: [BuildItem]
    /// Template instantiations (`InstantiateClass`, `InstantiateFunction`) by their `detail`.
    public var templates: [BuildItem]
    /// Functions by code generation and optimization time (`CodeGen Function`, `OptFunction`).
    public var functions: [BuildItem]
    /// How many distinct headers, templates and functions there were (the lists keep the top ones).
    public var headerCount: Int
    public var templateCount: Int
    public var functionCount: Int
    /// Precompiled-header, explicit-instantiation and heavy-function advice, each with its evidence.
    public var recommendations: [OptimizationRecommendation]

    /// How many of each list are kept.
    public static let listLimit = 30

    public init(
        units: [BuildUnit], totalNs: Double, phases: [PhaseTotal], headers: [BuildItem], templates: [BuildItem],
        functions: [BuildItem], headerCount: Int, templateCount: Int, functionCount: Int,
        recommendations: [OptimizationRecommendation] = []
    ) {
        self.units = units
        self.totalNs = totalNs
        self.phases = phases
        self.headers = headers
        self.templates = templates
        self.functions = functions
        self.headerCount = headerCount
        self.templateCount = templateCount
        self.functionCount = functionCount
        self.recommendations = recommendations
    }

    enum CodingKeys: String, CodingKey {
        case units
        case totalNs = "total_ns"
        case phases, headers, templates, functions
        case headerCount = "header_count"
        case templateCount = "template_count"
        case functionCount = "function_count"
        case recommendations
    }
}

/// One translation unit of a build: one time trace.
public struct BuildUnit: Codable, Sendable, Equatable {
    /// The trace's run id (its file name unless the trace names one).
    public var name: String
    /// `ExecuteCompiler`'s time, else the run's total.
    public var totalNs: Double
    /// The parts in `Frontend` (parsing, instantiation, code generation) and `Backend`.
    public var frontendNs: Double
    public var backendNs: Double

    public init(name: String, totalNs: Double, frontendNs: Double, backendNs: Double) {
        self.name = name
        self.totalNs = totalNs
        self.frontendNs = frontendNs
        self.backendNs = backendNs
    }

    enum CodingKeys: String, CodingKey {
        case name
        case totalNs = "total_ns"
        case frontendNs = "frontend_ns"
        case backendNs = "backend_ns"
    }
}

/// A header, template or function across a build's units.
public struct BuildItem: Codable, Sendable, Equatable {
    /// The header's path, the template's or function's name (the events' `args.detail`).
    public var name: String
    /// The events it comes from (`Source`; `InstantiateClass`, `InstantiateFunction`;
    /// `CodeGen Function`, `OptFunction`), in order of time.
    public var kinds: [String]
    /// Time in all units, an event nested inside one of the same kind and name counted once.
    public var totalNs: Double
    /// Events: includes of a header, instantiations of a template, passes over a function.
    public var count: Int
    /// Units it appears in.
    public var units: Int
    /// `totalNs` / the build's total.
    public var share: Double

    public init(name: String, kinds: [String], totalNs: Double, count: Int, units: Int, share: Double) {
        self.name = name
        self.kinds = kinds
        self.totalNs = totalNs
        self.count = count
        self.units = units
        self.share = share
    }

    enum CodingKeys: String, CodingKey {
        case name, kinds
        case totalNs = "total_ns"
        case count, units, share
    }
}
