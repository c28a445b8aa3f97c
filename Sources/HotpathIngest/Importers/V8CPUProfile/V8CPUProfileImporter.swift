import HotpathModel

/// Reads V8 CPU profiles: the `.cpuprofile` JSON that Chrome DevTools saves and `node --cpu-prof`
/// writes (`{nodes, startTime, endTime, samples, timeDeltas}`), and the older tree form of V8's
/// C++ API (`{head: {children: […]}, samples, timestamps}`, v8-profiler-node8).
///
/// Each sample is the node (call-tree leaf) running at that moment; it weighs the time until the
/// next sample (the next `timeDeltas` entry; time never runs backwards), and the last sample
/// weighs nothing: the rule of Chrome DevTools and speedscope (`src/import/chrome.ts`). Stacks
/// are weighed in nanoseconds. As in speedscope, `(root)`, `(idle)` and `native dummy.js` frames
/// are not frames (idle time leaves the stacks; its total is the label `v8.idle_ns`), and
/// `(program)` and `(garbage collector)` sit on top of the stack sampled before them.
///
/// A frame is its function name; an anonymous function is `(anonymous file.js:12)` (the URL's
/// file name and the line, from 1). Two functions of the same name at different places are
/// told apart by their place, `render (app.js:10)`.
public struct V8CPUProfileImporter: DumpImporter {
    public init() {}

    public var format: DumpFormat { .v8CPUProfile }

