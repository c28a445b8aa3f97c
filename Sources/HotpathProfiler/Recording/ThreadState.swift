#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What one OS thread knows about profiling, reached through one process-wide pthread key.
///
/// It holds plain memory rather than an object so that reading it costs a `pthread_getspecific`
/// (about 3 ns) and no reference counting.
struct ThreadState {
    /// The profiler this thread recorded for last, and its writer: the common case is one profiler.
    var cachedProfiler: UInt64 = 0
    var cachedWriter: UnsafeMutablePointer<SpanWriter>?
    /// Writers of other profilers this thread has recorded for. Serials are never reused, so a
    /// stale entry is only ever looked up for a profiler that is alive.
    var writers: [UInt64: UnsafeMutablePointer<SpanWriter>] = [:]
    /// The innermost synchronous span running on this thread, and its profiler.
    ///
    /// A synchronous body cannot suspend, so while it runs nothing else runs on its thread and a
    /// thread-local is as good as a task-local for its children, at a fraction of the cost of
    /// binding one (about 3 ns against about 60 ns).
    var syncProfiler: UInt64 = 0
    var syncSpan: Int = 0

    /// The state of the calling thread, created on first use and freed when the thread exits.
    @inline(__always)
    static func current() -> UnsafeMutablePointer<ThreadState> {
        if let raw = pthread_getspecific(threadStateKey) {
            return raw.assumingMemoryBound(to: ThreadState.self)
        }
        return makeCurrent()
    }

    @inline(never)
    static func makeCurrent() -> UnsafeMutablePointer<ThreadState> {
        let state = CacheLines.allocate(ThreadState.self)
        state.initialize(to: ThreadState())
        pthread_setspecific(threadStateKey, state)
        return state
    }

    /// How many profilers a thread remembers before it forgets them all; a forgotten profiler
    /// that is still alive simply gets a second buffer for this thread.
    static let rememberedProfilers = 64
}

private func releaseThreadState(_ raw: UnsafeMutableRawPointer) {
    let state = raw.assumingMemoryBound(to: ThreadState.self)
    state.deinitialize(count: 1)
    CacheLines.deallocate(state)
}

let threadStateKey: pthread_key_t = {
    var key = pthread_key_t()
    #if canImport(Darwin)
        let result = pthread_key_create(&key) { releaseThreadState($0) }
    #else
        let result = pthread_key_create(&key) { raw in
            if let raw { releaseThreadState(raw) }
        }
    #endif
    precondition(result == 0, "pthread_key_create failed: the process is out of thread-local keys")
    return key
}()
