import HotpathModel

/// Reads the text macOS's `sample` tool writes (`sample PID -file out.txt`, also Activity
/// Monitor's "Sample Process"): a header (`Analysis of sampling NAME (pid N) every 1
/// millisecond`, `Process:`, `Date/Time:`…), then its `Call graph:`, one line per frame, the
/// depth told by the indentation and its `+ ! : |` markers (two characters a level), each line
/// `COUNT NAME  (in BINARY) + OFFSET  [ADDRESS]`, a thread's line at the top level.
///
/// - Stacks: a frame's count less its children's is its self count, the weight of the stack from
///   its thread's top down to it; the thread (`Thread_15758523   DispatchQueue_1: …`) names the
///   stack's thread. The sections after the call graph (`Total number in stack`, `Sort by top of
///   stack`, `Binary Images`) repeat what it says and are skipped.
/// - Weights: with the sampling interval of the first line (`every 1 millisecond`), a count of
///   samples is that many intervals, in nanoseconds; without it, sample counts.
/// - Frames: the name before `  (in BINARY)`; an unsymbolized `???` is named by its binary,
///   `??? (libsystem_kernel.dylib)`.
public struct MacOSSampleImporter: DumpImporter {
    public init() {}

    public var format: DumpFormat { .macOSSample }

    public func recognizes(_ sniff: ContentSniff) -> Bool {
        guard sniff.shape == .notJSON else { return false }
        var sawCallGraph = false
        var lines = 0
        for line in sniff.prefix.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lines += 1
            if lines > 200 { return false }
            if lines == 1, line.hasPrefix("Analysis of sampling ") { return true }
            if line.hasPrefix("Call graph:") {
                sawCallGraph = true
                continue
            }
            if sawCallGraph {
                return MacOSSampleReader.parse(Array(line.utf8)) != nil
            }
        }
        return false
    }

    public func importDump(_ input: DumpInput) throws(ImportFailure) -> ImportedDump {
        var reader = MacOSSampleReader(bytes: input.bytes, options: input.options)
        try reader.read()
        return try reader.finish(fileName: input.fileName)
    }
}

struct MacOSSampleReader {
    let bytes: UnsafeRawBufferPointer
    let options: IngestOptions
    var stacks = StackTable()
    var labels: [String: String] = [:]
    var intervalNanoseconds: Double?
    var startTime: String?
    var threads = 0
    var totalSamples = 0.0
    var lineCount = 0

    /// The open frames, outermost first: depth, frame (-1 for a thread line), count, children's counts.
    var open: [(depth: Int, frame: Int32, count: Double, children: Double)] = []
    var path: [Int32] = []
    var thread: Int32 = -1

    init(bytes: UnsafeRawBufferPointer, options: IngestOptions) {
        self.bytes = bytes
        self.options = options
    }

    /// A call-graph line: its depth (two characters a level after four spaces), its count, and
    /// where its text starts; nil when the line is not one.
    static func parse(_ line: [UInt8]) -> (depth: Int, count: Double, text: Int)? {
        guard line.count > 4, line[0..<4].allSatisfy({ $0 == 0x20 }) else { return nil }
        var index = 4
        while index < line.count, [0x20, 0x2B, 0x21, 0x3A, 0x7C].contains(line[index]) { index += 1 }
        let digits = index
        while index < line.count, line[index] >= 0x30, line[index] <= 0x39 { index += 1 }
        guard index > digits, index - digits <= 15, (digits - 4) % 2 == 0, index < line.count, line[index] == 0x20
        else { return nil }
        guard let count = Double(String(decoding: line[digits..<index], as: UTF8.self)) else { return nil }
        return ((digits - 4) / 2, count, index + 1)
    }

    /// `name  (in binary) + 12  [0x…]` → `name`, or `??? (binary)` for an unsymbolized frame.
    static func frameName(_ text: String) -> String {
        var name = text
        var binary: String?
        if let range = text.range(of: "  (in ") {
            name = String(text[..<range.lowerBound])
            let rest = text[range.upperBound...]
            if let close = rest.firstIndex(of: ")") { binary = String(rest[..<close]) }
        } else if let range = text.range(of: "  [0x") {
            name = String(text[..<range.lowerBound])
        }
        name = name.trimmingSpaces
        if name.isEmpty || name == "???", let binary { return "??? (\(binary))" }
        return name.isEmpty ? "???" : name
    }

