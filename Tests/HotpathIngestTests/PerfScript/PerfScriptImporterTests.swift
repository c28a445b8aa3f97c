import Foundation
import HotpathModel
import Testing
import _HotpathTestSupport

@testable import HotpathIngest

/// What `Fixtures/oracles/perf_script_oracle.py` counted in each vendored `perf script` file.
struct PerfScriptOracle: Decodable {
    struct Event: Decodable {
        var name: String
        var samples: Int
        var period: Double
        // swift-format-ignore: AlwaysUseLowerCamelCase
        var with_period: Int
    }
    struct Frame: Decodable {
        var frame: String
        var weight: Double
    }
    var events: [Event]
    var chosen: String
    var threads: Int
    // swift-format-ignore: AlwaysUseLowerCamelCase
    var top_self: [Frame]
    // swift-format-ignore: AlwaysUseLowerCamelCase
    var total_weight: Double

    static let folder = "other/linux-perf-script"

    static let all: [String: PerfScriptOracle] = {
        let url = URL(fileURLWithPath: Fixtures.path("oracles/perf-script-oracle.json"))
        guard let data = try? Data(contentsOf: url) else { return [:] }
        return (try? JSONDecoder().decode([String: PerfScriptOracle].self, from: data)) ?? [:]
    }()
}

/// The leaf frames' self weights, largest first (ties by name), as the oracle lists them.
func topSelfWeights(_ stacks: StackTable, count: Int = 5) -> [(String, Double)] {
    var weights: [String: Double] = [:]
    for stack in stacks {
        if let leaf = stack.frames.last { weights[leaf, default: 0] += stack.weight }
    }
    return weights.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(count).map {
        ($0.key, $0.value)
    }
}

@Suite struct PerfScriptImporterTests {
    static let fixtureNames = sampleNames(PerfScriptOracle.folder)

