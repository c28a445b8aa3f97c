/// Sorting durations fast: percentiles sort every operation's samples, a million of them for a
/// big trace, and the standard library's comparison sort was a tenth of `hotpath analyze`.
///
/// An LSD radix sort on the doubles' bit patterns, flipped so that unsigned order is numeric
/// order (negatives reversed), in 11-bit digits; a digit that every key shares is skipped,
/// which for durations of similar size removes most of the high passes. Short arrays use the
/// comparison sort. NaN is not expected (importers refuse non-finite samples); -0.0 sorts
/// before 0.0.
public enum RadixSort {
    static let digitBits = 11
    static let passes = (64 + digitBits - 1) / digitBits
    /// Below this the comparison sort is as fast.
    static let minimumCount = 1024

    public static func sorted(_ values: [Double]) -> [Double] {
        guard values.count >= minimumCount else { return values.sorted() }
        let count = values.count
        let buckets = 1 << digitBits
        let mask = UInt64(buckets - 1)
        var keys = values.map { key($0) }
        // Every pass's digit histogram, in one read of the keys.
        var histograms = [Int](repeating: 0, count: passes * buckets)
        histograms.withUnsafeMutableBufferPointer { histogram in
            for key in keys {
                for pass in 0..<passes {
                    histogram[pass * buckets + Int((key >> UInt64(pass * digitBits)) & mask)] += 1
                }
            }
        }
        var scratch = [UInt64](repeating: 0, count: count)
        keys.withUnsafeMutableBufferPointer { source in
            scratch.withUnsafeMutableBufferPointer { target in
                var from = source
                var to = target
                for pass in 0..<passes {
                    let base = pass * buckets
                    // A digit shared by every key leaves the order as it is.
                    let firstDigit = Int((from[0] >> UInt64(pass * digitBits)) & mask)
                    if histograms[base + firstDigit] == count { continue }
                    var offsets = [Int](repeating: 0, count: buckets)
                    var running = 0
                    for digit in 0..<buckets {
                        offsets[digit] = running
                        running += histograms[base + digit]
                    }
                    let shift = UInt64(pass * digitBits)
                    for index in 0..<count {
                        let key = from[index]
                        let digit = Int((key >> shift) & mask)
                        to[offsets[digit]] = key
                        offsets[digit] += 1
                    }
                    swap(&from, &to)
                }
                // The result is in `from`; make sure it ends up in `source`.
                if from.baseAddress != source.baseAddress {
                    _ = source.initialize(from: from)
                }
            }
        }
        return keys.map { value($0) }
    }

    @inline(__always)
    static func key(_ value: Double) -> UInt64 {
        let bits = value.bitPattern
        return bits >> 63 == 1 ? ~bits : bits | (1 << 63)
    }

    @inline(__always)
    static func value(_ key: UInt64) -> Double {
        Double(bitPattern: key >> 63 == 1 ? key & ~(1 << 63) : ~key)
    }
}
