import HotpathModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A week of nightly runs of a code-generation workflow, generated deterministically.
///
/// Each night processes contracts on four workers: parse_contract reads and parses a contract,
/// render_template renders six of forty templates through an LRU template cache (a miss costs
/// a compile_template), generate_code, validate_code, and write_files writes three files
/// synchronously. On the last night a change makes rendering slower and shrinks the template
/// cache: slower renders, evictions and recompiles make render_template markedly slower — a
/// real regression for the report to find, with the cache statistics that explain it.
public struct DemoWorkflow: Sendable {
    public var nights: Int
    public var contracts: Int
    public var seed: UInt64

    public init(nights: Int = 7, contracts: Int = 24, seed: UInt64 = 0x486F_7470_6174_6821) {
        self.nights = nights
        self.contracts = contracts
        self.seed = seed
    }

    static let templateCount = 40
    static let templatesPerContract = 6
    static let workers = 4

    /// The runs, oldest first. The last one carries the regression.
    public func runs() -> [Profile] {
        var generator = SeededGenerator(seed: seed)
        var commits: [String] = []
        for _ in 0..<nights { commits.append(generator.hex(40)) }
        return (0..<nights).map { night in
            var nightGenerator = SeededGenerator(seed: seed &+ UInt64(night) &* 7919)
            let regressed = night == nights - 1
            return run(
                night: night, commit: commits[night], cacheCapacity: regressed ? 16 : 48,
                renderFactor: regressed ? 1.35 : 1,
                generator: &nightGenerator)
        }
    }

    private func run(
        night: Int, commit: String, cacheCapacity: Int, renderFactor: Double, generator: inout SeededGenerator
    ) -> Profile {
        let day = 20 + night
        let metadata = RunMetadata(
            workflow: "codegen-nightly", runID: "nightly-2026-11-\(day)", startTime: "2026-11-\(day)T02:00:00Z",
            git: GitInfo(commit: commit, branch: "main"), host: "ci-runner-3",
            environment: EnvironmentFingerprint(
                os: "Linux 6.1 x86_64", cpuModel: "AMD EPYC 7B13", cores: 4, toolchain: "Swift 6.3.1",
                buildConfiguration: "release"),
            labels: ["trigger": "nightly", "contracts": "\(contracts)"])
        var recorder = SpanRecorder()
        var cache = LRUCache(capacity: cacheCapacity)
        var io: [IOOperation] = []
        var workerClock = [Double](repeating: 0, count: Self.workers)
        var stageBusy: [String: Double] = [:]
        var memory: [MemorySample] = []

        let configDuration = generator.logNormal(median: 2.5e6, sigma: 0.1)
        recorder.span("load_config", start: 0, duration: configDuration, thread: "main", parent: nil)
        let begin = configDuration
        for index in 0..<Self.workers { workerClock[index] = begin }

        for contract in 0..<contracts {
            // The earliest free worker takes the next contract.
            let worker = workerClock.indices.min { workerClock[$0] < workerClock[$1] }!
            let thread = "worker-\(worker)"
            var clock = workerClock[worker]
            let contractStart = clock
            let root = recorder.reserve()
            var children: [(String, Double, Double, Int?)] = []

            let parse = generator.logNormal(median: 4.0e6, sigma: 0.18)
            children.append(("parse_contract", clock, parse, nil))
            io.append(
                IOOperation(
                    operation: "parse_contract", kind: .read, bytes: (20_000 + generator.unit() * 60_000).rounded(),
                    durationNs: parse * 0.2, startNs: clock, isAsync: true, path: "contracts/c\(contract).yaml"))
            clock += parse
            stageBusy["parse", default: 0] += parse

            for _ in 0..<Self.templatesPerContract {
                // Popular templates are used far more often (a skewed choice).
                let template = Int(Double(Self.templateCount) * pow(generator.unit(), 2.2))
                let hit = cache.lookup("t\(template)")
                var render = generator.logNormal(median: 1.6e6 * renderFactor, sigma: 0.15)
                var compile: Double? = nil
                if !hit {
                    compile = generator.logNormal(median: 1.8e6, sigma: 0.2)
                    render += compile!
                }
                let renderIndex = children.count
                children.append(("render_template", clock, render, nil))
                if let compile {
                    children.append(("compile_template", clock + 0.05e6, compile, renderIndex))
                    cache.missCost += compile
                }
                clock += render
                stageBusy["render", default: 0] += render
            }

            let generate = generator.logNormal(median: 9.0e6, sigma: 0.12)
            children.append(("generate_code", clock, generate, nil))
            clock += generate
            stageBusy["generate", default: 0] += generate

            let validate = generator.logNormal(median: 3.0e6, sigma: 0.1)
            children.append(("validate_code", clock, validate, nil))
            clock += validate
            stageBusy["validate", default: 0] += validate

            let write = generator.logNormal(median: 1.2e6, sigma: 0.25)
            children.append(("write_files", clock, write, nil))
            for file in 0..<3 {
                io.append(
                    IOOperation(
                        operation: "write_files", kind: .write, bytes: (4_000 + generator.unit() * 40_000).rounded(),
                        durationNs: write / 4, startNs: clock + Double(file) * write / 3, isAsync: false,
                        path: "Generated/c\(contract)-\(file).swift"))
            }
            clock += write
            stageBusy["write", default: 0] += write

            recorder.fill(
                root, name: "process_contract", start: contractStart, duration: clock - contractStart, thread: thread,
                parent: nil)
            var childIDs: [Int] = []
            for (name, start, duration, parentChild) in children {
                let parent = parentChild.map { childIDs[$0] } ?? root
                childIDs.append(recorder.span(name, start: start, duration: duration, thread: thread, parent: parent))
            }
            workerClock[worker] = clock
            cache.closeWindowIfNeeded(every: contracts / 6)
        }
        cache.closeWindow()

        let end = workerClock.max() ?? begin
        // Resident memory: a start-up ramp, then a plateau with noise; sampled every 5 ms.
        var t = 0.0
        while t <= end {
            let ramp = min(1, t / (end * 0.3))
            let rss = (82 + 30 * ramp) * 1_048_576 + generator.normal() * 400_000
            memory.append(MemorySample(tNs: t, rssBytes: rss.rounded(), heapBytes: (rss * 0.6).rounded()))
            t += 5e6
        }
        let busy = stageBusy.values.reduce(0, +)
        let parallel = ParallelExecutionStats(
            name: "contracts", concurrencyLimit: Self.workers, cores: 4, tasks: contracts, wallNs: end - begin,
            busyNs: busy,
            stages: stageBusy.keys.sorted().map {
                StageStats(
                    name: $0, tasks: contracts * ($0 == "render" ? Self.templatesPerContract : 1), wallNs: end - begin,
                    busyNs: stageBusy[$0]!)
            },
            workers: (0..<Self.workers).map { WorkerStats(id: "worker-\($0)", tasks: 0, busyNs: 0) })
        var workers = parallel.workers
        for span in recorder.spans where span.name == "process_contract" {
            if let thread = span.thread, let index = workers.firstIndex(where: { $0.id == thread }) {
                workers[index].tasks += 1
                // Summed in floating point, a worker busy throughout could exceed the wall time by a hair.
                workers[index].busyNs = min(workers[index].busyNs + span.durationNs, end - begin)
            }
        }
        var finalParallel = parallel
        finalParallel.workers = workers
        return Profile(
            run: metadata, spans: SpanTable(recorder.spans), memory: MemoryTimeline(samples: memory), io: io,
            caches: [cache.stats(name: "templates")], parallel: [finalParallel])
    }
}

