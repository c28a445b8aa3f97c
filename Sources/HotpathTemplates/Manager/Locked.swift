import Foundation

/// A value behind a lock.
///
/// `NSLock` rather than `Synchronization.Mutex`, because the package still declares macOS 13,
/// where `Mutex` is not available; the lock is held only for dictionary updates, never while a
/// template compiles or renders.
final class Locked<State>: @unchecked Sendable {
    private let lock = NSLock()
    private var state: State

    init(_ state: State) {
        self.state = state
    }

    func withLock<Result>(_ body: (inout State) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&state)
    }
}
