import Synchronization

/// Finished spans of one thread, in fixed chunks that are never moved once written.
///
/// Only the owning thread appends, through `SpanWriter`, without a lock: it writes a record
/// into the current chunk and then publishes the chunk's new count with a release store (a
/// plain store on x86). `snapshot()` reads each chunk's count with an acquire load and copies
/// that many records, so it can run while threads keep recording. The chunk list itself
/// changes only when a chunk fills up, under `chunks`' lock.
final class SpanBuffer: @unchecked Sendable {
    /// The position of this buffer in its profiler's registry.
    let index: Int32
    let isMainThread: Bool
    /// A name given with `Profiler.nameCurrentThread(_:)`, if any.
    let name = Mutex<String?>(nil)
    let chunks = Mutex<[SpanChunk]>([])
    /// Touched only by the owning thread.
    let writer: UnsafeMutablePointer<SpanWriter>

    init(index: Int32, isMainThread: Bool) {
        self.index = index
        self.isMainThread = isMainThread
        let first = SpanChunk(capacity: SpanChunk.firstCapacity)
        chunks.withLock { $0.append(first) }
        writer = CacheLines.allocate(SpanWriter.self)
        writer.initialize(
            to: SpanWriter(
                records: first.records, published: first.published, count: 0, capacity: first.capacity,
                nextCounter: 1, thread: index, buffer: Unmanaged.passUnretained(self)))
    }

    deinit {
        writer.deinitialize(count: 1)
        CacheLines.deallocate(writer)
    }

    /// Starts a new chunk, twice the last one's size up to a limit that stays below glibc's
    /// mmap threshold, so chunks come from the heap and are not mapped and unmapped each time.
    func addChunk() {
        let next = SpanChunk(capacity: min(writer.pointee.capacity * 2, SpanChunk.largestCapacity))
        chunks.withLock { $0.append(next) }
        writer.pointee.records = next.records
        writer.pointee.published = next.published
        writer.pointee.count = 0
        writer.pointee.capacity = next.capacity
    }

    /// Every record published so far; safe while the owner keeps appending.
    func publishedRecords(into result: inout [SpanRecord]) {
        let current = chunks.withLock { $0 }
        for chunk in current {
            let count = chunk.published.pointee.load(ordering: .acquiring)
            result.append(contentsOf: UnsafeBufferPointer(start: chunk.records, count: count))
        }
    }
}

/// The owning thread's view of its buffer: plain memory, so the hot path does no reference counting.
struct SpanWriter {
    var records: UnsafeMutablePointer<SpanRecord>
    var published: UnsafeMutablePointer<Atomic<Int>>
    var count: Int
    var capacity: Int
    var nextCounter: Int
    let thread: Int32
    let buffer: Unmanaged<SpanBuffer>

    @inline(__always)
    mutating func nextID() -> Int {
        let counter = nextCounter
        nextCounter &+= 1
        return RawSpanID.make(thread: thread, counter: counter)
    }
}

extension UnsafeMutablePointer where Pointee == SpanWriter {
    @inline(__always)
    func append(_ record: SpanRecord) {
        if pointee.count == pointee.capacity {
            pointee.buffer._withUnsafeGuaranteedRef { $0.addChunk() }
        }
        let count = pointee.count
        (pointee.records + count).initialize(to: record)
        pointee.count = count + 1
        pointee.published.pointee.store(count + 1, ordering: .releasing)
    }
}

/// A fixed block of records; deallocated with its buffer, that is with its profiler.
final class SpanChunk: @unchecked Sendable {
    static let firstCapacity = 256
    /// 2,048 records of 56 bytes: 112 KiB, under glibc's default 128 KiB mmap threshold.
    static let largestCapacity = 2_048

    let records: UnsafeMutablePointer<SpanRecord>
    let published: UnsafeMutablePointer<Atomic<Int>>
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        records = .allocate(capacity: capacity)
        published = CacheLines.allocate(Atomic<Int>.self)
        published.initialize(to: Atomic(0))
    }

    deinit {
        records.deinitialize(count: published.pointee.load(ordering: .acquiring))
        records.deallocate()
        published.deinitialize(count: 1)
        CacheLines.deallocate(published)
    }
}

/// Memory for state that one thread writes on every span, on cache lines of its own, so that
/// threads recording at once do not invalidate each other's lines (false sharing).
enum CacheLines {
    /// Two 64-byte lines: x86 prefetches lines in adjacent pairs.
    static let size = 128

    static func allocate<T: ~Copyable>(_: T.Type) -> UnsafeMutablePointer<T> {
        let bytes = (MemoryLayout<T>.stride + size - 1) / size * size
        return UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: size).bindMemory(to: T.self, capacity: 1)
    }

    static func deallocate<T: ~Copyable>(_ pointer: UnsafeMutablePointer<T>) {
        UnsafeMutableRawPointer(pointer).deallocate()
    }
}
