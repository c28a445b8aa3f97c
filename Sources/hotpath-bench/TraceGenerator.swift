import HotpathModel

/// Writes a Chrome trace of `events` complete (`X`) events, the same bytes for the same seed:
/// eight threads, each running a loop of nested work (a root with two levels of children),
/// 40 distinct operation names, microsecond timestamps with fractions, small `args`. With a
/// `slowdown`, every child span whose name starts with its prefix lasts `factor` times as long
/// (its grandchild with it, its root by as much): the same draws, so the same tree otherwise.
struct TraceGenerator {
    var events: Int
    var seed: UInt64
    var slowdown: (prefix: String, factor: Double)?

    init(events: Int, seed: UInt64, slowdown: (prefix: String, factor: Double)? = nil) {
        self.events = events
        self.seed = seed
        self.slowdown = slowdown
    }

    static let names = [
        "parse_contract", "render_template", "compile_template", "generate_code", "validate_code", "write_files",
        "load_config", "resolve_imports", "emit_swift", "format_code",
    ].flatMap { base in (0..<4).map { "\(base)_\($0)" } }

    /// The trace as bytes (about 115 bytes per event).
    func bytes() -> [UInt8] {
        var generator = SeededGenerator(seed: seed)
        func next() -> UInt64 { generator.next() }
        var output = [UInt8]()
        output.reserveCapacity(events * 120 + 64)
        output += Array("{\"traceEvents\":[\n".utf8)
        var clocks = [Double](repeating: 1000, count: 8)
        var written = 0
        var first = true
        func emit(_ name: String, ts: Double, dur: Double, tid: Int, index: Int) {
            if !first { output += Array(",\n".utf8) }
            first = false
            let line =
                "{\"name\":\"\(name)\",\"cat\":\"codegen\",\"ph\":\"X\",\"ts\":\(fixed3(ts)),\"dur\":\(fixed3(dur)),\"pid\":1,\"tid\":\(tid),\"args\":{\"i\":\(index % 1000)}}"
            output += Array(line.utf8)
            written += 1
        }
        func pickName() -> String { Self.names[Int(next() % UInt64(Self.names.count))] }
        while written < events {
            let tid = Int(next() % 8)
            // A root of 3–4 children, each with one grandchild: 1 + 2·children events.
            let children = 3 + Int(next() % 2)
            var childDurations: [Double] = []
            for _ in 0..<children { childDurations.append(Double(next() % 40_000) / 1000 + 5) }
            // The names, drawn in the order the events are written (as many as fit).
            let root = pickName()
            var room = events - written - 1
            var childNames: [(child: String, grandchild: String?)] = []
            for _ in childDurations where room > 0 {
                let child = pickName()
                room -= 1
                let grandchild = room > 0 ? pickName() : nil
                if grandchild != nil { room -= 1 }
                childNames.append((child, grandchild))
            }
            if let slowdown {
                for (position, names) in childNames.enumerated() where names.child.hasPrefix(slowdown.prefix) {
                    childDurations[position] = Self.nanosecondGrid(childDurations[position] * slowdown.factor)
                }
            }
            // Every time is a whole number of nanoseconds (thousandths of a µs, as written), so
            // a span's end written as ts + dur is where the layout put it: rounding ts and dur
            // separately once let a root start 1 ns before the previous one ended.
            let rootDuration = Self.nanosecondGrid(childDurations.reduce(0, +) * 1.1 + 2)
            let start = clocks[tid]
            emit(root, ts: start, dur: rootDuration, tid: tid, index: written)
            var childStart = start + 1
            for (position, names) in childNames.enumerated() {
                let duration = childDurations[position]
                emit(names.child, ts: childStart, dur: duration, tid: tid, index: written)
                if let grandchild = names.grandchild {
                    emit(
                        grandchild, ts: childStart + 0.5, dur: Self.nanosecondGrid(duration * 0.6), tid: tid,
                        index: written)
                }
                childStart = Self.nanosecondGrid(childStart + duration * 1.05)
            }
            clocks[tid] = start + rootDuration + Double(next() % 5000) / 1000
        }
        output += Array("\n],\"displayTimeUnit\":\"ms\"}\n".utf8)
        return output
    }

    static func nanosecondGrid(_ microseconds: Double) -> Double {
        (microseconds * 1000).rounded() / 1000
    }

    private func fixed3(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        let fraction = thousandths % 1000
        return "\(thousandths / 1000).\(fraction < 10 ? "00" : fraction < 100 ? "0" : "")\(fraction)"
    }
}

/// Writes collapsed stacks (`root;…;leaf count`), the same bytes for the same seed: random
/// walks through a fixed call graph (each of 2,000 functions calls one of four others), depth
/// 4 to 24, like a profiler's unique stacks with their shared prefixes; sorted, as
/// `stackcollapse-*` and inferno write them.
struct CollapsedGenerator {
    var lines: Int
    var seed: UInt64

