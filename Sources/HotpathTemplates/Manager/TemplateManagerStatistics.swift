/// What the manager's cache has done since it was made.
///
/// A lookup is one request for a compiled template by name: one per `render` call, plus one per
/// distinct partial or layout it uses (a partial included 10,000 times in one render is looked
/// up once), plus one per template `preload` compiles.
public struct TemplateManagerStatistics: Sendable, Equatable, CustomStringConvertible {
    public var lookups: Int
    /// Lookups answered from the cache.
    public var hits: Int
    /// Lookups that compiled the template (or found no source for it).
    public var misses: Int
    /// Templates dropped to stay within `capacity`, least recently used first.
    public var evictions: Int
    /// Total time spent lexing and parsing, in nanoseconds.
    public var compileTimeNanoseconds: UInt64
    /// Templates in the cache now.
    public var cachedCount: Int
    /// The most templates the cache keeps; `nil` for no limit.
    public var capacity: Int?

    /// `hits / lookups`, 0 before the first lookup.
    public var hitRate: Double {
        lookups == 0 ? 0 : Double(hits) / Double(lookups)
    }

    public var description: String {
        let rate = NumberFormatting.fixed(hitRate * 100, decimals: 1)
        let compileMilliseconds = NumberFormatting.fixed(Double(compileTimeNanoseconds) / 1e6, decimals: 2)
        return
            "\(lookups) lookups, \(hits) hits, \(misses) misses (\(rate)% hit rate), \(evictions) evictions, \(cachedCount) cached of \(capacity.map(String.init) ?? "unbounded"), \(compileMilliseconds) ms compiling"
    }
}
