/// The Benjamini–Hochberg step-up procedure, computed as statsmodels'
/// `multipletests(p, method="fdr_bh")` does.
///
/// A run compares hundreds of operations at once; at p < 0.05 one in twenty unchanged operations
/// would be called a change. Adjusting the family's p-values bounds the expected share of false
/// discoveries among the reported changes (the false discovery rate) instead, which keeps power
/// where a family-wise correction such as Bonferroni would hide real regressions.
///
/// The arithmetic follows statsmodels' `fdrcorrection` step by step (p divided by the float
/// rank/n, a running minimum from the largest p down, capped at 1), so the values agree to the
/// last bit rather than merely to rounding.
public enum BenjaminiHochberg {
    /// The BH-adjusted p-values (q-values) of a family of raw p-values, in the input's order:
    /// `q₍ₖ₎ = min over j ≥ k of p₍ⱼ₎·n/j`, capped at 1. Tied p-values get the same q-value.
    /// A NaN p-value (a test that could not run) counts as 1: it stays in the family, so the
    /// other adjustments are as strict as if it had run and found nothing.
    public static func adjusted(_ pValues: [Double]) -> [Double] {
        let n = pValues.count
        let order = ascendingOrder(pValues)
        var adjusted = [Double](repeating: 1, count: n)
        var running = Double.infinity
        for rank in stride(from: n, through: 1, by: -1) {
            let index = order[rank - 1]
            running = min(running, value(pValues[index]) / (Double(rank) / Double(n)))
            adjusted[index] = min(running, 1)
        }
        return adjusted
    }

    /// Which hypotheses the step-up procedure rejects at false discovery rate `q`, in the input's
    /// order: every p-value up to the largest rank k with `p₍ₖ₎ ≤ q·k/n`. This is the comparison
    /// statsmodels makes (its `reject`), so a p-value on the boundary is decided as it is there.
    public static func rejected(_ pValues: [Double], falseDiscoveryRate q: Double) -> [Bool] {
        let n = pValues.count
        let order = ascendingOrder(pValues)
        var rejected = [Bool](repeating: false, count: n)
        var largest = 0
        for rank in stride(from: 1, through: n, by: 1)
        where value(pValues[order[rank - 1]]) <= Double(rank) / Double(n) * q {
            largest = rank
        }
        for rank in stride(from: 1, through: largest, by: 1) { rejected[order[rank - 1]] = true }
        return rejected
    }

    /// Indices of `pValues` by ascending p-value (NaN as 1); how ties are ordered changes no result.
    private static func ascendingOrder(_ pValues: [Double]) -> [Int] {
        pValues.indices.sorted { value(pValues[$0]) < value(pValues[$1]) }
    }

    private static func value(_ p: Double) -> Double {
        p.isNaN ? 1 : p
    }
}

extension BenjaminiHochberg {
    /// A family's p-values kept sorted, to judge values measured against the family that are not
    /// members of it: a change-point series has one p-value in the family (its best split) but
    /// several splits that may each be a step.
    public struct Family: Sendable {
        private let sorted: [Double]

        public init(_ pValues: [Double]) { sorted = pValues.map { $0.isNaN ? 1 : $0 }.sorted() }

        /// The step-up procedure's threshold at false discovery rate q: q·R/n, where R is the
        /// number of rejections; a p-value is a discovery when it is at most this. −1 when the
        /// procedure rejects nothing.
        public func cutoff(falseDiscoveryRate q: Double) -> Double {
            let n = Double(sorted.count)
            var rejections = 0
            for (index, p) in sorted.enumerated() where p <= Double(index + 1) / n * q { rejections = index + 1 }
            return rejections > 0 ? q * Double(rejections) / n : -1
        }

        /// The adjusted value of `p` against the family: `min over ranks j ≥ r of max(p, p₍ⱼ₎)·n/j`,
        /// where r is p's rank among the family (for a member, its q-value).
        public func adjusted(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return min(max(p, 0), 1) }
            let n = Double(sorted.count)
            let rank = max(1, sorted.lastIndex { $0 <= p }.map { $0 + 1 } ?? 1)
            var best = Double.infinity
            for j in rank...sorted.count { best = min(best, max(p, sorted[j - 1]) * n / Double(j)) }
            return min(best, 1)
        }
    }
}
