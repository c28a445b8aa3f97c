import Dispatch
import HotpathModel

/// What a trace turned into, times in the model's units (ns since the first event).
struct TraceImportResult {
    var spans: SpanTable
    var memory: [MemorySample]
    var io: [IOOperation]
    var caches: [TemplateCacheStats]
    var warnings: [ImportWarning]
    /// The first event's timestamp in the trace's microseconds; nil for a trace without events.
    var originMicroseconds: Double?
    /// An LLVM time trace's `Total …` summaries (see `extractPhaseTotals`).
    var phaseTotals: [PhaseTotal] = []
    /// Stacks from the V8 CPU profiles in the trace (`TraceCPUProfiles`), weight unit samples.
    var sampledStacks: [StackSample] = []
}

extension TraceEventReader {
    /// Slack when comparing ends and starts: timestamps are µs with at most ns precision, and
    /// `ts + dur` in floating point can land a hair past its parent's end.
    static let nestingSlack = 0.0005

    /// How many distinct `args` objects spans keep (see `cachedArgs`).
    static let maximumDistinctArgs = 100_000

    /// Matches `B`/`E`, nests spans per thread and converts everything to the model.
    mutating func finish() -> TraceImportResult {
        let phaseTotals = extractPhaseTotals()
        // Async b/e pairs are intervals such as input latencies and animations that overlap
        // the threads' own work: beside complete or B/E spans they would inflate the run's total
        // and its hot paths, so they become spans only in a trace that has nothing else, or in
        // an LLVM time trace, where they are parts of the compile (clang 19's `Source`) and
        // their roots nest into the thread's own spans.
        let attachesAsyncRoots = !phaseTotals.isEmpty && !(spans.isEmpty && boundaries.isEmpty)
        if phaseTotals.isEmpty {
            lint.record(.timestampsBackwards, count: asyncBackwards.count, firstOffset: asyncBackwards.first)
        }
        if spans.isEmpty && boundaries.isEmpty || !phaseTotals.isEmpty {
            matchAsyncBoundaries()
        } else {
            for event in asyncBoundaries {
                lint.recordSkipped(phase: event.boundary.isBegin ? "b" : "e", at: event.boundary.offset)
            }
        }
        matchBoundaries()
        let origin = earliest.isFinite ? earliest : 0
        var result = TraceImportResult(
            spans: buildSpans(origin: origin, attachingAsyncRoots: attachesAsyncRoots), memory: [], io: [],
            caches: resources.cacheStats(), warnings: [], originMicroseconds: earliest.isFinite ? earliest : nil)
        result.phaseTotals = phaseTotals

        result.memory = counters.samples.map {
            MemorySample(tNs: ($0.timestamp - origin) * 1000, rssBytes: $0.rss, heapBytes: $0.heap)
        }
        // Stable: samples at one time keep their file order.
        result.memory = result.memory.enumerated().sorted {
            $0.element.tNs != $1.element.tNs ? $0.element.tNs < $1.element.tNs : $0.offset < $1.offset
        }.map(\.element)
        result.io = resources.io.map {
            IOOperation(
                operation: $0.name.isEmpty ? nil : $0.name, kind: $0.kind, bytes: $0.bytes,
                durationNs: $0.duration * 1000,
                startNs: ($0.timestamp - origin) * 1000, isAsync: $0.isAsync, path: $0.path)
        }

        result.warnings = notes + lint.warnings
        let cpu = cpuProfiles.stacks()
        result.sampledStacks = cpu.stacks
        if cpu.unresolved > 0 || cpuProfiles.unreadableChunks > 0 {
            let unreadable =
                cpuProfiles.unreadableChunks > 0
                ? "; \(ImportSupport.plural(cpuProfiles.unreadableChunks, "ProfileChunk event")) held no cpuProfile"
                : ""
            result.warnings.append(
                ImportWarning(
                    message:
                        "\(ImportSupport.plural(cpu.unresolved, "CPU profile sample")) named no node of its profile and \(cpu.unresolved == 1 ? "was" : "were") skipped\(unreadable)"
                ))
        }
        if result.spans.isEmpty, cpu.stacks.isEmpty, let samples = lint.skippedPhases["P"] {
            // DevTools' Performance panel writes its CPU profile as `P` chunks (V8's own format,
            // not trace events): without spans the report would be an unexplained empty run.
            result.warnings.append(
                ImportWarning(
                    offset: samples.firstOffset,
                    message:
                        "the trace has no spans, only \(ImportSupport.plural(samples.count, "sample event")) (phase P, e.g. V8 CPU profile chunks), which Hotpath does not read: the run is empty"
                ))
        }
        if instantCount > 0 {
            result.warnings.append(
                ImportWarning(
                    message:
                        "\(ImportSupport.plural(instantCount, "instant event")) (phase i/I) counted but not imported as spans: they have no duration"
                ))
        }
        if counters.otherEvents > 0 {
            let names = counters.otherCounters.keys.sorted().prefix(5).map { "\"\($0)\"" }.joined(separator: ", ")
            result.warnings.append(
                ImportWarning(
                    message:
                        "\(ImportSupport.plural(counters.otherEvents, "counter event")) (phase C) \(counters.otherEvents == 1 ? "is" : "are") not memory-like; skipped: \(names)\(counters.otherCounters.count > 5 ? ", …" : "")"
                ))
        }
        if argsDropped > 0 {
            result.warnings.append(
                ImportWarning(
                    message:
                        "the trace has more than \(Self.maximumDistinctArgs) distinct args objects: \(ImportSupport.plural(argsDropped, "span")) kept only their category, not their args"
                ))
        }
        if resources.incomplete > 0 {
            result.warnings.append(
                ImportWarning(
                    message:
                        "\(ImportSupport.plural(resources.incomplete, "event")) in a \"cache\" or \"io\" category lacked args.hit or args.bytes and were not counted as cache lookups or I/O"
                ))
        }
        return result
    }

