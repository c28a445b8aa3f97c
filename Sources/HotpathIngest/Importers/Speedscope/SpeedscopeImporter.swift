import HotpathModel

/// Reads speedscope's file format (`https://www.speedscope.app/file-format-schema.json`):
/// `shared.frames` plus `profiles`, each evented (open/close events) or sampled (stacks and
/// weights), in any of its units.
///
/// Evented profiles in a time unit become spans, one thread per profile; sampled profiles, and
/// evented ones whose unit is not time (`none`, `bytes`), become weighted stacks. Several
/// sampled profiles (threads) keep the profile's name as each stack's thread.
public struct SpeedscopeImporter: DumpImporter {
    public init() {}

    public var format: DumpFormat { .speedscope }

    public func recognizes(_ sniff: ContentSniff) -> Bool {
        guard sniff.shape == .object else { return false }
        if let schema = sniff.topLevelStrings["$schema"], schema.contains("speedscope") { return true }
        if sniff.topLevelStrings["exporter"]?.hasPrefix("speedscope") == true { return true }
        return sniff.hasKeys("shared", "profiles")
    }

    public func importDump(_ input: DumpInput) throws(ImportFailure) -> ImportedDump {
        let bytes = input.bytes
        var document = try SpeedscopeDocument.read(bytes)
        let root = document.root
        guard root.isObject else {
            throw root.failure("expected a speedscope object, found \(root.value.typeDescription)", in: bytes)
        }
        let frames = try readFrames(root, bytes)
        try ImportSupport.checkOperations(
            frames.count, input.options, offset: root["shared"]?.offset(in: bytes), what: "frames")
        let profiles = try root.requiredArray("profiles", in: bytes)
        var lint = TraceLint()
        var warnings = EntryWarnings()
        var spans = SpanTable()
        var stacks: [StackSample] = []
        var stackUnit: (unit: WeightUnit, node: JSONNode)?
        let sampledCount = profiles.filter(Self.givesStacks).count

        for (index, profile) in profiles.enumerated() {
            guard profile.isObject else {
                throw profile.failure("expected a profile object, found \(profile.value.typeDescription)", in: bytes)
            }
            // Taken out of the document so that each profile's bulk is freed once read.
            let bulk = index < document.profiles.count ? document.profiles[index] ?? .init() : .init()
            if index < document.profiles.count { document.profiles[index] = nil }
            let type = try profile.requiredString("type", in: bytes)
            let unitNode = try profile.required("unit", in: bytes)
            guard let unitName = unitNode.string, let unit = SpeedscopeUnit(rawValue: unitName) else {
                throw unitNode.failure(
                    "expected a unit: none, nanoseconds, microseconds, milliseconds, seconds or bytes", in: bytes)
            }
            let name = profile["name"]?.string ?? "profile \(index + 1)"
            // NaN or infinite bounds (JSON from Python can hold them) are ignored like missing ones.
            var startValue = 0.0
            if let value = profile["startValue"]?.number, value.isFinite { startValue = value }
            var endValue: Double?
            if let value = profile["endValue"]?.number, value.isFinite { endValue = value }
            var profileStacks: [StackSample] = []
            switch type {
            case "evented":
                let events = try readEvents(profile, bulk.events, frames: frames.count, bytes: bytes, lint: &lint)
                if let factor = unit.nanoseconds {
                    // Spans start at 0 at the profile's start, or at its first event if that is earlier.
                    let origin = min(startValue, events.first?.at ?? startValue)
                    let last = max(endValue ?? -Double.infinity, events.last?.at ?? origin)
                    guard ((last - origin) * factor).isFinite else {
                        throw profile.failure(
                            "the events span more time than Hotpath can hold in nanoseconds (from \(formatNumber(origin)) to \(formatNumber(last)) \(unitName))",
                            in: bytes)
                    }
                    Self.appendSpans(
                        events, to: &spans, frames: frames, thread: name, origin: origin, endValue: endValue,
                        factor: factor,
                        lint: &lint)
                } else {
                    profileStacks = try Self.selfWeights(
                        events, frames: frames, endValue: endValue, limit: input.options.maximumEvents, lint: &lint)
                }
            case "sampled":
                profileStacks = try readSamples(
                    profile, bulk, frames: frames, factor: unit.nanoseconds ?? 1, bytes: bytes)
            default:
                throw profile["type"]!.failure("expected \"evented\" or \"sampled\", found \"\(type)\"", in: bytes)
            }
            guard !profileStacks.isEmpty else { continue }
            if let stack = profileStacks.first(where: { !$0.weight.isFinite }) {
                throw profile.failure(
                    "a stack of \(stack.frames.last.map { "\"\($0)\"" } ?? "no frame") weighs more than Hotpath can hold (\(stack.weight) \(unit.weightUnit.rawValue))",
                    in: bytes)
            }
            let weightUnit = unit.weightUnit
            if let chosen = stackUnit, chosen.unit != weightUnit {
                warnings.add(
                    "profiles in another unit",
                    unitNode.warning(
                        "profile \"\(name)\" weighs stacks in \(unitName), unlike an earlier profile (\(chosen.unit.rawValue)); its stacks were skipped",
                        in: bytes))
                continue
            }
            stackUnit = stackUnit ?? (weightUnit, unitNode)
            if sampledCount > 1 {
                // The profile is the thread that ran the stacks, not a frame of them: no operation.
                profileStacks = profileStacks.map { StackSample(frames: $0.frames, weight: $0.weight, thread: name) }
            }
            stacks += profileStacks
            try ImportSupport.checkEvents(stacks.count, input.options, what: "stacks")
        }
        try ImportSupport.checkEvents(spans.count, input.options, what: "spans")
        var labels: [String: String] = [:]
        if let exporter = root["exporter"]?.string { labels["exporter"] = exporter }
        if let name = root["name"]?.string { labels["name"] = name }
        let run = RunMetadata(
            workflow: ImportSupport.fileStem(input.fileName), runID: input.fileName, labels: labels)
        let profile = Profile(
            run: run, spans: spans, stacks: StackTable(stacks), stackWeightUnit: stacks.isEmpty ? nil : stackUnit?.unit,
            locations: Self.locations(frames))
        return ImportedDump(profile: profile, warnings: warnings.all + lint.warnings)
    }

    /// Whether a profile turns into stacks rather than spans.
    private static func givesStacks(_ profile: JSONNode) -> Bool {
        guard let type = profile["type"]?.string else { return false }
        if type == "sampled" { return true }
        guard let unit = profile["unit"]?.string.flatMap(SpeedscopeUnit.init(rawValue:)) else { return false }
        return unit.nanoseconds == nil
    }

    struct Frame {
        var name: String
        var file: String?
        var line: String?

        /// `file` and `line` as span arguments (nil without either).
        var arguments: [String: String]? {
            var args: [String: String] = [:]
            if let file { args["file"] = file }
            if let line { args["line"] = line }
            return args.isEmpty ? nil : args
        }
    }

    private func readFrames(_ root: JSONNode, _ bytes: UnsafeRawBufferPointer) throws(ImportFailure) -> [Frame] {
        let shared = try root.required("shared", in: bytes)
        var frames: [Frame] = []
        for node in try shared.requiredArray("frames", in: bytes) {
            guard node.isObject else {
                throw node.failure("expected a frame object, found \(node.value.typeDescription)", in: bytes)
            }
            frames.append(
                Frame(
                    name: try node.requiredString("name", in: bytes), file: node["file"]?.string,
                    line: node["line"]?.scalarText))
        }
        return Self.distinguished(frames)
    }

    /// The frames with names that tell apart frames speedscope tells apart.
    ///
    /// speedscope identifies a frame by name, file and line, so `compress` in `bz2.py` and
    /// `compress` in `lzma.py` are two functions. A name shared by frames at different places
    /// gets the place in brackets, as little of it as tells them apart: the file's last path
    /// component (`compress (bz2.py)`), the whole path when two files share that component, and
    /// the line only for frames of one file (`__init__ (models.py:12)`). A name used at one place
    /// only stays bare, so names stay short and do not change when code moves by a few lines.
    /// Entries repeating a name, file and line are one frame.
    static func distinguished(_ frames: [Frame]) -> [Frame] {
        var placesByName: [String: Set<Place>] = [:]
        for frame in frames { placesByName[frame.name, default: []].insert(Place(frame)) }
        var labels: [Place: String] = [:]
        for (name, places) in placesByName where places.count > 1 {
            // Files by their last component, unless two different files share it.
            var filesByBase: [String: Set<String>] = [:]
            for place in places {
                if let file = place.file { filesByBase[Self.lastComponent(file), default: []].insert(file) }
            }
            func fileLabel(_ file: String?) -> String? {
                guard let file else { return nil }
                let base = Self.lastComponent(file)
                return (filesByBase[base]?.count ?? 0) > 1 ? file : base
            }
            var linesByFile: [String?: Set<String?>] = [:]
            for place in places { linesByFile[place.file, default: []].insert(place.line) }
            for place in places {
                let needsLine = (linesByFile[place.file]?.count ?? 0) > 1
                let placeText: String? =
                    switch (fileLabel(place.file), needsLine ? place.line : nil) {
                    case (let file?, let line?): "\(file):\(line)"
                    case (let file?, nil): file
                    case (nil, let line?): "line \(line)"
                    case (nil, nil): nil
                    }
                labels[place] = placeText.map { "\(name) (\($0))" } ?? name
            }
        }
        return frames.map { frame in
            var frame = frame
            if let label = labels[Place(frame)] { frame.name = label }
            return frame
        }
    }

    /// Where a frame is, for telling frames of one name apart.
    struct Place: Hashable {
        var name: String
        var file: String?
        var line: String?

        init(_ frame: Frame) {
            name = frame.name
            file = frame.file
            line = frame.line
        }
    }

    static func lastComponent(_ path: String) -> String {
        let component = path.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? path
        return component.isEmpty ? path : component
    }

    /// Each frame's file and line by its (distinguished) name, for operation pages.
    static func locations(_ frames: [Frame]) -> [String: CodeLocation] {
        var locations: [String: CodeLocation] = [:]
        for frame in frames {
            guard let file = frame.file, !file.isEmpty else { continue }
            locations[frame.name] =
                locations[frame.name] ?? CodeLocation(file: file, line: frame.line.flatMap { Int($0) })
        }
        return locations
    }

    private struct Event {
        var isOpen: Bool
        var frame: Int
        var at: Double
        /// Where the event is, for lint findings.
        var offset: Int
    }

    /// The profile's events, checked, in time order.
    private func readEvents(
        _ profile: JSONNode, _ compact: SpeedscopeDocument.Events?, frames: Int, bytes: UnsafeRawBufferPointer,
        lint: inout TraceLint
    ) throws(ImportFailure) -> [Event] {
        guard let compact else {
            // Missing, or not an array (kept as JSON): say which.
            _ = try profile.requiredArray("events", in: bytes)
            return []
        }
        var events: [Event] = []
        events.reserveCapacity(compact.count)
        var previous = -Double.infinity
        var sorted = true
        for index in 0..<compact.count {
            let frame = compact.frames[index]
            let at = compact.times[index]
            let type = compact.types[index]
            guard type == 1 || type == 2, frame == frame.rounded(), frame >= 0, frame < Double(frames), at.isFinite
            else {
                let path = profile.path + [JSONPathKey("events"), JSONPathKey(index)]
                throw Self.eventFailure(SpeedscopeDocument.node(at: path, bytes), frames: frames, bytes: bytes)
            }
            let offset = compact.offsets[index]
            if at < previous {
                lint.record(.timestampsBackwards, at: lint.count(.timestampsBackwards) == 0 ? offset : nil)
                sorted = false
            }
            previous = at
            events.append(Event(isOpen: type == 1, frame: Int(frame), at: at, offset: offset))
        }
        // speedscope requires events in time order; a stable sort repairs files that are not.
        if !sorted {
            events = events.enumerated().sorted {
                $0.element.at != $1.element.at ? $0.element.at < $1.element.at : $0.offset < $1.offset
            }
            .map(\.element)
        }
        return events
    }

    /// What is wrong with an event that did not read as one.
    private static func eventFailure(_ node: JSONNode, frames: Int, bytes: UnsafeRawBufferPointer) -> ImportFailure {
        do {
            guard node.isObject else {
                return node.failure("expected an event object, found \(node.value.typeDescription)", in: bytes)
            }
            let type = try node.requiredString("type", in: bytes)
            guard type == "O" || type == "C" else {
                return node["type"]!.failure(
                    "expected an event type \"O\" (open) or \"C\" (close), found \"\(type)\"", in: bytes)
            }
            let frameNode = try node.required("frame", in: bytes)
            guard let frame = frameNode.number, frame == frame.rounded(), frame >= 0, frame < Double(frames) else {
                return frameNode.failure("expected an index into shared.frames (0..<\(frames))", in: bytes)
            }
            _ = try node.requiredNumber("at", in: bytes)
            return node["at"]!.failure("expected a finite time", in: bytes)
        } catch {
            return error
        }
    }

    /// Opens and closes matched by a stack per profile, as for trace `B`/`E` events.
    private static func walk(
        _ events: [Event], endValue: Double?, lint: inout TraceLint,
        open: (Event, _ depth: Int) -> Void, close: (Event, _ at: Double) -> Void
    ) {
        // Only a rule's first finding needs a position.
        func record(_ rule: TraceLintRule, _ event: Event) {
            lint.record(rule, at: lint.count(rule) == 0 ? event.offset : nil)
        }
        var stack: [Event] = []
        for event in events {
            if event.isOpen {
                open(event, stack.count)
                stack.append(event)
                continue
            }
            guard let top = stack.last else {
                record(.endWithoutBegin, event)
                continue
            }
            var closeFrom = stack.count - 1
            if top.frame != event.frame {
                if let deeper = stack.lastIndex(where: { $0.frame == event.frame }) {
                    record(.endBelowTop, event)
                    closeFrom = deeper
                } else {
                    record(.endNameMismatch, event)
                }
            }
            while stack.count > closeFrom, let begin = stack.popLast() { close(begin, event.at) }
        }
        let last = max(endValue ?? -Double.infinity, events.last?.at ?? 0)
        while let begin = stack.popLast() {
            record(.beginNeverEnded, begin)
            close(begin, last)
        }
    }

    /// The profile's events as spans on one thread, appended to `table` column by column (a
    /// span per open event; its duration is known at its close).
    private static func appendSpans(
        _ events: [Event], to table: inout SpanTable, frames: [Frame], thread: String, origin: Double,
        endValue: Double?,
        factor: Double, lint: inout TraceLint
    ) {
        var nameIndexes = [Int32?](repeating: nil, count: frames.count)
        var argumentIndexes = [Int32?](repeating: nil, count: frames.count)
        let threadIndex = table.internThread(thread)
        let firstID = table.count
        var names: [Int32] = []
        var arguments: [Int32] = []
        var starts: [Double] = []
        var durations: [Double] = []
        var parents: [Int?] = []
        var open: [Int] = []
        walk(
            events, endValue: endValue, lint: &lint,
            open: { event, _ in
                if nameIndexes[event.frame] == nil {
                    nameIndexes[event.frame] = table.internName(frames[event.frame].name)
                    argumentIndexes[event.frame] = frames[event.frame].arguments.map { table.internArguments($0) } ?? -1
                }
                parents.append(open.last.map { firstID + $0 })
                open.append(starts.count)
                names.append(nameIndexes[event.frame]!)
                arguments.append(argumentIndexes[event.frame]!)
                starts.append((event.at - origin) * factor)
                durations.append(0)
            },
            close: { begin, at in
                guard let position = open.popLast() else { return }
                durations[position] = max(0, (at - begin.at) * factor)
            })
        table.reserveCapacity(table.count + starts.count)
        for position in starts.indices {
            table.append(
                id: firstID + position, nameIndex: names[position], startNs: starts[position],
                durationNs: durations[position],
                threadIndex: threadIndex, parentID: parents[position], argumentsIndex: arguments[position])
        }
    }

    /// Evented profiles not in time: each stack's self weight (the unit's amount while it was on top).
    ///
    /// Each distinct stack is kept whole, so nesting thousands deep makes stacks whose frames
    /// add up quadratically: their total counts against `maximumEvents` (`limit`).
    private static func selfWeights(
        _ events: [Event], frames: [Frame], endValue: Double?, limit: Int, lint: inout TraceLint
    ) throws(ImportFailure) -> [StackSample] {
        var order: [[Int]] = []
        var weights: [[Int]: Double] = [:]
        var stack: [Int] = []
        var last = events.first?.at ?? 0
        var frameCount = 0
        var exceeded = false
        func credit(until at: Double) {
            if !stack.isEmpty, at > last, !exceeded {
                if weights[stack] == nil {
                    frameCount += stack.count
                    guard frameCount <= limit else {
                        exceeded = true
                        return
                    }
                    order.append(stack)
                }
                weights[stack, default: 0] += at - last
            }
            last = max(last, at)
        }
        walk(
            events, endValue: endValue, lint: &lint,
            open: { event, _ in
                credit(until: event.at)
                stack.append(event.frame)
            },
            close: { _, at in
                credit(until: at)
                stack.removeLast()
            })
        if exceeded {
            throw ImportFailure(
                .limitExceeded,
                message: ImportSupport.limitMessage(
                    "the profile's stacks hold more than \(limit) frames in all", limit: limit, option: .events))
        }
        return order.map { StackSample(frames: $0.map { frames[$0].name }, weight: weights[$0] ?? 0) }
    }

    private func readSamples(
        _ profile: JSONNode, _ bulk: SpeedscopeDocument.Bulk, frames: [Frame], factor: Double,
        bytes: UnsafeRawBufferPointer
    ) throws(ImportFailure) -> [StackSample] {
        // Missing, or not arrays (kept as JSON): say which.
        guard let samples = bulk.samples else {
            _ = try profile.requiredArray("samples", in: bytes)
            return []
        }
        guard let weights = bulk.weights else {
            let weightsNode = try profile.required("weights", in: bytes)
            throw weightsNode.failure(
                "expected an array of weights, found \(weightsNode.value.typeDescription)", in: bytes)
        }
        guard weights.count == samples.count else {
            throw JSONNode(.null, path: profile.path + [JSONPathKey("weights")]).failure(
                "expected one weight per sample: \(samples.count) samples but \(weights.count) weights", in: bytes)
        }
        var result: [StackSample] = []
        result.reserveCapacity(samples.count)
        for index in 0..<samples.count {
            let indexes = samples.stack(index)
            var stack: [String] = []
            stack.reserveCapacity(indexes.count)
            for frame in indexes {
                guard frame >= 0, Int(frame) < frames.count else {
                    let node = SpeedscopeDocument.node(
                        at: profile.path + [JSONPathKey("samples"), JSONPathKey(index)], bytes)
                    throw node.failure(
                        frame == -2
                            ? "expected a stack (an array of frame indexes), found \(node.value.typeDescription)"
                            : "expected indexes into shared.frames (0..<\(frames.count))", in: bytes)
                }
                stack.append(frames[Int(frame)].name)
            }
            let weight = weights[index]
            guard weight.isFinite, weight >= 0 else {
                throw JSONNode(.null, path: profile.path + [JSONPathKey("weights"), JSONPathKey(index)])
                    .failure("expected a weight that is a finite number, not negative", in: bytes)
            }
            result.append(StackSample(frames: stack, weight: weight * factor))
        }
        return result
    }
}

/// speedscope's `unit` values.
enum SpeedscopeUnit: String {
    case none, nanoseconds, microseconds, milliseconds, seconds, bytes

    /// Nanoseconds per unit, for time units.
    var nanoseconds: Double? {
        switch self {
        case .nanoseconds: 1
        case .microseconds: 1e3
        case .milliseconds: 1e6
        case .seconds: 1e9
        case .none, .bytes: nil
        }
    }

    var weightUnit: WeightUnit {
        switch self {
        case .none: .samples
        case .bytes: .bytes
        default: .nanoseconds
        }
    }
}
