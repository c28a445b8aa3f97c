import Foundation
import HotpathModel
import HotpathProfiler
import Testing
import _HotpathTestSupport

@Suite("I/O recording")
struct IORecordingTests {
    @Test("an operation without a name is attributed to the span it happens in")
    func attribution() throws {
        let profiler = Profiler(workflow: "test")
        profiler.measure("write_files") {
            profiler.recordIO(kind: .write, bytes: 4096, duration: .microseconds(30), path: "out/a.swift")
        }
        profiler.recordIO(kind: .read, bytes: 100, duration: .microseconds(5), isAsync: true, operation: "load_config")
        let io = profiler.snapshot().io
        #expect(io.count == 2)
        let write = try #require(io.first { $0.kind == .write })
        #expect(write.operation == "write_files")
        #expect(write.bytes == 4096)
        #expect(write.durationNs == 30_000)
        #expect(write.path == "out/a.swift")
        #expect(write.isAsync == false)
        #expect((write.startNs ?? -1) >= 0)
        let read = try #require(io.first { $0.kind == .read })
        #expect(read.operation == "load_config")
        #expect(read.isAsync)
    }

    @Test("measureIO times real file operations and counts their bytes")
    func measuredFileIO() async throws {
        let folder = try TemporaryFolder("profiler-io")
        defer { folder.remove() }
        let profiler = Profiler(workflow: "test")
        let data = Data(repeating: 7, count: 10_000)
        let url = URL(fileURLWithPath: folder.file("generated.swift"))
        try profiler.measureIO(.write, path: url.path, bytes: { data.count }) { try data.write(to: url) }
        let read = try await profiler.measureIO(.read, operation: "load", path: url.path, bytes: \.count) {
            await Task.yield()
            return try Data(contentsOf: url)
        }
        #expect(read == data)
        let io = profiler.snapshot().io
        #expect(io.map(\.kind) == [.write, .read])
        #expect(io.map(\.bytes) == [10_000, 10_000])
        #expect(io.allSatisfy { $0.durationNs > 0 })
        #expect(io.map(\.isAsync) == [false, true])
    }
}
