import Foundation
import HotpathModel
import Testing
import _HotpathTestSupport

@testable import HotpathIngest

/// What `Fixtures/oracles/callgrind_oracle.py` counted in each vendored callgrind file.
struct CallgrindOracle: Decodable {
    struct Function: Decodable {
        var own: Double
        var inclusive: Double
        var onCycle: Bool
        var consistentBelow: Bool

        enum CodingKeys: String, CodingKey {
            case own = "self"
            case inclusive
            case onCycle = "on_cycle"
            case consistentBelow = "consistent_below"
        }
    }
    var refused: String?
    var events: [String]?
    var totals: [String: Double]?
    var functions: Int?
    // swift-format-ignore: AlwaysUseLowerCamelCase
    var shared_callees: Int?
    // swift-format-ignore: AlwaysUseLowerCamelCase
    var per_function: [String: Function]?

    static let folder = "other/callgrind"

    static let all: [String: CallgrindOracle] = {
        let url = URL(fileURLWithPath: Fixtures.path("oracles/callgrind-oracle.json"))
        guard let data = try? Data(contentsOf: url) else { return [:] }
        return (try? JSONDecoder().decode([String: CallgrindOracle].self, from: data)) ?? [:]
    }()
}

/// Per frame: the weight of the stacks it ends (self) and of those it is in, once each (total).
func selfAndTotal(_ stacks: StackTable) -> [String: (own: Double, total: Double)] {
    var result: [String: (own: Double, total: Double)] = [:]
    for stack in stacks {
        for frame in Set(stack.frames) { result[frame, default: (0, 0)].total += stack.weight }
        if let leaf = stack.frames.last { result[leaf, default: (0, 0)].own += stack.weight }
    }
    return result
}

@Suite struct CallgrindImporterTests {
    static let fixtureNames = sampleNames(CallgrindOracle.folder)

    @Test func theOracleCoversEveryFixture() {
        #expect(Self.fixtureNames.count >= 7)
        #expect(Set(Self.fixtureNames) == Set(CallgrindOracle.all.keys))
    }

