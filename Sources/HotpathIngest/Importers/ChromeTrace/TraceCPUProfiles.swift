import HotpathModel

/// V8 CPU profiles inside a trace: a `Profile` event (`ph: P`) opens one, `ProfileChunk` events
/// of the same process and `id` bring its call-tree nodes (`args.data.cpuProfile.nodes`, each
/// with an `id`, a `callFrame` and its `parent`) and its samples (`cpuProfile.samples`, node ids
/// in time order). Each sample becomes a stack, root first, of weight 1 (unit `samples`),
/// identical stacks merged: the run's sampled view beside its spans. Samples naming a node no
/// chunk defined are counted and said in a warning.
struct TraceCPUProfiles {
    struct Key: Hashable {
        var pid: TraceID
        var id: TraceID
    }

    struct Node {
        var name: String
        var parent: Int?
    }

    private var nodes: [Key: [Int: Node]] = [:]
    private var samples: [Key: [Int]] = [:]
    /// Profiles in order of their first event.
    private var order: [Key] = []
    /// P events named `ProfileChunk` whose args held no readable `cpuProfile`.
    private(set) var unreadableChunks = 0
    var sampleCount: Int { samples.values.reduce(0) { $0 + $1.count } }
    var isEmpty: Bool { order.isEmpty }

    mutating func add(name: String, key: Key, args: JSONValue?) {
        guard name == "ProfileChunk" else {
            if name == "Profile", nodes[key] == nil {
                nodes[key] = [:]
                order.append(key)
            }
            return
        }
        guard let profile = args?["data"]?["cpuProfile"], profile.object != nil else {
            unreadableChunks += 1
            return
        }
        if nodes[key] == nil {
            nodes[key] = [:]
            order.append(key)
        }
        for node in profile["nodes"]?.array ?? [] {
            guard let id = Self.integer(node["id"]) else { continue }
            // A parent may be known already, from an earlier node's `children`.
            let parent = Self.integer(node["parent"]) ?? nodes[key]?[id]?.parent
            nodes[key]?[id] = Node(name: Self.frameName(node["callFrame"]), parent: parent)
            // Older chunks list `children` instead of `parent`.
            for child in node["children"]?.array ?? [] {
                guard let childID = Self.integer(child) else { continue }
                if nodes[key]?[childID] == nil {
                    nodes[key]?[childID] = Node(name: "", parent: id)
                } else {
                    nodes[key]?[childID]?.parent = id
                }
            }
        }
        samples[key, default: []].append(contentsOf: (profile["samples"]?.array ?? []).compactMap(Self.integer))
    }

    /// `function (file:line)` as DevTools shows a frame; `(anonymous)` for a nameless function.
    static func frameName(_ frame: JSONValue?) -> String {
        let function = frame?["functionName"]?.string ?? ""
        let name = function.isEmpty ? "(anonymous)" : function
        guard let url = frame?["url"]?.string, !url.isEmpty else { return name }
        let file = url.split(separator: "/").last.map(String.init) ?? url
        if let line = frame?["lineNumber"]?.number, line >= 0, line < 1e9 {
            return "\(name) (\(file):\(Int(line) + 1))"
        }
        return "\(name) (\(file))"
    }

    private static func integer(_ value: JSONValue?) -> Int? {
        guard let number = value?.number, number == number.rounded(), abs(number) < 1e15 else { return nil }
        return Int(number)
    }

    /// The samples as merged stacks, and how many samples named no node.
    func stacks() -> (stacks: [StackSample], unresolved: Int) {
        var merged: [[String]: Int] = [:]
        var firstSeen: [[String]] = []
        var unresolved = 0
        for key in order {
            let table = nodes[key] ?? [:]
            var cache: [Int: [String]] = [:]
            for leaf in samples[key] ?? [] {
                if let stack = cache[leaf] {
                    merged[stack, default: 0] += 1
                    continue
                }
                guard table[leaf] != nil else {
                    unresolved += 1
                    continue
                }
                var frames: [String] = []
                var current: Int? = leaf
                // The depth cap also stops parent cycles.
                while let id = current, let node = table[id], frames.count < 4096 {
                    // The synthetic root every stack shares says nothing.
                    if !(node.parent == nil && node.name == "(root)") { frames.append(node.name) }
                    current = node.parent
                }
                frames.reverse()
                if frames.isEmpty { frames = ["(root)"] }
                cache[leaf] = frames
                if merged[frames] == nil { firstSeen.append(frames) }
                merged[frames, default: 0] += 1
            }
        }
        return (firstSeen.map { StackSample(frames: $0, weight: Double(merged[$0] ?? 0)) }, unresolved)
    }
}
