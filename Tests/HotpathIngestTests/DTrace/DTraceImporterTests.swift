import Foundation
import HotpathModel
import Testing
import _HotpathTestSupport

@testable import HotpathIngest

@Suite struct DTraceImporterTests {
    static let folder = "other/dtrace"
    static let fixtureNames = sampleNames(folder)

    /// Each vendored dtrace output and the folded stacks inferno-collapse-dtrace made of it
    /// (`tests/data/collapse-dtrace/results/`, vendored under `collapsed/from-inferno`), and
    /// whether inferno kept the offsets (`--includeoffset`) for that result.
    static let oracles: [(input: String, result: String, offsets: Bool)] = [
        ("from-flamegraph/example-dtrace-stacks.txt.gz", "collapse-dtrace__results__dtrace-example.txt.gz", false),
        (
            "from-flamegraph/example-dtrace-stacks.txt.gz", "collapse-dtrace__results__dtrace-example-offsets.txt.gz",
            true
        ),
        ("from-inferno/collapse-dtrace__flamegraph-bug.txt", "collapse-dtrace__results__flamegraph-bug.txt", true),
        ("from-inferno/collapse-dtrace__hex-addresses.txt", "collapse-dtrace__results__hex-addresses.txt", false),
        ("from-inferno/collapse-dtrace__java.txt", "collapse-dtrace__results__java.txt", false),
        ("from-inferno/collapse-dtrace__rust-names.txt", "collapse-dtrace__results__rust-names.txt", false),
        (
            "from-inferno/collapse-dtrace__scope_with_no_argument_list.txt",
            "collapse-dtrace__results__scope_with_no_argument_list.txt", false
        ),
        ("from-inferno/collapse-dtrace__stack-ustack.txt", "collapse-dtrace__results__stack-ustack.txt", false),
    ]

    /// The one fixture inferno reads as nothing (it warns): dtrace's header and no stacks.
    static let headerOnly = "from-inferno/collapse-dtrace__only-header-lines.txt"

    @Test func theOracleCoversEveryFixture() {
        #expect(Self.fixtureNames.count >= 8)
        #expect(Set(Self.fixtureNames) == Set(Self.oracles.map(\.input) + [Self.headerOnly]))
    }