    @Test(arguments: fixtureNames)
    func everyFixtureAgreesWithTheOracle(_ name: String) throws {
        let oracle = try #require(CallgrindOracle.all[name])
        let path = Samples.path(CallgrindOracle.folder + "/" + name)
        if oracle.refused != nil {
            let error = try #require(loadError(path))
            #expect(error.format == .callgrind)
            #expect(error.kind == .syntax)
            #expect(error.line != nil && error.column != nil)
            return
        }
        let dump = try load(path)
        #expect(dump.format == .callgrind)
        let events = try #require(oracle.events)
        let labels = dump.profile.run.labels
        #expect(labels["callgrind.events"] == events.joined(separator: ", "))
        #expect(labels["callgrind.measure"] == events[0])
        #expect(labels["callgrind.functions"] == oracle.functions.map(String.init))
        for event in events {
            #expect(Double(labels["callgrind.\(event).total"] ?? "") == oracle.totals?[event], "\(event)")
        }
        let found = selfAndTotal(dump.profile.stacks)
        let functions = try #require(oracle.per_function)
        let grandTotal = oracle.totals?[events[0]] ?? 0
        let factor: Double = events[0].hasPrefix("Time_(10ns)") ? 10 : 1
        let weighed: Double = dump.profile.stacks.weights.reduce(0, +)
        #expect(abs(weighed - grandTotal * factor) <= 1e-6 * grandTotal * factor)
        for (function, expected) in functions {
            let got = found[function] ?? (0, 0)
            // Every function's self cost is callgrind's, whatever the graph's shape.
            let expectedSelf: Double = expected.own * factor
            #expect(abs(got.own - expectedSelf) <= 1e-6 * max(1, expectedSelf), "\(function)")
            // Its total is callgrind's inclusive cost off cycles, for every function that counts,
            // where the costs of the calls below it agree with the callees' own costs.
            if !expected.onCycle, expected.consistentBelow, expected.inclusive >= grandTotal / 100 {
                let inclusive: Double = expected.inclusive * factor
                #expect(
                    abs(got.total - inclusive) <= 0.005 * inclusive + 1,
                    "\(function): total \(got.total), inclusive \(inclusive)")
            }
        }
        if let shared = oracle.shared_callees, shared > 0 {
            #expect(dump.hasWarning(containing: "callgrind records a call graph, not stacks"))
        }
    }

    static let example = """
        # callgrind format
        version: 1
        creator: hand
        positions: line
        events: Ir Dr

        fl=(1) main.c
        fn=(1) main
        16 20 4
        cfn=(2) work
        calls=1 50
        16 200 20
        cfi=(2) util.c
        cfn=(3) shared
        calls=3 20
        +1 300 30

        fn=(2)
        51 100 10
        cfl=(2)
        cfn=(3)
        calls=2 20
        * 100 10

        fl=(2)
        fn=(3)
        20 400 40
        -2

        """

    @Test func compressedNamesAndPositionsGiveSelfAndInclusivePerFunction() throws {
        let dump = try Ingestor().load(text: Self.example, name: "callgrind.out.1")
        #expect(dump.format == .callgrind)
        let found = selfAndTotal(dump.profile.stacks)
        #expect(found["main"]?.own == 20)
        #expect(found["main"]?.total == 520)
        #expect(found["work"]?.own == 100)
        #expect(found["work"]?.total == 200)
        #expect(found["shared"]?.own == 400)
        #expect(found["shared"]?.total == 400)
        // shared's 400 split between its callers by their calls' inclusive cost, 300 and 100.
        let paths = Dictionary(uniqueKeysWithValues: dump.profile.stacks.map { ($0.frames, $0.weight) })
        #expect(paths[["main", "shared"]] == 300)
        #expect(paths[["main", "work", "shared"]] == 100)
        #expect(dump.profile.stackWeightUnit == .samples)
        #expect(dump.profile.run.labels["callgrind.Dr.total"] == "54")
        #expect(dump.profile.run.labels["callgrind.calls"] == "6")
        #expect(dump.profile.locations["main"] == CodeLocation(file: "main.c", line: 16))
        #expect(dump.profile.locations["shared"] == CodeLocation(file: "util.c", line: 20))
        #expect(dump.hasWarning(containing: "1 function has several callers"))
        #expect(dump.hasWarning(containing: "--measure EVENT picks another"))
    }

    @Test func measurePicksAnotherEventAndAnUnknownOneIsAnError() throws {
        var options = IngestOptions()
        options.sampleType = "dr"
        let dump = try Ingestor(options: options).load(text: Self.example, name: "callgrind.out.1")
        #expect(dump.profile.run.labels["callgrind.measure"] == "Dr")
        #expect(dump.profile.stacks.weights.reduce(0, +) == 54)
        options.sampleType = "cycles"
        let error = try #require(loadError(text: Self.example, name: "callgrind.out.1", options: options))
        #expect(error.kind == .invalidContent)
        #expect(error.message.contains("--measure cycles"))
        #expect(error.message.contains("Ir, Dr"))
        #expect(error.line == 5)
    }

    @Test func timeAndByteEventsWeighNanosecondsAndBytes() throws {
        let text = "events: Time_(10ns) Memory_(bytes)\nfn=a\n1 7 100\n"
        let dump = try Ingestor().load(text: text, name: "cachegrind.out.x")
        #expect(dump.profile.stackWeightUnit == .nanoseconds)
        #expect(dump.profile.stacks.weights == [70])
        var options = IngestOptions()
        options.sampleType = "Memory_(bytes)"
        let memory = try Ingestor(options: options).load(text: text, name: "cachegrind.out.x")
        #expect(memory.profile.stackWeightUnit == .bytes)
        #expect(memory.profile.stacks.weights == [100])
    }

    @Test func recursionThroughOtherFunctionsIsCutAndSaid() throws {
        let text = """
            events: Ir
            fn=a
            1 10
            cfn=b
            calls=1 1
            1 50
            fn=b
            1 20
            cfn=a
            calls=1 1
            1 30
            """
        let dump = try Ingestor().load(text: text, name: "callgrind.out.2")
        let found = selfAndTotal(dump.profile.stacks)
        #expect(found["a"]?.own == 10)
        #expect(found["b"]?.own == 20)
        #expect(dump.profile.stacks.weights.reduce(0, +) == 30)
        #expect(dump.hasWarning(containing: "1 call closing a cycle"))
    }

    @Test func partsAreSummedAndUnsymbolizedFunctionsNameTheirObject() throws {
        let text = """
            # callgrind format
            events: Ir
            part: 1
            ob=(1) /usr/lib/libc.so.6
            fn=(1) 0x0000000000001140
            0 5
            totals: 5
            part: 2
            ob=(2) ./app
            fn=(2) 0x0000000000001140
            0 7
            fn=(1)
            0 1
            totals: 8
            """
        let dump = try Ingestor().load(text: text, name: "callgrind.out.3")
        let found = selfAndTotal(dump.profile.stacks)
        #expect(found["0x0000000000001140 (libc.so.6)"]?.own == 6)
        #expect(found["0x0000000000001140 (app)"]?.own == 7)
        #expect(dump.profile.run.labels["callgrind.parts"] == "2")
        #expect(dump.diagnostics.filter { $0.severity == .warning }.isEmpty)
    }

    /// `text` with one `^` marking where the error must point; the caret's line is removed.
    static func marked(_ text: String) -> (text: String, line: Int, column: Int) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let markerLine = lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == "^" }!
        let column = lines[markerLine].firstIndex(of: "^")!.utf16Offset(in: lines[markerLine]) + 1
        lines.remove(at: markerLine)
        return (lines.joined(separator: "\n"), markerLine, column)
    }

    @Test(arguments: [
        // A call's cost line cut off by the file's end.
        ("events: Ir\nfn=a\ncfn=b\ncalls=1 1\n", "looks truncated"),
        ("events: Ir\nfn=a\n1 2 3\n^", "2 costs on a line, but \"events:\" names 1"),
        ("events: Ir\nfn=a\n1 2\ncfn=b\ncalls=1 1\n^", "looks truncated"),
        ("events: Ir\nfn=a\n1 1x\n  ^", "looks truncated"),
        ("events: Ir\nfn=a\n1 1x\n  ^\n", "expected an event count, found \"1x\""),
        ("events: Ir\nfn=(3)\n   ^", "function (3) is used before a line defines it"),
        ("events: Ir\nfn=a\ncalls=2 5\n^", "without a \"cfn=\""),
        ("events: Ir\n1 5\n^", "a cost line before any \"fn=\""),
        ("# callgrind format\nfn=a\n1 5\n^", "before the \"events:\" header"),
        ("events: Ir\nfn=a\nx 5\n^", "expected a \"key: value\" header"),
        ("events: Ir\nfn=a\n1 5\ncfn=b\ncalls=1 1\nfn=c\n^", "expected the cost line of the calls="),
    ])
    func brokenInputIsAPositionedError(_ example: (String, String)) throws {
        var (text, line, column) = (example.0, 0, 0)
        if text.contains("^") {
            (text, line, column) = Self.marked(text)
        }
        var options = IngestOptions()
        options.forcedFormat = .callgrind
        let error = try #require(loadError(text: text, name: "callgrind.out.9", options: options))
        #expect(error.message.contains(example.1), "\(error.message)")
        #expect(error.format == .callgrind)
        if line > 0 {
            #expect(error.line == line, "\(error)")
            #expect(error.column == column, "\(error)")
        } else {
            #expect(error.line != nil)
        }
    }

    @Test func detectedByContentWithoutItsHeaderComment() throws {
        let text =
            "version: 1\ncreator: xdebug 3.0.2\ncmd: index.php\npart: 1\n\nevents: Time_(10ns)\n\nfl=(1) a.php\nfn=(1) main\n1 5\n"
        #expect(try Ingestor().load(text: text, name: "cachegrind.out.1").format == .callgrind)
        // Prose before the body is not a header: not claimed.
        #expect(loadError(text: "Some notes\nevents: many\nfn=no\n", name: "notes.txt")?.kind == .unknownFormat)
    }
}
