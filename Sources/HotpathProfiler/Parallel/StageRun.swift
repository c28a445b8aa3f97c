import Synchronization

/// One stage's items being worked on: workers take indexes from a shared counter and write
/// each output into its own slot, and their own counters into their own slots, so the only
/// shared writes are the counter, the stop flag and the first error.
///
/// The slots are read only after every worker has finished (a Dispatch group or a task group
/// orders those reads after the writes).
final class StageRun<Input: Sendable, Output: Sendable>: @unchecked Sendable {
    let inputs: [Input]
    let workerCount: Int
    private let next = Atomic<Int>(0)
    private let stopped = Atomic<Bool>(false)
    private let firstError = Mutex<(any Error)?>(nil)
    private let results: UnsafeMutableBufferPointer<Output?>
    /// Per worker: tasks run, busy nanoseconds, first start and last end on the monotonic clock.
    private let workerTasks: UnsafeMutableBufferPointer<Int>
    private let workerBusy: UnsafeMutableBufferPointer<UInt64>
    private let workerFirstStart: UnsafeMutableBufferPointer<UInt64>
    private let workerLastEnd: UnsafeMutableBufferPointer<UInt64>

    init(inputs: [Input], workers: Int) {
        self.inputs = inputs
        self.workerCount = workers
        results = .allocate(capacity: inputs.count)
        results.initialize(repeating: nil)
        workerTasks = .allocate(capacity: workers)
        workerTasks.initialize(repeating: 0)
        workerBusy = .allocate(capacity: workers)
        workerBusy.initialize(repeating: 0)
        workerFirstStart = .allocate(capacity: workers)
        workerFirstStart.initialize(repeating: .max)
        workerLastEnd = .allocate(capacity: workers)
        workerLastEnd.initialize(repeating: 0)
    }

    deinit {
        results.deinitialize().deallocate()
        workerTasks.deallocate()
        workerBusy.deallocate()
        workerFirstStart.deallocate()
        workerLastEnd.deallocate()
    }

    /// Stops workers from taking new items; items already running finish.
    func stop() {
        stopped.store(true, ordering: .relaxed)
    }

    private func fail(_ error: any Error) {
        firstError.withLock { first in
            if first == nil { first = error }
        }
        stop()
    }

    /// The next item's index, or nil when the stage is done or stopped.
    private func take() -> Int? {
        guard !stopped.load(ordering: .relaxed) else { return nil }
        let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
        return index < inputs.count ? index : nil
    }

    private func finished(worker: Int, index: Int, output: Output?, start: UInt64, end: UInt64) {
        if let output { results[index] = output }
        workerTasks[worker] += 1
        workerBusy[worker] += end &- start
        workerFirstStart[worker] = min(workerFirstStart[worker], start)
        workerLastEnd[worker] = max(workerLastEnd[worker], end)
    }

    func work(worker: Int, _ body: (Input) throws -> Output) {
        while let index = take() {
            let start = MonotonicClock.now()
            var output: Output?
            do {
                output = try body(inputs[index])
            } catch {
                fail(error)
            }
            finished(worker: worker, index: index, output: output, start: start, end: MonotonicClock.now())
        }
    }

    func workAsync(worker: Int, _ body: (Input) async throws -> Output) async {
        while !Task.isCancelled, let index = take() {
            let start = MonotonicClock.now()
            var output: Output?
            do {
                output = try await body(inputs[index])
            } catch {
                fail(error)
            }
            finished(worker: worker, index: index, output: output, start: start, end: MonotonicClock.now())
        }
    }

    struct Totals {
        var tasks: Int
        var wallNs: UInt64
        var busyNs: UInt64
        var workerTasks: [Int]
        var workerBusyNs: [UInt64]
    }

    /// What the stage did; call after every worker has finished.
    func totals() -> Totals {
        let first = workerFirstStart.min() ?? .max
        let last = workerLastEnd.max() ?? 0
        return Totals(
            tasks: workerTasks.reduce(0, +), wallNs: last > first ? last - first : 0,
            busyNs: workerBusy.reduce(0, +), workerTasks: Array(workerTasks), workerBusyNs: Array(workerBusy))
    }

    /// The outputs in input order, or the first error; cancellation when the stage was stopped
    /// before every item ran. Call after every worker has finished.
    func outputs() throws -> [Output] {
        if let error = firstError.withLock({ $0 }) { throw error }
        let outputs = results.compactMap { $0 }
        guard outputs.count == inputs.count else { throw CancellationError() }
        return outputs
    }
}
