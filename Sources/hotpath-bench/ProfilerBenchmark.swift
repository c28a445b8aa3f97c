import Foundation
import HotpathAnalysis
import HotpathModel
import HotpathProfiler

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What one span costs and what profiling adds to a realistic workload, against the goals of
/// `Docs/profiler.md`: at most 150 ns per span (median) and under 5% on spans of about 10 µs.
///
/// Numbers mean something only from a release build (`swift run -c release hotpath-bench`);
/// a debug build says so in its first line.
func runProfilerBenchmark() async -> [String] {
    var lines: [String] = []
    #if DEBUG
        lines.append("warning: this is a debug build; run `swift run -c release hotpath-bench` for meaningful numbers")
    #endif
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let cpu = Profiler(workflow: "bench").snapshot().run.environment?.cpuModel ?? "unknown CPU"
    lines.append("HotpathProfiler benchmark: \(cores) cores, \(cpu)")

    let syncCost = spanCost { profiler, count in
        for _ in 0..<count { profiler.measure("span") { blackHole(1) } }
    }
    lines.append(costLine("sync measure of an empty closure", syncCost, goal: 150))

    let nestedCost = spanCost(spansPerCall: 2) { profiler, count in
        for _ in 0..<count / 2 {
            profiler.measure("outer") { profiler.measure("inner") { blackHole(1) } }
        }
    }
    lines.append(costLine("nested sync measure (per span)", nestedCost, goal: 150))

    let manualCost = spanCost { profiler, count in
        for _ in 0..<count {
            let span = profiler.begin("span")
            blackHole(1)
            span.end()
        }
    }
    lines.append(costLine("begin/end", manualCost, goal: 150))

    let asyncCost = await asyncSpanCost()
    lines.append(costLine("async measure of an empty closure", asyncCost, goal: nil))

    let disabledCost = spanCost(profiler: { Profiler.disabled }) { profiler, count in
        for _ in 0..<count { profiler.measure("span") { blackHole(1) } }
    }
    lines.append(costLine("Profiler.disabled measure", disabledCost, goal: nil))

    let baseline = spanCost(profiler: { Profiler.disabled }) { _, count in
        for _ in 0..<count { callOpaque { blackHole(1) } }
    }
    lines.append(costLine("loop and closure call alone (baseline)", baseline, goal: nil))

    // The bodies write nothing shared: `blackHole`'s one global would bounce between the cores.
    let twoThreads = spanCost { profiler, count in
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            for _ in 0..<count { profiler.measure("span") {} }
        }
    }
    lines.append(costLine("sync measure on 2 threads at once (wall time per span and thread)", twoThreads, goal: nil))

    lines.append(workloadOverhead())
    lines.append(await asyncWorkloadOverhead())
    return lines
}

// MARK: - The cost of one span

/// Nanoseconds per span: the median, 10th and 90th percentile over batches.
struct Cost {
    var median: Double
    var p10: Double
    var p90: Double
    var batches: Int
    var perBatch: Int
}

/// Times `batches` batches of `perBatch` spans each, with a fresh profiler every 20 batches so
/// that memory stays bounded (a span record is 56 bytes).
func spanCost(
    batches: Int = 200, perBatch: Int = 5_000, spansPerCall: Int = 1,
    profiler makeProfiler: () -> Profiler = { Profiler(workflow: "bench", runID: "bench") },
    _ body: (Profiler, Int) -> Void
) -> Cost {
    var perSpan: [Double] = []
    var profiler = makeProfiler()
    body(profiler, perBatch)  // warm up: thread state, buffers, caches
    for batch in 0..<batches {
        if batch % 20 == 0 { profiler = makeProfiler() }
        let start = now()
        body(profiler, perBatch)
        perSpan.append(Double(now() - start) / Double(perBatch))
    }
    return summarize(perSpan, batches: batches, perBatch: perBatch)
}

func asyncSpanCost(batches: Int = 100, perBatch: Int = 2_000) async -> Cost {
    var perSpan: [Double] = []
    var profiler = Profiler(workflow: "bench", runID: "bench")
    for batch in 0..<batches {
        if batch % 20 == 0 { profiler = Profiler(workflow: "bench", runID: "bench") }
        let start = now()
        for _ in 0..<perBatch {
            await profiler.measure("span") { await asyncBlackHole(1) }
        }
        perSpan.append(Double(now() - start) / Double(perBatch))
    }
    return summarize(perSpan, batches: batches, perBatch: perBatch)
}

func summarize(_ values: [Double], batches: Int, perBatch: Int) -> Cost {
    let sorted = values.sorted()
    return Cost(
        median: percentile(sorted, 0.5), p10: percentile(sorted, 0.1), p90: percentile(sorted, 0.9), batches: batches,
        perBatch: perBatch)
}

func costLine(_ label: String, _ cost: Cost, goal: Double?) -> String {
    var line =
        "\(label): median \(format(cost.median)) ns per span (p10 \(format(cost.p10)), p90 \(format(cost.p90)); "
        + "\(cost.batches) batches of \(cost.perBatch))"
    if let goal {
        line += cost.median <= goal ? " — goal ≤ \(Int(goal)) ns: PASS" : " — goal ≤ \(Int(goal)) ns: FAIL"
    }
    return line
}

