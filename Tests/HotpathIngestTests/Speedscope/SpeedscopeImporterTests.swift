import Foundation
import HotpathModel
import Testing
import _HotpathTestSupport

@testable import HotpathIngest

@Suite struct SpeedscopeImporterTests {
    /// The two files speedscope's own tests call invalid, and what Hotpath says about them.
    static let broken: [String: [String]] = [
        "speedscope__invalid__incomplete-trace.json": ["1 event began and never ended"],
        "speedscope__invalid__out-of-order-events.json": ["1 event ended nothing", "ended a begin below the top"],
    ]

    @Test(arguments: sampleNames("speedscope"))
    func importsEverySample(_ name: String) throws {
        let dump = try load(Samples.path("speedscope/" + name))
        #expect(dump.format == .speedscope)
        let expected = Self.broken[fileName(name)] ?? []
        for text in expected {
            #expect(dump.hasWarning(containing: text), "\(name): \(dump.warningMessages)")
        }
        if expected.isEmpty { #expect(dump.warningMessages.isEmpty) }
    }

    @Test func lintFindingsPointAtTheEvent() throws {
        let dump = try load(Samples.path("speedscope/from-speedscope/speedscope__invalid__out-of-order-events.json"))
        // {"type": "C", "frame": 1, "at": 4} closes B below A (line 20); the last close ends nothing (line 21).
        #expect(dump.diagnostics.first { $0.message.contains("below the top") }?.line == 20)
        #expect(dump.diagnostics.first { $0.message.contains("ended nothing") }?.line == 21)
        let incomplete = try load(Samples.path("speedscope/from-speedscope/speedscope__invalid__incomplete-trace.json"))
        #expect(incomplete.diagnostics.first { $0.message.contains("never ended") }?.line == 13)
    }

    @Test func twoSampledProfilesAreThreadsOfStacks() throws {
        let profile = try load(
            Samples.path("speedscope/from-speedscope/speedscope__0.6.0__two-sampled.speedscope.json")
        ).profile
        #expect(profile.kind == .sampled)
        #expect(profile.stackWeightUnit == .nanoseconds)
        #expect(profile.stacks.count == 10)
        // weights 1+1+4+3+5 seconds per profile, two profiles.
        #expect(profile.stacks.reduce(0) { $0 + $1.weight } == 28e9)
        // Each profile is a thread, not a root frame (a thread is not an operation).
        #expect(profile.stacks[0] == StackSample(frames: ["a", "b", "c"], weight: 1e9, thread: "one"))
        #expect(profile.stacks[5].thread == "two" && profile.stacks[5].frames.first == "a")
        #expect(profile.operations.isEmpty && profile.spans.isEmpty)
    }

    @Test func unitlessEventedProfileGivesSelfWeights() throws {
        let profile = try load(Samples.path("speedscope/from-speedscope/speedscope__0.0.1__simple.speedscope.json"))
            .profile
        #expect(profile.stackWeightUnit == .samples)
        let weights = Dictionary(
            uniqueKeysWithValues: profile.stacks.map { ($0.frames.joined(separator: ";"), $0.weight) })
        // a;b;c open 0–2 and 6–9, a;b;d 2–6, a;b alone 9–14.
        #expect(weights == ["a;b;c": 5, "a;b;d": 4, "a;b": 5])
    }

    @Test(arguments: [
        ("milliseconds", 1e6), ("microseconds", 1e3), ("nanoseconds", 1), ("seconds", 1e9),
    ])
    func eventedProfileInTimeGivesSpans(unit: String, factor: Double) throws {
        let text = """
            {"$schema":"https://www.speedscope.app/file-format-schema.json","shared":{"frames":[{"name":"main","file":"app.c","line":3},{"name":"work"}]},
             "profiles":[{"type":"evented","name":"thread 1","unit":"\(unit)","startValue":10,"endValue":20,
               "events":[{"type":"O","frame":0,"at":10},{"type":"O","frame":1,"at":12},{"type":"C","frame":1,"at":15},{"type":"C","frame":0,"at":20}]}]}
            """
        let profile = try Ingestor().load(text: text).profile
        #expect(profile.kind == .timed)
        #expect(profile.spans.map(\.name) == ["main", "work"])
        #expect(profile.spans.map(\.startNs) == [0, 2 * factor])
        #expect(profile.spans.map(\.durationNs) == [10 * factor, 3 * factor])
        #expect(profile.spans.map(\.parent) == [nil, 0])
        #expect(profile.spans[0].thread == "thread 1")
        #expect(profile.spans[0].args == ["file": "app.c", "line": "3"])
    }

    @Test func bytesProfileWeighsStacksInBytes() throws {
        let text = """
            {"shared":{"frames":[{"name":"alloc"},{"name":"grow"}]},"profiles":[{"type":"sampled","name":"heap","unit":"bytes",
             "startValue":0,"endValue":3,"samples":[[0],[0,1]],"weights":[1024,2048]}]}
            """
        let profile = try Ingestor().load(text: text).profile
        #expect(profile.stackWeightUnit == .bytes)
        #expect(
            profile.stacks == [
                StackSample(frames: ["alloc"], weight: 1024), StackSample(frames: ["alloc", "grow"], weight: 2048),
            ])
    }

