import HotpathModel

/// The state of one callgrind import: the header, the compression tables, and per function its
/// self cost and its calls' inclusive cost, for every event.
struct CallgrindReader {
    let bytes: UnsafeRawBufferPointer
    let options: IngestOptions

    var events: [String] = []
    var eventsOffset = 0
    var positionCount = 1
    var positionKinds = "line"
    var sawPositionsInBody = false
    /// The line subposition's index among the positions, when there is one.
    var linePosition: Int? = 0
    var labels: [String: String] = [:]
    var parts = 0
    var warnings = EntryWarnings()

    // Name compression: one table per kind.
    var objectNames: [Int: String] = [:]
    var fileNames: [Int: String] = [:]
    /// A compressed function id names a function of the object it was defined in.
    var functionIDs: [Int: Int32] = [:]

    // What the lines so far say.
    var object = ""
    var file = ""
    var function: Int32 = -1
    var calledObject: String?
    var calledFunction: Int32 = -1
    /// After `calls=`: the next line is the call's cost; after `jump=`/`jcnd=`: a position only.
    enum Pending { case none, call(callee: Int32, count: Double), jump }
    var pending = Pending.none
    var pendingOffset = 0
    var lastPositions: [Int64] = [0, 0]

    // Functions.
    var functionIndex: [String: Int32] = [:]
    var names: [String] = []
    var locations: [CodeLocation?] = []
    /// `selfCost[function * events.count + event]`.
    var selfCost: [Double] = []
    // Call edges, caller → callee, summed over call sites.
    var edgeIndex: [Int64: Int] = [:]
    var edgeCaller: [Int32] = []
    var edgeCallee: [Int32] = []
    var edgeCalls: [Double] = []
    /// `edgeCost[edge * events.count + event]`: the inclusive cost of the calls.
    var edgeCost: [Double] = []
    var costLines = 0
    var summary: [Double]?
    var totals: [Double]?

    init(bytes: UnsafeRawBufferPointer, options: IngestOptions) {
        self.bytes = bytes
        self.options = options
    }

