/// The n·m differences xᵢ − yⱼ of two samples, read by rank without ever being stored.
///
/// Hodges–Lehmann needs a few order statistics of the differences (the median and two interval
/// ends), and 5,000 samples a side make 25 million of them. With both samples sorted, the
/// differences form a matrix sorted along rows and columns, so how many are ≤ v is a staircase
/// walk of O(n + m). The k-th smallest is then the least double v with at least k differences
/// ≤ v, found by bisection over the doubles themselves (their bit patterns, in numeric order):
/// at most 64 walks, O((n + m)·64) with no randomness and no extra memory. Because floating-point
/// subtraction is monotone, the count steps exactly at the computed differences fl(xᵢ − yⱼ),
/// so the answer is one of them, bit for bit the value R's `sort(outer(x, y, "-"))` holds.
struct PairwiseDifferences {
    /// Both ascending and finite.
    let x: [Double]
    let y: [Double]

    var count: Int { x.count * y.count }

    var smallest: Double { x[0] - y[y.count - 1] }
    var largest: Double { x[x.count - 1] - y[0] }

    /// The k-th smallest difference, k in 1...count.
    func orderStatistic(_ k: Int) -> Double {
        precondition(k >= 1 && k <= count, "order statistic \(k) of \(count) differences")
        var low = smallest
        if countAtMost(low) >= k { return low + 0 }
        // Invariant: fewer than k differences ≤ low, at least k ≤ high.
        var lowKey = RadixSort.key(low)
        var highKey = RadixSort.key(largest)
        while highKey - lowKey > 1 {
            let middleKey = lowKey + (highKey - lowKey) / 2
            if countAtMost(RadixSort.value(middleKey)) >= k {
                highKey = middleKey
            } else {
                lowKey = middleKey
            }
        }
        low = RadixSort.value(highKey)
        // + 0 turns a −0.0 into 0.0, the zero that x − y itself gives.
        return low + 0
    }

    /// The k-th and (k+1)-th smallest differences, k in 1..<count, for the median of an even
    /// count: the second is the first unless exactly k differences are ≤ it, and then it is the
    /// least difference above it, one more staircase walk instead of another selection.
    func orderStatistics(_ k: Int) -> (Double, Double) {
        let first = orderStatistic(k)
        if countAtMost(first) > k { return (first, first) }
        // In each row the least difference above `first` is the one just before the staircase.
        var next = Double.infinity
        var j = 0
        for value in x {
            while j < y.count, value - y[j] > first { j += 1 }
            if j > 0 { next = min(next, value - y[j - 1]) }
        }
        return (first, next + 0)
    }

    /// How many differences are ≤ v. For ascending x the first y whose difference is ≤ v can only
    /// move right, so one pass over each sample suffices.
    func countAtMost(_ v: Double) -> Int {
        x.withUnsafeBufferPointer { x in
            y.withUnsafeBufferPointer { y in
                var total = 0
                var j = 0
                let m = y.count
                for value in x {
                    while j < m, value - y[j] > v { j += 1 }
                    if j == m { break }
                    total += m - j
                }
                return total
            }
        }
    }
}
