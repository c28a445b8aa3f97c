/// Where and when a run happened: enough to order runs and to refuse comparing unlike ones.
public struct RunMetadata: Codable, Sendable, Equatable {
    /// The workflow the run belongs to, e.g. `codegen-nightly`.
    public var workflow: String
    /// Unique within the workflow, e.g. a CI run number or a date.
    public var runID: String
    /// ISO 8601 start time with offset, e.g. `2026-11-20T02:00:00Z`.
    public var startTime: String?
    public var git: GitInfo?
    public var host: String?
    public var environment: EnvironmentFingerprint?
    /// Free-form key/value labels, e.g. `{"trigger": "nightly"}`.
    public var labels: [String: String]
    /// A profile or a benchmark suite; the importer of a benchmark tool's results says
    /// `benchmarkSuite`. Nil (a profile) when the dump does not say: written only when set.
    public var kind: RunKind?

    public init(
        workflow: String, runID: String, startTime: String? = nil, git: GitInfo? = nil,
        host: String? = nil, environment: EnvironmentFingerprint? = nil, labels: [String: String] = [:],
        kind: RunKind? = nil
    ) {
        self.workflow = workflow
        self.runID = runID
        self.startTime = startTime
        self.git = git
        self.host = host
        self.environment = environment
        self.labels = labels
        self.kind = kind
    }

    enum CodingKeys: String, CodingKey {
        case workflow
        case runID = "run_id"
        case startTime = "start_time"
        case git, host, environment, labels, kind
    }

    /// What the run is: `kind`, or a profile when the dump does not say.
    public var runKind: RunKind { kind ?? .profile }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        workflow = try container.decode(String.self, forKey: .workflow)
        runID = try container.decode(String.self, forKey: .runID)
        startTime = try container.decodeIfPresent(String.self, forKey: .startTime)
        git = try container.decodeIfPresent(GitInfo.self, forKey: .git)
        host = try container.decodeIfPresent(String.self, forKey: .host)
        environment = try container.decodeIfPresent(EnvironmentFingerprint.self, forKey: .environment)
        labels = try container.decodeIfPresent([String: String].self, forKey: .labels) ?? [:]
        kind = try container.decodeIfPresent(RunKind.self, forKey: .kind)
    }
}

public struct GitInfo: Codable, Sendable, Equatable {
    public var commit: String?
    public var branch: String?

    public init(commit: String? = nil, branch: String? = nil) {
        self.commit = commit
        self.branch = branch
    }
}

/// What must match for two runs to be comparable: the same code on different hardware or
/// a debug build against a release build tells nothing about a change.
public struct EnvironmentFingerprint: Codable, Sendable, Equatable, Hashable {
    public var os: String?
    public var cpuModel: String?
    public var cores: Int?
    public var toolchain: String?
    /// e.g. `release`, `debug`.
    public var buildConfiguration: String?

    public init(
        os: String? = nil, cpuModel: String? = nil, cores: Int? = nil, toolchain: String? = nil,
        buildConfiguration: String? = nil
    ) {
        self.os = os
        self.cpuModel = cpuModel
        self.cores = cores
        self.toolchain = toolchain
        self.buildConfiguration = buildConfiguration
    }

    enum CodingKeys: String, CodingKey {
        case os
        case cpuModel = "cpu_model"
        case cores, toolchain
        case buildConfiguration = "build_configuration"
    }

    /// A short stable text for display and for grouping runs.
    public var summary: String {
        [os, cpuModel, cores.map { "\($0) cores" }, toolchain, buildConfiguration]
            .compactMap { $0 }.joined(separator: " · ")
    }

    /// Two fingerprints are comparable when no field known on both sides differs.
    public func isComparable(with other: EnvironmentFingerprint) -> Bool {
        func same<T: Equatable>(_ a: T?, _ b: T?) -> Bool {
            guard let a, let b else { return true }
            return a == b
        }
        return same(os, other.os) && same(cpuModel, other.cpuModel) && same(cores, other.cores)
            && same(toolchain, other.toolchain) && same(buildConfiguration, other.buildConfiguration)
    }
}
