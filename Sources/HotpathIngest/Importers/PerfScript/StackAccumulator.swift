import HotpathModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Sampled stacks merged as they are read: each distinct (thread, frames) pair once, with the
/// sum of its weights, in order of first appearance. Frames are indexes into the caller's own
/// frame table; a stack is found again by a hash of its indexes, with no allocation per sample.
///
/// The hot path (`add` with an array, which the pprof, V8 and Firefox readers call once per
/// sample) hashes and compares through buffer pointers: no slice, retain or release per stack.
struct StackAccumulator {
    private(set) var frames: [Int32] = []
    private(set) var starts: [Int] = [0]
    private(set) var threads: [Int32] = []
    private(set) var weights: [Double] = []
    private var firstWithHash = IntegerMap()
    private var nextWithHash: [Int32] = []
    /// For callers with another kind of collection: copied here, then added as an array.
    private var scratch: [Int32] = []

    var count: Int { weights.count }

    func frames(at index: Int) -> ArraySlice<Int32> { frames[starts[index]..<starts[index + 1]] }

    /// Adds `weight` to the stack of `stackFrames` (root first) on `thread`; returns the new total.
    @discardableResult
    mutating func add(thread: Int32, frames stackFrames: some Collection<Int32>, weight: Double) -> Double {
        var buffer = scratch
        scratch = []
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: stackFrames)
        defer { scratch = buffer }
        return add(thread: thread, frames: buffer, weight: weight)
    }

    /// Adds `weight` to the stack of `stackFrames` (root first) on `thread`; returns the new total.
    @discardableResult
    mutating func add(thread: Int32, frames stackFrames: [Int32], weight: Double) -> Double {
        stackFrames.withUnsafeBufferPointer { add(thread: thread, frames: $0, weight: weight) }
    }

    private mutating func add(thread: Int32, frames stackFrames: UnsafeBufferPointer<Int32>, weight: Double) -> Double {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(UInt32(bitPattern: thread))
        for frame in stackFrames { hash = (hash ^ UInt64(UInt32(bitPattern: frame))) &* 0x100_0000_01B3 }
        let key = Int(truncatingIfNeeded: hash)
        let head = firstWithHash[key] ?? -1
        var candidate = head
        while candidate >= 0 {
            let index = Int(candidate)
            if threads[index] == thread, equal(index, stackFrames) {
                weights[index] += weight
                return weights[index]
            }
            candidate = nextWithHash[index]
        }
        nextWithHash.append(head)
        firstWithHash.set(key, Int32(weights.count))
        frames.append(contentsOf: stackFrames)
        starts.append(frames.count)
        threads.append(thread)
        weights.append(weight)
        return weight
    }

    /// Whether stack `index` holds exactly `stackFrames`.
    private func equal(_ index: Int, _ stackFrames: UnsafeBufferPointer<Int32>) -> Bool {
        let start = starts[index]
        guard starts[index + 1] - start == stackFrames.count else { return false }
        guard let other = stackFrames.baseAddress, !stackFrames.isEmpty else { return true }
        return frames.withUnsafeBufferPointer { stored in
            guard let base = stored.baseAddress else { return false }
            return memcmp(base + start, other, stackFrames.count * MemoryLayout<Int32>.stride) == 0
        }
    }
}
