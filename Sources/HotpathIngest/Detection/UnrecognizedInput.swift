/// Why content no importer recognized is not a dump, in words a user can act on: what the
/// file looks like (a zip archive, `perf script` output, a JSON object with these keys, text
/// whose first line is this) and, when Hotpath knows one, how to turn it into a format it reads.
///
/// Only the opening of the input is looked at; gzip and UTF-16 are decoded before this.
enum UnrecognizedInput {
    /// The message for bytes no importer claimed; `formats` lists the formats Hotpath reads.
    static func message(for bytes: UnsafeRawBufferPointer, sniff: ContentSniff, formats: String) -> String {
        let expected = "expected one of: \(formats); use --format to force one"
        if sniff.isBinary, let archive = archive(bytes) {
            return "\(archive.name), not a dump format Hotpath reads: \(archive.advice)"
        }
        if sniff.isBinary {
            return "binary file (it starts with \(ContentSniff.opening(of: bytes))), not a dump format Hotpath reads"
        }
        if let header = perfScriptHeader(sniff.prefix) {
            return
                "this looks like `perf script` output (a sample header \(ContentSniff.quoted(header.trimmingCharacters(in: .whitespaces))) followed by indented stack lines), but too little of its opening reads as samples with \"address symbol (dso)\" frames to be sure: read it with --format perf-script, which says which lines it skips"
        }
        switch sniff.shape {
        case .object where !sniff.topLevelKeys.isEmpty:
            return "a JSON object with keys \(keyList(sniff.topLevelKeys)) is not a format Hotpath reads (\(expected))"
        case .object where ContentSniff.flattened(sniff.prefix) == "{}":
            return "an empty JSON object is not a dump (\(expected))"
        case .object:
            // Text that starts like JSON and breaks before its first key.
            return
                "not valid JSON nor a dump format Hotpath recognizes (it starts with \(ContentSniff.quoted(ContentSniff.flattened(sniff.prefix))); \(expected))"
        case .array where !sniff.firstElementKeys.isEmpty:
            return
                "a JSON array of objects with keys \(keyList(sniff.firstElementKeys)) is not a format Hotpath reads (\(expected))"
        case .array:
            return
                "a JSON array is not a format Hotpath reads (it starts with \(ContentSniff.opening(of: bytes)); \(expected))"
        case .notJSON:
            return
                "not a dump format Hotpath recognizes (its first line is \(ContentSniff.opening(of: bytes)); \(expected))"
        }
    }

    /// At most this many keys are named, in the file's order.
    static let shownKeys = 6

    static func keyList(_ keys: [String]) -> String {
        let shown = keys.prefix(shownKeys).map(ContentSniff.quoted).joined(separator: ", ")
        return keys.count > shownKeys ? shown + ", … (\(keys.count) keys)" : shown
    }

    /// Archives and compressions Hotpath does not open, by their magic bytes, with what to do.
    static func archive(_ bytes: UnsafeRawBufferPointer) -> (name: String, advice: String)? {
        func starts(_ magic: [UInt8]) -> Bool { bytes.count >= magic.count && zip(bytes, magic).allSatisfy(==) }
        if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06]) || starts([0x50, 0x4B, 0x07, 0x08]) {
            return ("a zip archive", "unzip it and give Hotpath the dumps inside (a folder is fine)")
        }
        let compressions: [(magic: [UInt8], name: String, tool: String)] = [
            ([0x42, 0x5A, 0x68], "bzip2", "bunzip2"), ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "xz", "unxz"),
            ([0x28, 0xB5, 0x2F, 0xFD], "zstd", "unzstd"),
        ]
        for compression in compressions where starts(compression.magic) {
            return (
                "\(compression.name)-compressed data",
                "decompress it first (\(compression.tool)); Hotpath decompresses gzip only"
            )
        }
        if starts([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]) {
            return ("a 7-Zip archive", "extract it and give Hotpath the dumps inside (a folder is fine)")
        }
        return nil
    }

    /// The first `perf script` sample header of text that is `perf script` output, else nil.
    ///
    /// `perf script` writes each sample as a header, `comm pid[/tid] [cpu] time: [period] event:`,
    /// followed by indented `address symbol (dso)` stack lines (or, with `-F` and no newline,
    /// the stack on the header's own line). One header followed by such a stack is enough:
    /// collapsed stacks never have an indented address line.
    static func perfScriptHeader(_ text: String) -> Substring? {
        var lines = text.split(omittingEmptySubsequences: true) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }[...]
        var looked = 0
        while let line = lines.popFirst(), looked < 500 {
            looked += 1
            guard let eventEnd = headerEventEnd(line) else { continue }
            // The stack on the same line, or on the next one.
            if isStackLine(line[eventEnd...]) { return line }
            if let next = lines.first, isStackLine(next) { return line }
        }
        return nil
    }

    /// Where a sample header's event (`cycles:u:`) ends, when `line` is one:
    /// `comm pid[/tid] [cpu] [time:] [period] event:`, the bracketed parts optional.
    static func headerEventEnd(_ line: Substring) -> String.Index? {
        // `perf script` pads the command name on the left: a header may start with spaces.
        guard let first = line.first(where: { $0 != " " && $0 != "\t" }), first != "#" else { return nil }
        var tokens: [Substring] = []
        var index = line.startIndex
        while index < line.endIndex, tokens.count < 32 {
            while index < line.endIndex, line[index] == " " || line[index] == "\t" { index = line.index(after: index) }
            let start = index
            while index < line.endIndex, line[index] != " " && line[index] != "\t" { index = line.index(after: index) }
            guard start < index else { break }
            let token = line[start..<index]
            guard token.hasSuffix(":"), !isTimestamp(token) else {
                tokens.append(token)
                continue
            }
            // The event: what comes before must be a process, then maybe a time and a period.
            var before = tokens[...]
            if let time = before.lastIndex(where: isTimestamp) {
                guard
                    before.index(after: time) == before.endIndex
                        || (before.count == time + 2 && before[time + 1].allSatisfy(\.isNumber))
                else { return nil }
                before = before[..<time]
            }
            return token.dropLast().contains(where: \.isLetter) && isProcess(before) ? index : nil
        }
        return nil
    }

    /// `comm pid[/tid] [cpu]` before the time: a name (which may hold spaces), a pid, maybe `[003]`.
    static func isProcess(_ tokens: ArraySlice<Substring>) -> Bool {
        var tokens = tokens
        if let last = tokens.last, last.hasPrefix("["), last.hasSuffix("]"), last.count > 2,
            last.dropFirst().dropLast().allSatisfy(\.isNumber)
        {
            tokens = tokens.dropLast()
        }
        guard tokens.count >= 2, let pid = tokens.last else { return false }
        let parts = pid.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count <= 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }

    /// `150520.991529:`
    static func isTimestamp(_ token: Substring) -> Bool {
        guard token.hasSuffix(":") else { return false }
        let parts = token.dropLast().split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }

    /// An indented `7fa68b1f2d84 symbol (dso)` line; older `perf script` versions wrote them
    /// unindented, which is accepted for a full-width address followed by a `(dso)`.
    static func isStackLine(_ line: Substring) -> Bool {
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let first = line.first, fields.count >= 2, let address = fields.first,
            address.allSatisfy(\.isHexDigit)
        else { return false }
        return first == " " || first == "\t" || (address.count >= 8 && line.hasSuffix(")"))
    }
}
