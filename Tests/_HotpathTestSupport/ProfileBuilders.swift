import HotpathModel

/// Small hand-made profiles whose every number can be checked by hand.
public enum ExampleProfiles {
    public static func run(_ id: String = "run-1", environment: EnvironmentFingerprint? = nil) -> RunMetadata {
        RunMetadata(workflow: "example", runID: id, startTime: "2026-11-20T02:00:00Z", environment: environment)
    }

    /// One root `main` (100 ms) with `parse` (20 ms) and `render` (50 ms, containing `compile` 10 ms).
    public static func nested() -> Profile {
        Profile(
            run: run(),
            spans: [
                Span(id: 1, name: "main", startNs: 0, durationNs: 100e6, thread: "t0"),
                Span(id: 2, name: "parse", startNs: 0, durationNs: 20e6, thread: "t0", parent: 1),
                Span(id: 3, name: "render", startNs: 20e6, durationNs: 50e6, thread: "t0", parent: 1),
                Span(id: 4, name: "compile", startNs: 25e6, durationNs: 10e6, thread: "t0", parent: 3),
            ])
    }
}
