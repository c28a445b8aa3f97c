import Dispatch
import Foundation
import HotpathModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads collapsed ("folded") stacks, as written by Brendan Gregg's `stackcollapse-*.pl`,
/// inferno and most profilers' "folded" exports: one `root;child;leaf count` per line.
///
/// The count is the line's last whitespace-separated field (frames may contain spaces). When
/// most lines end in two counts, the file is the differential form (`stack before after`, from
/// `difffolded.pl` / `inferno-diff-folded`): the second column is this profile, the first is
/// reported as the baseline's total. Identical stacks are merged in order of first appearance.
/// Counts are samples unless `IngestOptions.collapsedUnit` says they are a unit of time
/// (converted to nanoseconds) or bytes.
public struct CollapsedStacksImporter: DumpImporter {
    public init() {}

    public var format: DumpFormat { .collapsed }

    /// Most invalid lines reported one by one; the rest are counted in one warning.
    static let maximumLineWarnings = 20

    public func recognizes(_ sniff: ContentSniff) -> Bool {
        // Text; a stack may start with '[' (`[unknown];…`), which looks like a JSON array at first.
        guard sniff.shape == .notJSON || (sniff.shape == .array && sniff.firstElementKeys.isEmpty) else { return false }
        // "\r\n" is one Character in Swift: split on both.
        var lines = sniff.prefix.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        // The last line may be cut by the prefix's end.
        if sniff.prefix.utf8.count >= ContentSniff.prefixLength, lines.count > 1 { lines.removeLast() }
        var matching = 0
        var considered = 0
        // No `;` anywhere and a counted line in columns: a report (iai, a table), not stacks.
        var hasFrameSeparator = false
        var hasColumns = false
        for line in lines.prefix(200) {
            let text = line.hasSuffix("\r") ? line.dropLast() : line
            if text.allSatisfy({ $0 == " " || $0 == "\t" }) || text.hasPrefix("#") || text.hasPrefix("//") { continue }
            considered += 1
            if let parsed = Self.parse(Substring(text)), !Self.endsInCount(parsed.stack) {
                matching += 1
                if parsed.stack.contains(";") { hasFrameSeparator = true }
                if Self.isColumnar(parsed.stack.utf8) { hasColumns = true }
            }
        }
        return matching > 0 && matching * 2 > considered && (hasFrameSeparator || !hasColumns)
    }

    /// A line split into its stack text and its one or two counts; nil when it does not end in a count.
    static func parse(_ line: Substring) -> (stack: Substring, first: Double, second: Double?)? {
        guard let (stack, last) = splitLastField(line), let count = countValue(last) else { return nil }
        if let (innerStack, previous) = splitLastField(stack), let before = countValue(previous), !innerStack.isEmpty {
            return (innerStack, before, count)
        }
        return stack.isEmpty ? nil : (stack, count, nil)
    }

    /// A stack whose text still ends in a number had three or more numbers at the end of its
    /// line: a table (GHC's `.prof` cost centres: `… no. entries %time %alloc ticks bytes`), not
    /// folded stacks, which end in one count (two in the differential form).
    private static func endsInCount(_ stack: Substring) -> Bool {
        guard let (_, last) = splitLastField(stack) else { return false }
        return countValue(last) != nil
    }

    private static func splitLastField(_ text: Substring) -> (Substring, Substring)? {
        var end = text.endIndex
        while end > text.startIndex, text[text.index(before: end)] == " " || text[text.index(before: end)] == "\t" {
            end = text.index(before: end)
        }
        guard let space = text[..<end].lastIndex(where: { $0 == " " || $0 == "\t" }) else { return nil }
        var stackEnd = space
        while stackEnd > text.startIndex,
            text[text.index(before: stackEnd)] == " " || text[text.index(before: stackEnd)] == "\t"
        {
            stackEnd = text.index(before: stackEnd)
        }
        return (text[text.startIndex..<stackEnd], text[text.index(after: space)..<end])
    }

    /// `42`, `3.5`: digits with at most one point; no sign, no exponent.
    private static func countValue(_ field: Substring) -> Double? {
        var points = 0
        var digits = 0
        for byte in field.utf8 {
            if byte == UInt8(ascii: ".") {
                points += 1
            } else if byte &- UInt8(ascii: "0") < 10 {
                digits += 1
            } else {
                return nil
            }
        }
        guard digits > 0, points <= 1, let value = Double(field), value.isFinite else { return nil }
        return value
    }

    /// One parsed line, as byte ranges into the input.
    struct Line {
        var number: Int
        var stackStart: Int
        var stackEnd: Int
        var first: Double
        var second: Double?
    }

