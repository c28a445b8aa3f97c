import Dispatch
import Foundation
import HotpathModel
import Synchronization

/// Runs the items of a stage in parallel, at most `concurrencyLimit` at a time, and keeps
/// statistics over all its stages: the seed system's staged executor.
///
/// ```swift
/// let executor = StagedParallelExecutor(name: "site", concurrencyLimit: ProcessInfo.processInfo.activeProcessorCount)
/// let pages = try await executor.run(stage: "render", documents) { document in try render(document) }
/// let reports = try await executor.run(stage: "validate", pages) { page in try validate(page) }
/// profiler.recordParallelExecution(executor.statistics)
/// ```
///
/// A stage's items run on `min(concurrencyLimit, items)` workers that each take the next item
/// until none is left; results come back in input order. The first error stops workers from
/// taking new items and is rethrown once the items already running have finished; so is
/// cancellation of the calling task.
///
/// **Synchronous bodies** run on Dispatch's global threads, not on the cooperative pool: each
/// call runs from start to end on one thread without suspending, which code with per-thread
/// state needs (libxml2's error handler is per thread), and long CPU-bound work does not starve
/// the tasks of the rest of the program. **Async bodies** run as child tasks and may suspend.
///
/// With a `profiler`, each stage is a span named after the stage, under the caller's span, and
/// each item a span named `<stage>.item` under it; after each stage the executor's statistics
/// are recorded in the profiler (replacing the previous ones).
public final class StagedParallelExecutor: Sendable {
    public let name: String
    /// At least 1.
    public let concurrencyLimit: Int
    public let profiler: Profiler?
    private let accumulated: Mutex<Accumulated>

    public init(
        name: String, concurrencyLimit: Int = ProcessInfo.processInfo.activeProcessorCount, profiler: Profiler? = nil
    ) {
        self.name = name
        self.concurrencyLimit = max(1, concurrencyLimit)
        self.profiler = profiler
        self.accumulated = Mutex(Accumulated(workers: max(1, concurrencyLimit)))
    }

    /// Statistics over every stage run so far. `wall_ns` is the sum of the stages' wall times,
    /// each from its first item's start to its last item's end, so time between stages is not
    /// counted as idle; `busy_ns` is the summed time bodies ran.
    public var statistics: ParallelExecutionStats {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        return accumulated.withLock { state in
            ParallelExecutionStats(
                name: name, concurrencyLimit: concurrencyLimit, cores: max(1, cores), tasks: state.tasks,
                wallNs: Double(state.wallNs), busyNs: Double(state.busyNs),
                stages: state.stages.map {
                    StageStats(name: $0.name, tasks: $0.tasks, wallNs: Double($0.wallNs), busyNs: Double($0.busyNs))
                },
                workers: (0..<state.workersUsed).map {
                    WorkerStats(
                        id: "worker-\($0 + 1)", tasks: state.workerTasks[$0], busyNs: Double(state.workerBusyNs[$0]))
                })
        }
    }

    /// Runs a synchronous `body` over `inputs`, at most `concurrencyLimit` at a time, each call
    /// on one thread from start to end. Returns the outputs in input order.
    public func run<Input: Sendable, Output: Sendable>(
        stage: String, _ inputs: [Input], _ body: @escaping @Sendable (Input) throws -> Output
    ) async throws -> [Output] {
        try await measuredStage(stage) { parent in
            let run = StageRun<Input, Output>(inputs: inputs, workers: min(concurrencyLimit, inputs.count))
            let itemName = "\(stage).item"
            let profiler = self.profiler
            await withTaskCancellationHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    let group = DispatchGroup()
                    for worker in 0..<run.workerCount {
                        DispatchQueue.global().async(group: group) {
                            run.work(worker: worker) { input in
                                guard let profiler else { return try body(input) }
                                return try profiler.measure(itemName, parent: parent) { try body(input) }
                            }
                        }
                    }
                    group.notify(queue: .global()) { continuation.resume() }
                }
            } onCancel: {
                run.stop()
            }
            return run
        }
    }

    /// Runs an async `body` over `inputs` as child tasks, at most `concurrencyLimit` at a time.
    /// Returns the outputs in input order.
    public func run<Input: Sendable, Output: Sendable>(
        stage: String, _ inputs: [Input], _ body: @escaping @Sendable (Input) async throws -> Output
    ) async throws -> [Output] {
        try await measuredStage(stage) { _ in
            let run = StageRun<Input, Output>(inputs: inputs, workers: min(concurrencyLimit, inputs.count))
            let itemName = "\(stage).item"
            let profiler = self.profiler
            await withTaskGroup(of: Void.self) { group in
                for worker in 0..<run.workerCount {
                    group.addTask {
                        await run.workAsync(worker: worker) { input in
                            guard let profiler else { return try await body(input) }
                            return try await profiler.measure(itemName) { try await body(input) }
                        }
                    }
                }
            }
            return run
        }
    }

    /// Runs one stage inside its span (with a profiler), then adds its numbers to the
    /// statistics and returns its outputs or its first error.
    private func measuredStage<Input, Output>(
        _ stage: String, _ execute: (SpanContext?) async -> StageRun<Input, Output>
    ) async throws -> [Output] {
        let run: StageRun<Input, Output>
        if let profiler, profiler.isEnabled {
            run = await profiler.measure(stage) { await execute(profiler.currentSpanContext) }
        } else {
            run = await execute(nil)
        }
        accumulate(stage: stage, run)
        if let profiler { profiler.recordParallelExecution(statistics) }
        return try run.outputs()
    }

    private func accumulate<Input, Output>(stage: String, _ run: StageRun<Input, Output>) {
        let totals = run.totals()
        accumulated.withLock { state in
            state.tasks += totals.tasks
            state.wallNs += totals.wallNs
            state.busyNs += totals.busyNs
            state.workersUsed = max(state.workersUsed, run.workerCount)
            for worker in 0..<run.workerCount {
                state.workerTasks[worker] += totals.workerTasks[worker]
                state.workerBusyNs[worker] += totals.workerBusyNs[worker]
            }
            if let index = state.stages.firstIndex(where: { $0.name == stage }) {
                state.stages[index].tasks += totals.tasks
                state.stages[index].wallNs += totals.wallNs
                state.stages[index].busyNs += totals.busyNs
            } else {
                state.stages.append(
                    Accumulated.Stage(name: stage, tasks: totals.tasks, wallNs: totals.wallNs, busyNs: totals.busyNs))
            }
        }
    }

    private struct Accumulated {
        struct Stage {
            var name: String
            var tasks: Int
            var wallNs: UInt64
            var busyNs: UInt64
        }

        var tasks = 0
        var wallNs: UInt64 = 0
        var busyNs: UInt64 = 0
        var stages: [Stage] = []
        var workersUsed = 0
        var workerTasks: [Int]
        var workerBusyNs: [UInt64]

        init(workers: Int) {
            workerTasks = Array(repeating: 0, count: workers)
            workerBusyNs = Array(repeating: 0, count: workers)
        }
    }
}
