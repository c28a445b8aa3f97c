/// How a dtrace frame line becomes frame names: the rules of inferno-collapse-dtrace (itself
/// FlameGraph's stackcollapse.pl), so that a flame graph made here has the frames theirs has.
///
/// 1. The offset is dropped: `libc.so.1`memcpy+0x1c` → `libc.so.1`memcpy` (a last `+` followed
///    by `0x` and hex digits or by decimal digits, to the end of the line; inferno drops after
///    any last `+`, which would also cut `operator+`).
/// 2. C++ argument lists go: in a name with `::`, everything from the last `(` or `<` after the
///    first `::` (`libjvm.dylib`JavaCalls::call_helper(JavaValue*, …)` →
///    `libjvm.dylib`JavaCalls::call_helper`). A name without `::` keeps its parentheses.
/// 3. Rust symbols dtrace demangled only halfway lose their hash and have their escapes decoded
///    (`_$LT$F$u20$as$u20$Fn$GT$::call::h0123456789abcdef` → `<F as Fn>::call`).
/// 4. Java inlined frames (`jstack()`'s `foo->bar`) become one frame each, the inlined ones
///    marked `_[i]`, leading `L`s dropped; `;` in a name becomes `:`.
/// 5. The module stays before its backquote (`genunix`fop_write`), as the user reads it; an
///    unsymbolized address stays as printed (`0xfffffffffb8001d6`); an empty name is `-`.
enum DTraceFrameName {
    /// The frame of a count with no frames above it.
    static let emptyStack = "[empty stack]"

    /// The frames one line names, the caller first (more than one for inlined Java frames).
    static func names(of line: String) -> [String] {
        var frame = Substring(removingOffset(line))
        let hasInlines = line.contains("->")
        if line.contains("::") { frame = withoutArguments(frame) }
        var name = frame.isEmpty ? "-" : fixingRustSymbol(frame)
        if name.contains(";") { name = name.replacing(";", with: ":") }
        guard hasInlines else { return [name] }
        var names: [String] = []
        for part in name.split(separator: "->", omittingEmptySubsequences: false) {
            var function = String(part.drop { $0 == "L" })
            if !names.isEmpty { function += "_[i]" }
            names.append(function)
        }
        return names
    }

    /// The text before a trailing `+0x1c` or `+28`.
    static func removingOffset(_ line: String) -> String {
        guard let plus = line.lastIndex(of: "+") else { return line }
        let offset = line[line.index(after: plus)...]
        let digits = offset.hasPrefix("0x") ? offset.dropFirst(2) : offset
        guard !digits.isEmpty else { return line }
        let isOffset =
            offset.hasPrefix("0x") ? digits.allSatisfy(\.isHexDigit) : digits.allSatisfy { ("0"..."9").contains($0) }
        return isOffset ? String(line[..<plus]) : line
    }

    /// inferno's `uncpp`: from the first `::`, cut at the last `(` or `<` after it.
    static func withoutArguments(_ frame: Substring) -> Substring {
        guard let scope = frame.range(of: "::") else { return frame }
        let rest = frame[scope.upperBound...]
        guard let open = rest.lastIndex(where: { $0 == "(" || $0 == "<" }) else { return frame }
        return frame[..<open]
    }

    /// `module`symbol` with the symbol's half-demangled Rust fixed; other names unchanged.
    static func fixingRustSymbol(_ frame: Substring) -> String {
        guard let tick = frame.firstIndex(of: "`") else { return String(frame) }
        let module = frame[..<tick]
        let symbol = frame[frame.index(after: tick)...]
        guard let fixed = demangledRust(String(symbol.trimmingTrailingSpaces)) else { return String(frame) }
        return module + "`" + fixed
    }

    static let rustEscapes: [(String, String)] = [
        ("$SP$", "@"), ("$BP$", "*"), ("$RF$", "&"), ("$LT$", "<"), ("$GT$", ">"), ("$LP$", "("), ("$RP$", ")"),
        ("$C$", ","), ("$u7e$", "~"), ("$u20$", " "), ("$u27$", "'"), ("$u3d$", "="), ("$u5b$", "["), ("$u5d$", "]"),
        ("$u7b$", "{"), ("$u7d$", "}"), ("$u3b$", ";"), ("$u2b$", "+"), ("$u21$", "!"), ("$u22$", "\""),
    ]

    /// A legacy Rust symbol with its `h` + 16 hex digits hash, decoded as rustc-demangle's legacy
    /// decoder does (`..` → `::`, `$LT$` → `<`…); nil when the symbol ends in no such hash.
    static func demangledRust(_ symbol: String) -> String? {
        let hashLength = 17
        guard symbol.utf8.count >= hashLength else { return nil }
        let hash = symbol.utf8.suffix(hashLength)
        guard hash.first == UInt8(ascii: "h"),
            hash.dropFirst().allSatisfy({ Character(Unicode.Scalar($0)).isHexDigit })
        else { return nil }
        var rest = Substring(String(decoding: symbol.utf8.dropLast(hashLength), as: UTF8.self))
        if rest.hasSuffix("::") { rest = rest.dropLast(2) }
        if rest.hasPrefix("_$") { rest = rest.dropFirst() }
        var demangled = ""
        while !rest.isEmpty {
            if rest.hasPrefix("..") {
                demangled += "::"
                rest = rest.dropFirst(2)
            } else if rest.hasPrefix(".") {
                demangled += "."
                rest = rest.dropFirst()
            } else if rest.hasPrefix("$") {
                guard let escape = rustEscapes.first(where: { rest.hasPrefix($0.0) }) else {
                    demangled += rest
                    break
                }
                demangled += escape.1
                rest = rest.dropFirst(escape.0.count)
            } else {
                let end = rest.firstIndex { $0 == "$" || $0 == "." } ?? rest.endIndex
                demangled += rest[..<end]
                rest = rest[end...]
            }
        }
        return demangled
    }
}

extension Substring {
    fileprivate var trimmingTrailingSpaces: Substring {
        var text = self
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return text
    }
}
