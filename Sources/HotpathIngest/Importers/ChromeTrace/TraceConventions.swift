import HotpathModel

/// What an event's category asks for under Hotpath's conventions (see `Docs/formats.md`):
/// `cat` holding the token `cache` marks cache lookups, the token `io` marks I/O operations.
/// Categories are comma-separated lists (`"disabled-by-default-foo,io"`); tokens compare
/// case-insensitively.
enum TraceCategoryRole: Equatable {
    case plain
    case cache
    case io

    init(category: String) {
        let tokens = category.lowercased().split(separator: ",").map { String($0).trimmingSpaces }
        if tokens.contains("cache") {
            self = .cache
        } else if tokens.contains("io") {
            self = .io
        } else {
            self = .plain
        }
    }
}

/// Counter (`C`) events that look like memory become memory samples; the rest are counted.
///
/// A counter is memory-like when its name or one of its series names contains `rss`,
/// `resident`, `heap`, `mem` or `bytes` (case-insensitive). Its `rss_bytes` is the series named
/// like `rss`/`resident`, else the counter's total (all series summed, as trace viewers stack
/// them); its `heap_bytes` is the series named like `heap`, else the total when the counter's
/// own name says heap. Values are taken as bytes.
struct TraceCounters {
    var samples: [(timestamp: Double, rss: Double, heap: Double?)] = []
    /// Counter names that were not memory-like, with how many events each had.
    var otherCounters: [String: Int] = [:]
    var otherEvents = 0

    static func isMemoryLike(_ text: String) -> Bool {
        let lower = text.lowercased()
        return ["rss", "resident", "heap", "mem", "bytes"].contains { lower.contains($0) }
    }

    mutating func add(name: String, timestamp: Double, args: JSONValue?) {
        var series: [(key: String, value: Double)] = []
        for member in args?.object?.members ?? [] {
            if let value = member.value.number, value.isFinite { series.append((member.key, value)) }
        }
        guard !series.isEmpty, Self.isMemoryLike(name) || series.contains(where: { Self.isMemoryLike($0.key) }) else {
            otherEvents += 1
            otherCounters[name, default: 0] += 1
            return
        }
        let total = series.reduce(0) { $0 + $1.value }
        let lowerName = name.lowercased()
        let rss =
            series.first { ["rss", "resident"].contains(where: $0.key.lowercased().contains) }?.value ?? total
        let heap =
            series.first { $0.key.lowercased().contains("heap") }?.value ?? (lowerName.contains("heap") ? total : nil)
        samples.append((timestamp, max(0, rss), heap.map { max(0, $0) }))
    }
}

/// Cache lookups and I/O operations found through the category conventions.
///
/// Cache: an event whose category has the token `cache` and whose `args.hit` is a boolean (or
/// 0/1) counts one lookup of the cache named by `args.cache` (else the event's name). A miss
/// that is a complete event adds its duration to the miss cost; `args.key` names the entry
/// (the most-missed keys become `hot_misses`); `args.evicted: true` counts an eviction;
/// `args.size` and `args.capacity` (last seen) are the cache's size and capacity.
///
/// I/O: an event whose category has the token `io` and whose `args.bytes` is a number is one
/// operation of that many bytes, with the event's duration (zero for instants); `args.kind`
/// (or `args.op`) is `read`, `write`, `open`, `close` or `network` (else guessed from the
/// name, else `other`); `args.async: true` marks it asynchronous; `args.path` (or `args.file`)
/// names what was accessed.
struct TraceResourceEvents {
    struct CacheTally {
        var hits = 0
        var misses = 0
        var evictions = 0
        var missCost = 0.0
        var sawMissCost = false
        var size: Int?
        var capacity: Int?
        var missedKeys: [String: Int] = [:]
        /// (timestamp µs, hit) per lookup, for windows.
        var lookups: [(Double, Bool)] = []
    }

    var caches: [String: CacheTally] = [:]
    var cacheOrder: [String] = []
    var io:
        [(
            name: String, timestamp: Double, duration: Double, bytes: Double, kind: IOOperation.Kind, isAsync: Bool,
            path: String?
        )] = []
    /// Events in a convention category that lacked the required argument.
    var incomplete = 0

    mutating func addCacheLookup(name: String, timestamp: Double, duration: Double, args: JSONValue) {
        let hitValue = args["hit"]
        let hit: Bool
        if let flag = hitValue?.bool {
            hit = flag
        } else if let number = hitValue?.number, number == 0 || number == 1 {
            hit = number == 1
        } else {
            incomplete += 1
            return
        }
        let cacheName = args["cache"]?.string ?? name
        if caches[cacheName] == nil { cacheOrder.append(cacheName) }
        var tally = caches[cacheName] ?? CacheTally()
        if hit {
            tally.hits += 1
        } else {
            tally.misses += 1
            if duration > 0 {
                tally.missCost += duration
                tally.sawMissCost = true
            }
            if let key = args["key"].flatMap({ JSONNode($0).scalarText }) { tally.missedKeys[key, default: 0] += 1 }
        }
        if args["evicted"]?.bool == true { tally.evictions += 1 }
        if let size = args["size"]?.number, size >= 0, size < 1e15 { tally.size = Int(size) }
        if let capacity = args["capacity"]?.number, capacity >= 0, capacity < 1e15 { tally.capacity = Int(capacity) }
        tally.lookups.append((timestamp, hit))
        caches[cacheName] = tally
    }

    mutating func addIO(name: String, timestamp: Double, duration: Double, args: JSONValue) {
        guard let bytes = args["bytes"]?.number, bytes.isFinite, bytes >= 0 else {
            incomplete += 1
            return
        }
        let kindText = (args["kind"]?.string ?? args["op"]?.string ?? name).lowercased()
        let kind: IOOperation.Kind =
            if let exact = IOOperation.Kind(rawValue: kindText) {
                exact
            } else if kindText.contains("read") {
                .read
            } else if kindText.contains("write") {
                .write
            } else if kindText.contains("open") {
                .open
            } else if kindText.contains("close") {
                .close
            } else if kindText.contains("net") || kindText.contains("socket") || kindText.contains("http") {
                .network
            } else {
                .other
            }
        io.append(
            (
                name, timestamp, duration, bytes, kind, args["async"]?.bool ?? false,
                args["path"]?.string ?? args["file"]?.string
            ))
    }

    /// Hotpath's cache statistics, windows splitting each cache's lookups into ten equal spans of time.
    func cacheStats() -> [TemplateCacheStats] {
        cacheOrder.compactMap { name -> TemplateCacheStats? in
            guard let tally = caches[name] else { return nil }
            let hotMisses = tally.missedKeys.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .prefix(10).map(\.key)
            return TemplateCacheStats(
                name: name, hits: tally.hits, misses: tally.misses, evictions: tally.evictions, size: tally.size,
                capacity: tally.capacity, missCostNs: tally.sawMissCost ? tally.missCost * 1000 : nil,
                hotMisses: hotMisses,
                windows: Self.windows(tally.lookups))
        }
    }

    static func windows(_ lookups: [(Double, Bool)], count: Int = 10) -> [CacheWindow] {
        guard lookups.count >= count, let first = lookups.map(\.0).min(), let last = lookups.map(\.0).max(),
            last > first
        else { return [] }
        var windows = [CacheWindow](repeating: CacheWindow(hits: 0, misses: 0), count: count)
        let width = (last - first) / Double(count)
        for (time, hit) in lookups {
            let index = min(count - 1, Int((time - first) / width))
            if hit { windows[index].hits += 1 } else { windows[index].misses += 1 }
        }
        return windows
    }
}
