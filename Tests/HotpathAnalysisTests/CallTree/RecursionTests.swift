import Foundation
import HotpathAnalysis
import HotpathModel
import Testing
import _HotpathTestSupport

/// A frame or a caller→callee pair seen several times on one stack (or one span path) counts
/// once in its total, as pprof and speedscope count it; self time stays per occurrence.
@Suite struct RecursionTests {
    func sampled(_ stacks: [StackSample]) -> PerformanceReport {
        Analyzer().analyze(Profile(run: ExampleProfiles.run(), stacks: StackTable(stacks), stackWeightUnit: .samples))
    }

    func edge(_ list: [CallEdge], _ name: String) -> CallEdge? { list.first { $0.name == name } }

    @Test func mutualRecursionCountsEachStackOnce() throws {
        // main;a;b;a;b 4, main;a;b;a 2, main;a 1: totals by hand.
        let report = sampled([
            StackSample(frames: ["main", "a", "b", "a", "b"], weight: 4),
            StackSample(frames: ["main", "a", "b", "a"], weight: 2),
            StackSample(frames: ["main", "a"], weight: 1),
        ])
        #expect(report.totalNs == 7)
        let a = try #require(report.operation(named: "a"))
        let b = try #require(report.operation(named: "b"))
        #expect(a.total == 7 && a.share == 1 && a.selfTotal == 3)
        #expect(b.total == 6 && b.selfTotal == 4)
        // a→b is on the first two stacks (twice on the first): 6, not 4 + 4 + 2 = 10.
        #expect(edge(a.callees, "b")?.total == 6 && edge(a.callees, "b")?.count == 2)
        // b→a only on the first two stacks: 6.
        #expect(edge(b.callees, "a")?.total == 6)
        #expect(edge(b.callers, "a")?.total == 6)
        #expect(edge(a.callers, "main")?.total == 7)
        // A callee's time never exceeds its caller's or the run's.
        for operation in report.operations {
            #expect(operation.share <= 1)
            for callee in operation.callees { #expect(callee.total <= operation.total) }
        }
    }

    @Test func directRecursionOfOneFrame() throws {
        // f;f;f;f 10: f is 100% of the run, not 400%, and f→f is 10.
        let report = sampled([StackSample(frames: ["f", "f", "f", "f"], weight: 10)])
        let f = try #require(report.operation(named: "f"))
        #expect(f.total == 10 && f.share == 1 && f.selfTotal == 10)
        #expect(f.callees.map(\.total) == [10] && f.callers.map(\.total) == [10])
        // The call tree keeps every level.
        var depth = 0
        var node = report.callTree
        while let child = node?.children.first {
            depth += 1
            #expect(child.total == 10)
            node = child
        }
        #expect(depth == 4)
    }

    @Test func nestedSameNameSpansCountOnceInTotalsAndEdges() throws {
        // parse(0…100) → parse(10…60) → parse(20…40); parse → lex (70…90) under the outer one.
        let profile = Profile(
            run: ExampleProfiles.run(),
            spans: [
                Span(id: 1, name: "parse", startNs: 0, durationNs: 100),
                Span(id: 2, name: "parse", startNs: 10, durationNs: 50, parent: 1),
                Span(id: 3, name: "parse", startNs: 20, durationNs: 20, parent: 2),
                Span(id: 4, name: "lex", startNs: 70, durationNs: 20, parent: 1),
                Span(id: 5, name: "lex", startNs: 25, durationNs: 5, parent: 3),
            ])
        let report = Analyzer().analyze(profile)
        let parse = try #require(report.operation(named: "parse"))
        // The outermost span only: 100, not 170; self per span: 30 + 30 + 15.
        #expect(parse.total == 100 && parse.share == 1 && parse.selfTotal == 75)
        // Every call is a sample of its duration distribution.
        #expect(parse.count == 3 && parse.summary?.total == 170)
        // parse→parse: the span at 10…60 (which holds the one at 20…40): 50, two calls.
        #expect(edge(parse.callees, "parse")?.total == 50 && edge(parse.callees, "parse")?.count == 2)
        // parse→lex: both lex spans, as neither is below another parse→lex call.
        #expect(edge(parse.callees, "lex")?.total == 25 && edge(parse.callees, "lex")?.count == 2)
    }
}
