import Foundation
import HotpathModel
import Testing

@testable import HotpathIngest

@Suite struct TraceLintTests {
    @Test func oneWarningPerRuleWithCountAndFirstPosition() throws {
        let text = """
            [{"ph":"X","name":"ok","ts":0,"dur":100,"pid":1,"tid":1},
            {"ph":"E","name":"stray","ts":1,"pid":1,"tid":1},
            {"ph":"E","name":"stray","ts":2,"pid":1,"tid":1},
            {"ph":"E","name":"stray","ts":3,"pid":1,"tid":1},
            {"ph":"X","name":"a","ts":200,"dur":10,"pid":1,"tid":2},
            {"ph":"X","name":"b","ts":205,"dur":10,"pid":1,"tid":2},
            {"ph":"X","name":"c","ts":150,"dur":10,"pid":1,"tid":2},
            {"ph":"b","name":"async","ts":4,"id":1,"pid":1,"tid":1},
            {"ph":"e","name":"async","ts":5,"id":1,"pid":1,"tid":1}]
            """
        let dump = try Ingestor().load(text: text, name: "lint.json")
        let warnings = dump.diagnostics.filter { $0.severity == .warning }
        func warning(_ text: String) -> Diagnostic? { warnings.first { $0.message.contains(text) } }
        #expect(warnings.count == 4, "\(warnings.map(\.description))")
        #expect(warning("3 events ended nothing")?.line == 2)
        #expect(warning("1 span overlaps an earlier span")?.line == 6)
        #expect(warning("1 event goes back in time")?.line == 7)
        #expect(warning("skipped 2 events of phases")?.line == 8)
        #expect(warning("'b' ×1, 'e' ×1") != nil)
    }

    /// A trace of async events only: b/e pairs are its spans, matched by process, category,
    /// id and name; what does not pair up is said.
    @Test func unmatchedAsyncEventsAreWarned() throws {
        let text = """
            [{"ph":"b","name":"load","cat":"net","ts":0,"id":1,"pid":1,"tid":1},
            {"ph":"b","name":"load","cat":"net","ts":2,"id":2,"pid":1,"tid":1},
            {"ph":"e","name":"load","cat":"net","ts":5,"id":1,"pid":1,"tid":1},
            {"ph":"e","name":"load","cat":"net","ts":6,"id":3,"pid":1,"tid":1},
            {"ph":"b","name":"parse","cat":"net","ts":7,"id":1,"pid":1,"tid":1},
            {"ph":"e","name":"parse","cat":"net","ts":9,"id":1,"pid":1,"tid":1},
            {"ph":"P","name":"Profile","ts":9,"pid":1,"tid":1}]
            """
        let dump = try Ingestor().load(text: text, name: "async.json")
        let warnings = dump.diagnostics.filter { $0.severity == .warning }
        func warning(_ text: String) -> Diagnostic? { warnings.first { $0.message.contains(text) } }
        #expect(
            warning(
                "1 async end (e) matched no open async begin (b) of the same process, category, id and name; dropped")?
                .line == 4)
        #expect(warning("1 async begin (b) never ended; closed at the trace's last timestamp")?.line == 2)
        #expect(warning("skipped 1 event of phases")?.line == 7)
        // load #1 0…5 µs, load #2 2…9 (closed at the last timestamp), parse 7…9.
        let spans = dump.profile.spans.map { "\($0.name) \($0.startNs)+\($0.durationNs)" }
        #expect(spans.sorted() == ["load 0.0+5000.0", "load 2000.0+7000.0", "parse 7000.0+2000.0"])
        #expect(dump.profile.spans.allSatisfy { $0.thread == "pid 1 / tid 1 (async)" })
    }

    /// Chrome writes scoped ids, `"id2": {"local": "0x1"}`: pairs by them, even interleaved.
    @Test func scopedAsyncIDsPairTheirOwnEvents() throws {
        let text = """
            [{"ph":"b","name":"frame","cat":"cc","ts":0,"id2":{"local":"0x1"},"pid":1,"tid":1},
            {"ph":"b","name":"frame","cat":"cc","ts":1,"id2":{"local":"0x2"},"pid":1,"tid":1},
            {"ph":"e","name":"frame","cat":"cc","ts":3,"id2":{"local":"0x1"},"pid":1,"tid":1},
            {"ph":"e","name":"frame","cat":"cc","ts":10,"id2":{"local":"0x2"},"pid":1,"tid":1}]
            """
        let dump = try Ingestor().load(text: text, name: "frames.json")
        let spans = dump.profile.spans.map { "\($0.startNs)+\($0.durationNs)" }
        #expect(spans.sorted() == ["0.0+3000.0", "1000.0+9000.0"])
    }

    @Test func endOrderedWritersAreNotOutOfOrder() throws {
        // viztracer writes a call when it returns: children before parents, ends increasing.
        let text = """
            [{"ph":"X","name":"child","ts":2,"dur":3,"pid":1,"tid":1},
             {"ph":"X","name":"parent","ts":1,"dur":10,"pid":1,"tid":1},
             {"ph":"X","name":"next","ts":12,"dur":1,"pid":1,"tid":1}]
            """
        let dump = try Ingestor().load(text: text)
        #expect(dump.warningMessages.isEmpty)
        #expect(dump.profile.spans.map(\.name) == ["parent", "child", "next"])
        #expect(dump.profile.spans.map(\.parent) == [nil, 0, nil])
    }

    @Test func beginNeverEndedClosesAtTheTracesLastTimestamp() throws {
        let dump = try Ingestor().load(
            text: #"[{"ph":"B","name":"open","ts":10},{"ph":"X","name":"x","ts":20,"dur":30}]"#)
        let open = try #require(dump.profile.spans.first { $0.name == "open" })
        #expect(open.durationNs == 40_000)
        #expect(dump.hasWarning(containing: "1 event began and never ended; closed at the trace's last timestamp"))
    }
}
