/// A phase summary an LLVM time trace (clang `-ftime-trace`) writes beside its events: the
/// time all the phase's events took together and how many there were.
///
/// clang writes each as a complete event named `Total <phase>` on a thread of its own, starting
/// at 0, with `args.count` and `args["avg ms"]`. They restate the events' own time, so they are
/// a summary of the run, never spans (as spans they would add up to several times the compile).
public struct PhaseTotal: Codable, Sendable, Equatable {
    /// The phase, without `Total ` (`ExecuteCompiler`, `Source`, `InstantiateFunction`).
    public var name: String
    /// All the phase's events together (nested events of the same phase counted once, as clang does).
    public var totalNs: Double
    /// How many events of the phase there were (`args.count`).
    public var count: Int

    public init(name: String, totalNs: Double, count: Int) {
        self.name = name
        self.totalNs = totalNs
        self.count = count
    }

    /// The mean event of the phase, `totalNs / count`; nil for a count of 0.
    public var averageNs: Double? { count > 0 ? totalNs / Double(count) : nil }

    enum CodingKeys: String, CodingKey {
        case name
        case totalNs = "total_ns"
        case count
    }
}
