import Foundation

extension Profiler {
    /// Times `body` as one span named `name`, nested under the span whose body is running.
    ///
    /// The body's value is returned and its error rethrown; a span whose body throws is
    /// recorded too, with an `error` argument naming the error's type. About 60 ns in a release
    /// build (see `Docs/profiler.md`).
    ///
    /// The generic part is inlinable and only brackets the body with two non-generic calls, so
    /// it is specialized in the caller and a disabled profiler costs only the `isEnabled` check.
    @inlinable
    public func measure<T, E: Error>(_ name: String, _ body: () throws(E) -> T) throws(E) -> T {
        guard isEnabled else { return try body() }
        return try measureSync(name, parent: .inherited, body)
    }

    /// Times `body` as one span named `name` under `parent` rather than the current span: for
    /// work handed to other threads, e.g. `DispatchQueue.concurrentPerform`, where neither a
    /// task-local nor the thread-local reaches. A nil `parent` makes the span a root.
    @inlinable
    public func measure<T, E: Error>(_ name: String, parent: SpanContext?, _ body: () throws(E) -> T) throws(E) -> T {
        guard isEnabled else { return try body() }
        return try measureSync(name, parent: .explicit(parent), body)
    }

    /// Times an async `body` as one span named `name`. Tasks the body starts (`async let`, task
    /// groups, `Task {}`) inherit the span as their parent through a task-local.
    ///
    /// A closure with no `await` in it picks the synchronous `measure`, which costs less.
    @inlinable
    public func measure<T, E: Error>(
        _ name: String, isolation: isolated (any Actor)? = #isolation, _ body: () async throws(E) -> T
    ) async throws(E) -> T {
        guard isEnabled else { return try await body() }
        return try await measureAsync(name, parent: .inherited, isolation: isolation, body)
    }

    /// The span new spans on this thread or task would nest under, to hand to code that runs
    /// elsewhere (see `measure(_:parent:_:)`); nil outside any span of this profiler.
    public var currentSpanContext: SpanContext? {
        guard isEnabled else { return nil }
        let parent = inheritedParent(ThreadState.current())
        return parent == 0 ? nil : SpanContext(profiler: serial, span: parent)
    }

    // MARK: - The hot path

    /// Where a new span's parent comes from.
    @usableFromInline
    enum ParentChoice {
        /// The innermost span running on this thread or task.
        case inherited
        /// This span, or the root when nil or another profiler's.
        case explicit(SpanContext?)
    }

    /// A span that has begun: what its end needs to record it.
    @usableFromInline
    struct OpenSpan {
        let id: Int
        let parent: Int
        let thread: Int32
        let start: UInt64
        /// The thread's innermost synchronous span before this one, restored at the end.
        let outerProfiler: UInt64
        let outerSpan: Int

        /// The span as the task-local parent of what its async body starts.
        @usableFromInline
        let context: SpanContext
    }

    @inlinable
    func measureSync<T, E: Error>(_ name: String, parent: ParentChoice, _ body: () throws(E) -> T) throws(E) -> T {
        let span = beginSync(parent: parent)
        let value: T
        do {
            value = try body()
        } catch {
            endSync(name, span, error: error)
            throw error
        }
        endSync(name, span, error: nil)
        return value
    }

    /// Begins a synchronous span: it becomes the thread's innermost span until `endSync`.
    @usableFromInline
    func beginSync(parent choice: ParentChoice) -> OpenSpan {
        let state = ThreadState.current()
        let writer = self.writer(state)
        let span = open(state: state, writer: writer, parent: choice)
        state.pointee.syncProfiler = serial
        state.pointee.syncSpan = span.id
        return span
    }

    @usableFromInline
    func endSync(_ name: String, _ span: OpenSpan, error: (any Error)?) {
        let end = MonotonicClock.now()
        let state = ThreadState.current()
        state.pointee.syncProfiler = span.outerProfiler
        state.pointee.syncSpan = span.outerSpan
        if let error { recordFailure(id: span.id, error: error) }
        writer(state).append(
            SpanRecord(name: name, id: span.id, parent: span.parent, start: span.start, end: end, thread: span.thread))
    }

