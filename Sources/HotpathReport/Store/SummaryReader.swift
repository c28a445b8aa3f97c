import HotpathIngest
import HotpathModel

/// Reads a cached `summary.json` straight off the scanner, without a tree of values: a history
/// reads every run's summary (hundreds of operations each) on every build, and building the
/// tree was a tenth of a nightly build. Throws on anything it does not expect, and the caller
/// then reads the file with the generic decoder, which reads (or rejects) it as before.
enum SummaryReader {
    static func read(_ bytes: UnsafeRawBufferPointer) throws(JSONError) -> RunSummary {
        var scanner = JSONScanner(bytes: bytes)
        var run: RunMetadata?
        var source: String?
        var orderedBy: String?
        var time: String?
        var totalNs: Double?
        var operations: [OperationSummary] = []
        try scanner.forEachMember { (scanner, key) throws(JSONError) in
            switch key {
            case "run":
                let value = try scanner.parseValue()
                run = try? JSONValueDecoder(nonFiniteStrings: true).decode(RunMetadata.self, from: value)
            case "source": source = try scanner.readString()
            case "ordered_by": orderedBy = try scanner.readString()
            case "time": time = try optionalString(&scanner)
            case "total_ns": totalNs = try optionalNumber(&scanner)
            case "operations":
                try scanner.forEachElement { (scanner) throws(JSONError) in
                    operations.append(try operation(&scanner))
                }
            default: throw scanner.error("not read by hand: \(key)")
            }
        }
        guard let run, let source, let orderedBy, let totalNs else { throw scanner.error("a member is missing") }
        return RunSummary(
            run: run, source: source, orderedBy: orderedBy, time: time, totalNs: totalNs, operations: operations)
    }

    private static func operation(_ scanner: inout JSONScanner) throws(JSONError) -> OperationSummary {
        var name: String?
        var metric: ProfileMetricType?
        var unit: MetricUnit?
        var group: String?
        var count: Int?
        var total: Double?
        var share: Double?
        var mean: Double?
        var p50: Double?
        var p95: Double?
        var p99: Double?
        try scanner.forEachMember { (scanner, key) throws(JSONError) in
            switch key {
            case "name": name = try scanner.readString()
            case "metric": metric = ProfileMetricType(rawValue: try scanner.readString())
            case "unit": unit = MetricUnit(rawValue: try scanner.readString())
            case "group": group = try optionalString(&scanner)
            case "count":
                let value = try scanner.readNumber()
                guard abs(value) < 9.0e18 else { throw scanner.error("count out of range") }
                count = Int(exactly: value)
            case "total": total = try optionalNumber(&scanner)
            case "share": share = try optionalNumber(&scanner)
            case "mean": mean = try optionalNumber(&scanner)
            case "p50": p50 = try optionalNumber(&scanner)
            case "p95": p95 = try optionalNumber(&scanner)
            case "p99": p99 = try optionalNumber(&scanner)
            default: throw scanner.error("not read by hand: \(key)")
            }
        }
        guard let name, let metric, let unit, let count, let total, let share else {
            throw scanner.error("an operation's member is missing")
        }
        return OperationSummary(
            name: name, metric: metric, unit: unit, group: group, count: count, total: total, share: share,
            mean: mean, p50: p50, p95: p95, p99: p99)
    }

    /// A string or null.
    private static func optionalString(_ scanner: inout JSONScanner) throws(JSONError) -> String? {
        if scanner.peek() == UInt8(ascii: "n") {
            _ = try scanner.readBoolOrNull()
            return nil
        }
        return try scanner.readString()
    }

    /// A number as the cache writes it: a number, null, or "nan"/"inf"/"-inf".
    private static func optionalNumber(_ scanner: inout JSONScanner) throws(JSONError) -> Double? {
        switch scanner.peek() {
        case UInt8(ascii: "n"):
            guard try scanner.readBoolOrNull() == nil else { throw scanner.error("expected null") }
            return nil
        case UInt8(ascii: "\""):
            switch try scanner.readString() {
            case "nan": return .nan
            case "inf": return .infinity
            case "-inf": return -.infinity
            default: throw scanner.error("expected a number")
            }
        default: return try scanner.readNumber()
        }
    }
}
