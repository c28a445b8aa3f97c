import HotpathModel

/// Reads the TOML subset Hotpath's configuration uses: `# comments`, `[analysis]`,
/// `[budgets."operation name"]` (or `[budgets.name]`), and `key = value` lines whose values are
/// numbers, booleans, or strings with units (`"5 ms"`, `"50 MiB"`). Every unknown section, key or
/// bad value is an error naming it and its line.
extension Configuration {
    public static func parse(_ text: String) throws(ConfigurationError) -> Configuration {
        var configuration = Configuration()
        var section: Section?
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            let line = stripComment(String(rawLine)).trimmed
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else {
                    throw ConfigurationError(line: lineNumber, message: "expected ']' to close the section header")
                }
                section = try parseSection(String(line.dropFirst().dropLast()).trimmed, line: lineNumber)
                if case .budget(let name) = section, configuration.budgets[name] == nil {
                    configuration.budgets[name] = Budget()
                }
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw ConfigurationError(line: lineNumber, message: "expected 'key = value' or a [section]")
            }
            let key = String(line[..<equals]).trimmed
            let value = try Value(String(line[line.index(after: equals)...]).trimmed, line: lineNumber)
            switch section {
            case nil:
                throw ConfigurationError(
                    line: lineNumber, message: "\"\(key)\" must be inside a section: [analysis] or [budgets.\"name\"]")
            case .analysis:
                try configuration.analysis.set(key, value, line: lineNumber)
            case .budget(let name):
                try configuration.budgets[name, default: Budget()].set(
                    key, value, isRun: name == "run", line: lineNumber)
            }
        }
        return configuration
    }

    enum Section: Equatable {
        case analysis
        case budget(String)
    }

    static func parseSection(_ header: String, line: Int) throws(ConfigurationError) -> Section {
        if header == "analysis" { return .analysis }
        if header.hasPrefix("budgets.") {
            var name = String(header.dropFirst("budgets.".count)).trimmed
            if name.hasPrefix("\"") {
                guard name.count >= 2, name.hasSuffix("\"") else {
                    throw ConfigurationError(line: line, message: "expected a closing '\"' in the budget's name")
                }
                name = String(name.dropFirst().dropLast())
            }
            guard !name.isEmpty else {
                throw ConfigurationError(line: line, message: "a budget needs an operation name")
            }
            return .budget(name)
        }
        throw ConfigurationError(
            line: line,
            message: "unknown section [\(header)]\(suggestion(header, among: ["analysis", "budgets.\"name\""]))")
    }

    static func stripComment(_ line: String) -> String {
        var inString = false
        var result = ""
        for character in line {
            if character == "\"" { inString.toggle() }
            if character == "#" && !inString { break }
            result.append(character)
        }
        return result
    }

    /// " (did you mean \"x\"?)" for a close match, else "".
    static func suggestion(_ word: String, among candidates: [String]) -> String {
        let best = candidates.min { editDistance(word, $0) < editDistance(word, $1) }
        guard let best, editDistance(word, best) <= max(2, word.count / 3) else {
            return "; expected one of: " + candidates.joined(separator: ", ")
        }
        return " (did you mean \"\(best)\"?)"
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}

/// A parsed right-hand side.
struct Value {
    enum Kind {
        case number(Double)
        case bool(Bool)
        case string(String)
    }

    var kind: Kind
    var text: String

    init(_ text: String, line: Int) throws(ConfigurationError) {
        self.text = text
        if text == "true" || text == "false" {
            kind = .bool(text == "true")
        } else if text.hasPrefix("\"") {
            guard text.count >= 2, text.hasSuffix("\"") else {
                throw ConfigurationError(line: line, message: "expected a closing '\"' in \(text)")
            }
            kind = .string(String(text.dropFirst().dropLast()))
        } else if let number = Double(text.replacingUnderscores), number.isFinite {
            kind = .number(number)
        } else {
            throw ConfigurationError(
                line: line, message: "expected a number, true/false or a quoted string, found \(text)")
        }
    }

    /// A plain fraction in 0...1, or a percentage string like "80%".
    func fraction(_ key: String, line: Int) throws(ConfigurationError) -> Double {
        var result: Double?
        switch kind {
        case .number(let number): result = number
        case .string(let string) where string.hasSuffix("%"):
            result = Double(String(string.dropLast()).trimmed).map { $0 / 100 }
        default: break
        }
        guard let value = result, value >= 0, value <= 1 else {
            throw ConfigurationError(
                line: line,
                message: "\(key) must be a fraction from 0 to 1 (or a percentage like \"80%\"), found \(text)")
        }
        return value
    }

    /// A probability strictly between 0 and 1: a level of 0 would never raise an alarm, 1 always.
    /// `true` or `false`.
    func bool(_ key: String, line: Int) throws(ConfigurationError) -> Bool {
        if case .bool(let value) = kind { return value }
        throw ConfigurationError(line: line, message: "\(key) must be true or false, found \(text)")
    }

    /// A measure by name: `"real_time"` or `"cpu_time"` (also `real`, `cpu`).
    func measure(_ key: String, line: Int) throws(ConfigurationError) -> TimeMeasure {
        if case .string(let string) = kind, let measure = TimeMeasure(name: string) { return measure }
        throw ConfigurationError(line: line, message: "\(key) must be \"real_time\" or \"cpu_time\", found \(text)")
    }