    // MARK: B/E

    /// Turns `B`/`E` pairs into pending spans, per thread in timestamp order (stable, so events
    /// at one timestamp keep their file order). An `E` closes the top of its thread's stack;
    /// when it names a begin deeper in the stack, the begins above are closed with it; when it
    /// names none, it closes the top anyway (speedscope's tolerance). Begins never ended are
    /// closed at the trace's last timestamp.
    private mutating func matchBoundaries() {
        guard !boundaries.isEmpty else { return }
        let groups = Self.groupByThread(boundaries.count, threadCount: threads.count) { Int(boundaries[$0].thread) }
        var open: [PendingBoundary] = []
        for group in groups where !group.isEmpty {
            var indices = group
            let isSorted = zip(indices, indices.dropFirst()).allSatisfy {
                boundaries[$0].timestamp <= boundaries[$1].timestamp
            }
            if !isSorted {
                indices.sort {
                    let left = boundaries[$0]
                    let right = boundaries[$1]
                    return left.timestamp != right.timestamp
                        ? left.timestamp < right.timestamp : left.order < right.order
                }
            }
            open.removeAll(keepingCapacity: true)
            var groupStart = 0
            while groupStart < indices.count {
                var groupEnd = groupStart + 1
                let time = boundaries[indices[groupStart]].timestamp
                while groupEnd < indices.count, boundaries[indices[groupEnd]].timestamp == time { groupEnd += 1 }
                matchGroup(indices[groupStart..<groupEnd], open: &open)
                groupStart = groupEnd
            }
            while let begin = open.popLast() {
                lint.record(.beginNeverEnded, at: begin.offset)
                close(begin, at: max(latest, begin.timestamp))
            }
        }
    }

    /// Events at one timestamp, reordered the way speedscope does so that names match: first
    /// the ends of begins already open (innermost first), then the begins, then the remaining
    /// ends (which may close those begins: zero-length spans).
    private mutating func matchGroup(_ group: ArraySlice<Int>, open: inout [PendingBoundary]) {
        if group.count == 1, let only = group.first {
            let event = boundaries[only]
            if event.isBegin { open.append(event) } else { end(event, open: &open) }
            return
        }
        var ends = group.filter { !boundaries[$0].isBegin }
        // Ends that match the open stack's top, innermost first.
        var matched = true
        while matched, !ends.isEmpty, let top = open.last {
            matched = false
            if let position = ends.firstIndex(where: { boundaries[$0].name == top.name }) {
                let index = ends.remove(at: position)
                end(boundaries[index], open: &open)
                matched = true
            }
        }
        // Then ends that name a begin deeper in the stack.
        ends.removeAll { index in
            let name = boundaries[index].name
            guard open.contains(where: { $0.name == name }) else { return false }
            end(boundaries[index], open: &open)
            return true
        }
        for index in group where boundaries[index].isBegin { open.append(boundaries[index]) }
        for index in ends { end(boundaries[index], open: &open) }
    }

