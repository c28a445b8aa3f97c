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
    /// Per stack appended by `appendUnmerged`, the hash of its thread and frames.
    private var hashes: [UInt64] = []
    /// How many frames the stacks may hold before `appendUnmerged` merges equal ones.
    private var mergeAt = 1 << 24
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

    /// Room for `stacks` more stacks of `frames` frames in all before a column grows: a column
    /// of millions that grows by doubling copies itself and faults in fresh pages each time.
    /// `appendUnmerged` merges equal stacks when that many frames are passed.
    mutating func reserveCapacity(stacks: Int, frames frameCount: Int) {
        mergeAt = frames.count + frameCount
        frames.reserveCapacity(frames.count + frameCount)
        starts.reserveCapacity(starts.count + stacks)
        threads.reserveCapacity(threads.count + stacks)
        weights.reserveCapacity(weights.count + stacks)
        hashes.reserveCapacity(hashes.count + stacks)
    }

    /// Appends the stack of `stackFrames` (root first) on `thread` without looking for an equal
    /// one; `takeStackTable` merges equal stacks once, at the end, as `add` would have.
    ///
    /// For readers whose samples are nearly all distinct stacks already: pprof writers merge
    /// samples with the same location ids (Go's `runtime/pprof` writes one sample per distinct
    /// id sequence and label set), so there a lookup per sample in a table of a million stacks,
    /// a cache miss each, finds nothing nearly every time; equal stacks still occur (two program
    /// counters in one function are two locations with the same frame). A reader uses either
    /// `add` or this, not both.
    ///
    /// Memory stays bounded by the distinct stacks all the same: when the frames pass what
    /// `reserveCapacity` made room for, equal stacks are merged there and then, and again each
    /// time the frames double since (a profile of one stack written a million times, as a
    /// producer that does not merge its samples may write, holds a few copies of it, not a
    /// million).
    mutating func appendUnmerged(thread: Int32, frames stackFrames: UnsafeBufferPointer<Int32>, weight: Double) {
        hashes.append(Self.hash(thread: thread, frames: stackFrames))
        frames.append(contentsOf: stackFrames)
        starts.append(frames.count)
        threads.append(thread)
        weights.append(weight)
        if frames.count > mergeAt {
            mergeUnmerged()
            mergeAt = max(mergeAt, 2 * frames.count)
        }
    }

    /// A hash of a thread and its frames, 8 bytes (two frames) at a time in two independent
    /// lanes, all bits mixed at the end: its top bits pick a bucket and its low bits a slot in
    /// `mergeUnmerged`.
    @inline(__always)
    static func hash(thread: Int32, frames stackFrames: UnsafeBufferPointer<Int32>) -> UInt64 {
        let multiplier: UInt64 = 0x9FB2_1C65_1E98_DF25
        var first: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(UInt32(bitPattern: thread))
        var second: UInt64 = 0xC2B2_AE3D_27D4_EB4F ^ UInt64(stackFrames.count)
        if let base = stackFrames.baseAddress {
            let raw = UnsafeRawPointer(base)
            let count = stackFrames.count
            var offset = 0
            while offset + 4 <= count {
                first = (first ^ raw.loadUnaligned(fromByteOffset: offset * 4, as: UInt64.self)) &* multiplier
                second = (second ^ raw.loadUnaligned(fromByteOffset: offset * 4 + 8, as: UInt64.self)) &* multiplier
                first ^= first >> 29
                second ^= second >> 29
                offset += 4
            }
            while offset < count {
                first = (first ^ UInt64(UInt32(bitPattern: base[offset]))) &* multiplier
                first ^= first >> 29
                offset += 1
            }
        }
        var mixed = first ^ (second << 31 | second >> 33)
        mixed ^= mixed >> 33
        mixed &*= 0xFF51_AFD7_ED55_8CCD
        mixed ^= mixed >> 33
        mixed &*= 0xC4CE_B9FE_1A85_EC53
        mixed ^= mixed >> 33
        return mixed
    }

    /// Merges the stacks `appendUnmerged` appended: each distinct (thread, frames) pair kept
    /// where it first appears, the weights of its later copies added to it in order (the same
    /// sums, to the bit, as `add` makes).
    ///
    /// The stacks are first split by the top bits of their hashes into buckets of at most 1,024
    /// (one pass to count, one to scatter, both sequential), then each bucket is searched with a
    /// table small enough for the cache: no random access into a table of millions per stack.
    /// When no stack repeats, nothing moves.
    private mutating func mergeUnmerged() {
        let count = weights.count
        guard count > 1 else { return }
        var bits = 0
        while count >> bits > 1024 { bits += 1 }
        let shift = 64 - bits
        let bucketCount = 1 << bits
        var bucketStarts = [Int](repeating: 0, count: bucketCount + 1)
        for hash in hashes { bucketStarts[Int(hash >> shift) + 1] += 1 }
        for bucket in 0..<bucketCount { bucketStarts[bucket + 1] += bucketStarts[bucket] }
        // Per bucket, its stacks in order: their hashes and indexes side by side.
        var entries = [(hash: UInt64, index: Int32)](repeating: (0, 0), count: count)
        var fill = bucketStarts
        for (index, hash) in hashes.enumerated() {
            let bucket = Int(hash >> shift)
            entries[fill[bucket]] = (hash, Int32(index))
            fill[bucket] += 1
        }

        // Per stack, the first stack equal to it, or -1; empty while no stack repeats.
        var firstEqual: [Int32] = []
        var table: [Int32] = []
        var nextWithHash: [Int32] = []
        for bucket in 0..<bucketCount {
            let bucketStart = bucketStarts[bucket]
            let size = bucketStarts[bucket + 1] - bucketStart
            guard size > 1 else { continue }
            var tableSize = 4
            while tableSize < 2 * size { tableSize <<= 1 }
            table.removeAll(keepingCapacity: true)
            table.append(contentsOf: repeatElement(-1, count: tableSize))
            nextWithHash.removeAll(keepingCapacity: true)
            nextWithHash.append(contentsOf: repeatElement(-1, count: size))
            for position in 0..<size {
                let entry = entries[bucketStart + position]
                var slot = Int(truncatingIfNeeded: entry.hash) & (tableSize - 1)
                while true {
                    let first = Int(table[slot])
                    if first < 0 {
                        table[slot] = Int32(position)
                        break
                    }
                    if entries[bucketStart + first].hash == entry.hash {
                        // The distinct stacks with this hash, first to last: equal to one, or one more.
                        var candidate = first
                        while true {
                            let earlier = Int(entries[bucketStart + candidate].index)
                            if equal(earlier, Int(entry.index)) {
                                if firstEqual.isEmpty { firstEqual = [Int32](repeating: -1, count: count) }
                                firstEqual[Int(entry.index)] = Int32(earlier)
                                break
                            }
                            let next = Int(nextWithHash[candidate])
                            if next < 0 {
                                nextWithHash[candidate] = Int32(position)
                                break
                            }
                            candidate = next
                        }
                        break
                    }
                    slot = (slot + 1) & (tableSize - 1)
                }
            }
        }
        guard !firstEqual.isEmpty else { return }

        // Compacts the columns in place, stacks in order; a repeat adds its weight to its first.
        var newIndex = [Int32](repeating: -1, count: count)
        var kept = 0
        var frameEnd = 0
        var stackStart = 0
        for index in 0..<count {
            let stackEnd = starts[index + 1]
            defer { stackStart = stackEnd }
            let first = Int(firstEqual[index])
            if first >= 0 {
                weights[Int(newIndex[first])] += weights[index]
                continue
            }
            if frameEnd != stackStart {
                frames.withUnsafeMutableBufferPointer { frames in
                    guard let base = frames.baseAddress else { return }
                    (base + frameEnd).update(from: base + stackStart, count: stackEnd - stackStart)
                }
            }
            frameEnd += stackEnd - stackStart
            starts[kept + 1] = frameEnd
            threads[kept] = threads[index]
            weights[kept] = weights[index]
            hashes[kept] = hashes[index]
            newIndex[index] = Int32(kept)
            kept += 1
        }
        frames.removeLast(frames.count - frameEnd)
        starts.removeLast(starts.count - kept - 1)
        threads.removeLast(threads.count - kept)
        weights.removeLast(weights.count - kept)
        hashes.removeLast(hashes.count - kept)
    }

    /// Whether stacks `first` and `second` have the same thread and frames.
    private func equal(_ first: Int, _ second: Int) -> Bool {
        guard threads[first] == threads[second] else { return false }
        return frames.withUnsafeBufferPointer { stored in
            equal(first, UnsafeBufferPointer(rebasing: stored[starts[second]..<starts[second + 1]]))
        }
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
        assert(hashes.isEmpty || hashes.count == weights.count, "a reader uses add or appendUnmerged, not both")
        if !hashes.isEmpty { mergeUnmerged() }
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