    @inlinable
    func measureAsync<T, E: Error>(
        _ name: String, parent: ParentChoice, isolation: isolated (any Actor)?, _ body: () async throws(E) -> T
    ) async throws(E) -> T {
        let span = beginAsync(parent: parent)
        let result: Result<T, E> = await SpanContext.current.withValue(
            span.context,
            operation: { () async -> Result<T, E> in
                do throws(E) {
                    return .success(try await body())
                } catch {
                    return .failure(error)
                }
            }, isolation: isolation)
        switch result {
        case .success(let value):
            endAsync(name, span, error: nil)
            return value
        case .failure(let error):
            endAsync(name, span, error: error)
            throw error
        }
    }

    /// Begins an async span: its body sees it through the task-local `span.context`.
    @usableFromInline
    func beginAsync(parent choice: ParentChoice) -> OpenSpan {
        let state = ThreadState.current()
        return open(state: state, writer: writer(state), parent: choice)
    }

    /// Ends an async span on whatever thread the task resumed on, into that thread's buffer.
    @usableFromInline
    func endAsync(_ name: String, _ span: OpenSpan, error: (any Error)?) {
        let end = MonotonicClock.now()
        if let error { recordFailure(id: span.id, error: error) }
        writer(ThreadState.current()).append(
            SpanRecord(name: name, id: span.id, parent: span.parent, start: span.start, end: end, thread: span.thread))
    }

    @inline(__always)
    func open(
        state: UnsafeMutablePointer<ThreadState>, writer: UnsafeMutablePointer<SpanWriter>, parent choice: ParentChoice
    ) -> OpenSpan {
        let parent: Int
        switch choice {
        case .inherited: parent = inheritedParent(state)
        case .explicit(let context): parent = context?.profiler == serial ? context?.span ?? 0 : 0
        }
        let id = writer.pointee.nextID()
        return OpenSpan(
            id: id, parent: parent, thread: writer.pointee.thread, start: MonotonicClock.now(),
            outerProfiler: state.pointee.syncProfiler, outerSpan: state.pointee.syncSpan,
            context: SpanContext(profiler: serial, span: id))
    }

    /// This profiler's writer for the calling thread.
    @inline(__always)
    func writer(_ state: UnsafeMutablePointer<ThreadState>) -> UnsafeMutablePointer<SpanWriter> {
        if state.pointee.cachedProfiler == serial, let writer = state.pointee.cachedWriter {
            return writer
        }
        return switchWriter(state)
    }

    @inline(never)
    func switchWriter(_ state: UnsafeMutablePointer<ThreadState>) -> UnsafeMutablePointer<SpanWriter> {
        let writer: UnsafeMutablePointer<SpanWriter>
        if let known = state.pointee.writers[serial] {
            writer = known
        } else {
            if state.pointee.writers.count >= ThreadState.rememberedProfilers {
                state.pointee.writers.removeAll()
            }
            let isMain = Thread.isMainThread
            writer = buffers.withLock { buffers in
                let buffer = SpanBuffer(index: Int32(buffers.count), isMainThread: isMain)
                buffers.append(buffer)
                return buffer.writer
            }
            state.pointee.writers[serial] = writer
        }
        state.pointee.cachedProfiler = serial
        state.pointee.cachedWriter = writer
        return writer
    }

    /// The raw id of the span new spans nest under: the innermost synchronous span on this
    /// thread, else the task-local's span, else 0 (a root).
    @inline(__always)
    func inheritedParent(_ state: UnsafeMutablePointer<ThreadState>) -> Int {
        if state.pointee.syncProfiler == serial { return state.pointee.syncSpan }
        if let context = SpanContext.current.get(), context.profiler == serial { return context.span }
        return 0
    }

    func recordFailure(id: Int, error: any Error) {
        let typeName = String(describing: type(of: error))
        failures.withLock { $0[id] = typeName }
    }
}