    private mutating func end(_ event: PendingBoundary, open: inout [PendingBoundary]) {
        guard let top = open.last else {
            lint.record(.endWithoutBegin, at: event.offset)
            return
        }
        var closeFrom = open.count - 1
        if event.name >= 0, top.name != event.name, !names[event.name].isEmpty {
            if let deeper = open.lastIndex(where: { $0.name == event.name }) {
                lint.record(.endBelowTop, at: event.offset)
                closeFrom = deeper
            } else {
                lint.record(.endNameMismatch, at: event.offset)
            }
        }
        while open.count > closeFrom, let begin = open.popLast() {
            close(begin, at: event.timestamp)
        }
    }

    private mutating func close(_ begin: PendingBoundary, at end: Double) {
        spans.append(
            PendingSpan(
                name: begin.name, category: begin.category, thread: begin.thread,
                order: Int32(truncatingIfNeeded: spans.count),
                start: begin.timestamp, duration: max(0, end - begin.timestamp), argsText: begin.argsText,
                offset: begin.offset))
    }

    // MARK: b/e

    /// Turns nestable async `b`/`e` pairs into spans on their thread's async track (for a trace
    /// of async events only, see `finish`). An `e`
    /// closes the latest open `b` of the same process, category, id and name (in timestamp
    /// order, stable); an `e` matching none is dropped, a `b` never ended is closed at the
    /// trace's last timestamp (both lint warnings). Nesting follows from containment, as for
    /// every span.
    private mutating func matchAsyncBoundaries() {
        guard !asyncBoundaries.isEmpty else { return }
        var indices = Array(asyncBoundaries.indices)
        let time = { [asyncBoundaries] (index: Int) in asyncBoundaries[index].boundary.timestamp }
        if !zip(indices, indices.dropFirst()).allSatisfy({ time($0) <= time($1) }) {
            // Stable: at one timestamp, file order.
            indices.sort { time($0) != time($1) ? time($0) < time($1) : $0 < $1 }
        }
        var open: [PendingAsyncBoundary.AsyncKey: [Int]] = [:]
        for index in indices {
            let event = asyncBoundaries[index]
            if event.boundary.isBegin {
                open[event.key, default: []].append(index)
            } else if let begin = open[event.key]?.popLast() {
                close(asyncBoundaries[begin].boundary, at: event.boundary.timestamp)
            } else {
                lint.record(.asyncEndWithoutBegin, at: event.boundary.offset)
            }
        }
        // In file order, so spans and warnings come out the same on every run.
        for index in open.values.joined().sorted() {
            let begin = asyncBoundaries[index].boundary
            lint.record(.asyncBeginNeverEnded, at: begin.offset)
            close(begin, at: max(latest, begin.timestamp))
        }
    }

    // MARK: Nesting

