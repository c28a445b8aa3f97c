/// The samples of a run that also has spans (a Chrome trace with `stackFrames` and `samples`, or
/// V8 `ProfileChunk` events): a sampled view of the run beside its timed operations.
///
/// The timed statistics come from the spans; these weights never mix into them (they are
/// sample counts, not durations per call).
public struct SampledView: Codable, Sendable, Equatable {
    /// What a weight counts.
    public var unit: WeightUnit
    /// What the weights count when not samples (`Profile.stackWeightName`); nil for samples.
    public var unitName: String?
    /// All stacks' weights summed: what the shares are fractions of.
    public var totalWeight: Double
    /// Distinct stacks.
    public var stacks: Int
    /// Distinct frame names.
    public var frameCount: Int
    /// The frames with the most weight, by total (with callees), largest first; at most `frameLimit`.
    public var frames: [SampledFrame]

    public static let frameLimit = 30

    public init(unit: WeightUnit, totalWeight: Double, stacks: Int, frameCount: Int, frames: [SampledFrame]) {
        self.unit = unit
        self.totalWeight = totalWeight
        self.stacks = stacks
        self.frameCount = frameCount
        self.frames = frames
    }

    enum CodingKeys: String, CodingKey {
        case unit
        case unitName = "unit_name"
        case totalWeight = "total_weight"
        case stacks
        case frameCount = "frame_count"
        case frames
    }
}

/// One frame of a sampled view: its weight with and without callees (a frame recurring in a
/// stack counts once in its total).
public struct SampledFrame: Codable, Sendable, Equatable {
    public var name: String
    public var total: Double
    public var share: Double
    public var selfTotal: Double
    public var selfShare: Double

    public init(name: String, total: Double, share: Double, selfTotal: Double, selfShare: Double) {
        self.name = name
        self.total = total
        self.share = share
        self.selfTotal = selfTotal
        self.selfShare = selfShare
    }

    enum CodingKeys: String, CodingKey {
        case name, total, share
        case selfTotal = "self_total"
        case selfShare = "self_share"
    }
}
