/// What a run is, which decides the story its report tells.
///
/// A *profile* records spans or samples of one program: its operations share the program's
/// time, so hot paths, call trees and Amdahl estimates make sense. A *benchmark suite* holds
/// independent benchmarks (hyperfine, Google Benchmark, pyperf, pytest-benchmark): each is its
/// own program or loop, their times do not add up to anything that ran, and the report is a
/// table of verdicts instead. A *command comparison* (hyperfine: several commands timed
/// against each other in one file) is a benchmark suite whose benchmarks are alternatives, so
/// it also gets a ranking: "perl ran 34.60 ± 1.20 times faster than node".
public enum RunKind: String, Codable, Sendable, CaseIterable {
    case profile
    case benchmarkSuite = "benchmark_suite"
    case commandComparison = "command_comparison"

    /// Whether the run is a set of independent benchmarks (a suite or a command comparison).
    public var isSuite: Bool { self != .profile }

    /// "profile", "benchmark suite", "command comparison".
    public var label: String {
        switch self {
        case .profile: "profile"
        case .benchmarkSuite: "benchmark suite"
        case .commandComparison: "command comparison"
        }
    }
}