    /// Spans per thread, each thread's sorted by start (ties: longer first, then file order);
    /// a span's parent is the innermost earlier span on its thread that contains it.
    /// Nests the spans of each thread (sorted by start, longer first) and writes them into a
    /// table whose names, threads and argument sets are stored once each.
    /// With `attachingAsyncRoots` (an LLVM time trace), a span at the top of a thread's async
    /// track gets as parent the innermost span of the thread itself that contains it.
    /// Leaves `spans` empty.
    private mutating func buildSpans(origin: Double, attachingAsyncRoots: Bool) -> SpanTable {
        guard !spans.isEmpty else { return [] }
        var table = SpanTable()
        // The reader's name ids → the table's, filled as they are met.
        var tableName = [Int32](repeating: -1, count: names.count + 1)
        // Per category id + 1 (slot 0: no category), the argument set of a span without args;
        // `Int32.min` until first needed. An array, not a dictionary: it is looked up per span.
        var plainArgs = [Int32](repeating: .min, count: categories.count + 1)
        // Spans with the same args text (and category) share one dictionary: traces repeat
        // args a lot, and building a dictionary per span would dominate the import.
        var argsByText: [[(category: Int32, index: Int32)]] = []
        // Threads with an async track, and their spans, for `attachingAsyncRoots`: an async
        // track is always made after its thread, so its thread's spans are built first.
        var asyncBases = Set<Int>()
        if attachingAsyncRoots {
            for key in threads { if case .asyncTrack(let base) = key.tid { asyncBases.insert(Int(base)) } }
        }
        var baseSpans: [Int: [(start: Double, end: Double, id: Int)]] = [:]
        // Sorting and nesting each thread's spans, and the table's times and parents, is pure:
        // done for all threads at once, on all cores; what follows (interning, the table, lint)
        // stays in thread order on this one and reads only the nestings' columns.
        var (nestings, columns) = Self.nestThreads(spans, threadCount: threads.count, origin: origin)
        // Everything the table needs is in the nestings now: the pending spans (48 bytes each)
        // go before the table's other columns are made, so the two never add up at the peak,
        // and those are made where the allocator reuses their memory: fresh pages would each
        // fault and be zeroed (about 11,000 for a million spans).
        let spanCount = spans.count
        spans = []
        // Each span's label by its id in the table, read on all cores: the labels are in file
        // order and the table in nesting order, and reading them one by one out of order
        // (missing the cache at every span) was half of the loop below. Held in the three
        // columns the loop then turns into the table's: name and args text as the reader's ids,
        // category where the thread goes.
        var (nameIndexes, threadIndexes, argumentIndexes) = Self.labelsByID(nestings, count: spanCount)
        var firstID = 0
        for thread in nestings.indices where !nestings[thread].keys.isEmpty {
            let nesting = nestings[thread]
            nestings[thread] = ThreadNesting()
            let count = nesting.keys.count
            let threadIndex = table.internThread(threadLabel(thread))
            var enclosing: EnclosingSpanFinder?
            if attachingAsyncRoots, case .asyncTrack(let base) = threads[thread].tid {
                enclosing = EnclosingSpanFinder(spans: baseSpans[Int(base)] ?? [])
            }
            let recordsBase = attachingAsyncRoots && asyncBases.contains(thread)
            var recorded: [(start: Double, end: Double, id: Int)] = []
            for offset in nesting.overlapOffsets { lint.record(.overlappingSpans, at: offset) }
            for (position, key) in nesting.keys.enumerated() {
                let id = firstID + position
                let label = SpanLabel(
                    name: nameIndexes[id], category: threadIndexes[id], argsText: argumentIndexes[id])
                let nameSlot = label.name >= 0 ? Int(label.name) : names.count
                if tableName[nameSlot] < 0 {
                    tableName[nameSlot] = table.internName(label.name >= 0 ? names[label.name] : "")
                }
                nameIndexes[id] = tableName[nameSlot]
                argumentIndexes[id] = argumentsIndex(label, plain: &plainArgs, byText: &argsByText, table: &table)
                threadIndexes[id] = threadIndex
                if nesting.parents[position] < 0, enclosing != nil,
                    let parent = enclosing?.innermost(
                        containing: key.start, key.start + key.duration, slack: Self.nestingSlack)
                {
                    columns.parentIDs[id] = parent
                }
                if recordsBase { recorded.append((key.start, key.start + key.duration, id)) }
            }
            if recordsBase { baseSpans[thread] = recorded }
            firstID += count
        }
        table.setColumns(
            ids: Array(0..<spanCount), nameIndexes: nameIndexes, startsNs: columns.startsNs,
            durationsNs: columns.durationsNs, threadIndexes: threadIndexes, parentIDs: columns.parentIDs,
            argumentIndexes: argumentIndexes)
        return table
    }

    /// Each span's label in the order of the table's ids (each thread's spans in nesting order
    /// after those of the threads before it): names, categories and args texts as columns,
    /// each thread's spans in a piece per core, all at once.
    static func labelsByID(
        _ nestings: [ThreadNesting], count: Int
    ) -> (names: [Int32], categories: [Int32], argsTexts: [Int32]) {
        var categories: [Int32] = []
        var argsTexts: [Int32] = []
        let names = [Int32](unsafeUninitializedCapacity: count) { nameBuffer, nameCount in
            categories = [Int32](unsafeUninitializedCapacity: count) { categoryBuffer, categoryCount in
                argsTexts = [Int32](unsafeUninitializedCapacity: count) { argsBuffer, argsCount in
                    // Each piece writes only its own ids.
                    nonisolated(unsafe) let (nameBuffer, categoryBuffer, argsBuffer) = (
                        nameBuffer, categoryBuffer, argsBuffer
                    )
                    forEachPiece(of: nestings) { nesting, first, positions in
                        let (keys, labels) = (nesting.keys, nesting.labels)
                        for position in positions {
                            let label = labels[labels.startIndex + Int(keys[keys.startIndex + position].index)]
                            nameBuffer.initializeElement(at: first + position, to: label.name)
                            categoryBuffer.initializeElement(at: first + position, to: label.category)
                            argsBuffer.initializeElement(at: first + position, to: label.argsText)
                        }
                    }
                    argsCount = count
                }
                categoryCount = count
            }
            nameCount = count
        }
        return (names, categories, argsTexts)
    }

