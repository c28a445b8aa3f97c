import HotpathModel

extension CallgrindReader {
    /// Most stacks the call graph is unfolded into; the cost of deeper or rarer paths stays at
    /// the callee where unfolding stopped.
    static let maximumStacks = 200_000
    /// Paths that carry less than this share of the total are not unfolded further.
    static let smallestShare = 1e-7
    static let maximumDepth = 512
    /// Most calls visited while unfolding (paths through functions without self cost add none).
    static let maximumVisits = 2_000_000

    /// The event the stacks weigh: the one `--measure` names (case-insensitively), else the first.
    func chosenEvent() throws(ImportFailure) -> Int {
        guard let requested = options.sampleType else { return 0 }
        if let index = events.firstIndex(where: { $0.lowercased() == requested.lowercased() }) { return index }
        // A benchmark clock's name (`real-time`, `cpu-time`) is not an event: the default.
        if TimeMeasure(name: requested) != nil { return 0 }
        throw ImportFailure(
            .invalidContent, offset: eventsOffset,
            message:
                "--measure \(requested): the profile has no such event; its events are \(events.joined(separator: ", "))"
        )
    }

    /// The unit an event's name carries, and the factor to it: `Time_(10ns)` → ns × 10.
    static func unit(of event: String) -> (unit: WeightUnit, factor: Double) {
        let name = event.lowercased()
        guard let open = name.lastIndex(of: "("), name.hasSuffix(")") else { return (.samples, 1) }
        var inner = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
        if inner == "bytes" || inner == "byte" { return (.bytes, 1) }
        let scales: [(String, Double)] = [("ns", 1), ("µs", 1e3), ("us", 1e3), ("ms", 1e6), ("s", 1e9)]
        for (suffix, scale) in scales where inner.hasSuffix(suffix) {
            inner.removeLast(suffix.count)
            let multiplier = inner.isEmpty ? 1 : Double(inner)
            if let multiplier, multiplier > 0 { return (.nanoseconds, scale * multiplier) }
        }
        return (.samples, 1)
    }

