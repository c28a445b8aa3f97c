import HotpathModel

/// Reads what DTrace prints for a stack aggregation, `dtrace -n 'profile-997 { @[ustack()] =
/// count(); }'` (kernel `stack()`, `ustack()`, `jstack()`, or a key of both): an optional
/// header (`CPU     ID                    FUNCTION:NAME` and the probe that printed), then one
/// block per distinct stack, its frames one per indented line, leaf first
/// (`libc.so.1`memcpy+0x1c`, `genunix`fop_write+0x5d`, `0xfffffffffb8001d6`), ending in an
/// indented line holding the count.
///
/// - Stacks: a block's frames, root first, weigh its count (unit: samples). A key of `stack()`
///   and `ustack()` prints the kernel frames, a blank line, then the user frames: one stack, the
///   user frames at the root, as dtrace's own tools read it.
/// - Frames: the names inferno-collapse-dtrace (and FlameGraph's stackcollapse.pl) give, so a
///   flame graph here matches theirs; see `DTraceFrameName`.
public struct DTraceImporter: DumpImporter {
    public init() {}

    public var format: DumpFormat { .dtrace }

    /// A header only (`CPU ID FUNCTION:NAME` first), or, past an unindented header, indented
    /// frame lines (each with a module's backquote or a hex address) up to an indented count
    /// line. Collapsed stacks (one unindented line a stack), perf script (an unindented sample
    /// header before each stack) and `sample` (counts before the names) never have that shape.
    public func recognizes(_ sniff: ContentSniff) -> Bool {
        guard sniff.shape == .notJSON, !sniff.isBinary else { return false }
        var lines = 0
        var inHeader = false
        var frames = 0
        for line in sniff.prefix.split(separator: "\n", omittingEmptySubsequences: false) {
            lines += 1
            if lines > 400 { return false }
            let text = String(line.hasSuffix("\r") ? line.dropLast() : line)
            let trimmed = text.trimmingSpaces
            if lines == 1 {
                let words = trimmed.split(separator: " ")
                if words.first == "CPU", words.contains("FUNCTION:NAME") { return true }
                if !trimmed.isEmpty, !DTraceReader.isIndented(text) {
                    inHeader = true
                    continue
                }
            }
            if trimmed.isEmpty {
                inHeader = false
                continue
            }
            if inHeader { continue }
            guard DTraceReader.isIndented(text) else { return false }
            if DTraceReader.isCount(trimmed) { return frames > 0 }
            guard trimmed.contains("`") || DTraceReader.isHexAddress(trimmed) else { return false }
            frames += 1
        }
        return false
    }

    public func importDump(_ input: DumpInput) throws(ImportFailure) -> ImportedDump {
        var reader = DTraceReader(bytes: input.bytes, options: input.options)
        try reader.read()
        return try reader.finish(fileName: input.fileName)
    }
}

struct DTraceReader {
    let bytes: UnsafeRawBufferPointer
    let options: IngestOptions
    var stacks = StackTable()
    var headerLines: [String] = []
    var totalSamples = 0.0
    var emptyStacks = 0
    var blocks = 0

    /// The frames of the block being read, leaf first as printed, and where its last frame's text starts.
    var pending: [Int32] = []
    var lastFrameOffset = 0
    var sawBody = false
    /// Where the last count starts when the file ends on it, without a newline: maybe cut short.
    var cutCountOffset: Int?

    init(bytes: UnsafeRawBufferPointer, options: IngestOptions) {
        self.bytes = bytes
        self.options = options
    }

    static func isIndented(_ line: String) -> Bool {
        line.first == " " || line.first == "\t"
    }

    /// Digits only: a count line.
    static func isCount(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// `0x` and one or more hex digits: an unsymbolized frame.
    static func isHexAddress(_ text: String) -> Bool {
        text.count > 2 && text.hasPrefix("0x") && text.dropFirst(2).allSatisfy(\.isHexDigit)
    }

    /// Text that reads as a number but not as a count (`-3`, `1.5`, `1e400`, `NaN`, `inf`).
    static func looksNumeric(_ text: String) -> Bool {
        var rest = text.utf8[...]
        if rest.first == UInt8(ascii: "-") || rest.first == UInt8(ascii: "+") { rest = rest.dropFirst() }
        let word = String(decoding: rest, as: UTF8.self).lowercased()
        if ["nan", "inf", "infinity"].contains(word) { return true }
        var sawDigit = false
        var sawDot = false
        var sawExponent = false
        var previous: UInt8 = 0
        for byte in rest {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sawDigit = true
            case UInt8(ascii: "."): if sawDot || sawExponent { return false } else { sawDot = true }
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                if !sawDigit || sawExponent { return false } else { sawExponent = true }
            case UInt8(ascii: "-"), UInt8(ascii: "+"):
                if previous != UInt8(ascii: "e"), previous != UInt8(ascii: "E") { return false }
            default: return false
            }
            previous = byte
        }
        return sawDigit
    }

