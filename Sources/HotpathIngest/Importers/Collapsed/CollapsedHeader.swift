import Foundation

/// What a collapsed file's leading comments say about it. austin starts its output with
/// `# austin: 3.3.0`, `# interval: 100` and `# mode: wall` (or `cpu`, `memory`): in the time
/// modes a count is microseconds, in memory mode bytes.
struct CollapsedHeader {
    var austinVersion: String?
    var austinMode: String?

    var isAustin: Bool { austinVersion != nil }

    /// The unit the header declares, when it declares one.
    var unit: CollapsedUnit? {
        guard isAustin else { return nil }
        switch austinMode {
        case "wall", "cpu": return .microseconds
        case "memory": return .bytes
        default: return nil
        }
    }

    /// Reads one comment line (`# key: value`); others are ignored.
    mutating func read(_ comment: String) {
        guard comment.hasPrefix("#"), let colon = comment.firstIndex(of: ":") else { return }
        let key = comment[comment.index(after: comment.startIndex)..<colon].trimmingCharacters(in: .whitespaces)
        let value = comment[comment.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        switch key {
        case "austin": austinVersion = value
        case "mode": austinMode = value
        default: break
        }
    }
}
