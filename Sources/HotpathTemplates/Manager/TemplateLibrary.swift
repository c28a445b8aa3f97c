/// The sources, the filters and the cache of compiled templates, shared by every copy of a
/// `TemplateManager` and every thread rendering with it.
///
/// The cache is least-recently-used with an optional capacity. Compiling happens outside the
/// lock, so two threads missing the same template may both compile it; the first to finish is
/// kept, and both count as misses.
final class TemplateLibrary: Sendable {
    let sources: [String: String]
    let filters: TemplateFilterRegistry
    let capacity: Int?
    let sourceNames: [String]

    private struct Entry {
        var template: Template
        var lastUse: UInt64
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var clock: UInt64 = 0
        var lookups = 0
        var hits = 0
        var misses = 0
        var evictions = 0
        var compileTimeNanoseconds: UInt64 = 0
        /// The size of each page's last output, to size the next render's buffer in one go.
        var outputSizes: [String: Int] = [:]
    }

    private let state = Locked(State())

    init(sources: [String: String], filters: TemplateFilterRegistry, capacity: Int?) {
        self.sources = sources
        self.filters = filters
        self.capacity = capacity.map { max(1, $0) }
        self.sourceNames = sources.keys.sorted()
    }

    /// The compiled template named `name`, compiling it on a miss; `nil` when there is no such
    /// source. Throws the compile error of a template that does not compile.
    func template(named name: String) throws -> Template? {
        let cached: Template? = state.withLock { state in
            state.lookups += 1
            state.clock += 1
            if let entry = state.entries[name] {
                state.hits += 1
                state.entries[name]?.lastUse = state.clock
                return entry.template
            }
            state.misses += 1
            return nil
        }
        if let cached { return cached }
        guard let text = sources[name] else { return nil }

        let clock = ContinuousClock()
        let start = clock.now
        let result = Result { try Template.compile(name: name, text: text, filters: filters) }
        let elapsed = clock.now - start
        let nanoseconds =
            UInt64(max(0, elapsed.components.seconds)) * 1_000_000_000
            + UInt64(max(0, elapsed.components.attoseconds / 1_000_000_000))

        return try state.withLock { state in
            state.compileTimeNanoseconds += nanoseconds
            let template = try result.get()
            state.clock += 1
            if let existing = state.entries[name] {
                state.entries[name]?.lastUse = state.clock
                return existing.template
            }
            state.entries[name] = Entry(template: template, lastUse: state.clock)
            if let capacity {
                while state.entries.count > capacity {
                    // The least recently used other entry: a scan, as n is a site's template count.
                    var victim: (name: String, lastUse: UInt64)?
                    for (key, entry) in state.entries where key != name && entry.lastUse < (victim?.lastUse ?? .max) {
                        victim = (key, entry.lastUse)
                    }
                    guard let victim else { break }
                    state.entries[victim.name] = nil
                    state.evictions += 1
                }
            }
            return template
        }
    }

    func outputSize(for name: String) -> Int? {
        state.withLock { $0.outputSizes[name] }
    }

    func recordOutputSize(_ size: Int, for name: String) {
        state.withLock { $0.outputSizes[name] = size }
    }

    var statistics: TemplateManagerStatistics {
        state.withLock { state in
            TemplateManagerStatistics(
                lookups: state.lookups, hits: state.hits, misses: state.misses, evictions: state.evictions,
                compileTimeNanoseconds: state.compileTimeNanoseconds, cachedCount: state.entries.count,
                capacity: capacity)
        }
    }

    func isCached(_ name: String) -> Bool {
        state.withLock { $0.entries[name] != nil }
    }
}