    /// Runs `body` on every thread's spans in nesting order cut into a piece per core, all
    /// pieces at once: with the thread's nesting, its first id in the table (the spans of the
    /// threads before it come first) and the piece's positions. Thread by thread, the busiest
    /// thread (viztracer's main thread) kept one core busy after the other was done.
    static func forEachPiece(
        of nestings: [ThreadNesting],
        _ body: @Sendable (_ nesting: ThreadNesting, _ first: Int, _ positions: Range<Int>) -> Void
    ) {
        var spansBefore = 0
        let firstIDs = nestings.map { nesting in
            defer { spansBefore += nesting.keys.count }
            return spansBefore
        }
        let cores = onlineProcessorCount()
        DispatchQueue.concurrentPerform(iterations: nestings.count * cores) { task in
            let (thread, part) = task.quotientAndRemainder(dividingBy: cores)
            let count = nestings[thread].keys.count
            body(nestings[thread], firstIDs[thread], count * part / cores..<count * (part + 1) / cores)
        }
    }

    /// One thread's spans in nesting order, each one's parent as a position in that order, and
    /// the columns the span table takes from them. Keys, labels and indexes are parts of the
    /// arrays all threads' spans were gathered in (`nestThreads`): positions count from their
    /// `startIndex`.
    struct ThreadNesting {
        /// By start (ties: longer first, then file order) once nested; a key's `index` is the
        /// span's position among the thread's spans in file order.
        var keys: ArraySlice<NestingKey> = []
        /// Per position in file order (not in nesting order): what the table's loop reads of a
        /// span besides its times, so it reads no pending span (48 bytes each, in an array of a
        /// million: reading them in nesting order was half of building the table).
        var labels: ArraySlice<SpanLabel> = []
        /// Per position in file order, the span's index among the pending spans (for its offset).
        var spanIndexes: ArraySlice<Int32> = []
        /// The innermost earlier span of the thread that contains it, as a position in
        /// `keys`; -1 for none.
        var parents: [Int32] = []
        /// In nesting order, where the spans are that reached past the end of a span that
        /// contains their start (the `overlappingSpans` lint): they nest where they fit.
        var overlapOffsets: [Int] = []
    }

    /// A pending span's name, category and args text, by their ids in the reader's tables.
    struct SpanLabel {
        var name: Int32
        var category: Int32
        var argsText: Int32
    }

