import HotpathModel

/// Where a build's compile time goes, from the time traces of its units (clang `-ftime-trace`,
/// one file per translation unit): the most expensive headers, template instantiations and
/// functions across all units, and the phases added up. Recommendations are left empty: the
/// optimizer's `BuildRule` adds them.
///
/// Per unit, from its spans (`Docs/analysis.md`, "Builds"):
/// - a header is a `Source` span's `args.detail`: its time is the span's (with the headers it
///   includes), its count the times it was included;
/// - a template is an `InstantiateClass` or `InstantiateFunction` span's `detail`;
/// - a function is a `CodeGen Function` or `OptFunction` span's `detail` (as clang writes it:
///   `OptFunction` names are mangled);
/// - a span inside another of the same name and `detail` is counted, but its time is not added
///   again (a header including itself, a recursive instantiation).
public enum BuildAnalyzer {
    static let headerEvents: Set<String> = ["Source"]
    static let templateEvents: Set<String> = ["InstantiateClass", "InstantiateFunction"]
    static let functionEvents: Set<String> = ["CodeGen Function", "OptFunction"]

    /// Whether a profile is a compiler's time trace: it has phase totals or a root
    /// `ExecuteCompiler` span.
    public static func isCompileTrace(_ profile: Profile) -> Bool {
        if !profile.phaseTotals.isEmpty { return true }
        for index in 0..<profile.spans.count
        where profile.spans.parentIDs[index] == SpanTable.noParent && profile.spans.name(at: index) == "ExecuteCompiler"
        {
            return true
        }
        return false
    }

    /// One unit's share of the numbers, kept so that a build can be assembled from cached runs.
    public struct UnitTally: Sendable, Equatable, Codable {
        public var unit: BuildUnit
        public var phases: [PhaseTotal]
        /// Per item key (`kind group`, name): total, count and the kinds seen with their totals.
        var items: [ItemKey: ItemTally]

        struct ItemKey: Hashable, Codable, Sendable {
            var group: Group
            var name: String
        }

        struct ItemTally: Codable, Equatable, Sendable {
            var totalNs = 0.0
            var count = 0
            var kinds: [String: Double] = [:]
        }

        enum Group: String, Codable, Sendable {
            case header, template, function
        }
    }

    /// The unit's tally: one pass over its spans, walking each relevant span's ancestors.
    public static func tally(_ profile: Profile, name: String) -> UnitTally {
        let spans = profile.spans
        let count = spans.count
        var indexByID: [Int: Int] = [:]
        indexByID.reserveCapacity(count)
        for index in 0..<count { indexByID[spans.ids[index]] = index }
        var compile = 0.0
        var frontend = 0.0
        var backend = 0.0
        var rootTotal = 0.0
        var items: [UnitTally.ItemKey: UnitTally.ItemTally] = [:]
        for index in 0..<count {
            let spanName = spans.name(at: index)
            let duration = spans.durationsNs[index]
            let parent = spans.parentIDs[index]
            if parent == SpanTable.noParent {
                rootTotal += duration
                if spanName == "ExecuteCompiler" { compile += duration }
            }
            if spanName == "Frontend" || spanName == "Backend",
                !hasAncestor(named: spanName, of: index, in: spans, indexByID)
            {
                if spanName == "Frontend" { frontend += duration } else { backend += duration }
            }
            let group: UnitTally.Group
            if headerEvents.contains(spanName) {
                group = .header
            } else if templateEvents.contains(spanName) {
                group = .template
            } else if functionEvents.contains(spanName) {
                group = .function
            } else {
                continue
            }
            let arguments = spans.argumentIndexes[index]
            guard arguments >= 0, let detail = spans.argumentSets[Int(arguments)]["detail"] else { continue }
            let key = UnitTally.ItemKey(group: group, name: detail)
            var tally = items[key] ?? UnitTally.ItemTally()
            tally.count += 1
            if !hasAncestor(named: spanName, detail: detail, of: index, in: spans, indexByID) {
                tally.totalNs += duration
                tally.kinds[spanName, default: 0] += duration
            } else if tally.kinds[spanName] == nil {
                tally.kinds[spanName] = 0
            }
            items[key] = tally
        }
        let unit = BuildUnit(
            name: name, totalNs: compile > 0 ? compile : rootTotal, frontendNs: frontend, backendNs: backend)
        return UnitTally(unit: unit, phases: profile.phaseTotals, items: items)
    }

    private static func hasAncestor(
        named name: String, detail: String? = nil, of index: Int, in spans: SpanTable, _ indexByID: [Int: Int]
    ) -> Bool {
        var current = spans.parentIDs[index]
        var steps = 0
        // The step cap also stops parent cycles.
        while current != SpanTable.noParent, let position = indexByID[current], steps < 100_000 {
            steps += 1
            if spans.name(at: position) == name {
                guard let detail else { return true }
                let arguments = spans.argumentIndexes[position]
                if arguments >= 0, spans.argumentSets[Int(arguments)]["detail"] == detail { return true }
            }
            current = spans.parentIDs[position]
        }
        return false
    }

    /// The build of these units, lists cut to `BuildAnalysis.listLimit`.
    public static func analyze(_ units: [UnitTally]) -> BuildAnalysis {
        let total = units.reduce(0) { $0 + $1.unit.totalNs }
        var phases: [String: PhaseTotal] = [:]
        var phaseOrder: [String] = []
        for unit in units {
            for phase in unit.phases {
                if phases[phase.name] == nil {
                    phases[phase.name] = PhaseTotal(name: phase.name, totalNs: 0, count: 0)
                    phaseOrder.append(phase.name)
                }
                phases[phase.name]?.totalNs += phase.totalNs
                phases[phase.name]?.count += phase.count
            }
        }
        var merged: [UnitTally.ItemKey: (tally: UnitTally.ItemTally, units: Int)] = [:]
        for unit in units {
            for (key, tally) in unit.items {
                var entry = merged[key] ?? (UnitTally.ItemTally(), 0)
                entry.tally.totalNs += tally.totalNs
                entry.tally.count += tally.count
                entry.tally.kinds.merge(tally.kinds, uniquingKeysWith: +)
                entry.units += 1
                merged[key] = entry
            }
        }
        func list(_ group: UnitTally.Group) -> (items: [BuildItem], count: Int) {
            let all = merged.filter { $0.key.group == group }.map { key, entry in
                BuildItem(
                    name: key.name,
                    kinds: entry.tally.kinds.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                        .map(\.key),
                    totalNs: entry.tally.totalNs, count: entry.tally.count, units: entry.units,
                    share: total > 0 ? entry.tally.totalNs / total : 0)
            }
            let sorted = all.sorted {
                if $0.totalNs != $1.totalNs { return $0.totalNs > $1.totalNs }
                if $0.count != $1.count { return $0.count > $1.count }
                return $0.name < $1.name
            }
            return (Array(sorted.prefix(BuildAnalysis.listLimit)), all.count)
        }
        let headers = list(.header)
        let templates = list(.template)
        let functions = list(.function)
        return BuildAnalysis(
            units: units.map(\.unit).sorted { $0.totalNs != $1.totalNs ? $0.totalNs > $1.totalNs : $0.name < $1.name },
            totalNs: total,
            phases: phaseOrder.compactMap { phases[$0] }.sorted {
                $0.totalNs != $1.totalNs ? $0.totalNs > $1.totalNs : $0.name < $1.name
            },
            headers: headers.items, templates: templates.items, functions: functions.items,
            headerCount: headers.count, templateCount: templates.count, functionCount: functions.count)
    }
}
