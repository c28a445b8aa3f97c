import HotpathModel

/// What every imported profile must satisfy, whatever its format: the rules JSON types cannot
/// say (finite, non-negative times, sizes and weights; unique span ids whose parents exist;
/// counters small enough to add up).
///
/// The native importer reports a broken rule at the offending value; `Ingestor` checks every
/// other importer's result too, so a value that slipped through an importer becomes a clear
/// error instead of a crash or an `inf` further down the pipeline.
public enum ProfileRules {
    /// A broken rule: where (a coding path into the native format) and what.
    public struct Violation: Sendable, CustomStringConvertible {
        var path: [Key]
        public var message: String

        /// The path in the native format's terms, e.g. `spans[3].duration_ns`.
        public var pathDescription: String { describeCodingPath(path) }

        public var description: String {
            path.isEmpty ? message : "\(pathDescription): \(message)"
        }
    }

    /// Counters (cache hits, tasks…) stay below 2^53: exact as JSON numbers and as Doubles, and
    /// far from overflowing when added up.
    public static let maximumCounter = 1 << 53

    typealias Key = JSONPathKey

    /// The first rule `profile` breaks, or nil.
    public static func firstViolation(in profile: Profile) -> Violation? {
        func valid(_ value: Double) -> Bool { value.isFinite && value >= 0 }
        func counter(_ value: Int) -> Bool { value >= 0 && value < maximumCounter }
        func violation(_ keys: [Key], _ message: String) -> Violation { Violation(path: keys, message: message) }
        let operations = Key("operations")
        for (index, operation) in profile.operations.enumerated() {
            if operation.name.isEmpty {
                return violation([operations, Key(index), Key("name")], "an operation name cannot be empty")
            }
            if let bad = operation.samples.firstIndex(where: { !valid($0) }) {
                return violation(
                    [operations, Key(index), Key("samples"), Key(bad)],
                    "samples must be finite and not negative, found \(operation.samples[bad])")
            }
            if let cpu = operation.cpuSamples {
                if let bad = cpu.firstIndex(where: { !valid($0) }) {
                    return violation(
                        [operations, Key(index), Key("cpu_samples"), Key(bad)],
                        "CPU times must be finite and not negative, found \(cpu[bad])")
                }
                if cpu.count != operation.samples.count {
                    return violation(
                        [operations, Key(index), Key("cpu_samples")],
                        "expected one CPU time per sample (\(operation.samples.count)), found \(cpu.count)")
                }
            }
            for (key, summary) in [("summary", operation.summary), ("cpu_summary", operation.cpuSummary)] {
                guard let summary else { continue }
                let path = [operations, Key(index), Key(key)]
                if summary.count < 1 || !counter(summary.count) {
                    return violation(
                        path + [Key("count")], "a summary's count must be at least 1, found \(summary.count)")
                }
                if let bad = summary.values.first(where: { !valid($0) }) {
                    return violation(path, "summary statistics must be finite and not negative, found \(bad)")
                }
            }
        }
        if let broken = spanViolation(profile.spans) { return broken }
        if let index = profile.stacks.weights.firstIndex(where: { !valid($0) }) {
            return violation(
                [Key("stacks"), Key(index), Key("weight")], "stack weights must be finite and not negative")
        }
        for (index, sample) in profile.memory.samples.enumerated()
        where !valid(sample.rssBytes) || !valid(sample.tNs) || sample.heapBytes.map(valid) == false {
            return violation(
                [Key("memory"), Key("samples"), Key(index)], "memory samples must be finite and not negative")
        }
        for (index, event) in profile.memory.events.enumerated()
        where !valid(event.tNs) || event.durationNs.map(valid) == false || event.reclaimedBytes.map(valid) == false {
            return violation(
                [Key("memory"), Key("events"), Key(index)],
                "memory events' times and sizes must be finite and not negative")
        }
        for (index, operation) in profile.io.enumerated()
        where !valid(operation.bytes) || !valid(operation.durationNs) || operation.startNs.map(valid) == false {
            return violation(
                [Key("io"), Key(index)], "I/O bytes, duration_ns and start_ns must be finite and not negative")
        }
        for (index, cache) in profile.caches.enumerated() {
            let counters =
                [cache.hits, cache.misses, cache.evictions, cache.size ?? 0, cache.capacity ?? 0]
                + cache.windows.flatMap { [$0.hits, $0.misses] }
            if !counters.allSatisfy(counter) || cache.missCostNs.map(valid) == false {
                return violation(
                    [Key("caches"), Key(index)],
                    "cache counters must be whole numbers from 0 to 2^53 and miss_cost_ns finite and not negative")
            }
        }
        for (index, executor) in profile.parallel.enumerated() {
            let valuesValid =
                valid(executor.wallNs) && valid(executor.busyNs) && counter(executor.tasks)
                && executor.stages.allSatisfy { valid($0.wallNs) && valid($0.busyNs) && counter($0.tasks) }
                && executor.workers.allSatisfy { valid($0.busyNs) && counter($0.tasks) }
            if !valuesValid || executor.concurrencyLimit < 1 || executor.cores < 1
                || !counter(executor.concurrencyLimit)
                || !counter(executor.cores)
            {
                return violation(
                    [Key("parallel"), Key(index)],
                    "wall_ns and busy_ns must be finite and not negative; tasks from 0, concurrency_limit and cores from 1, to 2^53"
                )
            }
        }
        return nil
    }

