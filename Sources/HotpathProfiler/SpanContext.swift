/// The span that new spans nest under: what a task-local carries from a body to the tasks it
/// starts (`async let`, task groups), and what code on other threads can be handed explicitly.
public struct SpanContext: Sendable, Hashable {
    /// The profiler the span belongs to: a context of one profiler never parents another's span.
    let profiler: UInt64
    /// The span's raw id, or 0 for "at the root".
    @usableFromInline
    let span: Int

    init(profiler: UInt64, span: Int) {
        self.profiler = profiler
        self.span = span
    }

    /// The task-local through which async bodies and the tasks they start find their parent.
    /// Declared without the property wrapper so inlinable code can bind it.
    @usableFromInline
    static let current = TaskLocal<SpanContext?>(wrappedValue: nil)
}
