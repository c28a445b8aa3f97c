import HotpathModel

/// The state of one pprof import: two walks over the top-level fields, the first for the
/// tables (sample types, strings, mappings, functions, locations), the second for the samples,
/// which `profile.proto` writers put before the tables they refer to.
struct PprofReader {
    let bytes: UnsafeRawBufferPointer
    let options: IngestOptions

    struct ValueType {
        var type: Int64
        var unit: Int64
        var offset: Int
    }

    struct Function {
        var name: Int64 = 0
        var systemName: Int64 = 0
        var fileName: Int64 = 0
        var startLine: Int64 = 0
        var offset = 0
    }

    var sampleTypes: [ValueType] = []
    var periodType: ValueType?
    var period: Int64 = 0
    var timeNanos: Int64 = 0
    var durationNanos: Int64 = 0
    var defaultSampleType: Int64 = 0
    var comments: [(index: Int64, offset: Int)] = []
    /// Byte ranges of the string table's entries.
    var stringRanges: [Range<Int>] = []
    var stringCache: [String?] = []
    /// Mapping id → file name (string index).
    var mappingFiles: [UInt64: Int64] = [:]
    var functions: [Function] = []
    var functionIndex: [UInt64: Int32] = [:]

    /// Locations by index: id, mapping, address, and their lines (function id, line), innermost first.
    var locationIDs: [UInt64] = []
    var locationMappings: [UInt64] = []
    var locationAddresses: [UInt64] = []
    var locationOffsets: [Int] = []
    var lineStarts: [Int] = [0]
    var lineFunctions: [UInt64] = []
    var lineNumbers: [Int64] = []
    var sampleCount = 0
    /// The samples' bytes, all told: how many frames they may hold.
    var sampleBytes = 0

    // Resolved before the samples are read.
    var table = StackTable()
    /// Per location index: its frames in `table`, leaf (innermost inlined) first.
    var locationFrameStarts: [Int] = [0]
    var locationFrames: [Int32] = []
    /// Location id → index: an array when the ids are small (they count from 1 in practice), else a map.
    var denseLocation: [Int32] = []
    var sparseLocation: [UInt64: Int32] = [:]
    var locations: [String: CodeLocation] = [:]

    var measure = 0
    var weightUnit = WeightUnit.samples
    var weightScale = 1.0
    var warnings: [ImportWarning] = []

    // What the samples held.
    var accumulator = StackAccumulator()
    var totals: [Double] = []
    var negativeSamples = 0
    var firstNegativeOffset = 0
    var threadNames = StringInterner()
    var threadKeyStrings: Set<Int64> = []
    var labelKeys: [Int64: Int] = [:]

    init(bytes: UnsafeRawBufferPointer, options: IngestOptions) {
        self.bytes = bytes
        self.options = options
    }

    // MARK: - The tables

    mutating func readTables() throws(ImportFailure) {
        var reader = ProtobufReader(bytes)
        while let field = try reader.readField() {
            switch field.number {
            case 1:
                try reader.expect(field, .lengthDelimited, "sample_type")
                sampleTypes.append(try Self.valueType(&reader, field))
            case 2:
                try reader.expect(field, .lengthDelimited, "sample")
                sampleBytes += try reader.readLength(of: field).count
                sampleCount += 1
                try ImportSupport.checkEvents(sampleCount, options, offset: field.offset, what: "samples")
            case 3:
                try reader.expect(field, .lengthDelimited, "mapping")
                try readMapping(try reader.readLength(of: field))
            case 4:
                try reader.expect(field, .lengthDelimited, "location")
                try readLocation(try reader.readLength(of: field), offset: field.offset)
            case 5:
                try reader.expect(field, .lengthDelimited, "function")
                try readFunction(try reader.readLength(of: field), offset: field.offset)
            case 6:
                try reader.expect(field, .lengthDelimited, "string_table")
                stringRanges.append(try reader.readLength(of: field))
            case 9: timeNanos = try reader.readInt64(field, "time_nanos")
            case 10: durationNanos = try reader.readInt64(field, "duration_nanos")
            case 11:
                try reader.expect(field, .lengthDelimited, "period_type")
                periodType = try Self.valueType(&reader, field)
            case 12: period = try reader.readInt64(field, "period")
            case 13:
                var packed = ProtobufReader(bytes, range: try reader.varintRange(of: field, "comment"))
                while !packed.isAtEnd { comments.append((Int64(bitPattern: try packed.readVarint()), field.offset)) }
            case 14: defaultSampleType = try reader.readInt64(field, "default_sample_type")
            default:
                // drop_frames, keep_frames and fields newer than this reader.
                try reader.skip(field)
            }
        }
        stringCache = [String?](repeating: nil, count: stringRanges.count)
        guard let first = stringRanges.first, first.isEmpty else {
            throw ImportFailure(
                .invalidContent, offset: stringRanges.first.map { max(0, $0.lowerBound - 2) } ?? 0,
                message:
                    stringRanges.isEmpty
                    ? "the profile has no string table: not a profile.proto, or an empty one"
                    : "the string table's first entry must be the empty string (profile.proto's rule): not a profile.proto, or corrupt"
            )
        }
    }

