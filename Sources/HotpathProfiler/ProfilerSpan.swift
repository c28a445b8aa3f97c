extension Profiler {
    /// Starts a span by hand, for code that cannot wrap its work in a closure (callbacks, a
    /// span that begins in one method and ends in another). End it exactly once with `end()`;
    /// a span never ended is not recorded.
    ///
    /// The span's parent is the current span, as with `measure`. Spans begun while it is open
    /// do not nest under it on their own, since no closure scopes it: pass `span.context` as
    /// their `parent:`.
    public func begin(_ name: String) -> ProfilerSpan {
        guard isEnabled else { return ProfilerSpan(profiler: nil, name: name, id: 0, parent: 0, thread: 0, start: 0) }
        let state = ThreadState.current()
        let writer = self.writer(state)
        let parent = inheritedParent(state)
        let id = writer.pointee.nextID()
        return ProfilerSpan(
            profiler: self, name: name, id: id, parent: parent, thread: writer.pointee.thread,
            start: MonotonicClock.now())
    }
}

/// A span begun with `Profiler.begin(_:)`, recorded when it ends.
///
/// Not copyable, so it can be ended only once.
public struct ProfilerSpan: ~Copyable, Sendable {
    let profiler: Profiler?
    let name: String
    let id: Int
    let parent: Int
    let thread: Int32
    let start: UInt64

    init(profiler: Profiler?, name: String, id: Int, parent: Int, thread: Int32, start: UInt64) {
        self.profiler = profiler
        self.name = name
        self.id = id
        self.parent = parent
        self.thread = thread
        self.start = start
    }

    /// The span as a parent for spans begun while it is open (`measure(_:parent:_:)`).
    public var context: SpanContext? {
        profiler.map { SpanContext(profiler: $0.serial, span: id) }
    }

    /// Records the span, ending now, on the calling thread's buffer.
    public consuming func end() {
        let end = MonotonicClock.now()
        guard let profiler else { return }
        profiler.writer(ThreadState.current()).append(
            SpanRecord(name: name, id: id, parent: parent, start: start, end: end, thread: thread))
    }
}
