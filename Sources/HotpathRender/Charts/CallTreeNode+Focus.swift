import HotpathModel

extension CallTreeNode {
    /// The tree below `name`'s outermost calls, merged by path into one tree rooted at `name`
    /// (a recursive call inside another stays inside it): what a flame graph focused on one
    /// operation draws. Nil when no node has the name.
    func focused(on name: String) -> CallTreeNode? {
        var found: [CallTreeNode] = []
        var pending = [self]
        while let node = pending.popLast() {
            if node.name == name {
                found.append(node)
            } else {
                pending.append(contentsOf: node.children)
            }
        }
        guard !found.isEmpty else { return nil }
        return Self.merged(found)
    }

    /// Nodes of one name merged: totals, self and counts added, children merged by name.
    static func merged(_ nodes: [CallTreeNode]) -> CallTreeNode {
        var order: [String] = []
        var byName: [String: [CallTreeNode]] = [:]
        for child in nodes.lazy.flatMap(\.children) {
            if byName[child.name] == nil { order.append(child.name) }
            byName[child.name, default: []].append(child)
        }
        let children = order.map { merged(byName[$0] ?? []) }.sorted {
            $0.total != $1.total ? $0.total > $1.total : $0.name < $1.name
        }
        return CallTreeNode(
            name: nodes[0].name, total: nodes.reduce(0) { $0 + $1.total },
            selfValue: nodes.reduce(0) { $0 + $1.selfValue }, count: nodes.reduce(0) { $0 + $1.count },
            children: children)
    }
}