    public func recognizes(_ sniff: ContentSniff) -> Bool {
        guard sniff.shape == .object else { return false }
        if sniff.topLevelKeys.contains("nodes") {
            return (sniff.memberElementKeys["nodes"] ?? []).contains("callFrame")
                || sniff.hasKeys("samples", "timeDeltas")
        }
        if sniff.topLevelKeys.first == "head" {
            let keys = sniff.memberElementKeys["head"] ?? []
            return sniff.hasKeys("samples", "timestamps") || keys.contains("functionName")
                || sniff.prefix.utf8.count >= ContentSniff.prefixLength
                    && sniff.prefixContains(#""functionName""#) && sniff.prefixContains(#""callUID""#)
        }
        return false
    }

    /// One call-tree node.
    struct Node {
        var parent = -1
        var frame: Int32 = -1
        /// `(root)`, `(idle)`, `native dummy.js`: not a frame.
        var isIgnored = false
        var isIdle = false
        /// `(program)`, `(garbage collector)`: placed on the previous sample's stack.
        var goesOnTop = false
        var hitCount = 0.0
    }

    /// A call frame's identity: name, URL, line and column.
    struct CallFrame: Hashable {
        var name: String
        var url: String
        var line: Int
        var column: Int
    }

    public func importDump(_ input: DumpInput) throws(ImportFailure) -> ImportedDump {
        let bytes = input.bytes
        let root = try JSONNode.parse(bytes)
        guard root.isObject else {
            throw root.failure(
                "expected a V8 CPU profile object with \"nodes\", \"samples\" and \"timeDeltas\", found \(root.value.typeDescription)",
                in: bytes)
        }
        var warnings = EntryWarnings()
        var table = NodeTable()
        var childLists: [(parent: Int, children: JSONNode)] = []
        var parentIDs: [(node: Int, parent: JSONNode)] = []

        let times: [Double]
        let sampleIDs: JSONNode?
        if let head = root["head"], root["nodes"] == nil {
            // The older tree form: children are nodes, the call frame's fields are the node's.
            var pending: [(node: JSONNode, parent: Int)] = [(head, -1)]
            while let (node, parent) = pending.popLast() {
                let index = try table.add(node, frameNode: node, bytes, input.options)
                table.nodes[index].parent = parent
                if let children = node["children"] {
                    guard let elements = children.elements else {
                        throw children.failure(
                            "expected an array of nodes, found \(children.value.typeDescription)", in: bytes)
                    }
                    pending += elements.reversed().map { ($0, index) }
                }
            }
            sampleIDs = root["samples"]
            times = try Self.numbers(root["timestamps"], name: "timestamps", of: root, bytes)
        } else {
            for node in try root.requiredArray("nodes", in: bytes) {
                let frameNode = node.isObject ? try node.required("callFrame", in: bytes) : node
                let index = try table.add(node, frameNode: frameNode, bytes, input.options)
                if let children = node["children"] { childLists.append((index, children)) }
                if let parent = node["parent"] { parentIDs.append((index, parent)) }
            }
            for (index, parent) in parentIDs {
                guard let id = Self.integer(parent.value), let parentIndex = table.indexOfID[id] else {
                    throw parent.failure("expected the id of a node, found \(parent.value.typeDescription)", in: bytes)
                }
                table.nodes[index].parent = parentIndex
            }
            for (parent, children) in childLists {
                guard let ids = children.value.array else {
                    throw children.failure(
                        "expected an array of node ids, found \(children.value.typeDescription)", in: bytes)
                }
                for (offset, value) in ids.enumerated() {
                    guard let id = Self.integer(value), let child = table.indexOfID[id] else {
                        throw JSONNode(value, path: children.path + [JSONPathKey(offset)]).failure(
                            "expected the id of a node, found \(value.number.map(formatNumber) ?? value.typeDescription)",
                            in: bytes)
                    }
                    table.nodes[child].parent = parent
                }
            }
            sampleIDs = root["samples"]
            // Times from the deltas; the first is relative to startTime, which only shifts them all.
            let deltas = try Self.numbers(root["timeDeltas"], name: "timeDeltas", of: root, bytes)
            var elapsed = 0.0
            times = deltas.map { delta in
                elapsed += delta
                return elapsed
            }
        }
        let nodes = table.nodes
        let indexOfID = table.indexOfID
        let callFrames = table.callFrames
        try Self.checkAcyclic(nodes, root, bytes)

        var accumulator = StackAccumulator()
        var idleTime = 0.0
        var labels: [String: String] = [:]
        let unit: WeightUnit
        if let sampleIDs {
            guard let ids = sampleIDs.value.array else {
                throw sampleIDs.failure(
                    "expected an array of node ids, found \(sampleIDs.value.typeDescription)", in: bytes)
            }
            guard ids.count <= times.count else {
                throw sampleIDs.failure(
                    "expected one time per sample: \(ImportSupport.plural(ids.count, "sample")) but \(ImportSupport.plural(times.count, "time delta"))",
                    in: bytes)
            }
            if times.count > ids.count {
                // node's older profiler writes one timestamp more than it has samples.
                warnings.add(
                    "extra times",
                    sampleIDs.warning(
                        "\(ImportSupport.plural(times.count - ids.count, "time")) more than samples; ignored", in: bytes
                    ))
            }
            try ImportSupport.checkEvents(ids.count, input.options, what: "samples")
            let backwards = zip(times, times.dropFirst()).count { $0 > $1 }
            if backwards > 0 {
                warnings.add(
                    "negative deltas",
                    (root["timeDeltas"] ?? root["timestamps"] ?? root).warning(
                        "\(ImportSupport.plural(backwards, "negative time delta")): the clock stays where it was until the samples pass it again (as in Chrome DevTools and speedscope)",
                        in: bytes))
            }
            var previous: [Int] = []
            var position: [Int: Int] = [:]
            var unknown = 0
            var clamped = times.first ?? 0
            var stack: [Int] = []
            var frames: [Int32] = []
            for (index, value) in ids.enumerated() {
                let start = max(clamped, times[index])
                clamped = start
                let end = index + 1 < ids.count ? max(start, times[index + 1]) : start
                let weight = (end - start) * 1000
                guard let id = Self.integer(value), let node = indexOfID[id] else {
                    unknown += 1
                    if unknown == 1 {
                        warnings.add(
                            "unknown sample nodes",
                            JSONNode(value, path: sampleIDs.path + [JSONPathKey(index)]).warning(
                                "a sample of a node that is not in \"nodes\"; its time goes to the stack before it",
                                in: bytes))
                    }
                    if weight > 0, !previous.isEmpty {
                        accumulator.add(thread: 0, frames: previous.lazy.map { nodes[$0].frame }, weight: weight)
                    }
                    continue
                }
                // speedscope's walk: from the sampled node up to the first node still on the
                // previous stack (the common ancestor), `(program)` and `(garbage collector)`
                // climbing onto the previous stack's top; ignored nodes end what is opened.
                stack.removeAll(keepingCapacity: true)
                var current = node
                var opening = true
                var ancestor = -1
                var steps = 0
                while current >= 0, steps <= nodes.count {
                    steps += 1
                    if position[current] != nil {
                        ancestor = current
                        break
                    }
                    if nodes[current].isIgnored { opening = false }
                    if opening { stack.append(current) }
                    current = nodes[current].goesOnTop ? (previous.last ?? -1) : nodes[current].parent
                }
                let kept = ancestor >= 0 ? (position[ancestor] ?? -1) + 1 : 0
                previous.removeSubrange(kept...)
                previous += stack.reversed()
                position.removeAll(keepingCapacity: true)
                for (offset, entry) in previous.enumerated() { position[entry] = offset }
                if nodes[node].isIdle { idleTime += weight }
                if weight > 0, !previous.isEmpty {
                    frames.removeAll(keepingCapacity: true)
                    for entry in previous { frames.append(nodes[entry].frame) }
                    accumulator.add(thread: 0, frames: frames, weight: weight)
                }
            }
            if unknown > 1 {
                warnings.add(
                    "unknown sample nodes",
                    sampleIDs.warning("\(unknown) samples of nodes that are not in \"nodes\"", in: bytes))
            }
            unit = .nanoseconds
            labels["v8.samples"] = String(ids.count)
            labels["v8.idle_ns"] = formatNumber(idleTime.rounded())
        } else {
            // No samples: the nodes' hit counts, as sample counts.
            for index in nodes.indices where nodes[index].hitCount > 0 && !nodes[index].isIgnored {
                var path: [Int32] = []
                var current = index
                while current >= 0 {
                    if !nodes[current].isIgnored { path.append(nodes[current].frame) }
                    current = nodes[current].parent
                }
                accumulator.add(thread: 0, frames: path.reversed(), weight: nodes[index].hitCount)
            }
            warnings.add(
                "no samples",
                root.warning(
                    "the profile has no \"samples\": stacks weigh the nodes' hit counts, in samples", in: bytes))
            unit = .samples
        }
        guard accumulator.count > 0 else {
            throw root.failure(
                "the profile has no sample outside (root), (idle) and (program) with a time after it: nothing to show",
                in: bytes)
        }
        let names = Self.frameNames(callFrames)
        var stackTable = StackTable()
        var remapped = [Int32](repeating: -1, count: callFrames.count)
        var frames: [Int32] = []
        for index in 0..<accumulator.count {
            frames.removeAll(keepingCapacity: true)
            for frame in accumulator.frames(at: index) {
                if remapped[Int(frame)] < 0 { remapped[Int(frame)] = stackTable.internFrame(names[Int(frame)]) }
                frames.append(remapped[Int(frame)])
            }
            guard accumulator.weights[index].isFinite else {
                throw root.failure("a stack's time adds up to more than Hotpath can hold", in: bytes)
            }
            stackTable.append(frames: frames, weight: accumulator.weights[index])
        }
        if let start = root["startTime"]?.number, let end = root["endTime"]?.number, end >= start {
            // Microseconds in the flat form, seconds in the tree form.
            let factor = root["head"] != nil && root["nodes"] == nil ? 1e9 : 1e3
            labels["v8.duration_ns"] = formatNumber(((end - start) * factor).rounded())
        }
        let run = RunMetadata(workflow: ImportSupport.fileStem(input.fileName), runID: input.fileName, labels: labels)
        return ImportedDump(
            profile: Profile(run: run, stacks: stackTable, stackWeightUnit: unit), warnings: warnings.all)
    }

    /// The nodes read so far, by index, with their ids and the distinct call frames.
    struct NodeTable {
        var nodes: [Node] = []
        var indexOfID: [Int: Int] = [:]
        var callFrames: [CallFrame] = []
        var callFrameIndex: [CallFrame: Int32] = [:]

        /// Adds a node (`frameNode` holds its call frame: the node itself in the tree form).
        mutating func add(
            _ node: JSONNode, frameNode: JSONNode, _ bytes: UnsafeRawBufferPointer, _ options: IngestOptions
        ) throws(ImportFailure) -> Int {
            guard node.isObject else {
                throw node.failure("expected a node object, found \(node.value.typeDescription)", in: bytes)
            }
            let idNode = try node.required("id", in: bytes)
            guard let id = V8CPUProfileImporter.integer(idNode.value) else {
                throw idNode.failure("expected an integer node id, found \(idNode.value.typeDescription)", in: bytes)
            }
            guard indexOfID[id] == nil else {
                throw idNode.failure("node id \(id) is used by an earlier node too", in: bytes)
            }
            guard frameNode.isObject else {
                throw frameNode.failure(
                    "expected a call frame object, found \(frameNode.value.typeDescription)", in: bytes)
            }
            let name = frameNode["functionName"]?.string ?? ""
            let url = frameNode["url"]?.string ?? ""
            let key = CallFrame(
                name: name, url: url,
                line: frameNode["lineNumber"].flatMap { V8CPUProfileImporter.integer($0.value) } ?? -1,
                column: frameNode["columnNumber"].flatMap { V8CPUProfileImporter.integer($0.value) } ?? -1)
            var entry = Node()
            entry.isIgnored = name == "(root)" || name == "(idle)" || url == "native dummy.js"
            entry.isIdle = name == "(idle)"
            entry.goesOnTop = name == "(program)" || name == "(garbage collector)"
            if let hits = node["hitCount"]?.number, hits.isFinite, hits > 0 { entry.hitCount = hits }
            if !entry.isIgnored {
                if let known = callFrameIndex[key] {
                    entry.frame = known
                } else {
                    entry.frame = Int32(callFrames.count)
                    callFrameIndex[key] = entry.frame
                    callFrames.append(key)
                }
            }
            indexOfID[id] = nodes.count
            nodes.append(entry)
            try ImportSupport.checkEvents(nodes.count, options, offset: node.offset(in: bytes), what: "nodes")
            return nodes.count - 1
        }
    }

    /// Display names: the function name, `(anonymous file.js:12)` for an anonymous function,
    /// and `name (file.js:12)` for a name used at more than one place.
    static func frameNames(_ frames: [CallFrame]) -> [String] {
        func place(_ frame: CallFrame) -> String {
            let file = frame.url.split(separator: "/").last.map(String.init) ?? frame.url
            return frame.line >= 0 ? "\(file):\(frame.line + 1)" : file
        }
        let plain = frames.map { frame in
            frame.name.isEmpty ? (frame.url.isEmpty ? "(anonymous)" : "(anonymous \(place(frame)))") : frame.name
        }
        var places: [String: Set<String>] = [:]
        for (index, frame) in frames.enumerated() {
            places[plain[index], default: []].insert("\(frame.url):\(frame.line)")
        }
        return frames.indices.map { index in
            let frame = frames[index]
            guard !frame.name.isEmpty, !frame.url.isEmpty, (places[plain[index]]?.count ?? 0) > 1 else {
                return plain[index]
            }
            return "\(plain[index]) (\(place(frame)))"
        }
    }

    static func checkAcyclic(_ nodes: [Node], _ root: JSONNode, _ bytes: UnsafeRawBufferPointer) throws(ImportFailure) {
        // 0: not seen, 1: on the current walk, 2: known to reach the top.
        var state = [UInt8](repeating: 0, count: nodes.count)
        var walk: [Int] = []
        for start in nodes.indices where state[start] == 0 {
            walk.removeAll(keepingCapacity: true)
            var current = start
            while current >= 0, state[current] == 0 {
                state[current] = 1
                walk.append(current)
                current = nodes[current].parent
            }
            if current >= 0, state[current] == 1 {
                throw (root["nodes"] ?? root).failure("the nodes' parent links form a cycle", in: bytes)
            }
            for entry in walk { state[entry] = 2 }
        }
    }

    static func integer(_ value: JSONValue) -> Int? {
        guard let number = value.number, number.isFinite, number == number.rounded(), abs(number) < 1e15 else {
            return nil
        }
        return Int(number)
    }

    /// A required array of finite numbers.
    static func numbers(_ node: JSONNode?, name: String, of root: JSONNode, _ bytes: UnsafeRawBufferPointer)
        throws(ImportFailure) -> [Double]
    {
        guard let node else {
            guard root["samples"] == nil else { throw root.failure("missing required field \"\(name)\"", in: bytes) }
            return []
        }
        guard let values = node.value.array else {
            throw node.failure("expected an array of numbers, found \(node.value.typeDescription)", in: bytes)
        }
        var numbers: [Double] = []
        numbers.reserveCapacity(values.count)
        for (offset, value) in values.enumerated() {
            guard let number = value.number, number.isFinite else {
                throw JSONNode(value, path: node.path + [JSONPathKey(offset)]).failure(
                    "expected a finite time in microseconds, found \(value.number.map(formatNumber) ?? value.typeDescription)",
                    in: bytes)
            }
            numbers.append(number)
        }
        return numbers
    }
}