    mutating func read() throws(ImportFailure) {
        var lineStart = 0
        let count = bytes.count
        while lineStart < count {
            var lineEnd = lineStart
            while lineEnd < count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            var end = lineEnd
            while end > lineStart, bytes[end - 1] == 0x0D || bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 {
                end -= 1
            }
            var first = lineStart
            while first < end, bytes[first] == 0x20 || bytes[first] == 0x09 { first += 1 }
            if first == end || bytes[first] == UInt8(ascii: "#") { continue }
            let byte = bytes[first]
            if Self.isDigit(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "*")
            {
                try costLine(from: first, to: end, atFileEnd: lineEnd == count)
                continue
            }
            if case .none = pending {
            } else {
                throw ImportFailure(
                    .syntax, offset: first,
                    message:
                        "expected the cost line of the \(pendingWhat) on the line before, found \(quote(first, end))")
            }
            var keyEnd = first
            while keyEnd < end, bytes[keyEnd] != UInt8(ascii: "="), bytes[keyEnd] != UInt8(ascii: ":") { keyEnd += 1 }
            guard keyEnd < end else {
                throw ImportFailure(
                    .syntax, offset: first,
                    message:
                        "expected a \"key: value\" header, a \"key=value\" line or a cost line, found \(quote(first, end))"
                )
            }
            let key = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[first..<keyEnd]), as: UTF8.self)
            var valueStart = keyEnd + 1
            while valueStart < end, bytes[valueStart] == 0x20 || bytes[valueStart] == 0x09 { valueStart += 1 }
            let value = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[valueStart..<end]), as: UTF8.self)
            if bytes[keyEnd] == UInt8(ascii: ":") {
                try header(key, value, keyOffset: first, valueOffset: valueStart)
            } else {
                try specification(key, value, keyOffset: first, valueOffset: valueStart)
            }
        }
        if case .none = pending {
        } else {
            throw ImportFailure(
                .syntax, offset: pendingOffset,
                message: "the file ends after this \(pendingWhat) line, before its cost line: it looks truncated")
        }
    }

    var pendingWhat: String {
        switch pending {
        case .call: "calls="
        case .jump: "jump="
        case .none: ""
        }
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    func quote(_ start: Int, _ end: Int) -> String {
        ContentSniff.quoted(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
    }

    // MARK: Header lines

    mutating func header(_ key: String, _ value: String, keyOffset: Int, valueOffset: Int) throws(ImportFailure) {
        switch key {
        case "events":
            let names = value.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard !names.isEmpty else {
                throw ImportFailure(.syntax, offset: valueOffset, message: "\"events:\" names no event")
            }
            if events.isEmpty {
                events = names
                eventsOffset = valueOffset
            } else if names != events {
                throw ImportFailure(
                    .invalidContent, offset: valueOffset,
                    message:
                        "this part's events (\(names.joined(separator: " "))) differ from the first part's (\(events.joined(separator: " "))): Hotpath sums parts, which needs the same events"
                )
            }
        case "positions":
            let kinds = value.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard !kinds.isEmpty, kinds.count <= 2, kinds.allSatisfy({ $0 == "line" || $0 == "instr" }),
                Set(kinds).count == kinds.count
            else {
                throw ImportFailure(
                    .syntax, offset: valueOffset,
                    message:
                        "\"positions:\" must be \"line\", \"instr\" or both, found \(ContentSniff.quoted(value))")
            }
            if sawPositionsInBody, kinds.count != positionCount {
                throw ImportFailure(
                    .invalidContent, offset: valueOffset,
                    message: "the positions change from \"\(positionKinds)\" to \"\(value)\" after cost lines")
            }
            positionCount = kinds.count
            positionKinds = kinds.joined(separator: " ")
            linePosition = kinds.firstIndex(of: "line")
        case "part":
            parts += 1
            // Each part starts its own compression state for the current position.
            function = -1
            calledFunction = -1
            calledObject = nil
            lastPositions = [0, 0]
        case "summary":
            summary = try costs(value, at: valueOffset, what: "summary:")
        case "totals":
            let part = try costs(value, at: valueOffset, what: "totals:")
            if var sum = totals {
                for index in part.indices where index < sum.count { sum[index] += part[index] }
                totals = sum
            } else {
                totals = part
            }
        case "version":
            labels["callgrind.version"] = value
        case "creator", "cmd", "pid", "thread":
            if labels["callgrind.\(key)"] == nil { labels["callgrind.\(key)"] = value.trimmingSpaces }
        default:
            // desc:, event:, and any other header: description only.
            break
        }
    }

    /// The numbers of a `summary:` or `totals:` line, one per event.
    func costs(_ value: String, at offset: Int, what: String) throws(ImportFailure) -> [Double] {
        var result: [Double] = []
        for field in value.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            guard let number = Self.number(Substring(field)) else {
                throw ImportFailure(
                    .syntax, offset: offset, message: "\(what) holds \(ContentSniff.quoted(field)), not a number")
            }
            result.append(number)
        }
        return result
    }

    static func number(_ text: Substring) -> Double? {
        if text.hasPrefix("0x") || text.hasPrefix("0X") { return UInt64(text.dropFirst(2), radix: 16).map(Double.init) }
        guard !text.isEmpty, text.utf8.allSatisfy({ isDigit($0) }) else { return nil }
        return Double(text)
    }

    // MARK: Body lines

    mutating func specification(_ key: String, _ value: String, keyOffset: Int, valueOffset: Int) throws(ImportFailure)
    {
        switch key {
        case "ob":
            object = try name(value, in: &objectNames, at: valueOffset, what: "object")
        case "fl", "fi", "fe":
            file = try name(value, in: &fileNames, at: valueOffset, what: "file")
        case "fn":
            function = try functionReference(value, object: object, file: file, at: valueOffset)
            calledFunction = -1
            calledObject = nil
        case "cob":
            calledObject = try name(value, in: &objectNames, at: valueOffset, what: "object")
        case "cfi", "cfl":
            _ = try name(value, in: &fileNames, at: valueOffset, what: "file")
        case "cfn":
            calledFunction = try functionReference(value, object: calledObject ?? object, file: nil, at: valueOffset)
        case "calls":
            guard function >= 0 else {
                throw ImportFailure(.invalidContent, offset: keyOffset, message: "\"calls=\" before any \"fn=\"")
            }
            guard calledFunction >= 0 else {
                throw ImportFailure(
                    .invalidContent, offset: keyOffset,
                    message: "\"calls=\" without a \"cfn=\" naming the called function before it")
            }
            let count = value.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(Substring.init)
            guard let count, let calls = Self.number(count) else {
                throw ImportFailure(
                    .syntax, offset: valueOffset,
                    message: "\"calls=\" must start with the number of calls, found \(ContentSniff.quoted(value))")
            }
            pending = .call(callee: calledFunction, count: calls)
            pendingOffset = keyOffset
        case "jump", "jcnd":
            pending = .jump
            pendingOffset = keyOffset
        case "jfi":
            _ = try name(value, in: &fileNames, at: valueOffset, what: "file")
        case "jfn":
            _ = try functionReference(value, object: object, file: nil, at: valueOffset)
        default:
            warnings.add(
                "unknown lines",
                ImportWarning(offset: keyOffset, message: "\"\(key)=\" is not a callgrind line: skipped"))
        }
    }

    /// A name with compression: `(12) name` defines id 12, `(12)` refers to it, `name` is plain.
    func name(_ value: String, in table: inout [Int: String], at offset: Int, what: String) throws(ImportFailure)
        -> String
    {
        guard value.hasPrefix("(") else { return value }
        guard let close = value.firstIndex(of: ")"), let id = Int(value[value.index(after: value.startIndex)..<close])
        else {
            throw ImportFailure(
                .syntax, offset: offset,
                message: "a compressed \(what) name must start with \"(number)\", found \(ContentSniff.quoted(value))")
        }
        let rest = value[value.index(after: close)...].trimmingCharacters(in: [" ", "\t"])
        if rest.isEmpty {
            guard let known = table[id] else {
                throw ImportFailure(
                    .invalidContent, offset: offset,
                    message: "\(what) (\(id)) is used before a line defines it (\"(\(id)) name\")")
            }
            return known
        }
        table[id] = rest
        return rest
    }

    /// The function a `fn=`, `cfn=` or `jfn=` value names, with name compression.
    mutating func functionReference(_ value: String, object: String, file: String?, at offset: Int)
        throws(ImportFailure) -> Int32
    {
        guard value.hasPrefix("(") else { return try intern(value, object: object, file: file, at: offset) }
        if let close = value.firstIndex(of: ")"),
            value[value.index(after: close)...].allSatisfy({ $0 == " " || $0 == "\t" }),
            let id = Int(value[value.index(after: value.startIndex)..<close])
        {
            guard let known = functionIDs[id] else {
                throw ImportFailure(
                    .invalidContent, offset: offset,
                    message: "function (\(id)) is used before a line defines it (\"(\(id)) name\")")
            }
            if let file, !file.isEmpty, file != "???", locations[Int(known)] == nil {
                locations[Int(known)] = CodeLocation(file: file)
            }
            return known
        }
        var scratch: [Int: String] = [:]
        let name = try name(value, in: &scratch, at: offset, what: "function")
        guard let id = scratch.keys.first else {
            // A reference: `name` threw unless the id was defined, which `scratch` never is.
            return -1
        }
        let index = try intern(name, object: object, file: file, at: offset)
        functionIDs[id] = index
        return index
    }

    mutating func intern(_ rawName: String, object: String, file: String?, at offset: Int) throws(ImportFailure)
        -> Int32
    {
        var name = rawName.isEmpty ? "(unnamed)" : rawName
        if name.hasPrefix("0x"), !object.isEmpty {
            let base = object.split(separator: "/").last.map(String.init) ?? object
            name += " (\(base))"
        }
        if let index = functionIndex[name] {
            if locations[Int(index)] == nil, let file, !file.isEmpty, file != "???" {
                locations[Int(index)] = CodeLocation(file: file)
            }
            return index
        }
        try ImportSupport.checkOperations(names.count + 1, options, offset: offset, what: "functions")
        let index = Int32(names.count)
        functionIndex[name] = index
        names.append(name)
        locations.append(file.flatMap { $0.isEmpty || $0 == "???" ? nil : CodeLocation(file: $0) })
        selfCost += repeatElement(0, count: max(events.count, 1))
        return index
    }

    /// A cost line: subpositions, then up to one number per event.
    mutating func costLine(from start: Int, to end: Int, atFileEnd: Bool) throws(ImportFailure) {
        guard !events.isEmpty else {
            throw ImportFailure(.invalidContent, offset: start, message: "a cost line before the \"events:\" header")
        }
        if selfCost.count != names.count * events.count {
            // Functions named before the events line (allowed by no producer, but cheap to allow).
            selfCost = [Double](repeating: 0, count: names.count * events.count)
        }
        sawPositionsInBody = true
        costLines += 1
        try ImportSupport.checkEvents(costLines, options, offset: start, what: "cost lines")
        var position = start
        var fields = 0
        var line: Int64?
        var values: [Double] = []
        values.reserveCapacity(events.count)
        while position < end {
            let fieldStart = position
            while position < end, bytes[position] != 0x20, bytes[position] != 0x09 { position += 1 }
            let fieldEnd = position
            while position < end, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
            if fields < positionCount {
                let value = try subposition(fieldStart, fieldEnd, index: fields)
                if fields == linePosition { line = value }
            } else {
                guard let number = Self.decimalOrHex(bytes, fieldStart, fieldEnd) else {
                    if atFileEnd, fieldEnd == end {
                        throw ImportFailure(
                            .syntax, offset: fieldStart,
                            message:
                                "the file ends inside a cost line (\(quote(fieldStart, fieldEnd)) is not a number): it looks truncated"
                        )
                    }
                    throw ImportFailure(
                        .syntax, offset: fieldStart,
                        message: "expected an event count, found \(quote(fieldStart, fieldEnd))")
                }
                values.append(number)
            }
            fields += 1
        }
        guard fields >= positionCount else {
            throw ImportFailure(
                .syntax, offset: start,
                message:
                    "a cost line needs \(positionCount == 1 ? "a position" : "\(positionCount) positions") (\(positionKinds)) before its costs"
            )
        }
        guard values.count <= events.count else {
            throw ImportFailure(
                .syntax, offset: start,
                message:
                    "\(ImportSupport.plural(values.count, "cost")) on a line, but \"events:\" names \(events.count) (\(events.joined(separator: " ")))"
            )
        }
        let eventCount = events.count
        switch pending {
        case .jump:
            pending = .none
        case .call(let callee, let calls):
            pending = .none
            let key = Int64(function) << 32 | Int64(callee)
            let edge: Int
            if let known = edgeIndex[key] {
                edge = known
            } else {
                edge = edgeCaller.count
                edgeIndex[key] = edge
                edgeCaller.append(function)
                edgeCallee.append(callee)
                edgeCalls.append(0)
                edgeCost += repeatElement(0, count: eventCount)
            }
            edgeCalls[edge] += calls
            for (index, value) in values.enumerated() { edgeCost[edge * eventCount + index] += value }
            calledFunction = -1
            calledObject = nil
        case .none:
            guard function >= 0 else {
                throw ImportFailure(.invalidContent, offset: start, message: "a cost line before any \"fn=\"")
            }
            let base = Int(function) * eventCount
            for (index, value) in values.enumerated() { selfCost[base + index] += value }
            if let line, line > 0, let location = locations[Int(function)], location.line == nil {
                locations[Int(function)] = CodeLocation(file: location.file, line: Int(line))
            }
        }
    }

    /// A subposition: a number (decimal or `0x` hexadecimal), `+n`/`-n` relative to the same
    /// subposition of the line before, or `*`, the same.
    mutating func subposition(_ start: Int, _ end: Int, index: Int) throws(ImportFailure) -> Int64 {
        let first = bytes[start]
        let previous = lastPositions[index]
        var value: Int64
        if first == UInt8(ascii: "*"), end == start + 1 {
            value = previous
        } else if first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            guard let delta = Self.decimalOrHex(bytes, start + 1, end), delta < 9e18 else {
                throw ImportFailure(
                    .syntax, offset: start,
                    message: "expected a relative position (+n or -n), found \(quote(start, end))")
            }
            let (sum, overflow) =
                first == UInt8(ascii: "+")
                ? previous.addingReportingOverflow(Int64(delta)) : previous.subtractingReportingOverflow(Int64(delta))
            guard !overflow else {
                throw ImportFailure(.syntax, offset: start, message: "the position \(quote(start, end)) overflows")
            }
            value = sum
        } else {
            guard let number = Self.decimalOrHex(bytes, start, end), number < 9e18 else {
                throw ImportFailure(
                    .syntax, offset: start,
                    message: "expected a position (a number, +n, -n or *), found \(quote(start, end))")
            }
            value = Int64(number)
        }
        lastPositions[index] = value
        return value
    }

    /// A decimal or `0x` hexadecimal number of up to 64 bits.
    static func decimalOrHex(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Double? {
        guard start < end else { return nil }
        if end - start > 2, bytes[start] == UInt8(ascii: "0"), bytes[start + 1] | 0x20 == UInt8(ascii: "x") {
            var value: UInt64 = 0
            for index in (start + 2)..<end {
                let byte = bytes[index]
                let digit: UInt64
                switch byte {
                case 0x30...0x39: digit = UInt64(byte - 0x30)
                case 0x61...0x66: digit = UInt64(byte - 0x61 + 10)
                case 0x41...0x46: digit = UInt64(byte - 0x41 + 10)
                default: return nil
                }
                let (shifted, overflow) = value.multipliedReportingOverflow(by: 16)
                guard !overflow else { return nil }
                value = shifted + digit
            }
            return Double(value)
        }
        var value: UInt64 = 0
        for index in start..<end {
            let byte = bytes[index]
            guard isDigit(byte) else { return nil }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = shifted.addingReportingOverflow(UInt64(byte - 0x30))
            guard !overflow, !overflow2 else { return nil }
            value = sum
        }
        return Double(value)
    }
}