    /// Every thread's nesting: its spans' keys, labels and indexes gathered by thread in one
    /// pass over the pending spans (a stretch of them per core), then sorted and nested
    /// (`link`) with the threads shared among the cores, and the table's columns made from them
    /// there. One pass in file order:
    /// gathered thread by thread, each thread's read touched every cache line of the pending
    /// spans (eight threads, eight passes over 48 MB); and into one array each, written in
    /// place, where appending to arrays per thread checked them at every span (a tenth of the
    /// import). `origin` is the trace's first timestamp in µs; the table takes each thread's
    /// spans after those of the threads before it, which gives the ids of their parents.
    static func nestThreads(
        _ spans: [PendingSpan], threadCount: Int, origin: Double
    ) -> (nestings: [ThreadNesting], columns: TableColumns) {
        // The spans in one stretch per core, each gathered on its own: a stretch's spans of a
        // thread go after those of the stretches before it, where one pass in file order puts
        // them. Gathering is mostly faulting in the three arrays' fresh pages, a core's work.
        let stretchCount = max(1, min(onlineProcessorCount(), spans.count / minimumSortPiece))
        let stretches = (0..<stretchCount).map {
            spans.count * $0 / stretchCount..<spans.count * ($0 + 1) / stretchCount
        }
        var counts = [[Int]](repeating: [], count: stretchCount)
        counts.withUnsafeMutableBufferPointer { countsOut in
            // Each iteration writes only its own stretch's counts.
            nonisolated(unsafe) let countsOut = countsOut
            DispatchQueue.concurrentPerform(iterations: stretchCount) { stretch in
                var threadCounts = [Int](repeating: 0, count: threadCount)
                for index in stretches[stretch] { threadCounts[Int(spans[index].thread)] += 1 }
                countsOut[stretch] = threadCounts
            }
        }
        let sizes = (0..<threadCount).map { thread in counts.reduce(0) { $0 + $1[thread] } }
        // Each thread's first id in the table, and its spans' place in the gathered arrays: the
        // spans of the threads before it come first.
        var spansBefore = 0
        let firstIDs = sizes.map { size in
            defer { spansBefore += size }
            return spansBefore
        }
        // Where each stretch's first span of each thread goes.
        var slotsBefore = firstIDs
        let stretchSlots = counts.map { stretchCounts in
            defer { for thread in 0..<threadCount { slotsBefore[thread] += stretchCounts[thread] } }
            return slotsBefore
        }
        var labels: [SpanLabel] = []
        var spanIndexes: [Int32] = []
        var keys = [NestingKey](unsafeUninitializedCapacity: spans.count) { keyBuffer, keyCount in
            labels = [SpanLabel](unsafeUninitializedCapacity: spans.count) { labelBuffer, labelCount in
                spanIndexes = [Int32](unsafeUninitializedCapacity: spans.count) { indexBuffer, indexCount in
                    // Each iteration writes only its own stretch's slots.
                    nonisolated(unsafe) let (keyBuffer, labelBuffer, indexBuffer) = (
                        keyBuffer, labelBuffer, indexBuffer
                    )
                    DispatchQueue.concurrentPerform(iterations: stretchCount) { stretch in
                        var next = stretchSlots[stretch]
                        for index in stretches[stretch] {
                            let span = spans[index]
                            let thread = Int(span.thread)
                            let slot = next[thread]
                            next[thread] = slot + 1
                            keyBuffer.initializeElement(
                                at: slot,
                                to: NestingKey(
                                    start: span.start, duration: span.duration, order: span.order,
                                    index: Int32(truncatingIfNeeded: slot - firstIDs[thread])))
                            labelBuffer.initializeElement(
                                at: slot,
                                to: SpanLabel(name: span.name, category: span.category, argsText: span.argsText))
                            indexBuffer.initializeElement(at: slot, to: Int32(truncatingIfNeeded: index))
                        }
                    }
                    indexCount = spans.count
                }
                labelCount = spans.count
            }
            keyCount = spans.count
        }
        // Each thread's keys sorted in pieces, one per core for a big thread, on all cores and
        // in place: sorting is most of nesting, and sorting thread by thread left a core idle
        // once the smaller threads were done (viztracer writes two thirds of a Python trace's
        // spans on its main thread).
        let cores = onlineProcessorCount()
        let pieces = sortPieces(firstIDs: firstIDs, sizes: sizes, cores: cores)
        let allPieces = Array(pieces.joined())
        keys.withUnsafeMutableBufferPointer { buffer in
            // Each iteration sorts only its own piece of the keys.
            nonisolated(unsafe) let base = buffer
            DispatchQueue.concurrentPerform(iterations: allPieces.count) { piece in
                var keys = UnsafeMutableBufferPointer(rebasing: base[allPieces[piece]])
                if !isInNestingOrder(keys) { keys.sort { $0.precedes($1) } }
            }
        }
        var nestings = sizes.indices.map { thread in
            let range = firstIDs[thread]..<firstIDs[thread] + sizes[thread]
            var nesting = ThreadNesting()
            nesting.keys = keys[range]
            nesting.labels = labels[range]
            nesting.spanIndexes = spanIndexes[range]
            return nesting
        }
        for thread in nestings.indices where pieces[thread].count > 1 {
            // Pieces in order one after the other (a thread written in start order) are the
            // thread's order already; others are merged, each merge cut into a part per core.
            let sorted = nestings[thread].keys
            let cuts = pieces[thread].dropFirst().map(\.lowerBound)
            if !cuts.allSatisfy({ sorted[$0 - 1].precedes(sorted[$0]) }) {
                nestings[thread].keys = merged(pieces[thread].map { sorted[$0] }, parts: cores)[...]
            }
        }
        nestings.withUnsafeMutableBufferPointer { buffer in
            // Each iteration changes only its own thread's nesting.
            nonisolated(unsafe) let base = buffer.baseAddress!
            DispatchQueue.concurrentPerform(iterations: buffer.count) { thread in link(&(base + thread).pointee, spans)
            }
        }
        // The table's columns, in pieces on all cores.
        let linked = nestings
        var startsNs: [Double] = []
        var durationsNs: [Double] = []
        var parentIDs: [Int] = []
        startsNs = [Double](unsafeUninitializedCapacity: spans.count) { starts, startCount in
            durationsNs = [Double](unsafeUninitializedCapacity: spans.count) { durations, durationCount in
                parentIDs = [Int](unsafeUninitializedCapacity: spans.count) { parents, parentCount in
                    // Each piece writes only its own entries.
                    nonisolated(unsafe) let columns = (
                        starts.baseAddress!, durations.baseAddress!, parents.baseAddress!
                    )
                    forEachPiece(of: linked) { nesting, first, positions in
                        for position in positions {
                            let key = nesting.keys[nesting.keys.startIndex + position]
                            let parent = nesting.parents[position]
                            (columns.0 + first + position).initialize(to: (key.start - origin) * 1000)
                            (columns.1 + first + position).initialize(to: key.duration * 1000)
                            (columns.2 + first + position).initialize(
                                to: parent >= 0 ? first + Int(parent) : SpanTable.noParent)
                        }
                    }
                    parentCount = spans.count
                }
                durationCount = spans.count
            }
            startCount = spans.count
        }
        return (nestings, TableColumns(startsNs: startsNs, durationsNs: durationsNs, parentIDs: parentIDs))
    }