    func level(_ key: String, line: Int) throws(ConfigurationError) -> Double {
        var result: Double?
        switch kind {
        case .number(let number): result = number
        case .string(let string) where string.hasSuffix("%"):
            result = Double(String(string.dropLast()).trimmed).map { $0 / 100 }
        default: break
        }
        guard let value = result, value > 0, value < 1 else {
            throw ConfigurationError(
                line: line,
                message: "\(key) must be a number between 0 and 1, exclusive (e.g. 0.05 or \"5%\"), found \(text)")
        }
        return value
    }

    func positive(_ key: String, line: Int) throws(ConfigurationError) -> Double {
        guard case .number(let number) = kind, number > 0 else {
            throw ConfigurationError(line: line, message: "\(key) must be a positive number, found \(text)")
        }
        return number
    }

    /// A duration: a number of nanoseconds or a string with a unit (ns, us, µs, ms, s, min).
    func duration(_ key: String, line: Int) throws(ConfigurationError) -> Double {
        try measure(
            key, line: line, units: ["ns": 1, "us": 1e3, "µs": 1e3, "ms": 1e6, "s": 1e9, "min": 60e9],
            what: "a duration like \"5 ms\"")
    }

    /// A size: a number of bytes or a string with a unit (B, KB, KiB, MB, MiB, GB, GiB).
    func bytes(_ key: String, line: Int) throws(ConfigurationError) -> Double {
        try measure(
            key, line: line,
            units: ["B": 1, "KB": 1e3, "KiB": 1024, "MB": 1e6, "MiB": 1_048_576, "GB": 1e9, "GiB": 1_073_741_824],
            what: "a size like \"50 MiB\"")
    }

    private func measure(_ key: String, line: Int, units: [String: Double], what: String) throws(ConfigurationError)
        -> Double
    {
        switch kind {
        case .number(let number) where number > 0:
            return number
        case .string(let string):
            let trimmed = string.trimmed
            let split = trimmed.firstIndex { !($0.isNumber || $0 == "." || $0 == "_") } ?? trimmed.endIndex
            let number = Double(String(trimmed[..<split]).replacingUnderscores)
            let unit = String(trimmed[split...]).trimmed
            if let number, number > 0, let factor = units[unit] { return number * factor }
        default:
            break
        }
        throw ConfigurationError(
            line: line,
            message: "\(key) must be \(what) (units: \(units.keys.sorted().joined(separator: ", "))), found \(text)")
    }
}

extension AnalysisOptions {
    static let keys = [
        "hot_path_threshold", "memory_budget", "async_target", "cache_hit_target", "target_speedup",
        "relative_threshold", "false_discovery_rate", "batch_min_count", "batch_max_mean_bytes", "benchmark_measure",
        "attribution",
    ]

    /// Keys of earlier versions, with what replaced them: an error that says how to update.
    static let replacedKeys = [
        "significance":
            "\"significance\" was replaced by \"false_discovery_rate\" (default 0.05): verdicts now control false alarms across all operations compared (Benjamini–Hochberg), see Docs/analysis.md",
        "max_cv":
            "\"max_cv\" was replaced by the noise model: an operation too noisy to judge is \"inconclusive\", with the samples it needs, see Docs/analysis.md",
    ]

    mutating func set(_ key: String, _ value: Value, line: Int) throws(ConfigurationError) {
        switch key {
        case "hot_path_threshold": hotPathThreshold = try value.fraction(key, line: line)
        case "memory_budget": memoryBudgetBytes = try value.bytes(key, line: line)
        case "async_target": asyncTarget = try value.fraction(key, line: line)
        case "cache_hit_target": cacheHitTarget = try value.fraction(key, line: line)
        case "target_speedup": targetSpeedup = try value.positive(key, line: line)
        case "relative_threshold": relativeThreshold = try value.fraction(key, line: line)
        case "false_discovery_rate": falseDiscoveryRate = try value.level(key, line: line)
        case "batch_min_count": batchMinimumCount = Int(try value.positive(key, line: line))
        case "batch_max_mean_bytes": batchMaximumMeanBytes = try value.bytes(key, line: line)
        case "benchmark_measure": measure = try value.measure(key, line: line)
        case "attribution": attribution = try value.bool(key, line: line)
        default:
            if let replaced = Self.replacedKeys[key] { throw ConfigurationError(line: line, message: replaced) }
            throw ConfigurationError(
                line: line,
                message: "unknown key \"\(key)\" in [analysis]\(Configuration.suggestion(key, among: Self.keys))")
        }
    }
}

extension Budget {
    mutating func set(_ key: String, _ value: Value, isRun: Bool, line: Int) throws(ConfigurationError) {
        switch key {
        case "mean": mean = try value.duration(key, line: line)
        case "p50": p50 = try value.duration(key, line: line)
        case "p95": p95 = try value.duration(key, line: line)
        case "p99": p99 = try value.duration(key, line: line)
        case "memory": memory = try value.bytes(key, line: line)
        case "total" where isRun: total = try value.duration(key, line: line)
        default:
            let keys = ["mean", "p50", "p95", "p99", "memory"] + (isRun ? ["total"] : [])
            throw ConfigurationError(
                line: line, message: "unknown budget key \"\(key)\"\(Configuration.suggestion(key, among: keys))")
        }
    }
}

extension String {
    var trimmed: String {
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view.removeFirst() }
        while let last = view.last, last.isWhitespace { view.removeLast() }
        return String(view)
    }

    fileprivate var replacingUnderscores: String { filter { $0 != "_" } }
}
