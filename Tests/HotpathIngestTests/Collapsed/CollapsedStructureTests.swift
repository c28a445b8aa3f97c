import Foundation
import HotpathModel
import Testing
import _HotpathTestSupport

@testable import HotpathIngest

/// What is and is not folded stacks, and what austin's header and thread frames mean.
@Suite struct CollapsedStructureTests {
    /// Text reports whose lines end in numbers but that have no stacks: refused, exit 3, saying
    /// what they look like.
    @Test(arguments: [
        ("other/bench-text/from-bencher/iai__two.txt", "iai", DumpFormat.collapsed),
        ("other/ghc-prof/from-inferno/collapse-ghcprof__utf8.prof", "GHC profiling report", .collapsed),
        ("other/ghc-prof/from-inferno/collapse-ghcprof__ticks.prof", "GHC profiling report", .collapsed),
        ("other/ghc-prof/from-inferno/collapse-ghcprof__percent.prof", "GHC profiling report", .collapsed),
    ])
    func textWithoutStacksIsRefused(_ relative: String, _ lookalike: String, _ format: DumpFormat) throws {
        // Detection does not take it for stacks either: no format claims it.
        #expect(loadError(Samples.path(relative))?.kind == .unknownFormat)
        var options = IngestOptions()
        options.forcedFormat = format
        let error = try #require(loadError(Samples.path(relative), options: options))
        #expect(error.kind == .invalidContent)
        #expect(error.message.contains("this is not folded stacks"), "\(error.message)")
        #expect(error.message.contains(lookalike), "\(error.message)")
        #expect(error.line != nil)
    }

    @Test func oneFrameStacksAreStillFoldedStacks() throws {
        let dump = try Ingestor().load(text: "main 42\nparse_args 3\n", name: "flat.folded")
        #expect(dump.format == .collapsed)
        #expect(
            dump.profile.stacks == [
                StackSample(frames: ["main"], weight: 42), StackSample(frames: ["parse_args"], weight: 3),
            ])
        // A frame with single spaces (a C++ signature) is one frame.
        let signature = try Ingestor().load(text: "operator new(unsigned long) 5\n", name: "new.folded")
        #expect(signature.profile.stacks.first?.frames == ["operator new(unsigned long)"])
    }

    @Test func alignedColumnsWithoutStacksAreNot() {
        var options = IngestOptions()
        options.forcedFormat = .collapsed
        let error = loadError(
            text: "  Instructions:     1735\n  L1 Accesses:      2364\n", name: "bench.txt", options: options)
        #expect(error?.message.contains("indented or aligned in columns") == true)
        #expect(error?.line == 1)
    }

    /// austin 3.3 in wall mode (inferno's test file): counts are microseconds, and `P6360;T6360`
    /// is the thread, not two frames.
    @Test func austinWallModeIsMicrosecondsOnThreads() throws {
        let dump = try load(Samples.path("collapsed/from-inferno/flamegraph__austin__flames.txt"))
        let profile = dump.profile
        #expect(profile.stackWeightUnit == .nanoseconds)
        #expect(profile.stacks.allSatisfy { $0.thread == "P6360;T6360" }, "\(profile.stacks.map(\.thread))")
        #expect(!profile.stacks.contains { $0.frames.contains("P6360") || $0.frames.contains("T6360") })
        // 291 µs of samples in all (105 + 186).
        #expect(profile.stacks.reduce(0) { $0 + $1.weight } == 291_000)
        #expect(profile.run.labels["austin.mode"] == "wall" && profile.run.labels["threads"] == "1")
        // austin's frames are file:function:line: the location of the operation's page.
        #expect(
            profile.locations["<frozen importlib._bootstrap>:_find_and_load:1007"]
                == CodeLocation(file: "<frozen importlib._bootstrap>", line: 1007))
    }

    /// austin's memory mode (`austin -m`): counts are bytes, negative ones memory released.
    @Test func austinMemoryModeIsBytes() throws {
        let text = """
            # austin: 3.6.0
            # interval: 100
            # mode: memory

            P4242;T7f01;app.py:<module>:1;app.py:load:10 131072
            P4242;T7f01;app.py:<module>:1;app.py:load:10;json/decoder.py:decode:337 65536
            P4242;T7f02;app.py:<module>:1;app.py:worker:20 4096
            P4242;T7f02;app.py:<module>:1;app.py:worker:20 -4096

            """
        let dump = try Ingestor().load(text: text, name: "memory.austin")
        #expect(dump.format == .collapsed)
        #expect(dump.profile.stackWeightUnit == .bytes)
        #expect(Set(dump.profile.stacks.compactMap(\.thread)) == ["P4242;T7f01", "P4242;T7f02"])
        #expect(dump.profile.stacks.map(\.weight) == [131_072, 65_536, 4096])
        #expect(dump.profile.stacks.allSatisfy { $0.frames.first == "app.py:<module>:1" })
        #expect(dump.diagnostics.contains { $0.message.contains("memory released (4096 bytes in all") })
    }

    /// Thread frames are austin's only: a stack that merely starts with a `P…` frame keeps it.
    @Test func processLikeFramesElsewhereAreFrames() throws {
        let dump = try Ingestor().load(text: "P1;T2;main 3\nPing;main 1\n", name: "stacks.folded")
        #expect(dump.profile.stacks.map(\.frames) == [["P1", "T2", "main"], ["Ping", "main"]])
    }

    @Test func pySpyFramesCarryTheirFileAndLine() throws {
        let dump = try Ingestor().load(
            text: "<module> (main.py:1);compress (bz2.py:326) 5\n<module> (main.py:1);main 1\n", name: "py-spy.txt")
        #expect(dump.profile.locations["compress (bz2.py:326)"] == CodeLocation(file: "bz2.py", line: 326))
        #expect(dump.profile.locations["<module> (main.py:1)"]?.text == "main.py:1")
        #expect(dump.profile.locations["main"] == nil)
    }

    /// An austin header over stacks without thread frames (or only some with them): stacks
    /// still merge by frames and thread.
    @Test func austinHeaderWithoutThreadFrames() throws {
        let text = "# austin: 3.3.0\n# mode: cpu\nmain;work 10\nmain;work 5\nP1;T1;main;work 2\nP1;T1;main;work 1\n"
        let dump = try Ingestor().load(text: text, name: "cpu.austin")
        #expect(
            dump.profile.stacks == [
                StackSample(frames: ["main", "work"], weight: 15_000),
                StackSample(frames: ["main", "work"], weight: 3000, thread: "P1;T1"),
            ])
    }
}
