/// One finished span as the hot path stores it: no formatting, no allocation beyond the name.
///
/// Ids are raw here: the recording thread's index in the high bits and a per-thread counter in
/// the low bits, so no two threads ever need to agree on a number. `snapshot()` renumbers them
/// densely in start order.
struct SpanRecord {
    var name: String
    var id: Int
    /// The enclosing span's raw id, or 0 for a root.
    var parent: Int
    /// Monotonic clock readings in nanoseconds.
    var start: UInt64
    var end: UInt64
    /// The index of the buffer of the thread the span began on: its `thread` label.
    var thread: Int32
}

enum RawSpanID {
    /// Bits left for the per-thread counter: about 10^12 spans per thread.
    static let counterBits = 40

    @inline(__always)
    static func make(thread: Int32, counter: Int) -> Int {
        (Int(thread) + 1) << counterBits | counter
    }
}