    mutating func finish(fileName: String) throws(ImportFailure) -> ImportedDump {
        guard !events.isEmpty else {
            throw ImportFailure(.invalidContent, offset: 0, message: "no \"events:\" header: the costs have no meaning")
        }
        let eventCount = events.count
        let measure = try chosenEvent()
        let (unit, factor) = Self.unit(of: events[measure])
        let functionCount = names.count
        if selfCost.count != functionCount * eventCount {
            selfCost = [Double](repeating: 0, count: functionCount * eventCount)
        }

        var eventTotals = [Double](repeating: 0, count: eventCount)
        for function in 0..<functionCount {
            for event in 0..<eventCount { eventTotals[event] += selfCost[function * eventCount + event] }
        }
        for (index, event) in events.enumerated() {
            labels["callgrind.\(event).total"] = formatNumber(eventTotals[index])
        }
        labels["callgrind.events"] = events.joined(separator: ", ")
        labels["callgrind.measure"] = events[measure]
        labels["callgrind.positions"] = positionKinds
        labels["callgrind.functions"] = String(functionCount)
        labels["callgrind.calls"] = formatNumber(edgeCalls.reduce(0, +))
        if parts > 1 { labels["callgrind.parts"] = String(parts) }
        var entries = warnings.all
        if let stated = totals ?? summary, stated.count > measure, stated[measure] != eventTotals[measure] {
            entries.append(
                ImportWarning(
                    message:
                        "the file's \(totals != nil ? "totals:" : "summary:") line gives \(formatNumber(stated[measure])) \(events[measure]), the cost lines add up to \(formatNumber(eventTotals[measure])): the stacks weigh the cost lines"
                ))
        }
        if eventCount > 1 {
            entries.append(
                ImportWarning(
                    message:
                        "\(eventCount) events (\(events.joined(separator: ", "))); the stacks weigh \(events[measure])\(options.sampleType == nil ? " (the first; --measure EVENT picks another)" : ""); each event's total is the label callgrind.<event>.total"
                ))
        }

        // The call graph for the measure, its cycles broken (see `Unfolding`).
        let own = (0..<functionCount).map { max(0, selfCost[$0 * eventCount + measure]) * factor }
        var callees = [[(callee: Int32, cost: Double)]](repeating: [], count: functionCount)
        var callers = [Int](repeating: 0, count: functionCount)
        for edge in edgeCaller.indices where edgeCaller[edge] != edgeCallee[edge] {
            let cost = max(0, edgeCost[edge * eventCount + measure]) * factor
            guard cost > 0, cost.isFinite else { continue }
            callees[Int(edgeCaller[edge])].append((edgeCallee[edge], cost))
            callers[Int(edgeCallee[edge])] += 1
        }
        let total = own.reduce(0, +)
        guard total > 0, total.isFinite else {
            throw ImportFailure(
                .invalidContent, offset: 0,
                message:
                    costLines == 0
                    ? "the profile has no cost lines: nothing to show"
                    : "no function has a positive \(events[measure]) cost: nothing to weigh")
        }
        var unfold = Unfolding(own: own, callees: callees, smallest: total * Self.smallestShare)
        unfold.unfold()
        let shared = callers.filter { $0 > 1 }.count
        if unfold.droppedCalls > 0 {
            labels["callgrind.cycle_calls"] = String(unfold.droppedCalls)
            entries.append(
                ImportWarning(
                    message:
                        "\(ImportSupport.plural(unfold.droppedCalls, "call")) closing a cycle (recursion callgrind did not split into fn'2 levels) not followed: the totals of the functions on the cycle leave that cost out, their self cost is whole"
                ))
        }
        if shared > 0 {
            entries.append(
                ImportWarning(
                    message:
                        "callgrind records a call graph, not stacks: \(ImportSupport.plural(shared, "function has", "functions have")) several callers, whose costs the stacks share among the callers in proportion to their calls' inclusive cost; self and total per function are callgrind's, the paths through them an estimate"
                ))
        }
        if unfold.cut > 0 {
            entries.append(
                ImportWarning(
                    message:
                        "\(ImportSupport.plural(unfold.cut, "call path")) past \(Self.maximumStacks) stacks, \(Self.maximumDepth) frames or below \(Self.smallestShare) of the total were not unfolded: their cost is shown at the callee where unfolding stopped"
                ))
        }

        // Each function's self cost exactly callgrind's: scale its leaf stacks to it, or give it
        // a stack of its own when no path reached it (cycles, cut paths).
        var leafWeight = [Double](repeating: 0, count: functionCount)
        for index in unfold.weights.indices { leafWeight[Int(unfold.leaf(index))] += unfold.weights[index] }
        var stacks = StackTable()
        var frameOf = [Int32](repeating: -1, count: functionCount)
        func frame(_ function: Int32) -> Int32 {
            if frameOf[Int(function)] < 0 { frameOf[Int(function)] = stacks.internFrame(names[Int(function)]) }
            return frameOf[Int(function)]
        }
        var frames: [Int32] = []
        for index in unfold.weights.indices {
            let leaf = Int(unfold.leaf(index))
            guard leafWeight[leaf] > 0, own[leaf] > 0 else { continue }
            let weight = unfold.weights[index] * own[leaf] / leafWeight[leaf]
            guard weight > 0, weight.isFinite else { continue }
            frames.removeAll(keepingCapacity: true)
            for function in unfold.frames(index) { frames.append(frame(function)) }
            stacks.append(frames: frames, weight: weight)
        }
        for function in 0..<functionCount where own[function] > 0 && leafWeight[function] == 0 {
            stacks.append(frames: [frame(Int32(function))], weight: own[function])
        }

        var codeLocations: [String: CodeLocation] = [:]
        for function in 0..<functionCount where frameOf[function] >= 0 {
            if let location = locations[function] { codeLocations[names[function]] = location }
        }
        let run = RunMetadata(workflow: ImportSupport.fileStem(fileName), runID: fileName, labels: labels)
        var profile = Profile(run: run, stacks: stacks, stackWeightUnit: unit, locations: codeLocations)
        // The stacks count the event (`Ir`: instructions), not samples.
        profile.stackWeightName = events[measure]
        return ImportedDump(profile: profile, warnings: entries)
    }
}

