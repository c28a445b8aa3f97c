import Foundation
import HotpathModel
import Testing
import _HotpathTestSupport

@testable import HotpathIngest

@Suite struct CollapsedStacksImporterTests {
    /// Samples that are broken on purpose, with the line warnings Hotpath gives for them.
    static let invalidLines: [String: [Int]] = [
        "stackcollapse__simple-with-invalids.txt": [8],
        "flamegraph__bad-lines__bad-lines.txt": [3, 6],
        "diff-folded__bad_before.txt": [3],
    ]
    /// Empty on purpose: refused before detection, so without a format name.
    static let empty: Set<String> = ["collapse-perf__results__no-events-collapsed.txt", "flamegraph__empty__empty.txt"]

    @Test(arguments: sampleNames("collapsed"))
    func importsEverySample(_ name: String) throws {
        let path = Samples.path("collapsed/" + name)
        if Self.empty.contains(fileName(name)) {
            let error = try #require(loadError(path))
            #expect(error.message == "the file is empty")
            return
        }
        let dump = try load(path)
        #expect(dump.format == .collapsed)
        #expect(dump.profile.kind == .sampled)
        // austin's header says its counts are microseconds of wall time.
        #expect(dump.profile.stackWeightUnit == (name.contains("austin") ? .nanoseconds : .samples))
        let lines = dump.diagnostics.filter { $0.message.contains("not a \"frame;frame count\" line") }.compactMap(
            \.line)
        #expect(lines == (Self.invalidLines[fileName(name)] ?? []))
    }

    func total(_ profile: Profile) -> Double { profile.stacks.reduce(0) { $0 + $1.weight } }

