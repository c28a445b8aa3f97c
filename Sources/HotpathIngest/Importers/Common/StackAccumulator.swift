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

    /// Adds `weight` to the stack of `stackFrames` (root first) on `thread`; returns the new total.
    @discardableResult
    mutating func add(thread: Int32, frames stackFrames: UnsafeBufferPointer<Int32>, weight: Double) -> Double {
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

    /// Moves the stacks out as a `StackTable`, in order of first appearance, and leaves the
    /// accumulator empty: frame `f` is named `frameNames[f]` (distinct names, as a
    /// `StackTable`'s), and only the frames the stacks use are in the table, in order of first
    /// use; a thread id (not negative) is named once by `threadName`, -1 is no thread.
    ///
    /// The readers that merge stacks as they read (pprof, Firefox Profiler) end with this one
    /// conversion. It renumbers the frame and thread columns in place and hands them over:
    /// a million distinct stacks are not copied a second time (`hotpath-bench pprof`).
    mutating func takeStackTable(frameNames: [String], threadName: (Int32) -> String) -> StackTable {
        var indexes = frames
        var threadColumn = threads
        let stackStarts = starts
        let stackWeights = weights
        self = StackAccumulator()

        var names: [String] = []
        var remapped = [Int32](repeating: -1, count: frameNames.count)
        remapped.withUnsafeMutableBufferPointer { remapped in
            indexes.withUnsafeMutableBufferPointer { indexes in
                for position in indexes.indices {
                    let frame = Int(indexes[position])
                    if remapped[frame] < 0 {
                        remapped[frame] = Int32(names.count)
                        names.append(frameNames[frame])
                    }
                    indexes[position] = remapped[frame]
                }
            }
        }

        var threadNames: [String] = []
        var threadIndexes: [Int32: Int32] = [:]
        var last: (id: Int32, index: Int32) = (-1, -1)
        for position in threadColumn.indices where threadColumn[position] >= 0 {
            let thread = threadColumn[position]
            if thread != last.id {
                if let known = threadIndexes[thread] {
                    last = (thread, known)
                } else {
                    last = (thread, Int32(threadNames.count))
                    threadIndexes[thread] = last.index
                    threadNames.append(threadName(thread))
                }
            }
            threadColumn[position] = last.index
        }
        if threadNames.isEmpty { threadColumn = [] }
        return StackTable(
            frameNames: names, stackStarts: stackStarts, frameIndexes: indexes, weights: stackWeights,
            threadNames: threadNames, threadIndexes: threadColumn)
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
