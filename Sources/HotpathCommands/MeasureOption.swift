import ArgumentParser
import HotpathAnalysis
import HotpathIngest
import HotpathModel

/// `--measure NAME`: which of a dump's measures statistics and verdicts use, when it has more
/// than one: the clock of benchmarks timed by two (`real-time`, `cpu-time`), the sample type of
/// a pprof profile (`cpu`, `samples`, `alloc_space`, `inuse_space`, `contentions`, `delay`…), the
/// event of a callgrind profile (`Ir`, `Dr`…).
struct MeasureOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The measure statistics and verdicts use, for dumps that have more than one.",
            discussion:
                "real-time or cpu-time: for benchmarks timed by two clocks (Google Benchmark's real_time and cpu_time); pages show the other beside it (default: real-time, as Google's compare.py; hotpath.toml: benchmark_measure). A pprof sample type (cpu, samples, alloc_space, inuse_space, alloc_objects, contentions, delay, or type/unit): the one the stacks of pprof profiles weigh (default: the profile's default_sample_type, else its last sample type, as pprof chooses); cpu-time picks cpu. A callgrind event (Ir, Dr, Dw, or any other name on the file's events: line, in any case): the one its stacks weigh (default: the first). A sample type or event a profile does not have is an error for that profile.",
            valueName: "name"))
    var measure: MeasureName?

    /// `configuration` with the clock given on the command line, if any.
    func applied(to configuration: Configuration) -> Configuration {
        var configuration = configuration
        if let clock = measure?.timeMeasure { configuration.analysis.measure = clock }
        return configuration
    }

    /// `options` with the pprof sample type given on the command line, if any.
    func applied(to options: IngestOptions) -> IngestOptions {
        var options = options
        options.sampleType = measure?.name
        return options
    }
}

/// A measure as typed: a benchmark clock, a pprof sample type, or (`cpu`) both.
struct MeasureName: ExpressibleByArgument, Sendable {
    var name: String
    var timeMeasure: TimeMeasure? { TimeMeasure(name: name) }

    init?(argument: String) {
        let trimmed = argument.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        name = trimmed
    }
}