// MARK: - Overhead on a realistic workload

/// The same busy work, about 10 µs a span, with and without measuring each piece: interleaved
/// trial pairs (the order alternating within the pair) so that drift of the machine's speed
/// falls on both sides; the overhead is the median over pairs of measured / plain − 1.
func workloadOverhead(pairs: Int = 41, spansPerTrial: Int = 1_000) -> String {
    let rounds = calibrate(targetNs: 10_000)
    var trials: [(plain: Double, measured: Double)] = []
    // One warm-up pair, not counted.
    for pair in -1..<pairs {
        let profiler = Profiler(workflow: "bench", runID: "bench")
        var plain = 0.0
        var measured = 0.0
        for side in pair % 2 == 0 ? [false, true] : [true, false] {
            let start = now()
            if side {
                for _ in 0..<spansPerTrial { profiler.measure("work") { busyWork(rounds) } }
                measured = Double(now() - start)
            } else {
                for _ in 0..<spansPerTrial { callOpaque { busyWork(rounds) } }
                plain = Double(now() - start)
            }
        }
        if pair >= 0 { trials.append((plain, measured)) }
    }
    return overheadLine("sync measure", trials, spansPerTrial: spansPerTrial)
}

/// As `workloadOverhead`, with the async `measure` around async busy work.
func asyncWorkloadOverhead(pairs: Int = 41, spansPerTrial: Int = 1_000) async -> String {
    let rounds = calibrate(targetNs: 10_000)
    var trials: [(plain: Double, measured: Double)] = []
    for pair in -1..<pairs {
        let profiler = Profiler(workflow: "bench", runID: "bench")
        var plain = 0.0
        var measured = 0.0
        for side in pair % 2 == 0 ? [false, true] : [true, false] {
            let start = now()
            if side {
                for _ in 0..<spansPerTrial { await profiler.measure("work") { await asyncBusyWork(rounds) } }
                measured = Double(now() - start)
            } else {
                for _ in 0..<spansPerTrial { await asyncBusyWork(rounds) }
                plain = Double(now() - start)
            }
        }
        if pair >= 0 { trials.append((plain, measured)) }
    }
    return overheadLine("async measure", trials, spansPerTrial: spansPerTrial)
}

func overheadLine(_ label: String, _ trials: [(plain: Double, measured: Double)], spansPerTrial: Int) -> String {
    let overheads = trials.map { ($0.measured / $0.plain - 1) * 100 }.sorted()
    let differences = trials.map { ($0.measured - $0.plain) / Double(spansPerTrial) }.sorted()
    let spanNs = percentile(trials.map(\.plain).sorted(), 0.5) / Double(spansPerTrial)
    let median = percentile(overheads, 0.5)
    return "\(label), overhead on \(format(spanNs / 1000)) µs spans: median \(format(median))% "
        + "(p10 \(format(percentile(overheads, 0.1)))%, p90 \(format(percentile(overheads, 0.9)))%; "
        + "\(trials.count) interleaved trial pairs of \(spansPerTrial) spans; ≈ \(format(percentile(differences, 0.5))) ns a span)"
        + " — goal < 5%: \(median < 5 ? "PASS" : "FAIL")"
}

/// The number of `busyWork` rounds that takes about `targetNs`.
func calibrate(targetNs: Double) -> Int {
    var rounds = 1_000
    for _ in 0..<8 {
        var samples: [Double] = []
        for _ in 0..<200 {
            let start = now()
            busyWork(rounds)
            samples.append(Double(now() - start))
        }
        let median = percentile(samples.sorted(), 0.5)
        rounds = max(1, Int(Double(rounds) * targetNs / max(median, 1)))
    }
    return rounds
}

/// Arithmetic the optimizer cannot remove: an xorshift sequence whose result escapes.
@inline(never)
func busyWork(_ rounds: Int) {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    for _ in 0..<rounds {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
    }
    blackHole(Int(truncatingIfNeeded: state))
}

@inline(never)
func asyncBusyWork(_ rounds: Int) async {
    busyWork(rounds)
}

// MARK: - Helpers

nonisolated(unsafe) var blackHoleSink = 0

@inline(never)
func blackHole(_ value: Int) {
    blackHoleSink &+= value
}

@inline(never)
func asyncBlackHole(_ value: Int) async {
    blackHoleSink &+= value
}

/// Calls `body` through a function the optimizer does not look into, as `measure` is called.
@inline(never)
func callOpaque(_ body: () -> Void) {
    body()
}

func now() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

/// The same percentile definition as the analyzer's (numpy's linear interpolation).
func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
    Quantiles.quantile(sorted: sorted, fraction) ?? 0
}

/// One decimal, locale-independent.
func format(_ value: Double) -> String {
    UnitFormat.fixed(value, digits: 1)
}