    public func importDump(_ input: DumpInput) throws(ImportFailure) -> ImportedDump {
        try importDump(input, chunks: Self.chunkCount(byteCount: input.bytes.count))
    }

    /// Inputs at least this big are read in parallel chunks (`chunkCount`).
    static let parallelThreshold = 8 << 20

    /// How many chunks to read an input of `byteCount` bytes in: one per core (at most eight)
    /// when it is big enough for the threads to pay, else one.
    static func chunkCount(byteCount: Int) -> Int {
        guard byteCount >= parallelThreshold else { return 1 }
        return max(1, min(8, ProcessInfo.processInfo.activeProcessorCount, byteCount / (parallelThreshold / 2)))
    }

    /// Reads the input in `chunks` runs of whole lines, each on its own thread: lines are
    /// independent, so each chunk finds its lines, interns its frames and merges its identical
    /// stacks on its own; the chunks' tables are then merged in order, which keeps frames,
    /// threads and stacks in order of first appearance, as one pass over the file would.
    ///
    /// Counts are added in another order than one pass would add them, so the parallel path is
    /// taken only when that cannot change a sum: every weight a whole number and the sum of all
    /// of them below 2⁵³ (every partial sum is then exact). Otherwise, and whenever a chunk
    /// fails (so the error names the line one pass would), the file is read in one pass.
    func importDump(_ input: DumpInput, chunks requested: Int) throws(ImportFailure) -> ImportedDump {
        let bytes = input.bytes
        let ranges = Self.chunkRanges(bytes, count: requested)
        let scans = Self.parallel(ranges) { range in Self.scan(bytes, range) }
        // Header comments and lines without a count, in file order: austin's memory mode (in its
        // header) decides whether a negative count is memory released or a bad line.
        var lines: [Line] = []
        var chunkLines: [Range<Int>] = []
        var invalid: [Int] = []
        var header = CollapsedHeader()
        var releasedLines = 0
        var releasedTotal = 0.0
        var lineOffset = 0
        for scan in scans {
            for aside in scan.asides {
                if aside.comment {
                    header.read(
                        String(
                            decoding: UnsafeRawBufferPointer(rebasing: bytes[aside.start..<aside.end]), as: UTF8.self))
                } else if header.austinMode == "memory",
                    let released = Self.negativeCount(bytes, from: aside.start, to: aside.end)
                {
                    releasedLines += 1
                    releasedTotal += released
                } else {
                    invalid.append(aside.number + lineOffset)
                }
            }
            let start = lines.count
            lines.append(
                contentsOf: scan.lines.lazy.map { line in
                    var line = line
                    line.number += lineOffset
                    return line
                })
            chunkLines.append(start..<lines.count)
            lineOffset += scan.lineCount
        }
        try ImportSupport.checkEvents(lines.count, input.options, offset: nil, what: "stack lines")
        guard !lines.isEmpty else {
            throw ImportFailure(
                .invalidContent, line: invalid.first ?? 1,
                message: "expected lines of the form \"frame;frame;frame count\"; no line has that form")
        }
        try Self.checkStackStructure(lines, bytes)
        // austin writes the process and thread as the first two frames (`P4242;T4243;…`): they
        // say who ran the stack, so they become its thread, not frames.
        let stripsThreads = header.isAustin || lines.allSatisfy { Self.threadPrefixEnd(bytes, $0) != nil }
        // Differential when most lines carry two counts: a single-count line there is a stack
        // whose last frame ends in a number only by accident of the other reading.
        let twoColumn = lines.count { $0.second != nil }
        let differential = twoColumn * 2 > lines.count
        let reading = StackReading(
            stripsThreads: stripsThreads, differential: differential,
            unit: input.options.collapsedUnit ?? header.unit ?? .samples)

        var merged: MergedStacks
        let counted = lines
        if chunkLines.count > 1,
            let parts = try? Self.parallel(
                chunkLines,
                { range in
                    // The first chunk's table takes in the others': room for all of their stacks.
                    Result { () throws(ImportFailure) in
                        try reading.merge(
                            counted[range], bytes, capacity: range.lowerBound == 0 ? counted.count : range.count)
                    }
                }
            ).map({ try $0.get() }),
            parts.allSatisfy(\.exact), parts.reduce(0, { $0 + $1.weightSum }) < 0x1p53
        {
            merged = parts[0]
            for (position, part) in parts.enumerated().dropFirst() {
                merged.absorb(part, indexingItsStacks: position < parts.count - 1)
            }
        } else {
            merged = try reading.merge(lines[...], bytes, capacity: lines.count)
        }
        var stacks = merged.table()
        let baselineTotal = merged.baselineTotal
        stacks.removeStacks { $0 <= 0 }
        // Lines that parsed only by accident (binary data forced to this format: a zero at a
        // line's end) leave nothing: that is a file of bad lines, not an empty profile.
        if stacks.isEmpty, let firstInvalid = invalid.first {
            throw ImportFailure(
                .invalidContent, line: firstInvalid,
                message:
                    "expected lines of the form \"frame;frame;frame count\"; \(ImportSupport.plural(invalid.count, "line")) \(invalid.count == 1 ? "is" : "are") not of that form and no other has a count above zero"
            )
        }

        var warnings: [ImportWarning] = []
        for number in invalid.prefix(Self.maximumLineWarnings) {
            warnings.append(ImportWarning(line: number, message: "not a \"frame;frame count\" line; skipped"))
        }
        if invalid.count > Self.maximumLineWarnings {
            warnings.append(
                ImportWarning(
                    line: invalid[Self.maximumLineWarnings],
                    message:
                        "\(invalid.count - Self.maximumLineWarnings) more lines are not \"frame;frame count\" lines; skipped"
                ))
        }
        if releasedLines > 0 {
            warnings.append(
                ImportWarning(
                    message:
                        "\(ImportSupport.plural(releasedLines, "sample")) of memory released (\(formatNumber(releasedTotal)) bytes in all, negative counts) are not weights: the profile shows the bytes allocated"
                ))
        }
        var labels: [String: String] = [:]
        if let version = header.austinVersion { labels["austin.version"] = version }
        if let mode = header.austinMode { labels["austin.mode"] = mode }
        if !stacks.threadNames.isEmpty { labels["threads"] = String(stacks.threadNames.count) }
        if differential {
            labels["collapsed.differential"] = "true"
            labels["collapsed.baseline_total"] = formatNumber(baselineTotal)
            warnings.append(
                ImportWarning(
                    message:
                        "differential folded stacks (two counts per line): weights are the second column (after); the first column (before, total \(formatNumber(baselineTotal))) is not imported as a profile: import the before file as a baseline run to compare"
                ))
        }
        let run = RunMetadata(workflow: ImportSupport.fileStem(input.fileName), runID: input.fileName, labels: labels)
        var locations: [String: CodeLocation] = [:]
        for name in stacks.frameNames {
            if let location = Self.location(ofFrame: name, austin: stripsThreads) { locations[name] = location }
        }
        return ImportedDump(
            profile: Profile(run: run, stacks: stacks, stackWeightUnit: reading.unit.weightUnit, locations: locations),
            warnings: warnings, inputIsASCII: scans.allSatisfy(\.ascii))
    }