    /// Folded stacks (`a;b;c 12`) as stack → count, summed over repeated lines.
    static func folded(_ path: String, droppingOffsets: Bool) throws -> [String: Double] {
        let raw = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let bytes = try InputDecoding.decode(raw, maximumBytes: 1 << 30).bytes
        var stacks: [String: Double] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            let space = try #require(line.lastIndex(of: " "))
            var frames = line[..<space].split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            if droppingOffsets { frames = frames.map(DTraceFrameName.removingOffset) }
            stacks[frames.joined(separator: ";"), default: 0] += try #require(Double(line[line.index(after: space)...]))
        }
        return stacks
    }

    @Test(arguments: oracles.indices)
    func everyFixtureHasInfernosStacksAndCounts(_ index: Int) throws {
        let (input, result, offsets) = Self.oracles[index]
        let dump = try load(Samples.path(Self.folder + "/" + input))
        #expect(dump.format == .dtrace)
        #expect(dump.profile.stackWeightUnit == .samples)
        var found: [String: Double] = [:]
        for stack in dump.profile.stacks { found[stack.frames.joined(separator: ";"), default: 0] += stack.weight }
        let expected = try Self.folded(Samples.path("collapsed/from-inferno/" + result), droppingOffsets: offsets)
        #expect(found.count == expected.count, "\(input)")
        #expect(found.values.reduce(0, +) == expected.values.reduce(0, +), "\(input)")
        let differing = Set(found.keys).symmetricDifference(expected.keys).sorted()
        #expect(differing.isEmpty, "\(input): \(differing.prefix(4))")
        for (stack, count) in expected where found[stack] != count {
            Issue.record("\(input): \(stack) counts \(found[stack] ?? 0), inferno \(count)")
        }
        #expect(dump.profile.run.labels["dtrace.samples"] == formatNumber(expected.values.reduce(0, +)))
    }

    @Test func aHeaderWithoutStacksIsAClearError() throws {
        let error = try #require(loadError(Samples.path(Self.folder + "/" + Self.headerOnly)))
        #expect(error.format == .dtrace)
        #expect(error.message.contains("only dtrace's header, no stacks"), "\(error.message)")
    }

    static let aggregation = """
        CPU     ID                    FUNCTION:NAME
          0  64091                        :tick-60s


                      genunix`fop_write+0x5d
                      unix`sys_syscall+0x17d

                      libc.so.1`__write+0xa
                      app`_$LT$F$u20$as$u20$Fn$GT$::call::h0123456789abcdef+0x12
                      libjvm.dylib`JavaCalls::call_helper(JavaValue*, Thread*)+0x6ae
                      test`foo->bar
                      0xfffffffffb8001d6
                       12

                      libc.so.1`memcpy+0x1c
                      libc.so.1`operator+
                       3


                        2

        """

    @Test func blocksBecomeStacksRootFirstWithTheirCounts() throws {
        let dump = try Ingestor().load(text: Self.aggregation, name: "out.stacks")
        #expect(dump.format == .dtrace)
        let stacks = dump.profile.stacks.map { ($0.frames, $0.weight) }
        #expect(
            stacks.map(\.0) == [
                [
                    "0xfffffffffb8001d6", "test`foo", "bar_[i]", "libjvm.dylib`JavaCalls::call_helper",
                    "app`<F as Fn>::call", "libc.so.1`__write", "unix`sys_syscall", "genunix`fop_write",
                ],
                ["libc.so.1`operator+", "libc.so.1`memcpy"],
                [DTraceFrameName.emptyStack],
            ])
        #expect(stacks.map(\.1) == [12, 3, 2])
        #expect(dump.profile.stackWeightUnit == .samples)
        #expect(dump.profile.run.labels["dtrace.stacks"] == "3")
        #expect(dump.profile.run.labels["dtrace.samples"] == "17")
        #expect(dump.profile.run.labels["dtrace.printed_by"] == ":tick-60s")
        #expect(dump.warningMessages.contains { $0.contains("1 count had no frames above it") })
    }

    @Test func outputWithoutAHeaderReadsTheSame() throws {
        let body = "\n              libc.so.1`memcpy+0x1c\n              app`main+0x8\n               7\n"
        let dump = try Ingestor().load(text: body, name: "quiet.out")
        #expect(dump.format == .dtrace)
        #expect(dump.profile.stacks.map(\.frames) == [["app`main", "libc.so.1`memcpy"]])
        #expect(dump.profile.stacks.map(\.weight) == [7])
    }

    @Test(arguments: [
        // A block cut off: frames and no count after them.
        (
            "CPU ID FUNCTION:NAME\n\n  a`f+0x1\n    1\n\n  a`g+0x1\n  a`main\n  ^",
            "the file ends inside a stack: 2 frames"
        ),
        ("CPU ID FUNCTION:NAME\n\n  a`f+0x1\n    1\n\n  a`g+0x1\n  ^\n\n", "the file ends inside a stack: 1 frame and"),
        // The count line garbled.
        ("CPU ID FUNCTION:NAME\n\n  a`f+0x1\n    -3\n    ^\n", "a count line holds a whole number of samples"),
        ("CPU ID FUNCTION:NAME\n\n  a`f+0x1\n    1e400\n    ^\n", "found \"1e400\""),
        ("CPU ID FUNCTION:NAME\n\n  a`f+0x1\n    NaN\n    ^\n", "found \"NaN\""),
        ("CPU ID FUNCTION:NAME\n\n  a`f+0x1\n    1.5\n    ^\n", "found \"1.5\""),
        ("CPU ID FUNCTION:NAME\n\n  a`f\n    99999999999999999999999\n    ^\n", "too large"),
        // Garbage: an unindented line, binary bytes, a histogram.
        ("CPU ID FUNCTION:NAME\n\n  a`f\n    1\nrandom words\n^\n", "expected an indented stack frame"),
        ("CPU ID FUNCTION:NAME\n\n  a`f\u{1}\u{2}\n     ^\n    1\n", "binary garbage (byte 0x1)"),
        (
            "CPU ID FUNCTION:NAME\n\n  a`f\n\n           value  ------------- Distribution ------------- count\n           ^\n",
            "quantize()/lquantize() histogram"
        ),
    ])
    func brokenOutputIsAPositionedError(_ example: (String, String)) throws {
        let (text, line, column) = CallgrindImporterTests.marked(example.0)
        let error = try #require(loadError(text: text, name: "out.stacks"))
        #expect(error.format == .dtrace)
        #expect(error.message.contains(example.1), "\(error.message)")
        #expect(error.line == line, "\(error)")
        #expect(error.column == column, "\(error)")
    }

    @Test(arguments: [
        ("libc.so.1`memcpy+0x1c", ["libc.so.1`memcpy"]),
        ("libc.so.1`memcpy+28", ["libc.so.1`memcpy"]),
        ("libc.so.1`operator+", ["libc.so.1`operator+"]),
        ("libjvm.dylib`thread_entry(JavaThread*, Thread*)+0x7c", ["libjvm.dylib`thread_entry(JavaThread*, Thread*)"]),
        ("a`TestClass::TestClass2<blargh>(const char*)+0x1", ["a`TestClass::TestClass2<blargh>"]),
        ("a`std::sys::unix::fs::File::open::hb90e1c1c787080f0+0x1", ["a`std::sys::unix::fs::File::open"]),
        (
            "a`_$LT$std..fs..ReadDir$u20$as$u20$core..iter..traits..iterator..Iterator$GT$::next::hc14f1750ca79129b",
            ["a`<std::fs::ReadDir as core::iter::traits::iterator::Iterator>::next"]
        ),
        ("a`Lcom/x/Y;->Lrun", ["a`Lcom/x/Y:", "run_[i]"]),
        ("+0x10", ["-"]),
    ])
    func frameNamesFollowInfernosRules(_ example: (String, [String])) {
        #expect(DTraceFrameName.names(of: example.0) == example.1)
    }
}