/// Assigns span ids in creation order; a parent's id can be reserved before its children exist.
private struct SpanRecorder {
    var spans: [Span] = []

    mutating func reserve() -> Int {
        spans.append(Span(id: spans.count + 1, name: "", startNs: 0, durationNs: 0))
        return spans.count
    }

    mutating func fill(_ id: Int, name: String, start: Double, duration: Double, thread: String, parent: Int?) {
        spans[id - 1] = Span(
            id: id, name: name, startNs: start.rounded(), durationNs: duration.rounded(), thread: thread, parent: parent
        )
    }

    @discardableResult
    mutating func span(_ name: String, start: Double, duration: Double, thread: String, parent: Int?) -> Int {
        let id = reserve()
        fill(id, name: name, start: start, duration: duration, thread: thread, parent: parent)
        return id
    }
}

/// A least-recently-used cache that only counts: hits, misses, evictions, per-window counters.
private struct LRUCache {
    let capacity: Int
    var order: [String] = []
    var hits = 0
    var misses = 0
    var evictions = 0
    var missCost = 0.0
    var missesByKey: [String: Int] = [:]
    var windows: [CacheWindow] = []
    var windowHits = 0
    var windowMisses = 0
    var lookupsSinceWindow = 0

    init(capacity: Int) {
        self.capacity = capacity
    }

    mutating func lookup(_ key: String) -> Bool {
        lookupsSinceWindow += 1
        if let index = order.firstIndex(of: key) {
            order.remove(at: index)
            order.append(key)
            hits += 1
            windowHits += 1
            return true
        }
        misses += 1
        windowMisses += 1
        missesByKey[key, default: 0] += 1
        if order.count >= capacity {
            order.removeFirst()
            evictions += 1
        }
        order.append(key)
        return false
    }

    mutating func closeWindowIfNeeded(every contracts: Int) {
        // Called once per contract: a window spans `contracts` contracts' lookups.
        if lookupsSinceWindow >= max(1, contracts) * DemoWorkflow.templatesPerContract { closeWindow() }
    }

    mutating func closeWindow() {
        guard windowHits + windowMisses > 0 else { return }
        windows.append(CacheWindow(hits: windowHits, misses: windowMisses))
        windowHits = 0
        windowMisses = 0
        lookupsSinceWindow = 0
    }

    func stats(name: String) -> TemplateCacheStats {
        let hot = missesByKey.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(8).map(
            \.key)
        return TemplateCacheStats(
            name: name, hits: hits, misses: misses, evictions: evictions, size: order.count, capacity: capacity,
            missCostNs: missCost.rounded(), hotMisses: hot.map { "\($0).html" }, windows: windows)
    }
}
