import HotpathModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Groups parameterised benchmarks into families and fits each family's complexity.
///
/// A parameter is a number standing alone in the name: after `/`, `[`, `-`, `=`, `,`, `(` or a
/// space and before the end or `/`, `]`, `-`, `,`, `)` or a space — `BM_Sort/64`,
/// `test_sort[100]`, `sort n=100`, `BM_Copy/8/1024` (either number). `BM_1PercentSlower` has
/// none. Names that differ only in one parameter form a family when it takes at least three
/// values; a name belongs to its largest family.
enum BenchmarkFamilies {
    static let minimumSizes = 3

    static func families(_ operations: [OperationStatistics]) -> [BenchmarkFamily] {
        var candidates: [String: [(name: String, n: Double, mean: Double)]] = [:]
        for operation in operations where operation.metric == .timing {
            guard let mean = operation.summary?.mean, mean.isFinite, mean > 0 else { continue }
            for (key, n) in parameters(in: operation.name) {
                candidates[key, default: []].append((operation.name, n, mean))
            }
        }
        // Largest families first, each name in one family only.
        let ordered = candidates.filter { Set($0.value.map(\.n)).count >= minimumSizes }
            .sorted { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key }
        var taken = Set<String>()
        var families: [BenchmarkFamily] = []
        for (key, members) in ordered {
            let free = members.filter { !taken.contains($0.name) }
            var byN: [Double: (name: String, n: Double, mean: Double)] = [:]
            for member in free where byN[member.n] == nil { byN[member.n] = member }
            guard byN.count >= minimumSizes else { continue }
            let sorted = byN.values.sorted { $0.n < $1.n }
            taken.formUnion(sorted.map(\.name))
            families.append(
                BenchmarkFamily(
                    name: displayName(key),
                    members: sorted.map { BenchmarkFamily.Member(name: $0.name, n: $0.n, mean: $0.mean) },
                    fit: fit(n: sorted.map(\.n), time: sorted.map(\.mean))))
        }
        return families.sorted { $0.name < $1.name }
    }

    /// A family's name: its key without a trailing parameter (`BM_Sort/{n}` → `BM_Sort`,
    /// `test_sort[{n}]` → `test_sort`); the key itself when the parameter sits inside.
    static func displayName(_ key: String) -> String {
        for suffix in ["/{n}", "[{n}]"] where key.hasSuffix(suffix) && key.count > suffix.count {
            return String(key.dropLast(suffix.count))
        }
        return key
    }

    /// Every (family key, parameter) reading of a name: one per standalone number in it.
    static func parameters(in name: String) -> [(key: String, n: Double)] {
        let characters = Array(name)
        let before: Set<Character> = ["/", "[", "-", "=", ",", "(", " "]
        let after: Set<Character> = ["/", "]", "-", ",", ")", " "]
        var results: [(String, Double)] = []
        var index = 0
        while index < characters.count {
            guard characters[index].isASCII, characters[index].isNumber,
                index > 0, before.contains(characters[index - 1])
            else {
                index += 1
                continue
            }
            var end = index
            while end < characters.count, characters[end].isASCII, characters[end].isNumber || characters[end] == "." {
                end += 1
            }
            if end == characters.count || after.contains(characters[end]),
                let n = Double(String(characters[index..<end])), n > 0, n.isFinite
            {
                results.append((String(characters[..<index]) + "{n}" + String(characters[end...]), n))
            }
            index = end
        }
        return results
    }

    /// The curves Google Benchmark tries, in its order: O(1) first, then a curve replaces the
    /// best so far only with a strictly smaller RMS.
    static let curves: [Complexity] = [.constant, .logarithmic, .linear, .linearithmic, .quadratic, .cubic]

    /// Google Benchmark's `MinimalLeastSq` with `oAuto`; nil with fewer than three sizes.
    static func fit(n: [Double], time: [Double]) -> ComplexityFit? {
        guard n.count >= minimumSizes, n.count == time.count else { return nil }
        var best: ComplexityFit?
        for complexity in curves {
            guard let fit = leastSquares(n: n, time: time, complexity: complexity) else { continue }
            if let current = best, fit.rms >= current.rms { continue }
            best = fit
        }
        return best
    }

    static func leastSquares(n: [Double], time: [Double], complexity: Complexity) -> ComplexityFit? {
        let g = complexity.curve
        var sumGSquared = 0.0
        var sumTime = 0.0
        var sumTimeG = 0.0
        for (size, value) in zip(n, time) {
            let gn = g(size)
            sumGSquared += gn * gn
            sumTime += value
            sumTimeG += value * gn
        }
        guard sumGSquared > 0, sumTime > 0 else { return nil }
        let coefficient = sumTimeG / sumGSquared
        var squares = 0.0
        for (size, value) in zip(n, time) {
            let residual = value - coefficient * g(size)
            squares += residual * residual
        }
        let count = Double(n.count)
        let rms = (squares / count).squareRoot() / (sumTime / count)
        guard rms.isFinite, coefficient.isFinite else { return nil }
        return ComplexityFit(complexity: complexity, coefficient: coefficient, rms: rms)
    }

    /// Families fitted on both sides whose complexity differs.
    static func changes(current: [BenchmarkFamily], baseline: [BenchmarkFamily]) -> [FamilyChange] {
        let before = Dictionary(
            baseline.compactMap { family in family.fit.map { (family.name, $0.complexity) } },
            uniquingKeysWith: { first, _ in first })
        return current.compactMap { family in
            guard let now = family.fit?.complexity, let then = before[family.name], now != then else { return nil }
            return FamilyChange(name: family.name, baseline: then, current: now)
        }
    }
}
