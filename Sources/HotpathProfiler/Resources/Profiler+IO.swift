import HotpathModel

/// One I/O operation as recorded; `snapshot()` resolves the enclosing span's name.
struct IORecord {
    var kind: IOOperation.Kind
    var bytes: Double
    var durationNs: Double
    /// Monotonic clock at the operation's start.
    var start: UInt64
    var isAsync: Bool
    var operation: String?
    var path: String?
    /// The raw id of the span the operation happened in, or 0.
    var span: Int
}

extension Profiler {
    /// Records one I/O operation that took `duration` and moved `bytes`. Without `operation`,
    /// the dump names the span the call is made in.
    public func recordIO(
        kind: IOOperation.Kind, bytes: Int, duration: Duration, isAsync: Bool = false, operation: String? = nil,
        path: String? = nil
    ) {
        guard isEnabled, options.recordsIO else { return }
        let durationNs = max(0, duration.nanoseconds)
        let end = MonotonicClock.now()
        let start = end &- UInt64(min(durationNs, Double(end &- runStart)))
        appendIO(
            kind: kind, bytes: bytes, durationNs: durationNs, start: start, isAsync: isAsync, operation: operation,
            path: path)
    }

    /// Times `body` as one I/O operation; `bytes` tells from the body's value how many bytes it moved.
    ///
    /// ```swift
    /// let data = try profiler.measureIO(.read, path: path, bytes: \.count) { try Data(contentsOf: url) }
    /// ```
    public func measureIO<T, E: Error>(
        _ kind: IOOperation.Kind, operation: String? = nil, path: String? = nil, bytes: (T) -> Int,
        _ body: () throws(E) -> T
    ) throws(E) -> T {
        guard isEnabled, options.recordsIO else { return try body() }
        let start = MonotonicClock.now()
        let value = try body()
        let end = MonotonicClock.now()
        appendIO(
            kind: kind, bytes: bytes(value), durationNs: Double(end &- start), start: start, isAsync: false,
            operation: operation, path: path)
        return value
    }

    /// Times an async `body` as one asynchronous I/O operation.
    public func measureIO<T, E: Error>(
        _ kind: IOOperation.Kind, operation: String? = nil, path: String? = nil, bytes: (T) -> Int,
        isolation: isolated (any Actor)? = #isolation, _ body: () async throws(E) -> T
    ) async throws(E) -> T {
        guard isEnabled, options.recordsIO else { return try await body() }
        let start = MonotonicClock.now()
        let value = try await body()
        let end = MonotonicClock.now()
        appendIO(
            kind: kind, bytes: bytes(value), durationNs: Double(end &- start), start: start, isAsync: true,
            operation: operation, path: path)
        return value
    }

    private func appendIO(
        kind: IOOperation.Kind, bytes: Int, durationNs: Double, start: UInt64, isAsync: Bool, operation: String?,
        path: String?
    ) {
        let span = operation == nil ? inheritedParent(ThreadState.current()) : 0
        let record = IORecord(
            kind: kind, bytes: Double(max(0, bytes)), durationNs: durationNs, start: start, isAsync: isAsync,
            operation: operation, path: path, span: span)
        io.withLock { $0.append(record) }
    }
}
