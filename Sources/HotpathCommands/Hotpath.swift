import ArgumentParser
import HotpathReport

/// `hotpath`: profile dumps in; analysis, recommendations, a validated static site and PR Markdown out.
public struct Hotpath: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "hotpath",
        abstract: "Turn performance profile dumps into reports people act on.",
        discussion: """
            Reads profile dumps and benchmark results, analyzes them, recommends optimizations and \
            writes a browsable static HTML site plus a Markdown summary for pull requests. Formats \
            are told by content: profiles (Chrome traces, speedscope, collapsed stacks, Linux perf \
            script, V8 .cpuprofile, pprof, the Firefox Profiler, callgrind, macOS sample, DTrace \
            stacks, Hotpath's native JSON) and benchmark suites (Google Benchmark, hyperfine, \
            pytest-benchmark, pyperf, JMH, BenchmarkDotNet); `hotpath formats` lists them all.

            Start with `hotpath demo`, then `hotpath report nightly/ --out site`.

            Exit codes:
              0   success
              1   a significant regression (check)
              2   a budget exceeded (check)
              3   a dump could not be read
              4   the site failed validation or could not be written
              5   a template (a --templates override) failed to parse or render
              64  bad options or configuration
              70  an internal error (a bug: please report it)
            """,
        version: "0.1.0",
        subcommands: [
            ReportCommand.self, AnalyzeCommand.self, CheckCommand.self, DemoCommand.self, ValidateCommand.self,
            FormatsCommand.self,
        ]
    )

    public init() {}
}

extension Hotpath {
    /// Parses the command line and runs the chosen command, awaiting async commands.
    ///
    /// Spelled out because top-level code resolves `Hotpath.main()` to the synchronous overload,
    /// which refuses asynchronous subcommands.
    public static func runFromCommandLine() async {
        do {
            var command = try await asyncParseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if HotpathExit.isParserError(error) { exit(withError: error) }
            exit(withError: HotpathExit.explain(error))
        }
    }
}