    /// `transform` of each item, each on its own thread when there are several. The items and
    /// what `transform` reads (the input's bytes) are only read while it runs.
    static func parallel<Item, Output>(_ items: [Item], _ transform: (Item) -> Output) -> [Output] {
        guard items.count > 1 else { return items.map(transform) }
        return withoutActuallyEscaping(transform) { transform in
            [Output](unsafeUninitializedCapacity: items.count) { buffer, initialized in
                // Each iteration writes only its own slot.
                nonisolated(unsafe) let output = buffer.baseAddress!
                nonisolated(unsafe) let work = transform
                nonisolated(unsafe) let items = items
                DispatchQueue.concurrentPerform(iterations: items.count) { index in
                    (output + index).initialize(to: work(items[index]))
                }
                initialized = items.count
            }
        }
    }

    /// `count` runs of whole lines covering the input: each ends just after a line feed (the
    /// last at the input's end), none empty.
    static func chunkRanges(_ bytes: UnsafeRawBufferPointer, count: Int) -> [Range<Int>] {
        guard count > 1, let base = bytes.baseAddress else { return [0..<bytes.count] }
        var ranges: [Range<Int>] = []
        var start = 0
        for part in 1..<count {
            let target = max(start, bytes.count / count * part)
            guard target < bytes.count, let found = memchr(base + target, 0x0A, bytes.count - target) else { break }
            let end = base.distance(to: UnsafeRawPointer(found)) + 1
            if end > start, end < bytes.count {
                ranges.append(start..<end)
                start = end
            }
        }
        ranges.append(start..<bytes.count)
        return ranges
    }

    /// What one chunk's lines are: counted lines, and comments and lines without a count (in
    /// order); line numbers are counted from the chunk's first line (1).
    struct Scan: Sendable {
        var lines: [Line] = []
        var asides: [Aside] = []
        var lineCount = 0
        /// No byte of the chunk is above 0x7F (`ImportedDump.inputIsASCII`).
        var ascii = true
    }

