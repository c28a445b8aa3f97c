/// A timed interval of one operation, with its parent for nesting and self time.
public struct Span: Codable, Sendable, Equatable {
    /// Unique within the profile; parents refer to it.
    public var id: Int
    public var name: String
    /// Nanoseconds since the run's start.
    public var startNs: Double
    public var durationNs: Double
    /// Thread or task name; nesting is only inferred within one thread.
    public var thread: String?
    /// The enclosing span's `id`, or nil for a root.
    public var parent: Int?
    /// Free-form key/value details (category, arguments).
    public var args: [String: String]?

    public init(
        id: Int, name: String, startNs: Double, durationNs: Double, thread: String? = nil, parent: Int? = nil,
        args: [String: String]? = nil
    ) {
        self.id = id
        self.name = name
        self.startNs = startNs
        self.durationNs = durationNs
        self.thread = thread
        self.parent = parent
        self.args = args
    }

    enum CodingKeys: String, CodingKey {
        case id, name
        case startNs = "start_ns"
        case durationNs = "duration_ns"
        case thread, parent, args
    }

    public var endNs: Double { startNs + durationNs }
}

/// A call stack seen by a sampling profiler, root first, with its weight.
public struct StackSample: Codable, Sendable, Equatable {
    public var frames: [String]
    public var weight: Double
    /// The process and thread the stack was sampled on (austin's `P4242;T4243`), when the
    /// profiler said: who ran the code, not a frame of it, so never an operation.
    public var thread: String?

    public init(frames: [String], weight: Double, thread: String? = nil) {
        self.frames = frames
        self.weight = weight
        self.thread = thread
    }
}

/// What one unit of a stack weight is.
public enum WeightUnit: String, Codable, Sendable {
    case samples
    case nanoseconds = "ns"
    case bytes
}
