import Foundation
import HotpathProfiler
import Synchronization

/// A compiled template: the source cut into literal text and `{{name}}` holes.
struct CompiledTemplate: Sendable {
    enum Part: Sendable {
        case text(String)
        case hole(String)
    }

    var parts: [Part]

    init(source: String) {
        var parts: [Part] = []
        var rest = Substring(source)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            parts.append(.text(String(rest[..<open.lowerBound])))
            parts.append(.hole(String(rest[open.upperBound..<close.lowerBound])))
            rest = rest[close.upperBound...]
        }
        parts.append(.text(String(rest)))
        self.parts = parts
    }

    func render(entity: Entity) -> String {
        var output = "struct \(entity.name) {\n"
        for field in entity.fields.prefix(20) {
            for part in parts {
                switch part {
                case .text(let text): output += text
                case .hole("entity"): output += entity.name
                case .hole(_): output += field
                }
            }
            output += "\n"
        }
        return output + "}\n"
    }
}

/// A least-recently-used cache of compiled templates that reports every lookup, eviction and
/// its size to the profiler, with what each miss cost to compile.
final class TemplateCache: Sendable {
    let capacity: Int
    let profiler: Profiler
    private let state = Mutex<(entries: [String: CompiledTemplate], order: [String])>(([:], []))

    init(capacity: Int, profiler: Profiler) {
        self.capacity = capacity
        self.profiler = profiler
    }

    func template(named name: String, source: String) -> CompiledTemplate {
        if let cached = state.withLock({ state -> CompiledTemplate? in
            guard let template = state.entries[name] else { return nil }
            state.order.removeAll { $0 == name }
            state.order.append(name)
            return template
        }) {
            profiler.recordCacheLookup(cache: "templates", key: name, hit: true)
            return cached
        }
        let start = ContinuousClock.now
        let compiled = profiler.measure("compile_template") { CompiledTemplate(source: source) }
        profiler.recordCacheLookup(cache: "templates", key: name, hit: false, missCost: ContinuousClock.now - start)
        let (evicted, size) = state.withLock { state -> (Int, Int) in
            var evicted = 0
            if state.entries[name] == nil {
                state.entries[name] = compiled
                state.order.append(name)
            }
            while state.order.count > capacity {
                state.entries[state.order.removeFirst()] = nil
                evicted += 1
            }
            return (evicted, state.entries.count)
        }
        if evicted > 0 { profiler.recordCacheEviction(cache: "templates", count: evicted) }
        profiler.recordCacheSize(cache: "templates", size: size, capacity: capacity)
        return compiled
    }
}
