import Foundation

extension Profiler {
    /// Times `body` as one span named `name`, nested under the span whose body is running.
    ///
    /// The body's value is returned and its error rethrown; a span whose body throws is
    /// recorded too, with an `error` argument naming the error's type. About 80 ns in a release
    /// build (see `Docs/profiler.md`). Inlinable so that a disabled profiler costs only the check.
    @inlinable
    public func measure<T, E: Error>(_ name: String, _ body: () throws(E) -> T) throws(E) -> T {
        guard isEnabled else { return try body() }
        return try measureSync(name, parent: nil, body)
    }

    /// Times `body` as one span named `name` under `parent` rather than the current span: for
    /// work handed to other threads, e.g. `DispatchQueue.concurrentPerform`, where neither a
    /// task-local nor the thread-local reaches. A nil `parent` makes the span a root.
    public func measure<T, E: Error>(_ name: String, parent: SpanContext?, _ body: () throws(E) -> T) throws(E) -> T {
        guard isEnabled else { return try body() }
        let explicit = parent.flatMap { $0.profiler == serial ? $0.span : nil } ?? 0
        return try measureSync(name, parent: explicit, body)
    }

    /// Times an async `body` as one span named `name`. Tasks the body starts (`async let`, task
    /// groups, `Task {}`) inherit the span as their parent through a task-local.
    @inlinable
    public func measure<T, E: Error>(
        _ name: String, isolation: isolated (any Actor)? = #isolation, _ body: () async throws(E) -> T
    ) async throws(E) -> T {
        guard isEnabled else { return try await body() }
        return try await measureAsync(name, parent: nil, isolation: isolation, body)
    }

    /// The span new spans on this thread or task would nest under, to hand to code that runs
    /// elsewhere (see `measure(_:parent:_:)`); nil outside any span of this profiler.
    public var currentSpanContext: SpanContext? {
        guard isEnabled else { return nil }
        let parent = inheritedParent(ThreadState.current())
        return parent == 0 ? nil : SpanContext(profiler: serial, span: parent)
    }

    // MARK: - The hot path

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
        if let context = SpanContext.current, context.profiler == serial { return context.span }
        return 0
    }

    /// - Parameter parent: the raw parent id to use, or nil to inherit it.
    @usableFromInline
    func measureSync<T, E: Error>(_ name: String, parent: Int?, _ body: () throws(E) -> T) throws(E) -> T {
        let state = ThreadState.current()
        let writer = self.writer(state)
        let parent = parent ?? inheritedParent(state)
        let id = writer.pointee.nextID()
        let outerProfiler = state.pointee.syncProfiler
        let outerSpan = state.pointee.syncSpan
        state.pointee.syncProfiler = serial
        state.pointee.syncSpan = id
        let start = MonotonicClock.now()
        let value: T
        do {
            value = try body()
        } catch {
            let end = MonotonicClock.now()
            state.pointee.syncProfiler = outerProfiler
            state.pointee.syncSpan = outerSpan
            recordFailure(id: id, error: error)
            writer.append(
                SpanRecord(name: name, id: id, parent: parent, start: start, end: end, thread: writer.pointee.thread))
            throw error
        }
        let end = MonotonicClock.now()
        state.pointee.syncProfiler = outerProfiler
        state.pointee.syncSpan = outerSpan
        writer.append(SpanRecord(name: name, id: id, parent: parent, start: start, end: end, thread: writer.pointee.thread))
        return value
    }

    /// - Parameter parent: the raw parent id to use, or nil to inherit it.
    @usableFromInline
    func measureAsync<T, E: Error>(
        _ name: String, parent: Int?, isolation: isolated (any Actor)?, _ body: () async throws(E) -> T
    ) async throws(E) -> T {
        let state = ThreadState.current()
        let beginWriter = writer(state)
        let parent = parent ?? inheritedParent(state)
        let id = beginWriter.pointee.nextID()
        let thread = beginWriter.pointee.thread
        let start = MonotonicClock.now()
        let result: Result<T, E> = await SpanContext.$current.withValue(
            SpanContext(profiler: serial, span: id),
            operation: { () async -> Result<T, E> in
                do throws(E) {
                    return .success(try await body())
                } catch {
                    return .failure(error)
                }
            }, isolation: isolation)
        let end = MonotonicClock.now()
        // The task may have resumed on another thread: append to that thread's buffer.
        let endWriter = writer(ThreadState.current())
        if case .failure(let error) = result { recordFailure(id: id, error: error) }
        endWriter.append(SpanRecord(name: name, id: id, parent: parent, start: start, end: end, thread: thread))
        return try result.get()
    }

    func recordFailure(id: Int, error: any Error) {
        let typeName = String(describing: type(of: error))
        failures.withLock { $0[id] = typeName }
    }
}