    @Test(arguments: [
        MarkedText(
            #"{"shared":{"frames":[{"name":"a"}]},"profiles":[{"type":"sampled","name":"p","unit":⏏"parsecs","samples":[],"weights":[]}]}"#
        ),
        MarkedText(
            #"{"shared":{"frames":[{"name":"a"}]},"profiles":[{"type":"sampled","name":"p","unit":"none","samples":[[0]],"weights":⏏[1,2]}]}"#
        ),
        MarkedText(
            #"{"shared":{"frames":[{"name":"a"}]},"profiles":[{"type":"sampled","unit":"none","samples":[⏏[3]],"weights":[1]}]}"#
        ),
        MarkedText("{\"$schema\":\"https://www.speedscope.app/file-format-schema.json\",\n\"shared\":{\"frames\":[⏏"),
        // Events are read compactly; a bad one is re-read to say what is wrong, and where.
        MarkedText(
            #"{"shared":{"frames":[{"name":"a"}]},"profiles":[{"type":"evented","unit":"none","events":[{"type":"O","frame":⏏5,"at":0}]}]}"#
        ),
        MarkedText(
            #"{"shared":{"frames":[{"name":"a"}]},"profiles":[{"type":"evented","unit":"none","events":[{"type":⏏"X","frame":0,"at":0}]}]}"#
        ),
        MarkedText(
            #"{"shared":{"frames":[{"name":"a"}]},"profiles":[{"type":"evented","unit":"none","events":[⏏3]}]}"#),
        MarkedText(
            #"{"shared":{"frames":[{"name":"a"}]},"profiles":[{"type":"evented","unit":"none","events":[{"type":"O","frame":0,"at":0},⏏{"type":"C","frame":0}]}]}"#
        ),
        MarkedText(#"{"shared":{"frames":[{"name":"a"}]},"profiles":[{"type":"evented","unit":"none","events":⏏{}}]}"#),
        MarkedText(
            #"{"shared":{"frames":[{"name":"a"}]},"profiles":[{"type":"sampled","unit":"none","samples":[[0],⏏"a"],"weights":[1,1]}]}"#
        ),
        MarkedText(
            #"{"shared":{"frames":[{"name":"a"}]},"profiles":[{"type":"sampled","unit":"none","samples":[[0],[0]],"weights":[1,⏏-1]}]}"#
        ),
    ])
    func invalidFilesGivePositionedErrors(_ input: MarkedText) throws {
        let error = try #require(
            loadError(text: input.text, name: "bad.speedscope.json", options: IngestOptions(forcedFormat: .speedscope)))
        #expect(error.format == .speedscope)
        #expect((error.line, error.column) == (input.line, input.column), "\(error.description)")
    }

    @Test func eventErrorsSayWhatIsWrong() throws {
        let frames = #"{"shared":{"frames":[{"name":"a"}]},"profiles":[{"type":"evented","unit":"none","events":["#
        let cases = [
            (
                #"{"type":"O","frame":5,"at":0}"#,
                "profiles[0].events[0].frame: expected an index into shared.frames (0..<1)"
            ),
            (
                #"{"type":"X","frame":0,"at":0}"#,
                #"profiles[0].events[0].type: expected an event type "O" (open) or "C" (close), found "X""#
            ),
            ("3", "profiles[0].events[0]: expected an event object, found a number"),
            (#"{"type":"O","frame":0}"#, #"profiles[0].events[0]: missing required field "at""#),
            (#"{"type":"O","frame":0,"at":"1"}"#, "profiles[0].events[0].at: expected a number, found a string"),
            (#"{"type":"O","frame":0,"at":NaN}"#, "profiles[0].events[0].at: expected a finite time"),
        ]
        for (event, message) in cases {
            let error = try #require(
                loadError(text: frames + event + "]}]}", options: IngestOptions(forcedFormat: .speedscope)))
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    @Test func profilesMayComeBeforeTheFramesAndRepeatedKeysKeepTheLast() throws {
        let text = """
            {"profiles":[{"type":"evented","name":"t","unit":"nanoseconds","startValue":0,"endValue":9,
               "events":[{"type":"O","frame":9,"at":0}],
               "events":[{"at":0,"frame":1,"type":"O"},{"type":"C","at":4,"frame":1,"extra":{"x":[1]}}]}],
             "shared":{"frames":[{"name":"a"},{"name":"b"}]}}
            """
        let profile = try Ingestor().load(text: text).profile
        #expect(profile.spans.map(\.name) == ["b"])
        #expect(profile.spans.map(\.durationNs) == [4])
    }
}
