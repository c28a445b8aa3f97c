/// Which clock a benchmark's timing was read from, when its tool reports more than one.
///
/// Google Benchmark measures each repetition twice: the wall-clock (`real_time`) and the CPU
/// time of the benchmark's threads (`cpu_time`). They are two measures of one benchmark, not two
/// benchmarks: an operation keeps both, statistics and verdicts use one (`AnalysisOptions.measure`,
/// real time by default as Google's `compare.py` does), and pages show the other beside it.
public enum TimeMeasure: String, Codable, Sendable, CaseIterable {
    /// Wall-clock time, what a user waits for.
    case realTime = "real_time"
    /// CPU time of the measured threads: leaves out waiting, adds up threads that ran at once.
    case cpuTime = "cpu_time"

    /// The measure in words, for pages and messages: "real time", "CPU time".
    public var label: String {
        switch self {
        case .realTime: "real time"
        case .cpuTime: "CPU time"
        }
    }

    /// The other of the two.
    public var other: TimeMeasure { self == .realTime ? .cpuTime : .realTime }
}

extension TimeMeasure {
    /// A measure by the name a user types: `real_time`/`cpu_time`, `real-time`/`cpu-time`, `real`/`cpu`.
    public init?(name: String) {
        switch name.lowercased() {
        case "real_time", "real-time", "real": self = .realTime
        case "cpu_time", "cpu-time", "cpu": self = .cpuTime
        default: return nil
        }
    }
}
