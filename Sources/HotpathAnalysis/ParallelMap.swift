import Dispatch

/// Maps a collection on all cores, keeping the order. For a handful of large, independent
/// pieces of work (sorting each operation's samples, reading each dump of a history), not for
/// tiny ones.
public enum ParallelMap {
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
