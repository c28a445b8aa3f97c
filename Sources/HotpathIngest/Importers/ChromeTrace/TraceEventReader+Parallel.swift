import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reading a big event array on several cores.
///
/// The array is cut into chunks of about `IngestOptions.parallelChunkBytes`. Every chunk but the first starts at a
/// *candidate* event start (a `{` after a `,`), found by a quick search that cannot know whether
/// it landed inside a string; worker threads tokenize the chunks (the pure, costly part), and
/// this thread consumes their events in file order (interning and dispatching, the stateful
/// part). A chunk is trusted only when the chunk before it stopped exactly at its candidate
/// start, which happens only if the candidate is a real event boundary; otherwise the read
/// continues sequentially from where the previous chunk really stopped. So the result is always
/// the one the sequential read gives, errors and positions included.
extension TraceEventReader {

    /// How a chunk's tokenizing ended.
    enum ChunkEnd {
        /// At the start of the next event (the first at or past the next chunk's candidate start).
        case nextEvent(Int)
        /// After the array's closing bracket.
        case arrayEnd(Int)
        /// At the end of the input, after `offset` (an unclosed array).
        case endOfInput(Int)
        case failed(JSONError)
    }

    struct Chunk {
        var events: [RawTraceEvent] = []
        var end = ChunkEnd.endOfInput(0)
        var tokenizer: TraceEventTokenizer?
        /// Invalid UTF-8 from the chunk's start to the next chunk's (or the input's end),
        /// checked by the worker before tokenizing, while the pages are fresh: the check after
        /// the import then skips them (`UTF8Check.CheckedPart`).
        var invalidUTF8: (firstOffset: Int, count: Int)?
    }

    /// A slot a worker fills and the reading thread waits for.
    final class ChunkSlot: @unchecked Sendable {
        var chunk = Chunk()
        let ready = DispatchSemaphore(value: 0)
    }

    /// Shared, read-only during the read: the input and the chunk starts.
    struct SharedInput: @unchecked Sendable {
        let bytes: UnsafeRawBufferPointer
        let starts: [Int]
    }

    /// Tokenizes from `start` until an event begins at or past `limit`, or the array ends,
    /// after checking `start..<limit` for invalid UTF-8.
    static func tokenizeChunk(_ bytes: UnsafeRawBufferPointer, from start: Int, until limit: Int) -> Chunk {
        let invalidUTF8 = UTF8Check.invalidSequences(in: bytes, from: start, to: limit, releasing: false)
        var tokenizer = TraceEventTokenizer(bytes: bytes)
        var chunk = tokenizeChunk(bytes, from: start, until: limit, with: &tokenizer)
        chunk.tokenizer = tokenizer
        chunk.invalidUTF8 = invalidUTF8
        return chunk
    }

    private static func tokenizeChunk(
        _ bytes: UnsafeRawBufferPointer, from start: Int, until limit: Int, with tokenizer: inout TraceEventTokenizer
    ) -> Chunk {
        var chunk = Chunk()
        chunk.events.reserveCapacity((limit - start) / 100 + 16)
        var scanner = JSONScanner(bytes: bytes, offset: start)
        do throws(JSONError) {
            while true {
                scanner.skipWhitespace()
                guard scanner.offset < bytes.count else {
                    chunk.end = .endOfInput(scanner.offset)
                    return chunk
                }
                if bytes[scanner.offset] == UInt8(ascii: "]") {
                    chunk.end = .arrayEnd(scanner.offset + 1)
                    return chunk
                }
                if scanner.offset >= limit {
                    chunk.end = .nextEvent(scanner.offset)
                    return chunk
                }
                chunk.events.append(try tokenizer.tokenize(&scanner))
                scanner.skipWhitespace()
                guard scanner.offset < bytes.count else { continue }
                switch bytes[scanner.offset] {
                case UInt8(ascii: ","):
                    scanner.offset += 1
                case UInt8(ascii: "]"):
                    chunk.end = .arrayEnd(scanner.offset + 1)
                    return chunk
                default:
                    throw scanner.error(
                        "expected ',' or ']' after a trace event, found \(scanner.describeFound(at: scanner.offset))")
                }
            }
        } catch {
            chunk.end = .failed(error)
            return chunk
        }
    }

    /// Candidate event starts: the first `{` after a `,` (and whitespace) at or past each
    /// multiple of the chunk size.
    static func candidateStarts(_ bytes: UnsafeRawBufferPointer, from first: Int, chunkBytes: Int) -> [Int] {
        var starts = [first]
        var nominal = first + chunkBytes
        while nominal < bytes.count - 64 {
            var index = nominal
            var found: Int?
            while index < bytes.count - 1 && index < nominal + chunkBytes {
                if bytes[index] == UInt8(ascii: ",") {
                    var next = index + 1
                    while next < bytes.count,
                        bytes[next] == 0x20 || bytes[next] == 0x0A || bytes[next] == 0x0D || bytes[next] == 0x09
                    {
                        next += 1
                    }
                    if next < bytes.count, bytes[next] == UInt8(ascii: "{") {
                        found = next
                        break
                    }
                }
                index += 1
            }
            guard let found, found > starts.last! else { break }
            starts.append(found)
            nominal = found + chunkBytes
        }
        return starts
    }

