import HotpathModel

/// Reads collapsed ("folded") stacks, as written by Brendan Gregg's `stackcollapse-*.pl`,
/// inferno and most profilers' "folded" exports: one `root;child;leaf count` per line.
///
/// The count is the line's last whitespace-separated field (frames may contain spaces). When
/// most lines end in two counts, the file is the differential form (`stack before after`, from
/// `difffolded.pl` / `inferno-diff-folded`): the second column is this profile, the first is
/// reported as the baseline's total. Identical stacks are merged in order of first appearance.
/// Counts are samples unless `IngestOptions.collapsedUnit` says they are nanoseconds or bytes.
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
        for line in lines.prefix(200) {
            let text = line.hasSuffix("\r") ? line.dropLast() : line
            if text.allSatisfy({ $0 == " " || $0 == "\t" }) || text.hasPrefix("#") || text.hasPrefix("//") { continue }
            considered += 1
            if Self.parse(Substring(text)) != nil { matching += 1 }
        }
        return matching > 0 && matching * 2 > considered
    }

    /// A line split into its stack text and its one or two counts; nil when it does not end in a count.
    static func parse(_ line: Substring) -> (stack: Substring, first: Double, second: Double?)? {
        guard let (stack, last) = splitLastField(line), let count = countValue(last) else { return nil }
        if let (innerStack, previous) = splitLastField(stack), let before = countValue(previous), !innerStack.isEmpty {
            return (innerStack, before, count)
        }
        return stack.isEmpty ? nil : (stack, count, nil)
    }

    private static func splitLastField(_ text: Substring) -> (Substring, Substring)? {
        var end = text.endIndex
        while end > text.startIndex, text[text.index(before: end)] == " " || text[text.index(before: end)] == "\t" {
            end = text.index(before: end)
        }
        guard let space = text[..<end].lastIndex(where: { $0 == " " || $0 == "\t" }) else { return nil }
        var stackEnd = space
        while stackEnd > text.startIndex, text[text.index(before: stackEnd)] == " " || text[text.index(before: stackEnd)] == "\t" {
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

    public func importDump(_ input: DumpInput) throws(ImportFailure) -> ImportedDump {
        let text = String(decoding: input.bytes, as: UTF8.self)
        var lines: [(number: Int, parsed: (stack: Substring, first: Double, second: Double?))] = []
        var invalid: [Int] = []
        var comments = 0
        var lineNumber = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            if line.hasPrefix("#") || line.hasPrefix("//") {
                comments += 1
                continue
            }
            guard let parsed = Self.parse(line) else {
                invalid.append(lineNumber)
                continue
            }
            lines.append((lineNumber, parsed))
            try ImportSupport.checkEvents(lines.count, input.options, offset: nil, what: "stack lines")
        }
        guard !lines.isEmpty else {
            throw ImportFailure(
                .invalidContent, line: invalid.first ?? 1,
                message: "expected lines of the form \"frame;frame;frame count\"; no line has that form")
        }
        // Differential when most lines carry two counts: a single-count line there is a stack
        // whose last frame ends in a number only by accident of the other reading.
        let twoColumn = lines.filter { $0.parsed.second != nil }.count
        let differential = twoColumn * 2 > lines.count

        var order: [Substring] = []
        var weights: [Substring: Double] = [:]
        var baselineTotal = 0.0
        for (_, parsed) in lines {
            var stack = parsed.stack
            var weight = parsed.first
            if differential {
                if let second = parsed.second {
                    baselineTotal += parsed.first
                    weight = second
                }
            } else if let second = parsed.second {
                // `frame 2 3` read as a frame ending in "2" with count 3.
                stack = line(stack, with: parsed.first)
                weight = second
            }
            if weights[stack] == nil { order.append(stack) }
            weights[stack, default: 0] += weight
        }
        if let stack = order.first(where: { !(weights[$0] ?? 0).isFinite }) {
            let line = lines.first(where: { stack.hasPrefix($0.parsed.stack) })?.number
            throw ImportFailure(
                .invalidContent, line: line, message: "the counts of the stack \"\(stack.prefix(200))\" add up to more than Hotpath can hold")
        }
        let stacks = order.compactMap { stack -> StackSample? in
            guard let weight = weights[stack], weight > 0 else { return nil }
            return StackSample(frames: stack.split(separator: ";").map(String.init), weight: weight)
        }

        var warnings: [ImportWarning] = []
        for number in invalid.prefix(Self.maximumLineWarnings) {
            warnings.append(ImportWarning(line: number, message: "not a \"frame;frame count\" line; skipped"))
        }
        if invalid.count > Self.maximumLineWarnings {
            warnings.append(
                ImportWarning(
                    line: invalid[Self.maximumLineWarnings],
                    message: "\(invalid.count - Self.maximumLineWarnings) more lines are not \"frame;frame count\" lines; skipped"))
        }
        var labels: [String: String] = [:]
        if differential {
            labels["collapsed.differential"] = "true"
            labels["collapsed.baseline_total"] = formatNumber(baselineTotal)
            warnings.append(
                ImportWarning(
                    message: "differential folded stacks (two counts per line): weights are the second column (after); the first column (before, total \(formatNumber(baselineTotal))) is not imported as a profile: import the before file as a baseline run to compare"))
        }
        let unit = input.options.collapsedUnit ?? .samples
        let run = RunMetadata(workflow: ImportSupport.fileStem(input.fileName), runID: input.fileName, labels: labels)
        return ImportedDump(profile: Profile(run: run, stacks: stacks, stackWeightUnit: unit), warnings: warnings)
    }

    private func line(_ stack: Substring, with number: Double) -> Substring {
        Substring(String(stack) + " " + formatNumber(number))
    }
}
