import HotpathModel

/// Sampled stacks merged as they are read: each distinct (thread, frames) pair once, with the
/// sum of its weights, in order of first appearance. Frames are indexes into the caller's own
/// frame table; a stack is found again by a hash of its indexes, with no allocation per sample.
struct StackAccumulator {
    private(set) var frames: [Int32] = []
    private(set) var starts: [Int] = [0]
    private(set) var threads: [Int32] = []
    private(set) var weights: [Double] = []
    private var firstWithHash = IntegerMap()
    private var nextWithHash: [Int32] = []

    var count: Int { weights.count }

    func frames(at index: Int) -> ArraySlice<Int32> { frames[starts[index]..<starts[index + 1]] }

    /// Adds `weight` to the stack of `stackFrames` (root first) on `thread`; returns the new total.
    @discardableResult
    mutating func add(thread: Int32, frames stackFrames: some Collection<Int32>, weight: Double) -> Double {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(UInt32(bitPattern: thread))
        for frame in stackFrames { hash = (hash ^ UInt64(UInt32(bitPattern: frame))) &* 0x100_0000_01B3 }
        let key = Int(truncatingIfNeeded: hash)
        var candidate = firstWithHash[key] ?? -1
        while candidate >= 0 {
            let index = Int(candidate)
            if threads[index] == thread, frames(at: index).elementsEqual(stackFrames) {
                weights[index] += weight
                return weights[index]
            }
            candidate = nextWithHash[index]
        }
        nextWithHash.append(firstWithHash[key] ?? -1)
        firstWithHash.set(key, Int32(weights.count))
        frames.append(contentsOf: stackFrames)
        starts.append(frames.count)
        threads.append(thread)
        weights.append(weight)
        return weight
    }
}
