/// Where a regression or an improvement came from (`Attribution`), for the operation page's
/// "Where the change came from", the run page's regressions and the Markdown.
struct AttributionData: Encodable, Sendable {
    /// One line: "82% from compile_template (self +800 µs/call, p < 0.001)".
    var summary: String
    /// What is decomposed: "+1.00 ms per call (2.10 ms → 3.10 ms)" or "+12.0 points of the run's samples".
    var changeText: String
    /// "per_call" (spans) or "share" (sampled stacks).
    var basis: String
    /// The fraction of the change the listed frames explain.
    var explained: Double
    /// For a benchmark attributed with the profiles of the same runs: "from the profiles of
    /// the same runs, perf-head.txt against perf-base.txt (frame BM_sort)"; null otherwise.
    var profileText: String?
    /// The current profile run's page, relative; null without one.
    var profileHref: String?
    var frames: [Frame]

    /// One frame, ranked.
    struct Frame: Encodable, Sendable {
        var name: String
        /// Its operation page, relative; null when it has none.
        var href: String?
        /// The call path from the operation: "render_template › compile_template".
        var pathText: String
        /// `self_time`, `call_count`, `new` or `gone`.
        var kind: String
        /// What changed, in words: "own time 1.00 ms → 1.80 ms per call", "called 3.0× as often
        /// (1 → 3 per call of render_template)", "new in this run", "gone since the baseline".
        var changeText: String
        /// Its contribution, signed, in the basis' unit: "+800 µs per call".
        var contributionText: String
        /// The fraction of the operation's change it explains.
        var share: Double
        /// "Mann-Whitney p < 0.001", "Poisson p = 0.012", "two-proportion p < 0.001"; null untested.
        var testText: String?
        /// Whether its own test is significant at the comparison's false discovery rate.
        var significant: Bool
    }
}
