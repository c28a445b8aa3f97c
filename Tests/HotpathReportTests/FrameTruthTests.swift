import Foundation
import HotpathAnalysis
import HotpathIngest
import HotpathModel
import Testing
import _HotpathTestSupport

/// speedscope identifies a frame by name, file and line: two frames of one name at different
/// places are two operations, named so a reader tells them apart.
@Suite struct FrameTruthTests {
    static let compressors = """
        {"$schema":"https://www.speedscope.app/file-format-schema.json",
         "shared":{"frames":[
           {"name":"<module>","file":"/app/main.py","line":1},
           {"name":"compress","file":"/usr/lib/python3.12/bz2.py","line":326},
           {"name":"compress","file":"/usr/lib/python3.12/lzma.py","line":321},
           {"name":"compress","file":"/usr/lib/python3.12/bz2.py","line":326},
           {"name":"__init__","file":"/app/models.py","line":12},
           {"name":"__init__","file":"/app/models.py","line":40},
           {"name":"run","file":"/app/a/task.py","line":5},
           {"name":"run","file":"/app/b/task.py","line":5}]},
         "profiles":[{"type":"sampled","name":"py-spy","unit":"none","startValue":0,"endValue":10,
           "samples":[[0,1],[0,2],[0,3],[0,4],[0,5],[0,6],[0,7]],
           "weights":[3,2,1,1,1,1,1]}]}
        """

    static func load(_ text: String, name: String) throws -> Profile {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let outcome = Ingestor().load([try folder.write(name, text)])
        return try #require(outcome.dumps.first, "\(outcome.errors.map(\.message))").profile
    }

    @Test func sameNameDifferentPlacesAreDifferentOperations() throws {
        let profile = try Self.load(Self.compressors, name: "py-spy.speedscope.json")
        let names = Set(profile.stacks.flatMap(\.frames))
        #expect(
            names == [
                "<module>", "compress (bz2.py)", "compress (lzma.py)", "__init__ (models.py:12)",
                "__init__ (models.py:40)", "run (/app/a/task.py)", "run (/app/b/task.py)",
            ])
        // Two entries with the same name, file and line are one frame.
        let report = Analyzer().analyze(profile)
        let bz2 = try #require(report.operation(named: "compress (bz2.py)"))
        #expect(bz2.total == 4 && bz2.share == 0.4)
        #expect(report.operation(named: "compress (lzma.py)")?.total == 2)
        #expect(report.operation(named: "compress") == nil)
        // Where the code is, for the operation page.
        #expect(bz2.location == CodeLocation(file: "/usr/lib/python3.12/bz2.py", line: 326))
        #expect(report.operation(named: "<module>")?.location?.text == "/app/main.py:1")
    }

    @Test func eventedProfilesKeepTheirPlacesToo() throws {
        let text = """
            {"shared":{"frames":[{"name":"step","file":"a.js","line":3},{"name":"step","file":"b.js","line":9}]},
             "profiles":[{"type":"evented","name":"main","unit":"milliseconds","startValue":0,"endValue":10,
               "events":[{"type":"O","frame":0,"at":0},{"type":"O","frame":1,"at":2},{"type":"C","frame":1,"at":5},
                         {"type":"C","frame":0,"at":10}]}]}
            """
        let profile = try Self.load(text, name: "evented.speedscope.json")
        #expect(profile.spans.map(\.name) == ["step (a.js)", "step (b.js)"])
        let report = Analyzer().analyze(profile)
        #expect(report.operation(named: "step (b.js)")?.location?.text == "b.js:9")
        #expect(report.operation(named: "step (a.js)")?.callees.map(\.name) == ["step (b.js)"])
    }

    /// The producer's own files carry no `file`: their names are unchanged.
    @Test(arguments: Samples.files(in: "speedscope").filter { !$0.contains("invalid") })
    func framesWithoutPlacesKeepTheirNames(_ path: String) throws {
        let profile = try #require(Ingestor().load([path]).dumps.first).profile
        let names = Set(profile.stacks.flatMap(\.frames) + profile.spans.map(\.name))
        #expect(!names.isEmpty)
        #expect(names.allSatisfy { !$0.contains(" (") })
        #expect(profile.locations.isEmpty)
    }

    /// perf's vert.x profile (Brendan Gregg's FlameGraph tests): JavaScript frames recursing
    /// through one generated class. Counted per tree node, that class's self-calls came to 111.2%
    /// of the run; counted once per stack, 98.6%.
    @Test func deepRecursiveRealProfileStaysWithinTheRun() throws {
        let path = Samples.path("collapsed/from-flamegraph/test__results__perf-vertx-stacks-01-collapsed-all.txt.gz")
        let outcome = Ingestor().load([path])
        let dump = try #require(outcome.dumps.first)
        let report = Analyzer().analyze(dump.profile)
        var largestEdge = 0.0
        for operation in report.operations {
            #expect(operation.share <= 1 + 1e-12, "\(operation.name)")
            for edge in operation.callees + operation.callers {
                largestEdge = max(largestEdge, edge.total / report.totalNs)
                #expect(edge.total <= operation.total * (1 + 1e-12), "\(operation.name) and \(edge.name)")
            }
        }
        #expect(abs(largestEdge - 0.986) < 0.001)
        for bottleneck in report.bottlenecks { #expect(bottleneck.share <= 1 + 1e-12) }
    }
}
