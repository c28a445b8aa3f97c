import ArgumentParser
import HotpathAnalysis
import HotpathModel

/// `--measure real-time|cpu-time`: the clock verdicts use for benchmarks timed by two.
struct MeasureOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "For benchmarks timed by two clocks (Google Benchmark's real_time and cpu_time): the one statistics and verdicts use; pages show the other beside it (default: real-time, as Google's compare.py; hotpath.toml: benchmark_measure).",
            valueName: "real-time|cpu-time"))
    var measure: TimeMeasure?

    /// `configuration` with the measure given on the command line, if any.
    func applied(to configuration: Configuration) -> Configuration {
        var configuration = configuration
        if let measure { configuration.analysis.measure = measure }
        return configuration
    }
}

extension TimeMeasure: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    public static var allValueStrings: [String] { ["real-time", "cpu-time"] }
}
