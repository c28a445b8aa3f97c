/// What the trace linter looks for in timed traces (Chrome Trace Event Format, speedscope
/// evented profiles). Findings never stop an import: the importer repairs what it can and the
/// linter says what it did, once per rule with a count and the first position.
enum TraceLintRule: Int, CaseIterable, Sendable {
    /// An end (`E`, speedscope `C`) with nothing open on its thread: dropped.
    case endWithoutBegin
    /// An end whose name differs from the begin it closed (matched by stack position, as speedscope does).
    case endNameMismatch
    /// An end that closed a begin below the top of the stack; the begins above it were closed too.
    case endBelowTop
    /// A begin never ended: closed at the trace's last timestamp.
    case beginNeverEnded
    /// An async end (`e`) with no open `b` of the same process, category, id and name: dropped.
    case asyncEndWithoutBegin
    /// An async begin (`b`) never ended: closed at the trace's last timestamp.
    case asyncBeginNeverEnded
    /// Two spans on one thread that overlap without one containing the other.
    case overlappingSpans
    /// An event earlier than the event before it on the same thread, in file order.
    case timestampsBackwards
    /// A complete event with a negative duration: dropped.
    case negativeDuration
    /// A complete event without `dur`: kept as zero-length.
    case missingDuration
    /// An event without a usable timestamp: dropped.
    case missingTimestamp
    /// An event that is not an object, or a field of the wrong type: dropped.
    case malformedEvent

    /// The finding, given how many events it concerns.
    func message(count: Int) -> String {
        let events = ImportSupport.plural(count, "event")
        let one = count == 1
        switch self {
        case .endWithoutBegin:
            return "\(events) ended nothing (an end with no open begin on its thread); dropped"
        case .endNameMismatch:
            return "\(events) ended a begin of another name; matched by stack position, as speedscope does"
        case .endBelowTop:
            return
                "\(events) ended a begin below the top of its thread's stack; the begins above it were closed at the same time"
        case .beginNeverEnded:
            return "\(events) began and never ended; closed at the trace's last timestamp"
        case .asyncEndWithoutBegin:
            return
                "\(ImportSupport.plural(count, "async end")) (e) matched no open async begin (b) of the same process, category, id and name; dropped"
        case .asyncBeginNeverEnded:
            return "\(ImportSupport.plural(count, "async begin")) (b) never ended; closed at the trace's last timestamp"
        case .overlappingSpans:
            return
                "\(ImportSupport.plural(count, "span")) \(one ? "overlaps" : "overlap") an earlier span on the same thread without nesting in it; kept as siblings"
        case .timestampsBackwards:
            return
                "\(events) \(one ? "goes" : "go") back in time: both start and end earlier than those of the event before on the same thread, in file order"
        case .negativeDuration:
            return "\(events) \(one ? "has" : "have") a negative duration; dropped"
        case .missingDuration:
            return
                "\(events) \(one ? "is a complete event" : "are complete events") without \"dur\"; kept as zero-length"
        case .missingTimestamp:
            return "\(events) \(one ? "has" : "have") no usable timestamp; dropped"
        case .malformedEvent:
            return
                "\(events) \(one ? "is not a trace event" : "are not trace events") (not an object, or a field of the wrong type); dropped"
        }
    }
}

/// Counts lint findings per rule and per phase, remembering where each was first seen.
struct TraceLint {
    private var counts = [Int](repeating: 0, count: TraceLintRule.allCases.count)
    private var firstOffsets = [Int?](repeating: nil, count: TraceLintRule.allCases.count)
    /// Events of phases the importer reads no data from (`b`, `P`, `O`…), per phase.
    private(set) var skippedPhases: [String: (count: Int, firstOffset: Int?)] = [:]
    /// Events of phases the Trace Event Format does not define, per phase.
    private(set) var unknownPhases: [String: (count: Int, firstOffset: Int?)] = [:]

    @inline(__always)
    mutating func record(_ rule: TraceLintRule, at offset: Int?) {
        counts[rule.rawValue] += 1
        if firstOffsets[rule.rawValue] == nil { firstOffsets[rule.rawValue] = offset }
    }

    func count(_ rule: TraceLintRule) -> Int { counts[rule.rawValue] }

    /// Records `count` findings at once, the first at `firstOffset` (kept when earlier than the
    /// rule's first so far: offsets grow in file order).
    mutating func record(_ rule: TraceLintRule, count: Int, firstOffset: Int?) {
        guard count > 0 else { return }
        counts[rule.rawValue] += count
        if let firstOffset, firstOffsets[rule.rawValue].map({ firstOffset < $0 }) ?? true {
            firstOffsets[rule.rawValue] = firstOffset
        }
    }

    mutating func recordSkipped(phase: String, at offset: Int?) {
        skippedPhases[phase, default: (0, offset)].count += 1
    }

    mutating func recordUnknown(phase: String, at offset: Int?) {
        unknownPhases[phase, default: (0, offset)].count += 1
    }

    /// One warning per rule that fired, then one for skipped phases and one for unknown phases.
    var warnings: [ImportWarning] {
        var warnings: [ImportWarning] = []
        for rule in TraceLintRule.allCases where counts[rule.rawValue] > 0 {
            warnings.append(
                ImportWarning(offset: firstOffsets[rule.rawValue], message: rule.message(count: counts[rule.rawValue])))
        }
        if let warning = Self.phaseWarning(
            skippedPhases, lead: "skipped",
            tail: "phases Hotpath reads no timing from (async, flow, sample, object and similar events)")
        {
            warnings.append(warning)
        }
        if let warning = Self.phaseWarning(unknownPhases, lead: "ignored", tail: "unknown phases") {
            warnings.append(warning)
        }
        return warnings
    }

    private static func phaseWarning(
        _ phases: [String: (count: Int, firstOffset: Int?)], lead: String, tail: String
    ) -> ImportWarning? {
        guard !phases.isEmpty else { return nil }
        // Most frequent first, then by phase, so the text is deterministic.
        let sorted = phases.sorted {
            $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key
        }
        let total = sorted.reduce(0) { $0 + $1.value.count }
        let list = sorted.map { "'\($0.key)' ×\($0.value.count)" }.joined(separator: ", ")
        let first = phases.values.compactMap(\.firstOffset).min()
        return ImportWarning(
            offset: first, message: "\(lead) \(ImportSupport.plural(total, "event")) of \(tail): \(list)")
    }
}
