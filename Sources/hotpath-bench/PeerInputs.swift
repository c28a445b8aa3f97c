import HotpathModel

/// Writes a Chrome trace shaped like viztracer's (`viztracer --output_file`), the same bytes for
/// the same seed: one process, a main thread and a worker, Python functions named
/// `module.function (file.py:line)` calling each other (some recursively, like a merge sort)
/// and builtins (`builtins.len`, `list.append`) as leaves, nested up to ~30 levels.
///
/// As viztracer writes them, events come in the order calls *returned* (children before their
/// parent), `ts` has three decimals and `dur` is the float's full repr (16–17 digits), with the
/// keys in viztracer's order: `pid`, `tid`, `ts`, `ph`, `dur`, `name`, `cat`.
struct NestedTraceGenerator {
    var events: Int
    var seed: UInt64

    static let builtins = [
        "builtins.len", "list.append", "dict.get", "builtins.isinstance", "str.join", "list.pop", "builtins.min",
        "str.startswith", "dict.items", "builtins.sorted", "re.Pattern.match", "builtins.hasattr",
    ]

    /// About 147 bytes per event, as a real viztracer trace of nested Python code.
    func bytes() -> [UInt8] {
        var generator = SeededGenerator(seed: seed)
        func next() -> UInt64 { generator.next() }
        let modules = ["parser", "lexer", "ast_nodes", "visitor", "codegen", "optimizer", "emitter", "utils"]
        // 240 Python functions; each calls up to five others later in the list or itself.
        let functions: [String] = (0..<240).map { index in
            let module = modules[index % modules.count]
            let line = 12 + (index * 37) % 900
            let kind = ["parse", "visit", "emit", "lower", "check", "walk", "fold", "merge"][index / 30]
            return
                "\(module).\(kind)_\(index / modules.count)_\(index % 7) (/home/user/project/src/\(module).py:\(line))"
        }
        let callees: [[Int]] = (0..<functions.count).map { index in
            (0..<(2 + Int(next() % 4))).map { _ in
                let ahead = index + 1 + Int(next() % 40)
                return ahead < functions.count ? ahead : -1 - Int(next() % UInt64(Self.builtins.count))
            }
        }
        let recursive = Set((0..<functions.count).filter { $0 % 9 == 4 })
        let threads = [(pid: 222_321, tid: 222_321, name: "MainThread"), (pid: 222_321, tid: 222_338, name: "Worker")]

        var output = [UInt8]()
        output.reserveCapacity(events * 150 + 4096)
        output += Array("{\"traceEvents\": [".utf8)
        output += Array(
            "{\"ph\": \"M\", \"pid\": 222321, \"tid\": 222321, \"name\": \"process_name\", \"args\": {\"name\": \"MainProcess\"}}"
                .utf8)
        for thread in threads {
            output += Array(
                ", {\"ph\": \"M\", \"pid\": \(thread.pid), \"tid\": \(thread.tid), \"name\": \"thread_name\", \"args\": {\"name\": \"\(thread.name)\"}}"
                    .utf8)
        }
        // Clocks in whole nanoseconds per thread.
        var clocks = [Int64](repeating: 81_995_702_647_507, count: threads.count)
        var written = 0
        // A call being made: its function (negative: a builtin), start, children still to call.
        struct Frame {
            var function: Int
            var start: Int64
            var remaining: Int
            var depth: Int
        }
        var stack: [Frame] = []
        while written < events {
            let thread = written % 3 == 2 ? 1 : 0
            var clock = clocks[thread]
            stack.removeAll(keepingCapacity: true)
            stack.append(Frame(function: Int(next() % 16), start: clock, remaining: 3 + Int(next() % 4), depth: 0))
            clock += Int64(200 + next() % 800)
            while let top = stack.last, written < events {
                if top.remaining > 0, top.function >= 0, top.depth < 30 {
                    stack[stack.count - 1].remaining -= 1
                    let options = callees[top.function]
                    var callee = options[Int(next() % UInt64(options.count))]
                    if recursive.contains(top.function), next() % 3 != 0 { callee = top.function }
                    let children = callee < 0 ? 0 : Int(next() % UInt64(max(1, 5 - top.depth / 8)))
                    stack.append(Frame(function: callee, start: clock, remaining: children, depth: top.depth + 1))
                    clock += Int64(80 + next() % 400)
                    continue
                }
                // Returns: viztracer writes the event now, with the duration it measured.
                stack.removeLast()
                clock += Int64(top.function < 0 ? 30 + next() % 900 : 150 + next() % 2_000)
                let name = top.function < 0 ? Self.builtins[-1 - top.function] : functions[top.function]
                // A float duration as perf_counter differences give it: not a whole number of ns.
                let duration = Double(clock - top.start) / 1000 + Double(next() % 1_000) / 10_000_000
                let line =
                    ", {\"pid\": \(threads[thread].pid), \"tid\": \(threads[thread].tid), \"ts\": \(Self.fixed3(top.start)), \"ph\": \"X\", \"dur\": \(duration), \"name\": \"\(name)\", \"cat\": \"FEE\"}"
                output += Array(line.utf8)
                written += 1
                clock += Int64(20 + next() % 200)
            }
            clocks[thread] = clock + Int64(next() % 5_000)
        }
        output += Array(
            "], \"viztracer_metadata\": {\"version\": \"0.16.3\", \"overflow\": false}, \"file_info\": {\"files\": {}, \"functions\": {}}}\n"
                .utf8)
        return output
    }

