import Foundation
import HotpathModel

/// Small queries over a snapshot, so assertions read like the nesting they check.
extension Profile {
    func spans(named name: String) -> [Span] {
        spans.filter { $0.name == name }
    }

    /// The one span named `name`; records an issue and returns nil when there is not exactly one.
    func span(named name: String) -> Span? {
        let found = spans(named: name)
        return found.count == 1 ? found[0] : nil
    }

    func operation(named name: String) -> ProfileResult? {
        operations.first { $0.name == name }
    }

    func children(of span: Span) -> [Span] {
        spans.filter { $0.parent == span.id }
    }
}

/// Busy-waits for about `microseconds`: spans get a duration that is large against the clock's
/// resolution without sleeping, which would let the thread be swapped.
func spin(microseconds: Double) {
    let end = Date().addingTimeInterval(microseconds / 1_000_000)
    var counter = 0
    while Date() < end { counter &+= 1 }
}