    static func valueType(_ reader: inout ProtobufReader, _ field: ProtobufReader.Field) throws(ImportFailure)
        -> ValueType
    {
        var inner = ProtobufReader(reader.bytes, range: try reader.readLength(of: field))
        var value = ValueType(type: 0, unit: 0, offset: field.offset)
        while let innerField = try inner.readField() {
            switch innerField.number {
            case 1: value.type = try inner.readInt64(innerField, "ValueType.type")
            case 2: value.unit = try inner.readInt64(innerField, "ValueType.unit")
            default: try inner.skip(innerField)
            }
        }
        return value
    }

    mutating func readMapping(_ range: Range<Int>) throws(ImportFailure) {
        var inner = ProtobufReader(bytes, range: range)
        var id: UInt64 = 0
        var file: Int64 = 0
        while let field = try inner.readField() {
            switch field.number {
            case 1: id = UInt64(bitPattern: try inner.readInt64(field, "Mapping.id"))
            case 5: file = try inner.readInt64(field, "Mapping.filename")
            default: try inner.skip(field)
            }
        }
        mappingFiles[id] = file
    }

    mutating func readFunction(_ range: Range<Int>, offset: Int) throws(ImportFailure) {
        var inner = ProtobufReader(bytes, range: range)
        var id: UInt64 = 0
        var function = Function(offset: offset)
        while let field = try inner.readField() {
            switch field.number {
            case 1: id = UInt64(bitPattern: try inner.readInt64(field, "Function.id"))
            case 2: function.name = try inner.readInt64(field, "Function.name")
            case 3: function.systemName = try inner.readInt64(field, "Function.system_name")
            case 4: function.fileName = try inner.readInt64(field, "Function.filename")
            case 5: function.startLine = try inner.readInt64(field, "Function.start_line")
            default: try inner.skip(field)
            }
        }
        guard id != 0 else {
            throw ImportFailure(.invalidContent, offset: offset, message: "a function without an id (ids start at 1)")
        }
        guard functionIndex[id] == nil else {
            throw ImportFailure(
                .invalidContent, offset: offset, message: "function id \(id) is used by an earlier function too")
        }
        functionIndex[id] = Int32(functions.count)
        functions.append(function)
    }