    func bytes() -> [UInt8] {
        var generator = SeededGenerator(seed: seed)
        func next() -> UInt64 { generator.next() }
        let functions = 2_000
        let names = (0..<functions).map { "app::module\($0 % 61)::Type\($0 % 17)::function_\($0)" }
        let callees = (0..<functions).map { _ in (0..<4).map { _ in Int(next() % UInt64(functions)) } }
        var stacks: [String] = []
        stacks.reserveCapacity(lines)
        for _ in 0..<lines {
            let depth = 4 + Int(next() % 21)
            var frame = Int(next() % 8)
            var line = "main;" + names[frame]
            for _ in 0..<depth {
                frame = callees[frame][Int(next() % 4)]
                line += ";" + names[frame]
            }
            line += " \(1 + next() % 500)\n"
            stacks.append(line)
        }
        return Array(stacks.sorted().joined().utf8)
    }
}

/// Writes a speedscope file of evented profiles (`O`/`C` events on a shared frame table), the
/// same bytes for the same seed: eight threads, each a loop of nested calls three deep over 40
/// frames — the shape speedscope's own exporters write for long recordings.
struct SpeedscopeGenerator {
    var calls: Int
    var seed: UInt64

    func bytes() -> [UInt8] {
        var generator = SeededGenerator(seed: seed)
        func next() -> UInt64 { generator.next() }
        let names = TraceGenerator.names
        let threads = 8
        var output = [UInt8]()
        output.reserveCapacity(calls * 70 + 4096)
        output += Array(#"{"$schema":"https://www.speedscope.app/file-format-schema.json","shared":{"frames":["#.utf8)
        output += Array(names.map { #"{"name":"\#($0)","file":"codegen.swift"}"# }.joined(separator: ",").utf8)
        output += Array(#"]},"profiles":["#.utf8)
        for thread in 0..<threads {
            if thread > 0 { output += Array(",".utf8) }
            var clock = 0
            var events: [UInt8] = []
            var written = 0
            var first = true
            func emit(_ type: String, _ frame: Int, _ at: Int) {
                events += Array(((first ? "" : ",") + #"{"type":"\#(type)","frame":\#(frame),"at":\#(at)}"#).utf8)
                first = false
            }
            while written < calls / threads {
                // A root with 3–4 children, each with one grandchild.
                let root = Int(next() % UInt64(names.count))
                emit("O", root, clock)
                clock += 1 + Int(next() % 5)
                for _ in 0..<(3 + Int(next() % 2)) {
                    let child = Int(next() % UInt64(names.count))
                    let grandchild = Int(next() % UInt64(names.count))
                    emit("O", child, clock)
                    emit("O", grandchild, clock + 1)
                    clock += 2 + Int(next() % 40_000)
                    emit("C", grandchild, clock)
                    clock += 1 + Int(next() % 500)
                    emit("C", child, clock)
                    written += 2
                }
                clock += 1 + Int(next() % 5)
                emit("C", root, clock)
                written += 1
                clock += Int(next() % 5_000)
            }
            output += Array(
                #"{"type":"evented","name":"thread \#(thread)","unit":"nanoseconds","startValue":0,"endValue":\#(clock),"events":["#
                    .utf8)
            output += events
            output += Array("]}".utf8)
        }
        output += Array(#"],"name":"codegen","exporter":"hotpath-bench"}"#.utf8)
        output += Array("\n".utf8)
        return output
    }
}

/// Writes a Hotpath native dump of `spans` spans, the same bytes for the same seed: eight
/// threads, each a loop of a root with three children (ids in order, children naming their
/// parent), 40 operation names, nanosecond integers — the shape `HotpathProfiler` writes.
struct NativeGenerator {
    var spans: Int
    var seed: UInt64

    func bytes() -> [UInt8] {
        var generator = SeededGenerator(seed: seed)
        func next() -> UInt64 { generator.next() }
        let names = TraceGenerator.names
        var output = [UInt8]()
        output.reserveCapacity(spans * 100 + 4096)
        output += Array(
            #"{"format":"hotpath-profile","version":1,"run":{"workflow":"bench","run_id":"native-bench","start_time":"2026-11-27T00:00:00Z"},"spans":["#
                .utf8)
        var clocks = [Int](repeating: 0, count: 8)
        var id = 0
        while id < spans {
            let thread = Int(next() % 8)
            let duration = 50_000 + Int(next() % 350_000)
            let root = id + 1
            var line = id == 0 ? "" : ","
            line +=
                #"{"id":\#(root),"name":"\#(names[Int(next() % UInt64(names.count))])","start_ns":\#(clocks[thread]),"duration_ns":\#(duration),"thread":"worker-\#(thread)"}"#
            id += 1
            var childStart = clocks[thread] + 1_000
            for _ in 0..<3 where id < spans {
                id += 1
                line +=
                    #",{"id":\#(id),"name":"\#(names[Int(next() % UInt64(names.count))])","start_ns":\#(childStart),"duration_ns":\#(duration / 5),"thread":"worker-\#(thread)","parent":\#(root)}"#
                childStart += duration / 5 + 10
            }
            output += Array(line.utf8)
            clocks[thread] += duration + Int(next() % 5_000)
        }
        output += Array("]}\n".utf8)
        return output
    }
}
