import HotpathModel

/// Reads the callgrind profile format (valgrind's `callgrind.out.<pid>`, what
/// `valgrind --tool=callgrind` writes and KCachegrind and callgrind_annotate read; also
/// cachegrind's output, a subset, and other producers such as Xdebug), as specified in
/// valgrind's manual, "Callgrind Format Specification".
///
/// - Measures: every event of the `events:` line (`Ir`, `Dr`, `Dw`, `I1mr`, `Bc`…) is a measure,
///   its total a label (`callgrind.<event>.total`). The stacks weigh one: the one
///   `IngestOptions.sampleType` names (`--measure`), else the first, as callgrind_annotate
///   chooses. An event whose name carries a time unit (`Time_(10ns)`, `Time_(µs)`) weighs
///   nanoseconds, one in bytes (`Memory_(bytes)`) bytes, any other a count (`samples` unit).
/// - Self cost: a function's cost lines; inclusive cost: its self cost plus the cost lines
///   that follow its `calls=` lines (the callees' inclusive cost per call site).
/// - A call graph, not stacks: the stacks are built from the graph by sharing each function's
///   cost among its callers in proportion to the inclusive cost of their calls (gprof's
///   assumption). Each function's self cost is exactly callgrind's; its total is callgrind's
///   inclusive cost when the graph has no cycle. The path a call took through a function with
///   several callers is an estimate, and a warning says how many such functions there are.
///   Calls back into a function already on the path (recursion that callgrind did not split
///   into `fn'2` levels) are not followed: their cost stays with the functions' own self cost.
/// - Compression: names (`fn=(12) name`, then `fn=(12)`) for objects, files and functions;
///   subpositions (`+3`, `-2`, `*`, hexadecimal addresses) for `positions: line`, `instr` or both.
/// - Several `part`s (`--combine-dumps=yes`, or dumps concatenated) are summed.
/// - An unsymbolized function (`0x0000000000001140`) is named with its object's file name,
///   `0x0000000000001140 (libc.so.6)`, since addresses of different objects are different functions.
public struct CallgrindImporter: DumpImporter {
    public init() {}

    public var format: DumpFormat { .callgrind }

    public func recognizes(_ sniff: ContentSniff) -> Bool {
        guard sniff.shape == .notJSON else { return false }
        return Self.looksLikeCallgrind(sniff.prefix)
    }

    /// `# callgrind format` as the first line, or an `events:` header line and a `fn=` line with
    /// nothing before the body but comments and `key: value` header lines.
    static func looksLikeCallgrind(_ prefix: String) -> Bool {
        var sawEvents = false
        var lines = 0
        for line in prefix.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lines += 1
            if lines > 2000 { break }
            let text = line.trimmingCharacters(in: [" ", "\t", "\r"])
            if text.isEmpty { continue }
            if lines == 1, text.lowercased() == "# callgrind format" { return true }
            if text.hasPrefix("#") { continue }
            if text.hasPrefix("events:") {
                sawEvents = true
                continue
            }
            if text.hasPrefix("fn=") || text.hasPrefix("fl=") || text.hasPrefix("ob=") { return sawEvents }
            guard let colon = text.firstIndex(of: ":"),
                text[..<colon].allSatisfy({ $0.isLetter || $0 == "_" }), !text[..<colon].isEmpty
            else { return false }
        }
        return false
    }

    public func importDump(_ input: DumpInput) throws(ImportFailure) -> ImportedDump {
        var reader = CallgrindReader(bytes: input.bytes, options: input.options)
        try reader.read()
        return try reader.finish(fileName: input.fileName)
    }
}
