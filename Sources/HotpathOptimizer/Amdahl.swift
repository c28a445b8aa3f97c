/// Amdahl's law: the overall speedup when a share `p` of the run gets `s` times faster.
public enum Amdahl {
    /// `1 / ((1 − p) + p / s)`; p is clamped to 0...1 and s to at least 1.
    public static func speedup(share p: Double, localSpeedup s: Double) -> Double {
        let share = min(max(p, 0), 1)
        let local = max(s, 1)
        return 1 / ((1 - share) + share / local)
    }

    /// The speedup of several changes at once without double counting: each piece of affected
    /// time (keyed by what it is, e.g. an operation name) counts once, with the largest local
    /// speedup any change claims for it. Different keys are treated as disjoint time; their
    /// summed share is capped at 1.
    public static func combined(_ parts: [(key: String, share: Double, localSpeedup: Double)]) -> Double {
        var byKey: [String: (share: Double, speedup: Double)] = [:]
        for part in parts where part.share > 0 && part.localSpeedup > 1 {
            if let existing = byKey[part.key] {
                byKey[part.key] = (max(existing.share, part.share), max(existing.speedup, part.localSpeedup))
            } else {
                byKey[part.key] = (part.share, part.localSpeedup)
            }
        }
        var remaining = 1.0
        var denominator = 0.0
        // Largest shares first so the cap at 1 trims the smallest contributions.
        for (_, part) in byKey.sorted(by: { $0.value.share != $1.value.share ? $0.value.share > $1.value.share : $0.key < $1.key }) {
            let share = min(part.share, remaining)
            remaining -= share
            denominator += share / part.speedup
        }
        return 1 / (remaining + denominator)
    }
}
