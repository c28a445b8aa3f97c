import HotpathIngest
import HotpathModel

/// A cached run summary as bytes (`summary.bin`): a history reads every run's summary on every
/// build, and parsing hundreds of thousands of 17-digit numbers out of JSON was the largest part
/// of a nightly build's reading. Numbers are stored as their IEEE 754 bits, so NaN and infinities
/// come back exactly, and nothing is rounded.
///
/// Layout, little-endian throughout:
/// - the magic `HPSUM1` and a newline and a zero byte (8 bytes);
/// - the length (UInt32) and JSON text of the summary without its operations (run metadata,
///   source, ordering, time, total);
/// - the number of operations (UInt32), then each: name, metric and unit (strings: a UInt32
///   length and UTF-8), a byte of flags (bit 0 group, bits 1–4 mean, p50, p95, p99 present),
///   the group when present, the count (Int64), total and share, then the present statistics
///   (Float64 bits).
enum SummaryFile {
    static let magic: [UInt8] = Array("HPSUM1\n\0".utf8)

    static func encode(_ summary: RunSummary) throws -> [UInt8] {
        var bytes = magic
        // Everything but the operations, as JSON: small, and read once per run.
        var head = summary
        head.operations = []
        let header = try JSONBytesEncoder().encode(head)
        bytes.reserveCapacity(magic.count + 8 + header.count + summary.operations.count * 96)
        append(UInt32(header.count), to: &bytes)
        bytes += header
        append(UInt32(summary.operations.count), to: &bytes)
        for operation in summary.operations {
            append(operation.name, to: &bytes)
            append(operation.metric.rawValue, to: &bytes)
            append(operation.unit.rawValue, to: &bytes)
            let statistics = [operation.mean, operation.p50, operation.p95, operation.p99]
            var flags: UInt8 = operation.group == nil ? 0 : 1
            for (bit, value) in statistics.enumerated() where value != nil { flags |= 1 << (bit + 1) }
            bytes.append(flags)
            if let group = operation.group { append(group, to: &bytes) }
            append(UInt64(bitPattern: Int64(operation.count)), to: &bytes)
            append(operation.total.bitPattern, to: &bytes)
            append(operation.share.bitPattern, to: &bytes)
            for value in statistics { if let value { append(value.bitPattern, to: &bytes) } }
        }
        return bytes
    }

    /// The summary in `bytes`, or nil when they are not one `encode` wrote (damaged, cut short,
    /// or from another version): the caller then analyzes the run again.
    static func decode(_ bytes: UnsafeRawBufferPointer) -> RunSummary? {
        var reader = Reader(bytes: bytes)
        guard bytes.count >= magic.count, zip(bytes, magic).allSatisfy({ $0 == $1 }) else { return nil }
        reader.offset = magic.count
        guard let headerLength = reader.uint32(), let headerBytes = reader.slice(Int(headerLength)),
            let value = try? JSONScanner.parseDocument(headerBytes),
            var summary = try? JSONValueDecoder(nonFiniteStrings: true).decode(RunSummary.self, from: value),
            let count = reader.uint32(), Int(count) <= bytes.count
        else { return nil }
        var operations: [OperationSummary] = []
        operations.reserveCapacity(Int(count))
        var metrics: [ProfileMetricType] = []
        var units: [MetricUnit] = []
        for _ in 0..<count {
            guard let name = reader.string(), let metric = reader.enumeration(&metrics),
                let unit = reader.enumeration(&units), let flags = reader.byte()
            else { return nil }
            var group: String?
            if flags & 1 != 0 {
                guard let value = reader.string() else { return nil }
                group = value
            }
            guard let count = reader.uint64(), let total = reader.double(), let share = reader.double() else {
                return nil
            }
            var cutShort = false
            func statistic(_ bit: Int) -> Double? {
                guard flags & (1 << (bit + 1)) != 0 else { return nil }
                guard let value = reader.double() else {
                    cutShort = true
                    return nil
                }
                return value
            }
            let (mean, p50, p95, p99) = (statistic(0), statistic(1), statistic(2), statistic(3))
            guard !cutShort else { return nil }
            operations.append(
                OperationSummary(
                    name: name, metric: metric, unit: unit, group: group, count: Int(Int64(bitPattern: count)),
                    total: total, share: share, mean: mean, p50: p50, p95: p95, p99: p99))
        }
        guard reader.offset == bytes.count else { return nil }
        summary.operations = operations
        return summary
    }

    private static func append(_ value: some FixedWidthInteger, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    private static func append(_ text: String, to bytes: inout [UInt8]) {
        append(UInt32(text.utf8.count), to: &bytes)
        bytes.append(contentsOf: text.utf8)
    }

    /// Reads forward through the bytes; every read is nil past the end.
    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var offset = 0

        mutating func slice(_ count: Int) -> UnsafeRawBufferPointer? {
            guard count >= 0, count <= bytes.count - offset else { return nil }
            defer { offset += count }
            return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
        }

        mutating func byte() -> UInt8? { slice(1).map { $0[0] } }

        mutating func uint32() -> UInt32? {
            slice(4).map { UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)) }
        }

        mutating func uint64() -> UInt64? {
            slice(8).map { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        }

        mutating func double() -> Double? { uint64().map(Double.init(bitPattern:)) }

        /// Text as written; bytes that are not UTF-8 (a damaged file) are repaired, not refused.
        mutating func string() -> String? {
            guard let count = uint32(), let text = slice(Int(count)) else { return nil }
            return String(decoding: text, as: UTF8.self)
        }

        /// A metric or unit: every operation of a run has one of a few, so the ones seen are
        /// compared as bytes before a string is made.
        mutating func enumeration<T: RawRepresentable<String>>(_ seen: inout [T]) -> T? {
            guard let count = uint32(), let text = slice(Int(count)) else { return nil }
            if let known = seen.first(where: { $0.rawValue.utf8.elementsEqual(text) }) { return known }
            guard let value = T(rawValue: String(decoding: text, as: UTF8.self)) else { return nil }
            seen.append(value)
            return value
        }
    }
}
