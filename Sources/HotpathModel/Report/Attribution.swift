/// Where an operation's change came from: its change decomposed into the change of its own
/// time and of each callee's, down the call tree, ranked, each frame with its evidence.
///
/// Spans: the decomposed quantity is the operation's time per outermost call (a recursive
/// operation's nested calls are inside the outer one's), in nanoseconds; every frame's
/// `contribution` is the change of its time per call of the operation, so the contributions of
/// all frames below the operation add up to `change` exactly. Sampled stacks: the quantity is
/// the operation's share of the run's stack weight, and contributions are changes of shares.
public struct Attribution: Codable, Sendable, Equatable {
    /// `per_call` (spans: nanoseconds per outermost call) or `share` (stacks: fraction of the run's weight).
    public var basis: String
    public var baselineValue: Double
    public var currentValue: Double
    /// `currentValue − baselineValue`.
    public var change: Double
    /// Outermost calls of the operation (spans) or stacks holding it (samples), baseline and current.
    public var baselineCalls: Int
    public var currentCalls: Int
    /// The fraction of `change` the listed frames explain together (at least 0.8 when a few
    /// frames are enough; frames pulling the other way are not listed).
    public var explained: Double
    /// Ranked, largest contribution in the change's direction first.
    public var frames: [AttributedFrame]
    /// For a benchmark: the profiles of the same runs the change was attributed with (the
    /// benchmark measured the change, the profiles say where); nil when the operation's own
    /// call trees were used.
    public var profile: AttributionProfile?

    public init(
        basis: String, baselineValue: Double, currentValue: Double, baselineCalls: Int, currentCalls: Int,
        explained: Double, frames: [AttributedFrame]
    ) {
        self.basis = basis
        self.baselineValue = baselineValue
        self.currentValue = currentValue
        self.change = currentValue - baselineValue
        self.baselineCalls = baselineCalls
        self.currentCalls = currentCalls
        self.explained = explained
        self.frames = frames
    }

    enum CodingKeys: String, CodingKey {
        case basis
        case baselineValue = "baseline_value"
        case currentValue = "current_value"
        case change
        case baselineCalls = "baseline_calls"
        case currentCalls = "current_calls"
        case explained, frames, profile
    }
}

/// The profile pair a benchmark's change was attributed with, and the frame that stands for
/// the benchmark in them.
public struct AttributionProfile: Codable, Sendable, Equatable {
    /// The frame attributed: the benchmark's name, or its function (`BM_sort` for `BM_sort/1024`).
    public var frame: String
    /// The current and the baseline profile: run id and the file each came from.
    public var currentRun: String
    public var currentSource: String
    public var baselineRun: String
    public var baselineSource: String

    public init(frame: String, currentRun: String, currentSource: String, baselineRun: String, baselineSource: String) {
        self.frame = frame
        self.currentRun = currentRun
        self.currentSource = currentSource
        self.baselineRun = baselineRun
        self.baselineSource = baselineSource
    }

    enum CodingKeys: String, CodingKey {
        case frame
        case currentRun = "current_run"
        case currentSource = "current_source"
        case baselineRun = "baseline_run"
        case baselineSource = "baseline_source"
    }
}

/// One frame of an attribution: a call path below the operation and how its time changed.
public struct AttributedFrame: Codable, Sendable, Equatable {
    /// What changed.
    public enum Kind: String, Codable, Sendable {
        /// The frame's own time per call changed (its callees are listed separately).
        case selfTime = "self_time"
        /// The frame is called more or less often per call of its caller, at about the same
        /// time per call: the change of its whole subtree is put on the call count.
        case callCount = "call_count"
        /// Present only in the current run (its whole subtree).
        case new
        /// Present only in the baseline (its whole subtree).
        case gone
    }

    public var name: String
    /// Frame names from the operation (first) down to this frame (last).
    public var path: [String]
    public var kind: Kind
    /// The change this frame accounts for, in the attribution's basis (ns per operation call, or share).
    public var contribution: Double
    /// `contribution / change`: the fraction of the operation's change it explains.
    public var share: Double
    /// Calls of the frame per call of its caller (spans), baseline and current; nil for the
    /// operation itself and for stacks.
    public var baselineCallsPerParent: Double?
    public var currentCallsPerParent: Double?
    /// The frame's own time per call (spans; self-time frames), baseline and current, in ns.
    public var baselineSelfPerCall: Double?
    public var currentSelfPerCall: Double?
    /// The evidence: Mann-Whitney on per-call self times, a Poisson rate test on call counts, or
    /// a two-proportion test on sample counts normalized by the runs' totals.
    public var test: AttributionTest?

