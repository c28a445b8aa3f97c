import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Maps a collection on all cores, keeping the order. For a handful of large, independent
/// pieces of work (sorting each operation's samples, reading each dump of a history), not for
/// tiny ones.
public enum ParallelMap {
    /// The cores online: how many pieces to cut work into that is split for the cores.
    public static let cores = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

    public static func map<T: Sendable, R>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        guard items.count > 1 else { return items.map(transform) }
        return [R](unsafeUninitializedCapacity: items.count) { buffer, initialized in
            // Each iteration writes only its own slot, so sharing the pointer is safe.
            nonisolated(unsafe) let output = buffer.baseAddress!
            DispatchQueue.concurrentPerform(iterations: items.count) { index in
                (output + index).initialize(to: transform(items[index]))
            }
            initialized = items.count
        }
    }
}
