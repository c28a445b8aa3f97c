import Foundation
import HotpathModel
import Synchronization

/// Instruments a Swift program and writes what it measured as a Hotpath native dump.
///
/// ```swift
/// let profiler = Profiler(workflow: "codegen-nightly")
/// try await profiler.measureWorkflow(iterations: 5) { _ in
///     let contract = try profiler.measure("parse_contract") { try parse(source) }
///     try await profiler.measure("render_templates") { try await render(contract) }
/// }
/// try profiler.write(to: "codegen.hotpath.json")
/// ```
///
/// Safe to use from any number of tasks and threads at once. Spans nest through a task-local
/// (async bodies, and the `async let`s and task groups they start) and a thread-local (sync
/// bodies), so a span gets the span whose body it runs in as its parent. Recording a span costs
/// two clock reads and a store into the current thread's own buffer; the `Profile` is built only
/// by `snapshot()`.
public final class Profiler: Sendable {
    public let workflow: String
    public let runID: String
    public let options: Options
    /// False for `Profiler.disabled` and profilers made with `options.enabled == false`:
    /// then every call does nothing but run its body.
    public let isEnabled: Bool

    /// Distinguishes this profiler's spans in task-locals and thread states; never reused.
    let serial: UInt64
    /// The monotonic clock at creation: spans' `start_ns` count from here.
    let runStart: UInt64
    let startTime: Date

    let buffers = Mutex<[SpanBuffer]>([])
    /// Error type names of spans whose body threw, by raw span id: rare, so kept aside.
    let failures = Mutex<[Int: String]>([:])
    let memory = Mutex<[MemorySample]>([])
    let caches = Mutex<[String: CacheRecorder]>([:])
    let io = Mutex<[IORecord]>([])
    let parallel = Mutex<[ParallelExecutionStats]>([])
    let sampler = Mutex<MemorySampler?>(nil)

    /// A profiler that records nothing; for code that is always instrumented.
    public static let disabled = Profiler(workflow: "disabled", runID: "disabled", options: .disabled)

    /// - Parameters:
    ///   - workflow: what the run belongs to, e.g. `codegen-nightly`.
    ///   - runID: unique within the workflow, e.g. a CI run number; defaults to the start time.
    public init(workflow: String, runID: String? = nil, options: Options = Options()) {
        let now = Date()
        self.workflow = workflow
        self.runID = runID ?? HostEnvironment.iso8601(now)
        self.options = options
        self.isEnabled = options.enabled
        self.serial = profilerSerials.wrappingAdd(1, ordering: .relaxed).newValue
        self.runStart = MonotonicClock.now()
        self.startTime = now
        if options.enabled, options.recordsMemory, let interval = options.memorySamplingInterval {
            startMemorySampling(every: interval)
        }
    }

    deinit {
        sampler.withLock { $0?.cancel() }
    }

    /// Nanoseconds since the profiler was created, on the monotonic clock.
    public var elapsedNanoseconds: UInt64 { MonotonicClock.now() &- runStart }

    /// Names the calling thread's spans in the dump (`thread`), instead of `thread-N`.
    public func nameCurrentThread(_ name: String) {
        guard isEnabled else { return }
        writer(ThreadState.current()).pointee.buffer._withUnsafeGuaranteedRef { buffer in
            buffer.name.withLock { $0 = name }
        }
    }
}

/// Serials of profilers in this process; 0 means "none".
let profilerSerials = Atomic<UInt64>(0)
