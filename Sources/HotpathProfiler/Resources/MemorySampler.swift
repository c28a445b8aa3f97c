import Dispatch

/// A background timer that samples memory until cancelled.
final class MemorySampler: @unchecked Sendable {
    // Touched only in init and cancel(), which Dispatch makes thread-safe.
    private let timer: DispatchSourceTimer

    init(every interval: Duration, _ sample: @escaping @Sendable () -> Void) {
        let (seconds, attoseconds) = interval.components
        let nanoseconds = max(1_000_000, Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "hotpath.profiler.memory-sampler"))
        timer.schedule(
            deadline: .now() + .nanoseconds(nanoseconds), repeating: .nanoseconds(nanoseconds),
            leeway: .nanoseconds(nanoseconds / 10))
        timer.setEventHandler(handler: sample)
        timer.resume()
    }

    func cancel() {
        timer.cancel()
    }
}