    /// Nanoseconds as microseconds with three decimals, as viztracer writes `ts`.
    static func fixed3(_ nanoseconds: Int64) -> String {
        let fraction = nanoseconds % 1000
        return "\(nanoseconds / 1000).\(fraction < 10 ? "00" : fraction < 100 ? "0" : "")\(fraction)"
    }
}

/// Writes collapsed stacks shaped like a C++ compiler's profile (`perf record -g` of clang,
/// through `stackcollapse-perf.pl`), the same bytes for the same seed: `stacks` distinct
/// stacks, sorted, about 43 frames deep on average (20 to ~90), under a common driver prefix,
/// with recursive descent in the parser, template instantiation and the optimizer's passes,
/// frames named as demangled C++ (`clang::Sema::BuildCallExpr12(Expr*)`), counts from 1 into the hundreds.
///
/// As in real profiles, a stack differs from its neighbour near the leaf: each one keeps most of
/// the previous one's frames (a few new nodes per stack in the call tree, as perf's stacks of
/// FlameGraph's examples), now and then climbing back toward the driver for another part of
/// the compile.
struct CompilerStacksGenerator {
    var stacks: Int
    var seed: UInt64

    func bytes() -> [UInt8] {
        var generator = SeededGenerator(seed: seed)
        func next() -> UInt64 { generator.next() }
        let prefix = [
            "clang", "__libc_start_main", "main", "clang_main", "ExecuteCC1Tool", "cc1_main",
            "clang::ExecuteCompilerInvocation", "clang::CompilerInstance::ExecuteAction",
            "clang::FrontendAction::Execute",
        ]
        // Families of functions: (namespace::Class, how many, whether they recurse into each other).
        let families: [(scope: String, count: Int, recursive: Bool)] = [
            ("clang::Parser", 220, true), ("clang::Sema", 420, true),
            ("clang::TreeTransform<TemplateInstantiator>", 160, true), ("clang::ASTContext", 90, false),
            ("clang::CodeGen::CodeGenFunction", 260, true), ("clang::CodeGen::CodeGenModule", 80, false),
            ("llvm::InstCombinerImpl", 180, false), ("llvm::SelectionDAG", 150, false),
            ("llvm::DAGCombiner", 120, false),
            ("llvm::LoopVectorizePass", 60, false), ("llvm::ScalarEvolution", 140, true),
            ("llvm::MachineFunction", 70, false), ("llvm::X86TargetLowering", 110, false),
            ("llvm::detail::PassModel", 50, false), ("llvm::DenseMapBase", 40, false),
        ]
        let verbs = [
            "Parse", "Act", "Build", "Check", "Instantiate", "Transform", "Emit", "Visit", "Lower", "Fold", "Combine",
            "Lookup", "Deduce", "Run", "Get",
        ]
        let nouns = [
            "Expr", "Decl", "Stmt", "Type", "Call", "Template", "Member", "Cast", "Init", "Block", "Node", "Value",
            "Loop",
            "Operand", "Scope",
        ]
        let arguments = [
            "", "Expr*", "Decl*, bool", "SourceLocation", "Value*", "QualType", "SDNode*", "unsigned", "Scope*",
            "Instruction&",
        ]
        var names: [String] = []
        var familyOf: [Int] = []
        var familyStart: [Int] = []
        for (family, entry) in families.enumerated() {
            familyStart.append(names.count)
            for index in 0..<entry.count {
                let verb = verbs[Int(next() % UInt64(verbs.count))]
                let noun = nouns[Int(next() % UInt64(nouns.count))]
                let argument = arguments[Int(next() % UInt64(arguments.count))]
                names.append("\(entry.scope)::\(verb)\(noun)\(index)(\(argument))")
                familyOf.append(family)
            }
        }
        familyStart.append(names.count)
        // Each function calls into its own family (recursion) or the next few.
        func callee(of function: Int) -> Int {
            let family = familyOf[function]
            let stay = families[family].recursive ? next() % 3 != 0 : next() % 4 == 0
            let target = stay ? family : min(families.count - 1, family + 1 + Int(next() % 3))
            let size = familyStart[target + 1] - familyStart[target]
            // Skewed toward a family's first functions: hot paths repeat.
            let pick = Int(next() % UInt64(size)) * Int(next() % UInt64(size)) / size
            return familyStart[target] + pick
        }
        func start() -> Int {
            next() % 3 == 0 ? familyStart[4] + Int(next() % 20) : familyStart[0] + Int(next() % 12)
        }
        var seen = Set<[UInt16]>()
        var lines: [String] = []
        lines.reserveCapacity(stacks)
        var frames: [UInt16] = [UInt16(start())]
        while lines.count < stacks {
            // Keep the previous stack up to a frame near its leaf (deeper stacks climb more, so
            // depth stays near 34 frames under the 9 of the driver), then descend anew.
            let climb = 1 + Int(next() % 4) + (frames.count > 44 ? 2 : 0) + (next() % 16 == 0 ? Int(next() % 20) : 0)
            var keep = max(1, frames.count - climb)
            if next() % 500 == 0 { keep = 1 }
            frames.removeLast(frames.count - keep)
            if keep == 1, next() % 2 == 0 { frames[0] = UInt16(start()) }
            let depth = min(80, keep + 1 + Int(next() % 6))
            while frames.count < depth { frames.append(UInt16(callee(of: Int(frames[frames.count - 1])))) }
            guard seen.insert(frames).inserted else { continue }
            let count = 1 + Int(next() % 4) * Int(next() % 4) * Int(1 + next() % 200) / 8
            lines.append((prefix + frames.map { names[Int($0)] }).joined(separator: ";") + " \(count)\n")
        }
        lines.sort()
        return Array(lines.joined().utf8)
    }
}