    mutating func read() throws(ImportFailure) {
        var lineStart = 0
        var inGraph = false
        var sawGraph = false
        let count = bytes.count
        while lineStart < count {
            var lineEnd = lineStart
            while lineEnd < count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            var end = lineEnd
            if end > lineStart, bytes[end - 1] == 0x0D { end -= 1 }
            let line = Array(bytes[lineStart..<end])
            if !inGraph {
                let text = String(decoding: line, as: UTF8.self)
                if text.hasPrefix("Call graph:") {
                    inGraph = true
                    sawGraph = true
                } else if !sawGraph {
                    header(text)
                }
                continue
            }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) || line.first != 0x20 {
                try close(to: 0)
                inGraph = false
                continue
            }
            guard let parsed = Self.parse(line) else {
                var column = 4
                while column < line.count, [0x20, 0x2B, 0x21, 0x3A, 0x7C].contains(line[column]) { column += 1 }
                throw ImportFailure(
                    .syntax, offset: lineStart + min(column, line.count),
                    message:
                        lineEnd == count
                        ? "the file ends inside a call-graph line: it looks truncated"
                        : "expected a call-graph line (\"COUNT NAME  (in BINARY)\" after the indentation), found \(ContentSniff.quoted(String(decoding: line, as: UTF8.self).trimmingSpaces))"
                )
            }
            if lineEnd == count, !String(decoding: line, as: UTF8.self).hasSuffix("]") {
                throw ImportFailure(
                    .syntax, offset: lineStart + parsed.text,
                    message: "the file ends inside a call-graph line, before its \"[address]\": it looks truncated")
            }
            lineCount += 1
            try ImportSupport.checkEvents(lineCount, options, offset: lineStart, what: "call-graph lines")
            let depth = parsed.depth
            let parentDepth = open.last?.depth ?? -1
            guard depth <= parentDepth + 1 else {
                throw ImportFailure(
                    .syntax, offset: lineStart + 4 + 2 * depth,
                    message:
                        "this line is \(depth - parentDepth) levels deeper than the line before (one at most): the indentation is broken"
                )
            }
            try close(to: depth)
            let text = String(decoding: line[parsed.text...], as: UTF8.self)
            if depth == 0 {
                thread = stacks.internThread(
                    text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " "))
                threads += 1
                totalSamples += parsed.count
                open.append((0, -1, parsed.count, 0))
                continue
            }
            guard !open.isEmpty else { continue }
            open[open.count - 1].children += parsed.count
            let frame = stacks.internFrame(Self.frameName(text))
            try ImportSupport.checkOperations(stacks.frameNames.count, options, offset: lineStart, what: "frames")
            open.append((depth, frame, parsed.count, 0))
            path.append(frame)
        }
        try close(to: 0)
        guard sawGraph else {
            throw ImportFailure(
                .invalidContent, offset: 0,
                message: "no \"Call graph:\" section: the sample report holds no stacks (was it cut before them?)")
        }
    }

    /// Closes the open frames at `depth` and deeper, adding each one's self count as a stack.
    mutating func close(to depth: Int) throws(ImportFailure) {
        while let last = open.last, last.depth >= depth {
            open.removeLast()
            let own = last.count - last.children
            if last.frame >= 0 {
                if own > 0 { stacks.append(frames: path, weight: own * (intervalNanoseconds ?? 1), thread: thread) }
                path.removeLast()
            }
        }
    }

    mutating func header(_ text: String) {
        if text.hasPrefix("Analysis of sampling "), let every = text.range(of: " every ") {
            let words = text[every.upperBound...].split(separator: " ")
            if words.count >= 2, let value = Double(words[0]), value > 0, value.isFinite {
                let scale: Double? =
                    words[1].hasPrefix("millisecond") ? 1e6 : words[1].hasPrefix("microsecond") ? 1e3 : nil
                if let scale {
                    intervalNanoseconds = value * scale
                    labels["macos-sample.interval"] = "\(words[0]) \(words[1])"
                }
            }
        }
        guard let colon = text.firstIndex(of: ":") else { return }
        let key = text[..<colon]
        let value = text[text.index(after: colon)...].trimmingCharacters(in: [" ", "\t"])
        switch key {
        case "Process": labels["macos-sample.process"] = value
        case "OS Version": labels["macos-sample.os"] = value
        case "Code Type": labels["macos-sample.code_type"] = value
        case "Date/Time": labels["macos-sample.date"] = value
        default: break
        }
    }

    mutating func finish(fileName: String) throws(ImportFailure) -> ImportedDump {
        guard !stacks.weights.isEmpty else {
            throw ImportFailure(.invalidContent, offset: 0, message: "the call graph holds no samples: nothing to show")
        }
        labels["macos-sample.threads"] = String(threads)
        labels["macos-sample.samples"] = formatNumber(totalSamples)
        var warnings: [ImportWarning] = []
        if intervalNanoseconds == nil {
            warnings.append(
                ImportWarning(
                    message:
                        "no sampling interval (\"every 1 millisecond\" on the first line): the stacks weigh sample counts"
                ))
        }
        let run = RunMetadata(workflow: ImportSupport.fileStem(fileName), runID: fileName, labels: labels)
        return ImportedDump(
            profile: Profile(
                run: run, stacks: stacks, stackWeightUnit: intervalNanoseconds == nil ? .samples : .nanoseconds),
            warnings: warnings)
    }
}
