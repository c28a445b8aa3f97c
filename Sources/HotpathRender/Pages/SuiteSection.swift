import HotpathModel

/// A benchmark suite's section of the run page, the index and the Markdown (`suite`): every
/// benchmark with its verdict, the counts, and a command comparison's ranking. Null for a profile.
struct SuiteSection: Encodable, Sendable {
    /// "benchmark suite" or "command comparison".
    var kindText: String
    /// Timing benchmarks in the run.
    var benchmarkCount: Int
    /// The status a reviewer reads in one second: "❌ 2 regressions · ✅ 480 unchanged · ⚠️ 3
    /// inconclusive", "✅ no significant change in 482 benchmarks".
    var status: String
    /// "2 regressed · 1 improved · 480 unchanged · 3 inconclusive · 0 new · 0 removed"; null
    /// without a baseline.
    var countsText: String?
    /// The baseline, labelled; null without one.
    var baselineLabel: String?
    /// The relative threshold a change must reach (0.05) and the false discovery rate; null
    /// without a baseline.
    var threshold: Double?
    var falseDiscoveryRate: Double?
    /// Every benchmark: changes first (regressions, improvements, inconclusive), then the rest.
    var rows: [Row]
    /// The benchmarks left out of `rows` (the Markdown's cap); 0 on the site.
    var rowsCut: Int
    /// For a command comparison: fastest first; empty otherwise.
    var ranking: [Ranked]
    /// "perl ran", hyperfine's first line of its summary; null without a ranking.
    var fastest: String?
    /// Parameterised benchmarks by family, with their fitted complexity.
    var families: [Family]
    /// Families whose complexity changed since the baseline: "BM_Sort: O(n log n) → O(n²)".
    var familyChanges: [String]

    /// A family of parameterised benchmarks.
    struct Family: Encodable, Sendable {
        /// `BM_Sort` (for `BM_Sort/64 … /16384`).
        var name: String
        /// How many sizes, and the smallest and largest: "8 sizes, n = 64 … 16,384".
        var sizesText: String
        /// "O(n log n)"; null with too few sizes.
        var complexity: String?
        /// The fit's normalized RMS, "2.1%".
        var rmsText: String?
        /// "O(n log n) → O(n²)" when it changed since the baseline; null otherwise.
        var changeText: String?
        /// Time against n on log–log axes with the fitted curve (SVG); the run page only.
        var chart: Markup?
    }

    /// One benchmark against its baseline.
    struct Row: Encodable, Sendable {
        var name: String
        var href: String?
        /// report.md only: its page on the published site (`--site-url`).
        var url: String?
        /// The family or group it belongs to, if any.
        var group: String?
        /// The baseline's mean and the run's; "—" where a side lacks it.
        var baseText: String
        var headText: String
        /// The change with its interval, "+12.3% [+8.1%, +16.0%]"; null without a baseline.
        var changeText: String?
        /// Speed in words: "15% slower (0.85×)", "2.1× faster (2.10×)"; null without both means.
        var speedText: String?
        /// `regression`, `improvement`, … or null without a baseline.
        var verdict: String?
        /// The verdict with what earned it: "unchanged (within ±5%)".
        var verdictText: String?
        /// Run-to-run variation of the run's samples (coefficient of variation), "3.1%".
        var noiseText: String?
        /// The smallest change a comparison of this size can see, "4.2%".
        var detectableText: String?
    }

    /// A command of a command comparison.
    struct Ranked: Encodable, Sendable {
        var name: String
        var href: String?
        /// "1.234 s ± 12.3 ms".
        var meanText: String
        /// "34.60 ± 1.20" (hyperfine's two decimals); "1.00" for the fastest.
        var ratioText: String
        /// The fastest command.
        var fastest: Bool
        /// "34.60 ± 1.20 times faster than node"; null for the fastest.
        var sentence: String?
    }
}