    /// A comment line, or a line without a count.
    struct Aside: Sendable {
        var comment: Bool
        var number: Int
        var start: Int
        var end: Int
    }

    /// Finds the lines of `range` (whole lines) and parses their counts.
    static func scan(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Scan {
        var scan = Scan()
        var lineStart = range.lowerBound
        let limit = range.upperBound
        while lineStart < limit {
            var lineEnd = limit
            if let base = bytes.baseAddress, let found = memchr(base + lineStart, 0x0A, limit - lineStart) {
                lineEnd = base.distance(to: UnsafeRawPointer(found))
            }
            defer { lineStart = lineEnd + 1 }
            scan.lineCount += 1
            // While the line is in the cache: the ingestor's UTF-8 check was a second pass over the file.
            if scan.ascii { scan.ascii = UTF8Check.isASCII(bytes, from: lineStart, to: lineEnd) }
            var end = lineEnd
            if end > lineStart, bytes[end - 1] == 0x0D { end -= 1 }
            var blank = true
            for index in lineStart..<end where bytes[index] != 0x20 && bytes[index] != 0x09 {
                blank = false
                break
            }
            if blank { continue }
            if bytes[lineStart] == UInt8(ascii: "#")
                || (end - lineStart >= 2 && bytes[lineStart] == UInt8(ascii: "/")
                    && bytes[lineStart + 1] == UInt8(ascii: "/"))
            {
                scan.asides.append(Aside(comment: true, number: scan.lineCount, start: lineStart, end: end))
                continue
            }
            guard let parsed = Self.parse(bytes, from: lineStart, to: end) else {
                scan.asides.append(Aside(comment: false, number: scan.lineCount, start: lineStart, end: end))
                continue
            }
            scan.lines.append(
                Line(
                    number: scan.lineCount, stackStart: parsed.stackStart, stackEnd: parsed.stackEnd,
                    first: parsed.first, second: parsed.second))
        }
        return scan
    }

    /// How the lines of a file are read into stacks, decided from all of its lines.
    struct StackReading: Sendable {
        var stripsThreads: Bool
        var differential: Bool
        var unit: CollapsedUnit

        /// The stacks of `lines`, identical ones merged in order of first appearance; `capacity`
        /// is how many stacks the table is sized for.
        ///
        /// Frames are interned by their bytes; a stack is a run of frame indexes. Identical
        /// stacks are found by a hash of their frame indexes.
        func merge(_ lines: ArraySlice<Line>, _ bytes: UnsafeRawBufferPointer, capacity: Int) throws(ImportFailure)
            -> MergedStacks
        {
            var merged = MergedStacks(capacity: capacity)
            var frameTexts = StringInterner()
            var tableFrame: [Int32] = []
            var frames: [Int32] = []
            func internFrame(_ start: Int, _ end: Int) -> Int32 {
                let local = Int(frameTexts.intern(bytes, start: start, count: end - start))
                if local == tableFrame.count { tableFrame.append(merged.internFrame(frameTexts[Int32(local)])) }
                return tableFrame[local]
            }
            var threadTexts = StringInterner()
            var tableThread: [Int32] = []
            // The previous line's frames and where each one's `;` is, relative to its first frame:
            // profilers write stacks sorted, so a line usually repeats all but the last few frames
            // of the line before, byte for byte, and those frames need no interning.
            var previous = PreviousStack()
            for line in lines {
                var weight = line.first
                frames.removeAll(keepingCapacity: true)
                var frameStart = line.stackStart
                var thread: Int32 = -1
                if stripsThreads, let threadEnd = CollapsedStacksImporter.threadPrefixEnd(bytes, line) {
                    let local = Int(
                        threadTexts.intern(bytes, start: line.stackStart, count: threadEnd - line.stackStart))
                    if local == tableThread.count {
                        tableThread.append(merged.internThread(threadTexts[Int32(local)]))
                    }
                    thread = tableThread[local]
                    frameStart = min(threadEnd + 1, line.stackEnd)
                }
                let framesStart = frameStart
                let shared = previous.sharedFrames(bytes, from: framesStart, to: line.stackEnd)
                if shared > 0 {
                    frames.append(contentsOf: previous.frames[0..<shared])
                    frameStart = framesStart + previous.cuts[shared - 1] + 1
                }
                previous.cuts.removeSubrange(shared...)
                for index in frameStart...line.stackEnd
                where index == line.stackEnd || bytes[index] == UInt8(ascii: ";") {
                    if index > frameStart {
                        frames.append(internFrame(frameStart, index))
                        previous.cuts.append(index - framesStart)
                    }
                    frameStart = index + 1
                }
                previous.frames.removeAll(keepingCapacity: true)
                previous.frames.append(contentsOf: frames)
                previous.start = framesStart
                previous.end = line.stackEnd
                if differential {
                    if let second = line.second {
                        merged.addBaseline(line.first)
                        weight = second
                    }
                } else if let second = line.second {
                    // `frame 2 3` read as a frame ending in "2" with count 3.
                    let last = frames.isEmpty ? "" : merged.frameNames[Int(frames.removeLast())]
                    frames.append(merged.internFrame(last + " " + formatNumber(line.first)))
                    weight = second
                }
                guard !frames.isEmpty else { continue }
                weight *= unit.factor
                guard weight.isFinite else {
                    throw ImportFailure(
                        .invalidContent, line: line.number,
                        message:
                            "a count of \(formatNumber(weight / unit.factor)) \(unit.rawValue) is more nanoseconds than Hotpath can hold"
                    )
                }
                try merged.add(frames, thread: thread, weight: weight, line: line.number)
            }
            return merged
        }
    }

    /// Stacks with their weights, identical ones merged, and whether every sum made so far is
    /// exact (whole numbers, below 2⁵³ in all), so adding them in another order changes nothing.
    ///
    /// Kept as the columns of a `StackTable` (made by `table()`), not appended to one: its
    /// `append` takes any sequence of frames, a call through the protocol per frame from here.
    struct MergedStacks: Sendable {
        private(set) var frameNames: [String] = []
        private var frameLookup: [String: Int32] = [:]
        private var threadNames: [String] = []
        private var threadLookup: [String: Int32] = [:]
        /// Stack `i` is `frameIndexes[stackStarts[i]..<stackStarts[i + 1]]`; its thread
        /// `threadIndexes[i]` (-1 for none).
        private var stackStarts: [Int] = [0]
        private var frameIndexes: [Int32] = []
        private var threadIndexes: [Int32] = []
        private var weights: [Double] = []
        private(set) var baselineTotal = 0.0
        /// The sum of every weight added (before merging), and whether each was a whole number.
        private(set) var weightSum = 0.0
        private(set) var exact = true
        /// First stack with a hash, and for each stack the next one with the same hash.
        private var firstWithHash: IntegerMap
        private var nextWithHash: [Int32] = []

        init(capacity: Int) {
            firstWithHash = IntegerMap(capacity: capacity)
        }

        /// The index of a frame name, adding it when new.
        mutating func internFrame(_ name: String) -> Int32 {
            Self.intern(name, names: &frameNames, lookup: &frameLookup)
        }

        /// The index of a thread name, adding it when new.
        mutating func internThread(_ name: String) -> Int32 {
            Self.intern(name, names: &threadNames, lookup: &threadLookup)
        }

        private static func intern(_ name: String, names: inout [String], lookup: inout [String: Int32]) -> Int32 {
            if let index = lookup[name] { return index }
            let index = Int32(names.count)
            names.append(name)
            lookup[name] = index
            return index
        }

        mutating func addBaseline(_ count: Double) {
            baselineTotal += count
            note(count)
        }

        private mutating func note(_ value: Double) {
            weightSum += value
            if value.rounded(.towardZero) != value { exact = false }
        }

        /// Adds a stack of frame indexes of this table: to the identical one, or as a new one.
        mutating func add(_ frames: [Int32], thread: Int32, weight: Double, line: Int) throws(ImportFailure) {
            note(weight)
            let hash = Self.hash(frames, thread: thread)
            let candidate = stack(equalTo: frames, thread: thread, hash: hash)
            if candidate >= 0 {
                weights[Int(candidate)] += weight
                if !weights[Int(candidate)].isFinite {
                    let stack = frames.map { frameNames[Int($0)] }.joined(separator: ";")
                    throw ImportFailure(
                        .invalidContent, line: line,
                        message: "the counts of the stack \"\(stack.prefix(200))\" add up to more than Hotpath can hold"
                    )
                }
            } else {
                append(frames, thread: thread, weight: weight, hash: hash)
            }
        }

        /// FNV-1a over the thread and the frame indexes: what identical stacks are found by.
        static func hash(_ frames: some Sequence<Int32>, thread: Int32) -> UInt64 {
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(UInt32(bitPattern: thread))
            for frame in frames { hash = (hash ^ UInt64(UInt32(bitPattern: frame))) &* 0x100_0000_01B3 }
            return hash
        }

        /// The index of the stack equal to `frames` on `thread`, whose hash is `hash`; -1 when none is.
        func stack(equalTo frames: [Int32], thread: Int32, hash: UInt64) -> Int32 {
            var candidate = firstWithHash[Int(truncatingIfNeeded: hash)] ?? -1
            while candidate >= 0 {
                let stack = Int(candidate)
                if threadIndexes[stack] == thread,
                    frameIndexes[stackStarts[stack]..<stackStarts[stack + 1]].elementsEqual(frames)
                {
                    return candidate
                }
                candidate = nextWithHash[stack]
            }
            return -1
        }

        /// Adds a new stack, entered in the index by `hash` unless that is nil.
        private mutating func append(_ frames: [Int32], thread: Int32, weight: Double, hash: UInt64?) {
            if let hash {
                let key = Int(truncatingIfNeeded: hash)
                nextWithHash.append(firstWithHash[key] ?? -1)
                firstWithHash.set(key, Int32(weights.count))
            }
            frameIndexes.append(contentsOf: frames)
            stackStarts.append(frameIndexes.count)
            threadIndexes.append(thread)
            weights.append(weight)
        }

        /// Adds the stacks of a later chunk, frames and threads renamed into this table's.
        /// Only for exact parts (`exact`): their sums cannot overflow.
        ///
        /// `indexingItsStacks`: whether the stacks it adds can be found again, by `add` or a
        /// later absorb. Not for the last chunk, after which the table is only read: entering
        /// each new stack in the index was a cache miss apiece, the better part of adding it.
        mutating func absorb(_ other: MergedStacks, indexingItsStacks: Bool = true) {
            let frameMap = other.frameNames.map { internFrame($0) }
            let threadMap = other.threadNames.map { internThread($0) }
            let found = matches(of: other, frameMap: frameMap, threadMap: threadMap)
            var frames: [Int32] = []
            for (index, match) in found.enumerated() {
                let weight = other.weights[index]
                note(weight)
                if match.stack >= 0 {
                    weights[Int(match.stack)] += weight
                } else {
                    let thread = other.renamed(index, frameMap: frameMap, threadMap: threadMap, into: &frames)
                    append(frames, thread: thread, weight: weight, hash: indexingItsStacks ? match.hash : nil)
                }
            }
            baselineTotal += other.baselineTotal
        }

        /// For each of a later chunk's stacks, renamed into this table, its hash and the stack of
        /// this table it equals (-1 for none). Looked up on every core before any is added: the
        /// other's stacks are distinct among themselves, so each can equal only one of this
        /// table's own, which do not change meanwhile. (Adding them one by one, a lookup each,
        /// was a third of reading a compiler's stacks on two cores.)
        private func matches(
            of other: MergedStacks, frameMap: [Int32], threadMap: [Int32]
        ) -> [(hash: UInt64, stack: Int32)] {
            CollapsedStacksImporter.parallel(Self.runs(of: other.weights.count)) { run in
                var frames: [Int32] = []
                return run.map { index in
                    let thread = other.renamed(index, frameMap: frameMap, threadMap: threadMap, into: &frames)
                    let hash = Self.hash(frames, thread: thread)
                    return (hash, stack(equalTo: frames, thread: thread, hash: hash))
                }
            }.flatMap { $0 }
        }

        /// Stack `index`'s frames renamed by `frameMap` into `frames`; its thread renamed by `threadMap`.
        private func renamed(
            _ index: Int, frameMap: [Int32], threadMap: [Int32], into frames: inout [Int32]
        ) -> Int32 {
            frames.removeAll(keepingCapacity: true)
            for position in stackStarts[index]..<stackStarts[index + 1] {
                frames.append(frameMap[Int(frameIndexes[position])])
            }
            let thread = threadIndexes[index]
            return thread < 0 ? -1 : threadMap[Int(thread)]
        }

        /// `count` stacks in runs, one per core, for looking them up at once; one run when few.
        static func runs(of count: Int) -> [Range<Int>] {
            let parts = count < 4096 ? 1 : max(1, min(8, ProcessInfo.processInfo.activeProcessorCount))
            return (0..<parts).map { count * $0 / parts..<count * ($0 + 1) / parts }
        }

        /// The stacks as a table; no thread column when no stack has a thread.
        func table() -> StackTable {
            StackTable(
                frameNames: frameNames, stackStarts: stackStarts, frameIndexes: frameIndexes, weights: weights,
                threadNames: threadNames,
                threadIndexes: threadIndexes.contains { $0 >= 0 } ? threadIndexes : [])
        }
    }

    /// The frames of the line read last, to reuse the ones the next line repeats.
    struct PreviousStack {
        /// Its frames' bytes: `start..<end` of the input (after a thread prefix).
        var start = 0
        var end = 0
        var frames: [Int32] = []
        /// Per frame, the offset from `start` of the byte after it (a `;`, or `end - start`
        /// for the last frame).
        var cuts: [Int] = []

        /// How many of the previous line's frames the stack text `from..<to` starts with: the
        /// frames whose `;` lies inside the bytes both texts share. (The last frame, which no
        /// `;` ends, is never shared: the next line may extend it.)
        func sharedFrames(_ bytes: UnsafeRawBufferPointer, from: Int, to: Int) -> Int {
            guard !cuts.isEmpty else { return 0 }
            let limit = min(to - from, end - start)
            var same = 0
            while same + 8 <= limit,
                bytes.loadUnaligned(fromByteOffset: from + same, as: UInt64.self)
                    == bytes.loadUnaligned(fromByteOffset: start + same, as: UInt64.self)
            {
                same += 8
            }
            while same < limit, bytes[from + same] == bytes[start + same] { same += 1 }
            // Frames whose `;` (at offset cut) is among the `same` equal bytes.
            var count = cuts.count
            while count > 0, cuts[count - 1] >= same { count -= 1 }
            return count
        }
    }

    /// Where a frame's code is, when its name says: py-spy's `compress (bz2.py:326)` (and any
    /// frame ending in ` (file:line)`), or austin's `bz2.py:compress:326`. The name stays the
    /// operation's name: it is already unique per file and line.
    static func location(ofFrame name: String, austin: Bool) -> CodeLocation? {
        if name.hasSuffix(")"), let open = name.range(of: " (", options: .backwards) {
            let inside = name[open.upperBound..<name.index(before: name.endIndex)]
            if let colon = inside.lastIndex(of: ":"), let line = Int(inside[inside.index(after: colon)...]),
                colon > inside.startIndex
            {
                return CodeLocation(file: String(inside[..<colon]), line: line)
            }
        }
        guard austin, let lineColon = name.lastIndex(of: ":"),
            let line = Int(name[name.index(after: lineColon)...]),
            let functionColon = name[..<lineColon].lastIndex(of: ":"), functionColon > name.startIndex
        else { return nil }
        return CodeLocation(file: String(name[..<functionColon]), line: line)
    }

    /// Where a stack's `P<pid>;T<tid>` prefix (austin's process and thread) ends: the index of
    /// the `;` after the thread, or nil when the stack does not start so or has no frame after it.
    static func threadPrefixEnd(_ bytes: UnsafeRawBufferPointer, _ line: Line) -> Int? {
        var index = line.stackStart
        let end = line.stackEnd
        guard index < end, bytes[index] == UInt8(ascii: "P") else { return nil }
        index += 1
        let digitsStart = index
        while index < end, bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
        guard index > digitsStart, index + 1 < end, bytes[index] == UInt8(ascii: ";"),
            bytes[index + 1] == UInt8(ascii: "T")
        else { return nil }
        index += 2
        // austin 3 writes `T6360` (or a hexadecimal id), austin 4 `T0:1`.
        let threadStart = index
        while index < end, bytes[index] != UInt8(ascii: ";") {
            let byte = bytes[index]
            let isHex =
                byte &- UInt8(ascii: "0") < 10 || byte &- UInt8(ascii: "a") < 6 || byte &- UInt8(ascii: "A") < 6
            guard isHex || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "x") else { return nil }
            index += 1
        }
        guard index > threadStart, index < end else { return nil }
        return index
    }