    public init(
        name: String, path: [String], kind: Kind, contribution: Double, share: Double,
        baselineCallsPerParent: Double? = nil, currentCallsPerParent: Double? = nil,
        baselineSelfPerCall: Double? = nil, currentSelfPerCall: Double? = nil, test: AttributionTest? = nil
    ) {
        self.name = name
        self.path = path
        self.kind = kind
        self.contribution = contribution
        self.share = share
        self.baselineCallsPerParent = baselineCallsPerParent
        self.currentCallsPerParent = currentCallsPerParent
        self.baselineSelfPerCall = baselineSelfPerCall
        self.currentSelfPerCall = currentSelfPerCall
        self.test = test
    }

    enum CodingKeys: String, CodingKey {
        case name, path, kind, contribution, share
        case baselineCallsPerParent = "baseline_calls_per_parent"
        case currentCallsPerParent = "current_calls_per_parent"
        case baselineSelfPerCall = "baseline_self_per_call"
        case currentSelfPerCall = "current_self_per_call"
        case test
    }
}

/// A frame's test: which one, its statistic and its two-sided p-value.
public struct AttributionTest: Codable, Sendable, Equatable {
    /// `mann_whitney` (per-call self times), `poisson` (call counts per caller call, conditional
    /// binomial) or `two_proportion` (sample counts over the runs' totals).
    public var method: String
    public var statistic: Double
    public var pValue: Double

    public init(method: String, statistic: Double, pValue: Double) {
        self.method = method
        self.statistic = statistic
        self.pValue = pValue
    }

    enum CodingKeys: String, CodingKey {
        case method, statistic
        case pValue = "p_value"
    }
}

/// One run's call tree kept whole for attribution: every distinct call path as a node, with its
/// calls (or stacks), total and self time (or weight) and, for spans, each call's self time.
///
/// Flat columns: node 0 is the synthetic root; a node's parent precedes it.
public struct CallContextTree: Codable, Sendable, Equatable {
    public var kind: ProfileKind
    public var names: [String]
    /// Per node: index into `names` (-1 for the root), parent node (-1 for the root).
    public var nameIndexes: [Int32]
    public var parents: [Int32]
    public var counts: [Int]
    public var totals: [Double]
    public var selfTotals: [Double]
    /// Spans: node `i`'s calls' self times are `selfSamples[sampleStarts[i]..<sampleStarts[i + 1]]`.
    /// Empty for stacks.
    public var sampleStarts: [Int]
    public var selfSamples: [Double]
    /// Stacks: the run's total weight, that shares are taken of.
    public var totalWeight: Double

    public init(
        kind: ProfileKind, names: [String], nameIndexes: [Int32], parents: [Int32], counts: [Int], totals: [Double],
        selfTotals: [Double], sampleStarts: [Int] = [], selfSamples: [Double] = [], totalWeight: Double = 0
    ) {
        self.kind = kind
        self.names = names
        self.nameIndexes = nameIndexes
        self.parents = parents
        self.counts = counts
        self.totals = totals
        self.selfTotals = selfTotals
        self.sampleStarts = sampleStarts
        self.selfSamples = selfSamples
        self.totalWeight = totalWeight
    }

    public var nodeCount: Int { parents.count }

    /// The self times of node `node`'s calls (empty for stacks).
    public func selfSamples(of node: Int) -> ArraySlice<Double> {
        sampleStarts.count > node + 1 ? selfSamples[sampleStarts[node]..<sampleStarts[node + 1]] : []
    }

    enum CodingKeys: String, CodingKey {
        case kind, names
        case nameIndexes = "name_indexes"
        case parents, counts, totals
        case selfTotals = "self_totals"
        case sampleStarts = "sample_starts"
        case selfSamples = "self_samples"
        case totalWeight = "total_weight"
    }
}