    mutating func readLocation(_ range: Range<Int>, offset: Int) throws(ImportFailure) {
        var inner = ProtobufReader(bytes, range: range)
        var id: UInt64 = 0
        var mapping: UInt64 = 0
        var address: UInt64 = 0
        while let field = try inner.readField() {
            switch field.number {
            case 1: id = UInt64(bitPattern: try inner.readInt64(field, "Location.id"))
            case 2: mapping = UInt64(bitPattern: try inner.readInt64(field, "Location.mapping_id"))
            case 3: address = UInt64(bitPattern: try inner.readInt64(field, "Location.address"))
            case 4:
                try inner.expect(field, .lengthDelimited, "Location.line")
                var line = ProtobufReader(bytes, range: try inner.readLength(of: field))
                var function: UInt64 = 0
                var number: Int64 = 0
                while let lineField = try line.readField() {
                    switch lineField.number {
                    case 1: function = UInt64(bitPattern: try line.readInt64(lineField, "Line.function_id"))
                    case 2: number = try line.readInt64(lineField, "Line.line")
                    default: try line.skip(lineField)
                    }
                }
                lineFunctions.append(function)
                lineNumbers.append(number)
            default: try inner.skip(field)
            }
        }
        guard id != 0 else {
            throw ImportFailure(.invalidContent, offset: offset, message: "a location without an id (ids start at 1)")
        }
        locationIDs.append(id)
        locationMappings.append(mapping)
        locationAddresses.append(address)
        locationOffsets.append(offset)
        lineStarts.append(lineFunctions.count)
    }