/// A call graph unfolded into stacks, root first, each weighing its leaf's self cost on that path.
///
/// Cycles are broken first: a depth-first walk from the functions nobody calls (then from any
/// left, the costliest first) drops each call back into a function on the walk's path. What
/// remains has no cycle; each function's cost is shared among the paths that reach it in
/// proportion to the cost flowing in along each, its *inflow* being the sum of its callers'
/// calls to it. A function nobody calls is a root and takes its whole cost.
struct Unfolding {
    let own: [Double]
    var callees: [[(callee: Int32, cost: Double)]]
    let smallest: Double
    var inflow: [Double]
    var path: [Int32] = []
    var frameIndexes: [Int32] = []
    var starts: [Int] = [0]
    var weights: [Double] = []
    var cut = 0
    var visits = 0
    var droppedCalls = 0

    init(own: [Double], callees: [[(callee: Int32, cost: Double)]], smallest: Double) {
        self.own = own
        self.callees = callees
        self.smallest = smallest
        inflow = [Double](repeating: 0, count: own.count)
    }

    func leaf(_ index: Int) -> Int32 { frameIndexes[starts[index + 1] - 1] }
    func frames(_ index: Int) -> ArraySlice<Int32> { frameIndexes[starts[index]..<starts[index + 1]] }

    mutating func unfold() {
        breakCycles()
        for function in callees.indices {
            for (callee, cost) in callees[function] { inflow[Int(callee)] += cost }
        }
        for root in own.indices where inflow[root] == 0 {
            expand(Int32(root), share: 1)
        }
    }

    /// Drops the calls that close a cycle, found by an iterative depth-first walk.
    mutating func breakCycles() {
        let count = own.count
        var state = [UInt8](repeating: 0, count: count)  // 0 unseen, 1 on the path, 2 done
        var called = [Bool](repeating: false, count: count)
        for list in callees { for (callee, _) in list { called[Int(callee)] = true } }
        let weight = own.indices.map { own[$0] + callees[$0].reduce(0) { $0 + $1.cost } }
        let order =
            own.indices.filter { !called[$0] } + own.indices.filter { called[$0] }.sorted { weight[$0] > weight[$1] }
        var stack: [(function: Int, next: Int)] = []
        for start in order where state[start] == 0 {
            state[start] = 1
            stack.append((start, 0))
            while let top = stack.last {
                let function = top.function
                if top.next < callees[function].count {
                    stack[stack.count - 1].next += 1
                    let callee = Int(callees[function][top.next].callee)
                    if state[callee] == 1 {
                        callees[function][top.next].cost = 0
                        droppedCalls += 1
                    } else if state[callee] == 0 {
                        state[callee] = 1
                        stack.append((callee, 0))
                    }
                } else {
                    state[function] = 2
                    stack.removeLast()
                }
            }
        }
        for function in callees.indices { callees[function].removeAll { $0.cost == 0 } }
    }

    mutating func emit(_ weight: Double) {
        frameIndexes.append(contentsOf: path)
        starts.append(frameIndexes.count)
        weights.append(weight)
    }

    /// Adds the stacks below `function`, reached with `share` of its inflow.
    mutating func expand(_ function: Int32, share: Double) {
        let index = Int(function)
        path.append(function)
        defer { path.removeLast() }
        if own[index] > 0 { emit(own[index] * share) }
        for (callee, cost) in callees[index] {
            let calleeShare = min(1, share * cost / inflow[Int(callee)])
            let reaching = calleeShare * inflow[Int(callee)]
            guard reaching > 0, reaching.isFinite else { continue }
            visits += 1
            if reaching < smallest || weights.count >= CallgrindReader.maximumStacks
                || path.count >= CallgrindReader.maximumDepth || visits >= CallgrindReader.maximumVisits
            {
                cut += 1
                path.append(callee)
                emit(reaching)
                path.removeLast()
                continue
            }
            expand(callee, share: calleeShare)
        }
    }
}