    /// The span table's time and parent columns, every span's: each thread's spans in nesting
    /// order after those of the threads before it; starts since the origin and durations in
    /// ns, parents by their ids in the table (`SpanTable.noParent` for a root).
    struct TableColumns {
        var startsNs: [Double]
        var durationsNs: [Double]
        var parentIDs: [Int]
    }

    /// Threads with fewer keys than twice this are sorted in one piece.
    static let minimumSortPiece = 16_384

    /// Each thread's keys (at `firstIDs[thread]`, `sizes[thread]` of them) as pieces to sort on
    /// their own: one per core for a thread of many, one for a thread of few.
    static func sortPieces(firstIDs: [Int], sizes: [Int], cores: Int) -> [[Range<Int>]] {
        sizes.indices.map { thread in
            let (first, count) = (firstIDs[thread], sizes[thread])
            let parts = max(1, min(cores, count / minimumSortPiece))
            return (0..<parts).map { first + count * $0 / parts..<first + count * ($0 + 1) / parts }
        }
    }

    static func isInNestingOrder(_ keys: some Collection<NestingKey>) -> Bool {
        zip(keys, keys.dropFirst()).allSatisfy { $0.precedes($1) }
    }

    /// Sorted pieces merged into one sorted array. `precedes` is a total order (no two spans
    /// share a file order), so this is the very order one sort of all the keys gives. Each
    /// merge of two runs is cut into `parts` parts of its output, merged at once.
    static func merged(_ pieces: [ArraySlice<NestingKey>], parts: Int = 1) -> [NestingKey] {
        var runs = pieces
        while runs.count > 1 {
            var next: [ArraySlice<NestingKey>] = []
            for pair in stride(from: 0, to: runs.count, by: 2) {
                next.append(pair + 1 < runs.count ? merged(runs[pair], runs[pair + 1], parts: parts)[...] : runs[pair])
            }
            runs = next
        }
        return Array(runs.first ?? [])
    }