    /// The string at `index` of the string table; an index outside it is an error at `offset`.
    mutating func string(_ index: Int64, at offset: Int, for what: String) throws(ImportFailure) -> String {
        guard index >= 0, index < Int64(stringRanges.count) else {
            throw ImportFailure(
                .invalidContent, offset: offset,
                message:
                    "\(what) refers to string \(index), but the string table has \(ImportSupport.plural(stringRanges.count, "entry", "entries"))"
            )
        }
        if let known = stringCache[Int(index)] { return known }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[stringRanges[Int(index)]]), as: UTF8.self)
        stringCache[Int(index)] = text
        return text
    }

    // MARK: - The measure

    /// `type/unit` of a sample type, as pprof writes it.
    mutating func typeName(_ value: ValueType) throws(ImportFailure) -> String {
        let type = try string(value.type, at: value.offset, for: "a sample type's name")
        let unit = try string(value.unit, at: value.offset, for: "a sample type's unit")
        return unit.isEmpty ? type : "\(type)/\(unit)"
    }

    mutating func chooseMeasure() throws(ImportFailure) {
        guard !sampleTypes.isEmpty else {
            throw ImportFailure(
                .invalidContent, offset: 0,
                message:
                    "the profile declares no sample_type, so its sample values measure nothing known\(sampleCount > 0 ? " (\(ImportSupport.plural(sampleCount, "sample")))" : "")"
            )
        }
        var names: [String] = []
        var types: [String] = []
        for value in sampleTypes {
            names.append(try typeName(value))
            types.append(try string(value.type, at: value.offset, for: "a sample type's name"))
        }
        measure = sampleTypes.count - 1
        if defaultSampleType != 0 {
            let wanted = try string(defaultSampleType, at: 0, for: "default_sample_type")
            if let index = types.firstIndex(of: wanted) { measure = index }
        }
        if let requested = options.sampleType {
            if let index = Self.sampleType(named: requested, types: types, names: names) {
                measure = index
            } else if TimeMeasure(name: requested) == nil {
                throw ImportFailure(
                    .invalidContent,
                    message:
                        "--measure \(requested): the profile has no such sample type; it has \(names.joined(separator: ", "))"
                )
            }
        }
        let unit = try string(sampleTypes[measure].unit, at: sampleTypes[measure].offset, for: "a sample type's unit")
        switch unit.lowercased() {
        case "nanoseconds", "ns": (weightUnit, weightScale) = (.nanoseconds, 1)
        case "microseconds", "us": (weightUnit, weightScale) = (.nanoseconds, 1e3)
        case "milliseconds", "ms": (weightUnit, weightScale) = (.nanoseconds, 1e6)
        case "seconds", "s": (weightUnit, weightScale) = (.nanoseconds, 1e9)
        case "bytes": (weightUnit, weightScale) = (.bytes, 1)
        case "kilobytes": (weightUnit, weightScale) = (.bytes, 1024)
        case "megabytes": (weightUnit, weightScale) = (.bytes, 1024 * 1024)
        default: (weightUnit, weightScale) = (.samples, 1)
        }
        totals = [Double](repeating: 0, count: sampleTypes.count)
    }

    /// The sample type a `--measure` value names: its type (`alloc_space`), `type/unit`
    /// (`cpu/nanoseconds`), with `-` for `_`, any case; `cpu-time` names `cpu`.
    static func sampleType(named requested: String, types: [String], names: [String]) -> Int? {
        func normal(_ text: String) -> String { text.lowercased().replacingOccurrences(of: "-", with: "_") }
        let wanted = normal(requested)
        if let index = types.firstIndex(where: { normal($0) == wanted })
            ?? names.firstIndex(where: { normal($0) == wanted })
        {
            return index
        }
        if TimeMeasure(name: requested) == .cpuTime { return types.firstIndex(of: "cpu") }
        return nil
    }

    // MARK: - The samples

    /// Frames per location, the location id index, and the threads' label keys.
    mutating func resolveLocations() throws(ImportFailure) {
        var frameOfFunction = [Int32](repeating: -1, count: functions.count)
        var maximumID: UInt64 = 0
        for id in locationIDs { maximumID = max(maximumID, id) }
        if maximumID <= UInt64(locationIDs.count) * 4 + 1024 {
            denseLocation = [Int32](repeating: -1, count: Int(maximumID) + 1)
        }
        locationFrames.reserveCapacity(lineFunctions.count)
        for index in locationIDs.indices {
            let id = locationIDs[index]
            if denseLocation.isEmpty {
                guard sparseLocation[id] == nil else {
                    throw ImportFailure(
                        .invalidContent, offset: locationOffsets[index],
                        message: "location id \(id) is used by an earlier location too")
                }
                sparseLocation[id] = Int32(index)
            } else {
                guard denseLocation[Int(id)] < 0 else {
                    throw ImportFailure(
                        .invalidContent, offset: locationOffsets[index],
                        message: "location id \(id) is used by an earlier location too")
                }
                denseLocation[Int(id)] = Int32(index)
            }
            let lines = lineStarts[index]..<lineStarts[index + 1]
            if lines.isEmpty {
                // Not symbolized: the address, in the mapping's file.
                var name = "0x" + String(locationAddresses[index], radix: 16)
                if let file = mappingFiles[locationMappings[index]] {
                    let path = try string(file, at: locationOffsets[index], for: "a mapping's file name")
                    if let base = path.split(separator: "/").last { name += " (\(base))" }
                }
                locationFrames.append(table.internFrame(name))
            }
            for line in lines {
                guard let function = functionIndex[lineFunctions[line]] else {
                    throw ImportFailure(
                        .invalidContent, offset: locationOffsets[index],
                        message:
                            "location \(id) refers to function \(lineFunctions[line]), which the profile does not define"
                    )
                }
                let slot = Int(function)
                if frameOfFunction[slot] < 0 {
                    let entry = functions[slot]
                    var name = try string(entry.name, at: entry.offset, for: "a function's name")
                    if name.isEmpty {
                        name = try string(entry.systemName, at: entry.offset, for: "a function's system name")
                    }
                    if name.isEmpty { name = "(function \(lineFunctions[line]))" }
                    let frame = table.internFrame(name)
                    frameOfFunction[slot] = frame
                    let file = try string(entry.fileName, at: entry.offset, for: "a function's file name")
                    if !file.isEmpty, locations[name] == nil {
                        let line = entry.startLine > 0 ? entry.startLine : lineNumbers[line]
                        locations[name] = CodeLocation(file: file, line: line > 0 && line < 1 << 31 ? Int(line) : nil)
                    }
                }
                locationFrames.append(frameOfFunction[slot])
            }
            locationFrameStarts.append(locationFrames.count)
            try ImportSupport.checkEvents(
                table.frameNames.count, options, offset: locationOffsets[index], what: "frames")
        }
        for (index, range) in stringRanges.enumerated() where range.count <= 11 {
            let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            if Self.threadKeys.contains(text) { threadKeyStrings.insert(Int64(index)) }
        }
    }

    /// String label keys that name the sample's thread.
    static let threadKeys: Set<String> = ["thread", "thread_name", "thread name", "thread_id", "thread id", "threadid"]

    /// Reads every sample: its locations' frames (leaf first in the file, written backwards so
    /// the stack comes out root first), its values and its thread label, then appends it to the
    /// accumulator, which merges equal stacks once at the end.
    mutating func readSamples() throws(ImportFailure) {
        try resolveLocations()
        // One word per location id (per location index when the ids are sparse), so the loop
        // reads one word per id and copies its frames without a branch on how many: the top
        // two bits say how many frames (0: no such location, 1 or 2, 3: more), and a location of
        // one or two frames holds them in the low 62 bits, 31 each (the innermost in the lowest);
        // one of more holds its frame count in bits 32–61 and where its frames start in
        // `locationFrames` in the low 32. A quarter of Go's locations have an inlined frame, so
        // a branch on the count mispredicted at every few ids.
        guard locationFrames.count < 1 << 30 else {
            throw ImportFailure(
                .limitExceeded, message: "the locations have \(locationFrames.count) frames, more than Hotpath can hold"
            )
        }
        let locationCount = locationFrameStarts.count - 1
        var runs = [UInt64](repeating: 0, count: denseLocation.isEmpty ? locationCount : denseLocation.count)
        for slot in runs.indices {
            let location = denseLocation.isEmpty ? slot : Int(denseLocation[slot])
            guard location >= 0 else { continue }
            let start = locationFrameStarts[location]
            let count = locationFrameStarts[location + 1] - start
            switch count {
            case 1: runs[slot] = 1 << 62 | UInt64(locationFrames[start])
            case 2: runs[slot] = 2 << 62 | UInt64(locationFrames[start + 1]) << 31 | UInt64(locationFrames[start])
            default: runs[slot] = 3 << 62 | UInt64(count) << 32 | UInt64(start)
            }
        }
        // Every sample a stack of its own until the end: a frame per two bytes of samples covers
        // Go's (ids of two or three bytes, one frame per location mostly, values and labels
        // beside them); untouched capacity costs address space, not memory.
        accumulator.reserveCapacity(stacks: sampleCount, frames: sampleBytes / 2)
        let frames = locationFrames
        try runs.withUnsafeBufferPointer { (runs) throws(ImportFailure) in
            try frames.withUnsafeBufferPointer { (frames) throws(ImportFailure) in
                try readSamples(runs: runs, frames: frames, sparse: denseLocation.isEmpty)
            }
        }
    }

    /// A path buffer filled from its end, grown to leave room for `needed` more frames below
    /// `top`, its frames moved to the end of the new buffer.
    private static func grow(
        _ path: inout UnsafeMutablePointer<Int32>, capacity: inout Int, top: inout Int, needed: Int
    ) {
        let used = capacity - top
        let larger = max(2 * capacity, used + needed)
        let moved = UnsafeMutablePointer<Int32>.allocate(capacity: larger)
        (moved + larger - used).moveInitialize(from: path + top, count: used)
        path.deallocate()
        path = moved
        capacity = larger
        top = larger - used
    }

    /// The sample loop, once per sample, its inner loop once per location id: the ids are
    /// decoded straight from the bytes, without a branch per byte, and each location's frames
    /// written from its word in `runs` below the path's top, through buffer pointers (no array,
    /// bounds check, retain or uniqueness check per location); the values go straight to the
    /// totals. Measured with `hotpath-bench pprof` (Docs/formats.md).
    private mutating func readSamples(
        runs: UnsafeBufferPointer<UInt64>, frames: UnsafeBufferPointer<Int32>, sparse: Bool
    ) throws(ImportFailure) {
        var reader = ProtobufReader(bytes)
        var capacity = 1024
        var path = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
        defer { path.deallocate() }
        let typeCount = sampleTypes.count
        var sums = totals
        defer { totals = sums }
        while let field = try reader.readField() {
            guard field.number == 2 else {
                try reader.skip(field)
                continue
            }
            var sample = ProtobufReader(bytes, range: try reader.readLength(of: field))
            // The stack is path[top..<capacity], root first.
            var top = capacity
            var valueCount = 0
            var value: Int64 = 0
            var thread: Int32 = -1
            while let inner = try sample.readField() {
                switch inner.number {
                case 1:
                    var ids = ProtobufReader(bytes, range: try sample.varintRange(of: inner, "Sample.location_id"))
                    // An id takes a byte at least and writes two frames below the top (the
                    // second overwritten next when its location has one).
                    if top < 2 * (ids.end - ids.position) + 2 {
                        Self.grow(&path, capacity: &capacity, top: &top, needed: 2 * (ids.end - ids.position) + 2)
                    }
                    while !ids.isAtEnd {
                        let id = try ids.readVarintWithoutBranches()
                        var run: UInt64 = 0
                        if !sparse {
                            if id < UInt64(runs.count) { run = runs[Int(id)] }
                        } else if let index = sparseLocation[id] {
                            run = runs[Int(index)]
                        }
                        path[top - 1] = Int32(truncatingIfNeeded: run & 0x7FFF_FFFF)
                        path[top - 2] = Int32(truncatingIfNeeded: run >> 31 & 0x7FFF_FFFF)
                        let kind = Int(run >> 62)
                        if kind == 3 {
                            let count = Int(run >> 32 & 0x3FFF_FFFF)
                            let needed = count + 2 * (ids.end - ids.position) + 2
                            if top < needed { Self.grow(&path, capacity: &capacity, top: &top, needed: needed) }
                            let start = Int(UInt32(truncatingIfNeeded: run))
                            for offset in 0..<count { path[top - 1 - offset] = frames[start + offset] }
                            top -= count
                        } else if kind == 0 {
                            throw ImportFailure(
                                .invalidContent, offset: inner.offset,
                                message: "a sample refers to location \(id), which the profile does not define")
                        } else {
                            top -= kind
                        }
                    }
                case 2:
                    var values = ProtobufReader(bytes, range: try sample.varintRange(of: inner, "Sample.value"))
                    while !values.isAtEnd {
                        let number = Int64(bitPattern: try values.readVarint())
                        if valueCount < typeCount { sums[valueCount] += Double(number) }
                        if valueCount == measure { value = number }
                        valueCount += 1
                    }
                case 3:
                    try sample.expect(inner, .lengthDelimited, "Sample.label")
                    thread = try readLabel(try sample.readLength(of: inner), offset: inner.offset) ?? thread
                default:
                    try sample.skip(inner)
                }
            }
            guard valueCount == typeCount else {
                throw ImportFailure(
                    .invalidContent, offset: field.offset,
                    message:
                        "a sample has \(ImportSupport.plural(valueCount, "value")) but the profile declares \(ImportSupport.plural(typeCount, "sample type")): each sample has one value per sample type"
                )
            }
            if value < 0 {
                if negativeSamples == 0 { firstNegativeOffset = field.offset }
                negativeSamples += 1
                continue
            }
            guard value > 0, top < capacity else { continue }
            // No sum of weights can overflow: a value is below 2^63 and the scale at most 10^9,
            // so it takes more than 2^900 samples to pass Double's 1.8e308.
            accumulator.appendUnmerged(
                thread: thread, frames: UnsafeBufferPointer(start: path + top, count: capacity - top),
                weight: Double(value) * weightScale)
        }
    }

    /// Reads a label: its key is counted, and the sample's thread returned when it names one.
    mutating func readLabel(_ range: Range<Int>, offset: Int) throws(ImportFailure) -> Int32? {
        var label = ProtobufReader(bytes, range: range)
        var key: Int64 = 0
        var text: Int64 = 0
        while let field = try label.readField() {
            switch field.number {
            case 1: key = try label.readInt64(field, "Label.key")
            case 2: text = try label.readInt64(field, "Label.str")
            default: try label.skip(field)
            }
        }
        labelKeys[key, default: 0] += 1
        guard text != 0, threadKeyStrings.contains(key) else { return nil }
        guard text > 0, text < Int64(stringRanges.count) else {
            _ = try string(text, at: offset, for: "a label")
            return nil
        }
        let range = stringRanges[Int(text)]
        return threadNames.intern(bytes, start: range.lowerBound, count: range.count)
    }

    // MARK: - The profile

    mutating func finish(fileName: String) throws(ImportFailure) -> ImportedDump {
        var labels: [String: String] = [:]
        var names: [String] = []
        for (index, value) in sampleTypes.enumerated() {
            let name = try typeName(value)
            names.append(name)
            let type = try string(value.type, at: value.offset, for: "a sample type's name")
            labels["pprof.\(type.isEmpty ? "value\(index + 1)" : type).total"] = formatNumber(totals[index])
        }
        let measureName = names[measure]
        labels["pprof.sample_types"] = names.joined(separator: ", ")
        labels["pprof.measure"] = measureName
        labels["pprof.samples"] = String(sampleCount)
        if let periodType, period != 0 {
            labels["pprof.period"] = "\(period) \(try typeName(periodType))"
        }
        if durationNanos > 0 { labels["pprof.duration_ns"] = String(durationNanos) }
        var commentTexts: [String] = []
        for comment in comments {
            commentTexts.append(try string(comment.index, at: comment.offset, for: "a comment"))
        }
        if !commentTexts.isEmpty { labels["pprof.comments"] = commentTexts.joined(separator: "; ") }
        var keys: [(name: String, count: Int)] = []
        for (key, count) in labelKeys {
            let name = try string(key, at: 0, for: "a label's key")
            keys.append((name.isEmpty ? "(empty)" : name, count))
        }
        if !keys.isEmpty {
            labels["pprof.labels"] = keys.sorted { $0.name < $1.name }.map {
                "\($0.name) (\(ImportSupport.plural($0.count, "sample")))"
            }.joined(separator: ", ")
        }
        if threadNames.count > 0 { labels["pprof.threads"] = String(threadNames.count) }

        if negativeSamples > 0 {
            warnings.append(
                ImportWarning(
                    offset: firstNegativeOffset,
                    message:
                        "\(ImportSupport.plural(negativeSamples, "sample")) with a negative \(measureName) (a -diff_base profile?), the first here: left out of the stacks"
                ))
        }
        // Go's CPU profiles count the samples beside their time: the same stacks, nothing to warn of.
        let otherTypes = names.indices.filter { $0 != measure }.map { names[$0] }
        if sampleTypes.count > 1, otherTypes != ["samples/count"] {
            warnings.append(
                ImportWarning(
                    message:
                        "\(sampleTypes.count) sample types (\(names.joined(separator: ", "))); the stacks weigh \(measureName)\(options.sampleType == nil ? " (the profile's default; --measure TYPE picks another)" : ""); each type's total is the label pprof.<type>.total"
                ))
        }
        guard accumulator.count > 0 else {
            throw ImportFailure(
                .invalidContent, offset: 0,
                message:
                    sampleCount == 0
                    ? "the profile has no samples: nothing to show"
                    : "none of the \(ImportSupport.plural(sampleCount, "sample")) has a positive \(measureName) and a location: nothing to weigh"
            )
        }
        let stacks = accumulator.takeStackTable(frameNames: table.frameNames) { threadNames[$0] }
        let used = Set(stacks.frameNames)
        let run = RunMetadata(
            workflow: ImportSupport.fileStem(fileName), runID: fileName,
            startTime: timeNanos > 0
                ? ImportSupport.isoTimestamp(microsecondsSinceEpoch: Double(timeNanos) / 1e3) : nil,
            labels: labels)
        var profile = Profile(
            run: run, stacks: stacks, stackWeightUnit: weightUnit, locations: locations.filter { used.contains($0.key) }
        )
        // The sample type the stacks weigh (`contentions`, `alloc_objects`, `alloc_space`), unless samples.
        let measureType = measureName.split(separator: "/").first.map(String.init) ?? ""
        if !measureType.isEmpty, measureType != "samples" { profile.stackWeightName = measureType }
        return ImportedDump(profile: profile, warnings: warnings)
    }
}
