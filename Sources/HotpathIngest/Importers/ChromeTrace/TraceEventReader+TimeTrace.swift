import HotpathModel

/// LLVM time traces (clang `-ftime-trace`, and lld's and other LLVM tools' `--time-trace`).
///
/// Such a trace ends with one complete event per phase named `Total <phase>`, each on a thread
/// of its own, starting at 0, with `args.count` and `args["avg ms"]`: the phase's events summed.
/// As spans they would be added up as roots, several times the compile's wall time, so they
/// become `Profile.phaseTotals` instead. Their presence marks the trace as a time trace, whose
/// async `b`/`e` pairs (clang 19's `Source` events, the cost of each header) are spans nested
/// into the compile (see `attachesAsyncRoots`).
extension TraceEventReader {
    /// The events named `Total …` with a numeric `count` and `avg ms`, removed from `spans` and
    /// returned as phase totals in file order. Cheap when there are none: one pass over the
    /// distinct names.
    mutating func extractPhaseTotals() -> [PhaseTotal] {
        var isTotalName = [Bool](repeating: false, count: names.count)
        var any = false
        for index in 0..<names.count where names.strings[index].hasPrefix("Total ") {
            isTotalName[index] = true
            any = true
        }
        guard any else { return [] }
        var totals: [PhaseTotal] = []
        var kept: [PendingSpan] = []
        kept.reserveCapacity(spans.count)
        for span in spans {
            guard span.name >= 0, isTotalName[Int(span.name)], let summary = phaseSummary(span) else {
                kept.append(span)
                continue
            }
            totals.append(summary)
        }
        guard !totals.isEmpty else { return [] }
        for index in kept.indices { kept[index].order = Int32(truncatingIfNeeded: index) }
        spans = kept
        return totals
    }

    /// The span as a phase total when its args have a numeric `count` and `avg ms`.
    private func phaseSummary(_ span: PendingSpan) -> PhaseTotal? {
        guard span.argsText >= 0 else { return nil }
        var count: Double?
        var average: Double?
        var text = argsTexts[span.argsText]
        text.withUTF8 { utf8 in
            var scanner = JSONScanner(bytes: UnsafeRawBufferPointer(utf8), maximumDepth: 64)
            guard scanner.peek() == UInt8(ascii: "{") else { return }
            try? scanner.forEachMember { (scanner, key) throws(JSONError) in
                switch key {
                case "count": count = try scanner.parseValue().number
                case "avg ms": average = try scanner.parseValue().number
                default: try scanner.skipValue()
                }
            }
        }
        guard let count, average != nil, count >= 0, count < 1e15, count == count.rounded() else { return nil }
        let name = String(names[span.name].dropFirst("Total ".count))
        return PhaseTotal(name: name, totalNs: span.duration * 1000, count: Int(count))
    }
}

/// Finds, for spans of a thread's async track taken in start order, the innermost span of the
/// thread itself that contains each: the parent of an async root in a time trace, so that a
/// header's `Source` span sits inside the `Frontend` that parsed it instead of adding to the
/// run's total beside it.
struct EnclosingSpanFinder {
    /// The base thread's spans sorted by start (ties: longer first), with their table ids.
    let spans: [(start: Double, end: Double, id: Int)]
    private var next = 0
    private var open: [(start: Double, end: Double, id: Int)] = []

    init(spans: [(start: Double, end: Double, id: Int)]) {
        self.spans = spans
    }

    /// The innermost base span containing `start…end`; queries must come in start order.
    mutating func innermost(containing start: Double, _ end: Double, slack: Double) -> Int? {
        while next < spans.count, spans[next].start <= start + slack {
            let span = spans[next]
            next += 1
            while let top = open.last, top.end <= span.start + slack { open.removeLast() }
            open.append(span)
        }
        for candidate in open.reversed() where candidate.start <= start + slack && candidate.end + slack >= end {
            return candidate.id
        }
        return nil
    }
}
