/// The span that new spans nest under: what a task-local carries from a body to the tasks it
/// starts (`async let`, task groups), and what code on other threads can be handed explicitly.
public struct SpanContext: Sendable, Hashable {
    /// The profiler the span belongs to: a context of one profiler never parents another's span.
    let profiler: UInt64
    /// The span's raw id, or 0 for "at the root".
    let span: Int

    /// The task-local through which async bodies and the tasks they start find their parent.
    @TaskLocal static var current: SpanContext?
}