    /// Reads the events from the scanner's position (the first event, after `[`) on several
    /// threads. Returns false, having read nothing, when the input is too small to be worth it.
    mutating func readEventsInParallel(_ scanner: inout JSONScanner, allowUnclosed: Bool) throws(JSONError) -> Bool {
        let cores = min(4, max(1, onlineProcessorCount()))
        guard cores > 1 || options.parallelThresholdBytes == 0,
            bytes.count - scanner.offset >= options.parallelThresholdBytes
        else { return false }
        let starts = Self.candidateStarts(bytes, from: scanner.offset, chunkBytes: max(256, options.parallelChunkBytes))
        guard starts.count > 1 else { return false }
        // Room for about one span per 100 bytes up front: growing by doubling would copy (and
        // zero) tens of megabytes several times. Untouched capacity costs no resident memory.
        spans.reserveCapacity(spans.count + (bytes.count - scanner.offset) / 100)
        let shared = SharedInput(bytes: bytes, starts: starts)
        let slots = starts.map { _ in ChunkSlot() }
        // At most this many chunks tokenized ahead of the reader: bounds the memory in flight.
        // Made at zero and filled by signals: libdispatch traps when a semaphore is freed below
        // the value it was made with, where an early exit (an error mid-file) can leave it.
        let window = DispatchSemaphore(value: 0)
        for _ in 0...cores { window.signal() }
        let cancelled = CancelFlag()
        let next = ChunkCounter()
        // Workers are threads of their own, not dispatch's: this runs inside `async` code on a
        // thread of Swift's cooperative pool and blocks it while it waits, and on Linux
        // dispatch's pool then added workers only after noticing the stall (on one core, a
        // 0.5 s read took 1.5 s, mostly idle).
        let finished = DispatchGroup()
        for _ in 0..<cores {
            finished.enter()
            let worker = Thread {
                defer { finished.leave() }
                while true {
                    window.wait()
                    let index = next.take()
                    guard index < shared.starts.count, !cancelled.isSet else {
                        window.signal()
                        return
                    }
                    let limit = index + 1 < shared.starts.count ? shared.starts[index + 1] : shared.bytes.count
                    slots[index].chunk = Self.tokenizeChunk(shared.bytes, from: shared.starts[index], until: limit)
                    slots[index].ready.signal()
                }
            }
            worker.stackSize = 1 << 20
            worker.start()
        }
        // Chunk starts are `{` bytes, so the chunks consumed make one range to skip (`UTF8Check`).
        var checked = UTF8Check.CheckedPart(range: starts[0]..<starts[0])
        defer {
            cancelled.set()
            // Enough signals to wake every waiting worker, however many chunks are in flight.
            for _ in starts.indices { window.signal() }
            finished.wait()
            // Only one event array is read this way: a second would not continue the range.
            if checkedUTF8 == nil { checkedUTF8 = checked }
        }
        for index in starts.indices {
            slots[index].ready.wait()
            let chunk = slots[index].chunk
            slots[index].chunk = Chunk()
            window.signal()
            checked.append(
                upTo: index + 1 < starts.count ? starts[index + 1] : bytes.count, found: chunk.invalidUTF8)
            if let tokenizer = chunk.tokenizer {
                var map = ChunkIDMap()
                for event in chunk.events {
                    try consume(event, from: tokenizer, map: &map, scanner: scanner)
                }
            }
            if isFileMapping, index + 1 < starts.count {
                MappedFile.release(bytes, from: starts[index], to: starts[index + 1])
            }
            switch chunk.end {
            case .failed(let error):
                throw error
            case .arrayEnd(let offset):
                scanner.offset = offset
                return true
            case .endOfInput(let offset):
                scanner.offset = offset
                guard allowUnclosed else {
                    throw scanner.error("expected a trace event or ']', found the end of the file")
                }
                notes.append(
                    ImportWarning(
                        offset: offset,
                        message:
                            "the event array has no closing ']' (allowed by the Trace Event Format); read to the end of the file"
                    ))
                return true
            case .nextEvent(let offset):
                if index + 1 < starts.count, offset == starts[index + 1] { continue }
                // The next candidate was not an event boundary: go on alone from the real one.
                cancelled.set()
                scanner.offset = offset
                try readEventsSequentially(&scanner, allowUnclosed: allowUnclosed)
                return true
            }
        }
        return true
    }
}

/// Hands out chunk indexes, each once, in order.
final class ChunkCounter: @unchecked Sendable {
    private let lock = DispatchSemaphore(value: 1)
    private var value = 0

    func take() -> Int {
        lock.wait()
        defer { lock.signal() }
        value += 1
        return value - 1
    }
}

/// A flag workers check to stop early.
final class CancelFlag: @unchecked Sendable {
    private let lock = DispatchSemaphore(value: 1)
    private var value = false

    var isSet: Bool {
        lock.wait()
        defer { lock.signal() }
        return value
    }

    func set() {
        lock.wait()
        value = true
        lock.signal()
    }
}

/// Cores available now.
func onlineProcessorCount() -> Int {
    #if canImport(Glibc)
        return Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    #else
        return 2
    #endif
}