    /// The spans' rules, checked on the table's columns (a million spans as `Span`s would cost
    /// more than reading them did). Ids are looked up in an array when dense (the usual 1…n).
    static func spanViolation(_ spans: SpanTable) -> Violation? {
        let key = Key("spans")
        let ids = spans.ids
        let starts = spans.startsNs
        let durations = spans.durationsNs
        for index in ids.indices {
            if !(starts[index].isFinite && starts[index] >= 0) {
                return Violation(
                    path: [key, Key(index), Key("start_ns")], message: "start_ns must be finite and not negative")
            }
            if !(durations[index].isFinite && durations[index] >= 0) {
                return Violation(
                    path: [key, Key(index), Key("duration_ns")], message: "duration_ns must be finite and not negative")
            }
        }
        guard let low = ids.min(), let high = ids.max() else { return nil }
        // Ids that are the spans' indexes (as the trace importer numbers them) are distinct,
        // and a parent is known when it is one of the indexes.
        if low == 0, high == ids.count - 1, ids.indices.allSatisfy({ ids[$0] == $0 }) {
            for (index, parent) in spans.parentIDs.enumerated()
            where parent != SpanTable.noParent && !(parent >= 0 && parent <= high) {
                return Violation(
                    path: [key, Key(index), Key("parent")], message: "parent \(parent) is not the id of any span")
            }
            return nil
        }
        let known: (Int) -> Bool
        if high - low < ids.count * 2 + 16 {
            var seen = [Bool](repeating: false, count: high - low + 1)
            for (index, id) in ids.enumerated() {
                if seen[id - low] {
                    return Violation(path: [key, Key(index), Key("id")], message: "span id \(id) is used twice")
                }
                seen[id - low] = true
            }
            known = { $0 >= low && $0 <= high && seen[$0 - low] }
        } else {
            var seen = Set<Int>()
            seen.reserveCapacity(ids.count)
            for (index, id) in ids.enumerated() where !seen.insert(id).inserted {
                return Violation(path: [key, Key(index), Key("id")], message: "span id \(id) is used twice")
            }
            known = { seen.contains($0) }
        }
        for (index, parent) in spans.parentIDs.enumerated() where parent != SpanTable.noParent && !known(parent) {
            return Violation(
                path: [key, Key(index), Key("parent")], message: "parent \(parent) is not the id of any span")
        }
        return nil
    }
}