    @Test(arguments: [
        "stackcollapse__simple.txt", "stackcollapse__simple-crlf.txt", "stackcollapse__simple-utf16-le.txt",
        "stackcollapse__simple-utf16-be.txt", "stackcollapse__simple-with-invalids.txt",
    ])
    func encodingsAndLineEndsReadAlike(_ name: String) throws {
        let profile = try load(Samples.path("collapsed/from-speedscope/" + name)).profile
        // a;b;c 1, a;b;c 1, a;b;d 4, a;b;c 3, a;b 5: identical stacks merged in order of first appearance.
        #expect(
            profile.stacks == [
                StackSample(frames: ["a", "b", "c"], weight: 5), StackSample(frames: ["a", "b", "d"], weight: 4),
                StackSample(frames: ["a", "b"], weight: 5),
            ])
    }

    @Test func realProfileTotals() throws {
        #expect(total(try load(Samples.path("collapsed/from-firefox-profiler/flamegraph.txt")).profile) == 152_364)
        let fractional = try load(Samples.path("collapsed/from-inferno/flamegraph__fractional-samples__with-space.txt"))
            .profile
        #expect(abs(total(fractional) - 334.618) < 1e-9)
        // The count is the last field even when frames contain spaces (and `;`, which splits
        // frames here as in every flame graph tool).
        #expect(
            fractional.stacks.contains {
                $0.frames.last == " _]>::default::h67c9877e6f2a615c"
                    && $0.frames.contains("core::array::<impl core::default::Default for [T")
                    && $0.weight == 19
            })
    }

    @Test func differentialFormTakesTheSecondColumn() throws {
        let dump = try load(Samples.path("collapsed/from-inferno/diff-folded__results__default.txt"))
        #expect(total(dump.profile) == 80)
        #expect(dump.profile.run.labels["collapsed.baseline_total"] == "65")
        #expect(dump.hasWarning(containing: "differential folded stacks"))
        // `… 0 12`: absent before, 12 after.
        #expect(dump.profile.stacks.contains { $0.frames.last == "__fget_light_[k]" && $0.weight == 12 })
    }

    @Test(arguments: [
        ("ns", WeightUnit.nanoseconds, 2000.0), ("bytes", .bytes, 2000), ("samples", .samples, 2000),
        ("us", .nanoseconds, 2e6),
        ("µs", .nanoseconds, 2e6), ("ms", .nanoseconds, 2e9), ("s", .nanoseconds, 2e12),
    ])
    func unitOptionSetsTheWeightUnit(name: String, expected: WeightUnit, nanoseconds: Double) throws {
        let unit = try #require(CollapsedUnit(rawValue: name))
        let dump = try Ingestor(options: IngestOptions(collapsedUnit: unit)).load(
            text: "main;work 1500\nmain 500\n", name: "cpu.folded")
        #expect(dump.profile.stackWeightUnit == expected)
        // Times are converted to nanoseconds, the model's unit.
        #expect(total(dump.profile) == nanoseconds)
    }

    @Test func unknownUnitsAreNotUnits() {
        #expect(CollapsedUnit(rawValue: "minutes") == nil && CollapsedUnit(rawValue: "NS") == nil)
    }

    @Test func onlyAccidentalZeroLinesAreAnErrorAtTheFirstBadLine() throws {
        // Binary data forced to collapsed: a line may end in " 0" by accident and parse.
        let text = "\u{1}\u{2}garbage\nmore junk\nx 0\n"
        let error = try #require(loadError(text: text, name: "x.cpu", options: IngestOptions(forcedFormat: .collapsed)))
        #expect(error.format == .collapsed && error.line == 1)
        #expect(error.message.contains("2 lines are not of that form and no other has a count above zero"))
        // Zero weights alone are a valid, empty profile.
        #expect(
            loadError(text: "main;a 0\n", name: "zero.folded", options: IngestOptions(forcedFormat: .collapsed)) == nil)
    }

    @Test func nothingValidIsAnErrorWithTheLine() throws {
        let text = "# a comment\nnot a stack\nstill not\n"
        let error = try #require(loadError(text: text, name: "x.txt", options: IngestOptions(forcedFormat: .collapsed)))
        #expect(error.format == .collapsed)
        #expect(error.line == 2)
        #expect(error.description.hasPrefix("x.txt:2: error: collapsed: expected lines of the form"))
    }

    @Test func truncatedFileKeepsItsCompleteLinesAndWarnsAboutTheCutOne() throws {
        // A file cut in the middle of a line: the cut line has no count.
        let dump = try Ingestor().load(text: "main;parse 10\nmain;render 20\nmain;ren", name: "cut.folded")
        #expect(total(dump.profile) == 30)
        #expect(dump.diagnostics.contains { $0.line == 3 && $0.message.contains("not a \"frame;frame count\" line") })
    }

    /// Lines that repeat the line before in part: frames that are prefixes of each other (`ab`,
    /// `abc`), empty frames (`;;`), a trailing `;`, shorter and longer stacks. The frames a line
    /// shares with the line before are taken from it without being read again; the result must
    /// be what splitting every line afresh gives.
    @Test(arguments: [1, 2, 3])
    func framesSharedWithThePreviousLineAreTheSameFrames(seed: UInt64) throws {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let pieces = ["a", "ab", "abc", "b", "ba", "", "f g", "main"]
        var text = ""
        var previous: [String] = []
        var expected: [(frames: [String], weight: Double)] = []
        for _ in 0..<400 {
            // Mostly the previous line with its tail changed, as sorted profiler output is.
            var frames = Array(previous.prefix(next(previous.count + 1)))
            for _ in 0..<(1 + next(4)) { frames.append(pieces[next(pieces.count)]) }
            previous = frames
            var stack = frames.joined(separator: ";")
            if next(10) == 0 { stack += ";" }
            let weight = Double(1 + next(9))
            text += "\(stack) \(Int(weight))\n"
            let kept = frames.filter { !$0.isEmpty }
            guard !kept.isEmpty else { continue }
            if let index = expected.firstIndex(where: { $0.frames == kept }) {
                expected[index].weight += weight
            } else {
                expected.append((kept, weight))
            }
        }
        let profile = try Ingestor().load(text: text, name: "shared.folded").profile
        #expect(profile.stacks.map(\.frames) == expected.map(\.frames))
        #expect(profile.stacks.map(\.weight) == expected.map(\.weight))
    }
}