    @Test func theOracleCoversEveryFixture() {
        // The one file it leaves out is empty.
        #expect(Self.fixtureNames.count >= 30)
        #expect(
            Set(Self.fixtureNames).subtracting(PerfScriptOracle.all.keys) == [
                "from-inferno/collapse-perf__no-events.txt"
            ])
    }

    @Test(arguments: fixtureNames)
    func everyFixtureAgreesWithTheOracle(_ name: String) throws {
        let path = Samples.path(PerfScriptOracle.folder + "/" + name)
        guard let oracle = PerfScriptOracle.all[name] else {
            #expect(loadError(path)?.message == "the file is empty")
            return
        }
        let dump = try load(path)
        #expect(dump.format == .perfScript)
        let labels = dump.profile.run.labels
        for event in oracle.events {
            #expect(labels["perf.\(event.name).samples"] == String(event.samples), "\(event.name)")
            if event.with_period > 0 {
                #expect(labels["perf.\(event.name).period"] == formatNumber(event.period), "\(event.name)")
            }
        }
        #expect(labels["perf.events"] == oracle.events.map(\.name).joined(separator: ", "))
        #expect(labels["perf.event"] == oracle.chosen)
        #expect(labels["perf.threads"] == String(oracle.threads))
        #expect(dump.profile.stacks.weights.reduce(0, +) == oracle.total_weight)
        let top = topSelfWeights(dump.profile.stacks)
        #expect(top.map(\.0) == oracle.top_self.map(\.frame))
        #expect(top.map(\.1) == oracle.top_self.map(\.weight))
        // Threads are root frames when there are several.
        if oracle.threads > 1 {
            #expect(Set(dump.profile.stacks.map { $0.frames[0] }).count > 1)
        }
        let chosen = oracle.events.first { $0.name == oracle.chosen }
        let isClock = oracle.chosen.hasPrefix("cpu-clock") || oracle.chosen.hasPrefix("task-clock")
        let timed = isClock && chosen?.with_period == chosen?.samples
        #expect(dump.profile.stackWeightUnit == (timed ? .nanoseconds : .samples))
    }

    @Test func aCommandNameWithSpacesAndPidTidMakeTheThread() throws {
        let text = """
            V8 WorkerThread 25607/25610 [002] 4794564.109216:     250000 cpu-clock:
            \t    7f0a1 v8::internal::Heap::Scavenge+0x11 (/usr/bin/node)
            \t    7f0b2 start_thread (/usr/lib/libpthread-2.31.so)

            node 25607 [001] 4794564.109466:     250000 cpu-clock:
            \t    7f0c3 uv_run (/usr/bin/node)

            """
        let dump = try Ingestor().load(text: text, name: "node.perf")
        #expect(dump.format == .perfScript)
        #expect(
            dump.profile.stacks.map(\.frames) == [
                ["V8 WorkerThread 25607/25610", "start_thread", "v8::internal::Heap::Scavenge"],
                ["node 25607", "uv_run"],
            ])
        #expect(dump.profile.stackWeightUnit == .nanoseconds)
        #expect(dump.profile.stacks.map(\.weight) == [250_000, 250_000])
    }

    @Test func unknownSymbolsAreNamedByTheirDSOAndInlinedFramesAreFrames() throws {
        let text = """
            app 12 1.000001: 1 cycles:
            \tffffffff81000000 [unknown] ([kernel.kallsyms])
            \t    55d3f2b1c1a0 helper (inlined)
            \t    55d3f2b1c1a0 compute+0x10 (/opt/app/bin/app)
            \t      src/compute.c:42
            \t    7f00000000ff [unknown] (/usr/lib/x86_64-linux-gnu/libc.so.6)
            \t    7f0000000fff [unknown] ([unknown])

            """
        let dump = try Ingestor().load(text: text, name: "app.perf")
        #expect(
            dump.profile.stacks.map(\.frames) == [
                ["[unknown]", "[unknown] (libc.so.6)", "compute", "helper", "[unknown] ([kernel.kallsyms])"]
            ])
        #expect(dump.warningMessages.isEmpty)
    }

    @Test func severalEventsWeighTheMostSampledAndLabelTheOthers() throws {
        let text = """
            a 1 1.0: 100 instructions:
            \t 1 f (/bin/a)

            a 1 2.0: 5 cycles:
            \t 1 g (/bin/a)

            a 1 3.0: 7 cycles:
            \t 1 f (/bin/a)

            """
        let dump = try Ingestor().load(text: text, name: "a.perf")
        #expect(dump.profile.run.labels["perf.event"] == "cycles")
        #expect(dump.profile.run.labels["perf.instructions.samples"] == "1")
        #expect(dump.profile.run.labels["perf.instructions.period"] == "100")
        #expect(dump.profile.run.labels["perf.cycles.period"] == "12")
        #expect(dump.profile.stacks.map(\.weight) == [5, 7])
        #expect(dump.profile.stackWeightUnit == .samples)
        #expect(dump.hasWarning(containing: "instructions (1 sample) not imported as stacks"))
    }

    @Test func hashLinesAreSkippedAndPerfsHeaderBecomesLabels() throws {
        let text = """
            # ========
            # hostname : build-7
            # perf version : 6.1.55
            # cmdline : /usr/bin/perf record -g ./app
            # ========
            #
            app 12 1.0: 1 cycles:
            \t 1 main (/bin/app)

            """
        let dump = try Ingestor().load(text: text, name: "a.perf")
        #expect(dump.profile.run.host == "build-7")
        #expect(dump.profile.run.labels["perf.version"] == "6.1.55")
        #expect(dump.profile.run.labels["perf.cmdline"] == "/usr/bin/perf record -g ./app")
    }

    @Test func aFileCutInsideAFrameLineIsAPositionedError() throws {
        let marked = MarkedText(
            """
            app 12 1.0: 1 cycles:
            \t 1 main (/bin/app)

            app 12 2.0: 1 cycles:
            \t 1 ma⏏
            """)
        let error = try #require(loadError(text: marked.text, name: "cut.perf"))
        #expect(error.kind == .syntax)
        #expect(error.format == .perfScript)
        #expect(error.line == marked.line && error.column == marked.column)
        #expect(error.message.contains("truncated"))
    }

    @Test func unreadableLinesAreSkippedWithTheirPosition() throws {
        let marked = MarkedText(
            """
            app 12 1.0: 1 cycles:
            \t 1 main (/bin/app)
            \t⏏%%% not a frame %%%

            app 12 2.0: 1 cycles:
            \t 1 main (/bin/app)

            """)
        let dump = try Ingestor().load(text: marked.text, name: "odd.perf")
        let warning = try #require(dump.diagnostics.first { $0.severity == .warning })
        #expect(warning.line == marked.line && warning.column == marked.column)
        #expect(dump.profile.stacks.map(\.weight) == [2])
    }

    @Test func samplesWithoutFramesAreAnErrorThatSaysHowToRecord() throws {
        let dump = try Ingestor().load(
            text: "app 12 1.0: 1 cycles:\n\napp 12 2.0: 1 cycles:\n\t 1 f (/a)\n", name: "x.perf")
        #expect(dump.hasWarning(containing: "1 sample of cycles without frames"))
        let bare = try #require(
            loadError(
                text: "app 12 1.0: 1 cycles:\napp 12 2.0: 1 cycles:\n", name: "x.perf",
                options: IngestOptions(forcedFormat: .perfScript)))
        #expect(bare.kind == .invalidContent)
        #expect(bare.message.contains("perf record -g"))
    }

    @Test func collapsedStacksAndPlainTextAreNotPerfScript() {
        let collapsed = "main;compute;helper 12\nmain;io 3\n"
        let notes = "The run took 12 s.\nNothing else to say.\n"
        for text in [collapsed, notes] {
            let sniff = Array(text.utf8).withUnsafeBytes { ContentSniff(bytes: $0) }
            #expect(!PerfScriptImporter().recognizes(sniff))
        }
    }

    @Test func theLimitOnEventsCountsSamples() throws {
        let text = String(repeating: "app 12 1.0: 1 cycles:\n\t 1 main (/bin/app)\n\n", count: 5)
        let error = try #require(loadError(text: text, name: "a.perf", options: IngestOptions(maximumEvents: 3)))
        #expect(error.kind == .limitExceeded)
    }
}