    mutating func read() throws(ImportFailure) {
        let count = bytes.count
        var lineStart = 0
        var lineNumber = 0
        var inHeader = false
        while lineStart < count {
            var lineEnd = lineStart
            while lineEnd < count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            lineNumber += 1
            var end = lineEnd
            if end > lineStart, bytes[end - 1] == 0x0D { end -= 1 }
            let raw = UnsafeRawBufferPointer(rebasing: bytes[lineStart..<end])
            if let bad = raw.firstIndex(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) {
                throw ImportFailure(
                    .syntax, offset: lineStart + bad,
                    message:
                        "binary garbage (byte 0x\(String(raw[bad], radix: 16, uppercase: true))) where a stack frame or count was expected: is this dtrace's text output?"
                )
            }
            let text = String(decoding: raw, as: UTF8.self)
            let trimmed = text.trimmingSpaces
            let indent = text.utf8.prefix { $0 == 0x20 || $0 == 0x09 }.count
            if lineNumber == 1, !trimmed.isEmpty, !Self.isIndented(text) {
                inHeader = true
            }
            if trimmed.isEmpty {
                inHeader = false
                continue
            }
            if inHeader {
                if headerLines.count < 8 { headerLines.append(trimmed) }
                continue
            }
            guard Self.isIndented(text) else {
                throw ImportFailure(
                    .syntax, offset: lineStart,
                    message:
                        "expected an indented stack frame (`module`function+0xoffset`) or count, found \(ContentSniff.quoted(trimmed)): the header ends at the first blank line and every line after it is indented"
                )
            }
            sawBody = true
            if Self.isCount(trimmed) {
                try endStack(trimmed, offset: lineStart + indent, atEnd: lineEnd >= count)
                continue
            }
            if trimmed.hasPrefix("value"), trimmed.contains("Distribution") {
                throw ImportFailure(
                    .invalidContent, offset: lineStart + indent,
                    message:
                        "a quantize()/lquantize() histogram: Hotpath reads stack aggregations whose value is a count (count(), sum())"
                )
            }
            if Self.looksNumeric(trimmed) {
                throw ImportFailure(
                    .invalidContent, offset: lineStart + indent,
                    message:
                        "a count line holds a whole number of samples, 0 or more: found \(ContentSniff.quoted(trimmed))"
                )
            }
            for name in DTraceFrameName.names(of: trimmed).reversed() {
                pending.append(stacks.internFrame(name))
            }
            lastFrameOffset = lineStart + indent
            try ImportSupport.checkOperations(stacks.frameNames.count, options, offset: lineStart, what: "frames")
        }
        if !pending.isEmpty {
            throw ImportFailure(
                .syntax, offset: lastFrameOffset,
                message:
                    "the file ends inside a stack: \(pending.count) frame\(pending.count == 1 ? "" : "s") and no count line after them (was the file cut off?)"
            )
        }
        guard sawBody else {
            throw ImportFailure(
                .invalidContent, offset: 0,
                message:
                    "only dtrace's header, no stacks: the aggregation printed nothing (did the probe fire, or was the output cut before the stacks?)"
            )
        }
    }

    /// A count line: the frames read since the last one, leaf first, become a stack, root first.
    mutating func endStack(_ digits: String, offset: Int, atEnd: Bool) throws(ImportFailure) {
        // Past 2^53 a Double no longer holds every whole number: such counts would not add up exactly.
        guard digits.count <= 16, let value = UInt64(digits), value <= 1 << 53 else {
            throw ImportFailure(
                .invalidContent, offset: offset,
                message:
                    "the count \(ContentSniff.quoted(digits)) is too large: past 2^53 samples, counts no longer add up exactly"
            )
        }
        if atEnd { cutCountOffset = offset }
        blocks += 1
        try ImportSupport.checkEvents(blocks, options, offset: offset, what: "stacks")
        let weight = Double(value)
        totalSamples += weight
        if pending.isEmpty {
            // A key whose stack was empty (stack() sampled in user mode prints no frames).
            emptyStacks += 1
            pending.append(stacks.internFrame(DTraceFrameName.emptyStack))
        }
        if weight > 0 { stacks.append(frames: pending.reversed(), weight: weight) }
        pending.removeAll(keepingCapacity: true)
    }

    mutating func finish(fileName: String) throws(ImportFailure) -> ImportedDump {
        guard blocks > 0 else {
            throw ImportFailure(
                .invalidContent, offset: 0, message: "no count line: the file holds no stacks")
        }
        var labels: [String: String] = [
            "dtrace.stacks": String(blocks),
            "dtrace.samples": formatNumber(totalSamples),
        ]
        // The header's second line names the probe that printed the aggregation (`:tick-60s`).
        if headerLines.count >= 2, headerLines[0].hasPrefix("CPU"),
            let probe = headerLines[1].split(separator: " ").last
        {
            labels["dtrace.printed_by"] = String(probe)
        }
        var warnings: [ImportWarning] = []
        if emptyStacks > 0 {
            warnings.append(
                ImportWarning(
                    message:
                        "\(emptyStacks) count\(emptyStacks == 1 ? "" : "s") had no frames above \(emptyStacks == 1 ? "it" : "them") (an empty stack): counted under the frame \(DTraceFrameName.emptyStack)"
                ))
        }
        if let cutCountOffset {
            warnings.append(
                ImportWarning(
                    offset: cutCountOffset,
                    message:
                        "the file ends on this count, without a newline after it: if the file was cut, the count may be short"
                ))
        }
        if stacks.weights.isEmpty {
            throw ImportFailure(.invalidContent, offset: 0, message: "every stack counts 0 samples: nothing to show")
        }
        let run = RunMetadata(workflow: ImportSupport.fileStem(fileName), runID: fileName, labels: labels)
        return ImportedDump(profile: Profile(run: run, stacks: stacks, stackWeightUnit: .samples), warnings: warnings)
    }
}