    private static func merged(
        _ left: ArraySlice<NestingKey>, _ right: ArraySlice<NestingKey>, parts: Int
    ) -> [NestingKey] {
        let count = left.count + right.count
        let parts = max(1, min(parts, count / minimumSortPiece))
        // How many of the merge's first `taken` keys come from `left`: the fewest for which the
        // last of the others from `right` comes before the next from `left`.
        @Sendable func fromLeft(_ taken: Int) -> Int {
            var (low, high) = (max(0, taken - right.count), min(taken, left.count))
            while low < high {
                let middle = (low + high) / 2
                if left[left.startIndex + middle].precedes(right[right.startIndex + taken - middle - 1]) {
                    low = middle + 1
                } else {
                    high = middle
                }
            }
            return low
        }
        return [NestingKey](unsafeUninitializedCapacity: count) { buffer, initialized in
            // Each iteration writes only its own part of the output.
            nonisolated(unsafe) let output = buffer
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let (start, end) = (count * part / parts, count * (part + 1) / parts)
                let (leftStart, leftEnd) = (fromLeft(start), fromLeft(end))
                var l = left.startIndex + leftStart
                var r = right.startIndex + start - leftStart
                let (lEnd, rEnd) = (left.startIndex + leftEnd, right.startIndex + end - leftEnd)
                for position in start..<end {
                    if l < lEnd && (r == rEnd || !right[r].precedes(left[l])) {
                        output.initializeElement(at: position, to: left[l])
                        l += 1
                    } else {
                        output.initializeElement(at: position, to: right[r])
                        r += 1
                    }
                }
            }
            initialized = count
        }
    }

    /// Finds each span's parent in a thread's keys sorted by `precedes`: the innermost earlier
    /// span that contains it, within `nestingSlack`.
    static func link(_ nesting: inout ThreadNesting, _ spans: [PendingSpan]) {
        guard !nesting.keys.isEmpty else { return }
        nesting.parents.reserveCapacity(nesting.keys.count)
        var stack: [(position: Int32, end: Double)] = []
        for (position, span) in nesting.keys.enumerated() {
            let end = span.start + span.duration
            while let top = stack.last, top.end <= span.start + nestingSlack { stack.removeLast() }
            if let top = stack.last, end > top.end + nestingSlack {
                let spanIndex = nesting.spanIndexes[nesting.spanIndexes.startIndex + Int(span.index)]
                nesting.overlapOffsets.append(spans[Int(spanIndex)].offset)
                while let top = stack.last, end > top.end + nestingSlack { stack.removeLast() }
            }
            nesting.parents.append(stack.last?.position ?? -1)
            stack.append((Int32(position), end))
        }
    }

    /// A pending span's place in its thread's nesting order.
    struct NestingKey {
        var start: Double
        var duration: Double
        var order: Int32
        /// Among the thread's spans in file order.
        var index: Int32

        /// By start; at one start the longer first (the parent), then in file order.
        @inline(__always)
        func precedes(_ other: NestingKey) -> Bool {
            if start != other.start { return start < other.start }
            if duration != other.duration { return duration > other.duration }
            return order < other.order
        }
    }

    /// The span's argument set as an index into the table's, built once per args text and
    /// category (-1 when it has none).
    private mutating func argumentsIndex(
        _ span: SpanLabel, plain: inout [Int32], byText: inout [[(category: Int32, index: Int32)]],
        table: inout SpanTable
    ) -> Int32 {
        func intern(_ arguments: [String: String]) -> Int32 {
            arguments.isEmpty ? -1 : table.internArguments(arguments)
        }
        guard span.argsText >= 0 else {
            // No args, or (-2) an args text past the limit of distinct ones: only the category.
            if span.argsText == -2 { argsDropped += 1 }
            let slot = Int(span.category) + 1
            if plain[slot] != .min { return plain[slot] }
            let index = intern(spanArgs(category: span.category, argsText: -1))
            plain[slot] = index
            return index
        }
        let id = Int(span.argsText)
        if id >= byText.count { byText.append(contentsOf: repeatElement([], count: id - byText.count + 1)) }
        // One args text rarely comes with more than a few categories.
        if let cached = byText[id].first(where: { $0.category == span.category }) { return cached.index }
        let index = intern(spanArgs(category: span.category, argsText: span.argsText))
        byText[id].append((span.category, index))
        return index
    }

    /// The category (as `category`) and the event's scalar arguments as text; nested values are
    /// left out, strings longer than 1 KiB too.
    /// Parsed from the interned args text, not from the input: the input's pages may be gone.
    private func spanArgs(category: Int32, argsText: Int32) -> [String: String] {
        var result: [String: String] = [:]
        if category >= 0 {
            let text = categories[category]
            if !text.isEmpty { result["category"] = text }
        }
        guard argsText >= 0 else { return result }
        var text = argsTexts[argsText]
        text.withUTF8 { utf8 in
            var scanner = JSONScanner(bytes: UnsafeRawBufferPointer(utf8), maximumDepth: 64)
            guard scanner.peek() == UInt8(ascii: "{") else { return }
            try? scanner.forEachMember { (scanner, key) throws(JSONError) in
                if let text = try scanner.readScalarText(), text.utf8.count <= 1024, result[key] == nil {
                    result[key] = text
                }
            }
        }
        return result
    }

    /// `Renderer (pid 12) / Compositor`, from `process_name` and `thread_name` metadata; ids stand
    /// in for missing names.
    private func threadLabel(_ thread: Int) -> String {
        let key = threads[thread]
        if case .asyncTrack(let base) = key.tid { return threadLabel(Int(base)) + " (async)" }
        let pidText = describe(key.pid)
        let tidText = describe(key.tid)
        let process = processNames[key.pid].map { "\($0) (pid \(pidText))" } ?? "pid \(pidText)"
        let threadName = threadNames[key] ?? "tid \(tidText)"
        return "\(process) / \(threadName)"
    }

    private func describe(_ id: TraceID) -> String {
        switch id {
        case .none: "?"
        case .number(let value): String(value)
        case .string(let index): identifiers[index]
        case .asyncTrack(let base): describe(threads[Int(base)].tid)
        }
    }

    /// Indices 0..<count grouped by thread (a counting sort), each group in index order.
    static func groupByThread(_ count: Int, threadCount: Int, thread: (Int) -> Int) -> [[Int]] {
        var sizes = [Int](repeating: 0, count: threadCount)
        for index in 0..<count { sizes[thread(index)] += 1 }
        var groups = sizes.map { size -> [Int] in
            var group: [Int] = []
            group.reserveCapacity(size)
            return group
        }
        for index in 0..<count { groups[thread(index)].append(index) }
        return groups
    }
}