    /// `-4096` at the line's end: the bytes austin's memory mode says were released.
    static func negativeCount(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Double? {
        guard let (stackEnd, field) = lastField(bytes, from: start, to: end), stackEnd > start, field.count > 1,
            bytes[field.lowerBound] == UInt8(ascii: "-")
        else { return nil }
        return countValue(bytes, field.dropFirst())
    }

    /// Refuses text with no stack structure: tables and console output whose lines happen to
    /// end in numbers (GHC `.prof` reports, valgrind and iai summaries) are not folded stacks.
    ///
    /// The rule: at least one counted line has a `;` between frames, or every counted line is
    /// one frame that looks like a symbol: no tab, no run of blanks (the column alignment of a
    /// table), not starting with a blank. `main 42` alone is legal folded output and is kept.
    static func checkStackStructure(_ lines: [Line], _ bytes: UnsafeRawBufferPointer) throws(ImportFailure) {
        for line in lines {
            for index in line.stackStart..<line.stackEnd where bytes[index] == UInt8(ascii: ";") { return }
        }
        for line in lines {
            let text = UnsafeRawBufferPointer(rebasing: bytes[line.stackStart..<line.stackEnd])
            guard isColumnar(text) else { continue }
            let quoted = String(decoding: text.prefix(80), as: UTF8.self).replacingOccurrences(of: "\t", with: "\\t")
            throw ImportFailure(
                .invalidContent, line: line.number,
                message:
                    "this is not folded stacks: no line has a \";\" between frames, and line \(line.number) (\"\(quoted)\") is indented or aligned in columns, not \"frame count\"\(Self.lookalike(bytes).map { "; it looks like \($0)" } ?? "")"
            )
        }
    }

    /// A stack text indented or aligned in columns: a tab, a run of blanks, or a leading blank.
    static func isColumnar(_ text: some Sequence<UInt8>) -> Bool {
        var previousBlank = true  // a leading blank counts as a run
        for byte in text {
            if byte == 0x09 || (byte == 0x20 && previousBlank) { return true }
            previousBlank = byte == 0x20
        }
        return false
    }

    /// What a text that is not folded stacks looks like, when it is a report Hotpath knows of.
    static func lookalike(_ bytes: UnsafeRawBufferPointer) -> String? {
        let head = String(decoding: UnsafeRawBufferPointer(rebasing: bytes.prefix(8192)), as: UTF8.self)
        if head.contains("Time and Allocation Profiling Report") || head.contains("COST CENTRE") {
            return "a GHC profiling report (.prof): convert it with `inferno-collapse-ghcprof` or `ghc-prof-flamegraph`"
        }
        if head.contains("Instructions:") && (head.contains("L1 Hits:") || head.contains("L1 Accesses:")) {
            return
                "iai or iai-callgrind benchmark output: valgrind's counts per benchmark, a console summary, not a profile"
        }
        if head.contains("==") && head.contains("Copyright") && head.contains("Valgrind") {
            return
                "valgrind console output: read its callgrind/cachegrind output file with a converter to folded stacks"
        }
        return nil
    }

    /// A line's stack and counts, from its bytes: the last whitespace-separated field is the
    /// count, and the one before it too when it is a number and a stack remains (the
    /// differential form).
    static func parse(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> (
        stackStart: Int, stackEnd: Int, first: Double, second: Double?
    )? {
        guard let (stackEnd, last) = lastField(bytes, from: start, to: end), let count = countValue(bytes, last) else {
            return nil
        }
        if endsInNumberField(bytes, from: start, to: stackEnd),
            let (innerEnd, previous) = lastField(bytes, from: start, to: stackEnd),
            let before = countValue(bytes, previous),
            innerEnd > start
        {
            return (start, innerEnd, before, count)
        }
        return stackEnd > start ? (start, stackEnd, count, nil) : nil
    }

    /// Whether the text's last field may be a count: a run of digits and points after a blank.
    /// Checked before `lastField` looks for the field's start, which for a stack without
    /// blanks is a walk back over the whole line (a compiler's stacks are ~1,700 bytes).
    static func endsInNumberField(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Bool {
        var index = end
        while index > start, bytes[index - 1] == UInt8(ascii: ".") || bytes[index - 1] &- UInt8(ascii: "0") < 10 {
            index -= 1
        }
        return index < end && index > start && (bytes[index - 1] == 0x20 || bytes[index - 1] == 0x09)
    }

    /// The last field's range and where the text before it (trailing blanks removed) ends.
    static func lastField(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> (Int, Range<Int>)? {
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        var fieldEnd = end
        while fieldEnd > start, isBlank(bytes[fieldEnd - 1]) { fieldEnd -= 1 }
        var space = fieldEnd
        while space > start, !isBlank(bytes[space - 1]) { space -= 1 }
        guard space > start else { return nil }
        var stackEnd = space - 1
        while stackEnd > start, isBlank(bytes[stackEnd - 1]) { stackEnd -= 1 }
        return (stackEnd, space..<fieldEnd)
    }

    static func countValue(_ bytes: UnsafeRawBufferPointer, _ field: Range<Int>) -> Double? {
        var points = 0
        var digits = 0
        var integer = 0.0
        for index in field {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                points += 1
            } else if byte &- UInt8(ascii: "0") < 10 {
                digits += 1
                integer = integer * 10 + Double(byte &- UInt8(ascii: "0"))
            } else {
                return nil
            }
        }
        guard digits > 0, points <= 1 else { return nil }
        if points == 0 && digits <= 15 { return integer }
        return Double(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[field]), as: UTF8.self))
    }
}
