/// Amdahl's law: the overall speedup when a share `p` of the run gets `s` times faster.
public enum Amdahl {
    /// `1 / ((1 − p) + p / s)`; p is clamped to 0...1 and s to at least 1.
    public static func speedup(share p: Double, localSpeedup s: Double) -> Double {
        let share = min(max(p, 0), 1)
        let local = max(s, 1)
        return 1 / ((1 - share) + share / local)
    }

    /// The speedup of several changes at once without double counting.
    ///
    /// Keys starting with `op:` name an operation's own (self) time: those pieces are disjoint,
    /// and several claims on one piece count once, with the largest share and local speedup.
    /// Other keys (a cache's misses, I/O, GC pauses, an executor) name time whose place in the
    /// run is unknown: it happens inside some operation's time, maybe one already claimed. Each
    /// is placed pessimistically — into the claimed time that gains least from it (pieces with
    /// the highest speedup first), and only what does not fit into unclaimed time — and where
    /// two claims cover the same time the larger speedup counts, never both. Shares beyond the
    /// whole run are capped at 1.
    public static func combined(_ parts: [(key: String, share: Double, localSpeedup: Double)]) -> Double {
        var located: [String: (share: Double, speedup: Double)] = [:]
        var unlocated: [String: (share: Double, speedup: Double)] = [:]
        for part in parts where part.share > 0 && part.localSpeedup > 1 {
            let share = min(part.share, 1)
            if part.key.hasPrefix("op:") {
                let existing = located[part.key] ?? (0, 1)
                located[part.key] = (max(existing.share, share), max(existing.speedup, part.localSpeedup))
            } else {
                let existing = unlocated[part.key] ?? (0, 1)
                unlocated[part.key] = (max(existing.share, share), max(existing.speedup, part.localSpeedup))
            }
        }
        func ordered(_ byKey: [String: (share: Double, speedup: Double)]) -> [(share: Double, speedup: Double)] {
            byKey.sorted { $0.value.share != $1.value.share ? $0.value.share > $1.value.share : $0.key < $1.key }.map(
                \.value)
        }
        // Disjoint pieces of the run, each made `speedup` times faster.
        var pieces: [(share: Double, speedup: Double)] = []
        var unclaimed = 1.0
        // Largest shares first so the cap at 1 trims the smallest contributions.
        for part in ordered(located) {
            let share = min(part.share, unclaimed)
            unclaimed -= share
            pieces.append((share, part.speedup))
        }
        for part in ordered(unlocated) {
            var remaining = part.share
            var placed: [(share: Double, speedup: Double)] = []
            for piece in pieces.sorted(by: { $0.speedup > $1.speedup }) {
                let overlap = min(remaining, piece.share)
                remaining -= overlap
                if overlap > 0, part.speedup > piece.speedup {
                    placed.append((overlap, part.speedup))
                    if piece.share > overlap { placed.append((piece.share - overlap, piece.speedup)) }
                } else {
                    placed.append(piece)
                }
            }
            let outside = min(remaining, unclaimed)
            if outside > 0 {
                placed.append((outside, part.speedup))
                unclaimed -= outside
            }
            pieces = placed
        }
        return 1 / (unclaimed + pieces.reduce(0) { $0 + $1.share / $1.speedup })
    }
}
