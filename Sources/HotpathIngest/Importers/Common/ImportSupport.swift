import HotpathModel

/// Small helpers every importer shares: names, numbers, dates and limits.
enum ImportSupport {
    /// The file name without folders and without the extensions dumps carry
    /// (`trace.json.gz` → `trace`): the workflow name when the dump names none.
    static func fileStem(_ fileName: String) -> String {
        var stem = fileName
        let known: Set<String> = [
            "gz", "json", "txt", "folded", "collapsed", "speedscope", "trace", "log", "out", "stacks",
        ]
        while let dot = stem.lastIndex(of: "."), dot != stem.startIndex {
            let ext = stem[stem.index(after: dot)...].lowercased()
            guard known.contains(ext) else { break }
            stem = String(stem[..<dot])
        }
        return stem.isEmpty ? fileName : stem
    }

    /// Normalizes the date texts benchmark tools write into ISO 8601:
    /// `2016-08-02 17:44:46` → `2016-08-02T17:44:46`, keeping fractions and offsets as given.
    /// Texts that do not start with a `YYYY-MM-DD` date are refused (nil).
    static func isoTimestamp(_ text: String) -> String? {
        let trimmed = text.trimmingSpaces
        let bytes = Array(trimmed.utf8)
        func isDigit(_ index: Int) -> Bool { index < bytes.count && bytes[index] &- UInt8(ascii: "0") < 10 }
        guard bytes.count >= 10, (0..<4).allSatisfy(isDigit), bytes[4] == UInt8(ascii: "-"), isDigit(5), isDigit(6),
            bytes[7] == UInt8(ascii: "-"), isDigit(8), isDigit(9)
        else { return nil }
        guard bytes.count > 10 else { return trimmed }
        var result = bytes
        if result[10] == UInt8(ascii: " ") { result[10] = UInt8(ascii: "T") }
        guard result[10] == UInt8(ascii: "T") else { return nil }
        return String(decoding: result, as: UTF8.self)
    }

    /// ISO 8601 UTC text for microseconds since the Unix epoch (clang's `beginningOfTime`).
    static func isoTimestamp(microsecondsSinceEpoch micros: Double) -> String? {
        guard micros.isFinite, micros >= 0, micros < 253_402_300_800e6 else { return nil }
        let totalSeconds = Int64(micros / 1e6)
        var days = totalSeconds / 86_400
        let secondsOfDay = totalSeconds % 86_400
        // Howard Hinnant's civil_from_days.
        days += 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let dayOfEra = days - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondsOfDay / 3600, 2)):"
            + "\(pad(secondsOfDay / 60 % 60, 2)):\(pad(secondsOfDay % 60, 2))Z"
    }

    /// The caps of `IngestOptions`, with the command-line option that raises each.
    enum Limit {
        case events, operations, bytes

        var option: String {
            switch self {
            case .events: "--max-events"
            case .operations: "--max-operations"
            case .bytes: "--max-input-bytes"
            }
        }

        var property: String {
            switch self {
            case .events: "maximumEvents"
            case .operations: "maximumOperations"
            case .bytes: "maximumBytes"
            }
        }
    }

    /// "more than 100 trace events; the limit is 100 (raise it with --max-events, or
    /// IngestOptions.maximumEvents)": what was found, the limit, and how to raise it.
    static func limitMessage(_ finding: String, limit: Int, unit: String = "", option: Limit) -> String {
        "\(finding); the limit is \(limit)\(unit.isEmpty ? "" : " " + unit) (raise it with \(option.option), or IngestOptions.\(option.property))"
    }

    /// Throws `.limitExceeded` when an import would hold more operations than allowed.
    /// The offset is worked out only when the limit is exceeded: looking one up walks the file.
    static func checkOperations(
        _ count: Int, _ options: IngestOptions, offset: @autoclosure () -> Int? = nil, what: String = "operations"
    ) throws(ImportFailure) {
        guard count <= options.maximumOperations else {
            throw ImportFailure(
                .limitExceeded, offset: offset(),
                message: limitMessage(
                    "more than \(options.maximumOperations) \(what)", limit: options.maximumOperations,
                    option: .operations))
        }
    }

    /// Throws `.limitExceeded` when an import would read more events or samples than allowed.
    static func checkEvents(
        _ count: Int, _ options: IngestOptions, offset: @autoclosure () -> Int? = nil, what: String = "events"
    ) throws(ImportFailure) {
        guard count <= options.maximumEvents else {
            throw ImportFailure(
                .limitExceeded, offset: offset(),
                message: limitMessage(
                    "more than \(options.maximumEvents) \(what)", limit: options.maximumEvents, option: .events))
        }
    }

    /// "1 run" / "3 runs".
    static func plural(_ count: Int, _ noun: String, _ plural: String? = nil) -> String {
        "\(count) \(count == 1 ? noun : (plural ?? noun + "s"))"
    }
}

/// Warnings about single entries (one benchmark, one command): the first few of each kind one
/// by one with their positions, the rest counted in one warning. A dump of a million failed
/// benchmarks gives a readable list, and each position — which costs a walk of the file — is
/// looked up only for the warnings kept.
struct EntryWarnings {
    static let perKind = 20

    private(set) var warnings: [ImportWarning] = []
    private var extra: [(kind: String, count: Int)] = []
    private var counts: [String: Int] = [:]

    /// Adds the warning unless `perKind` of `kind` were added already; `warning` is evaluated
    /// only when it is kept.
    mutating func add(_ kind: String, _ warning: @autoclosure () -> ImportWarning) {
        let count = counts[kind, default: 0] + 1
        counts[kind] = count
        if count <= Self.perKind {
            warnings.append(warning())
        } else if count == Self.perKind + 1 {
            extra.append((kind, 1))
        } else if let index = extra.firstIndex(where: { $0.kind == kind }) {
            extra[index].count += 1
        }
    }

    /// The kept warnings, then one per kind that had more.
    var all: [ImportWarning] {
        warnings
            + extra.map {
                ImportWarning(
                    message: "\(ImportSupport.plural($0.count, "more warning")) like those about \($0.kind) left out")
            }
    }
}

/// Integral values print without a fraction (`42`, not `42.0`); others as Swift prints them.
func formatNumber(_ value: Double) -> String {
    if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
}

extension String {
    var trimmingSpaces: String {
        let utf8 = self.utf8
        guard let first = utf8.firstIndex(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) else {
            return ""
        }
        let last = utf8.lastIndex(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) ?? first
        return String(self[first...last])
    }
}
