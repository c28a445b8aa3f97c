import Foundation
import HotpathModel
import Testing
import _HotpathTestSupport

@testable import HotpathIngest

/// A big collapsed file is read in chunks of whole lines, one per core, and the chunks' stacks
/// merged (`CollapsedStacksImporter.importDump(_:chunks:)`): the result must be what one pass
/// gives, frame for frame, stack for stack, in the same order, with the same warnings and errors.
@Suite struct CollapsedChunkTests {
    /// What a reading gave, in a form two readings can be compared in.
    struct Reading: Equatable, CustomStringConvertible {
        var frameNames: [String] = []
        var stacks: [[Int32]] = []
        var weights: [Double] = []
        var threadNames: [String] = []
        var threads: [Int32] = []
        var labels: [String: String] = [:]
        var warnings: [ImportWarning] = []
        var locations: [String: CodeLocation] = [:]
        var failure: String?

        var description: String {
            failure ?? "\(stacks.count) stacks, \(frameNames.count) frames, warnings \(warnings)"
        }
    }

    static func read(_ bytes: [UInt8], chunks: Int, options: IngestOptions = IngestOptions()) -> Reading {
        bytes.withUnsafeBytes { buffer in
            let input = DumpInput(bytes: buffer, fileName: "chunks.folded", options: options)
            do throws(ImportFailure) {
                let dump = try CollapsedStacksImporter().importDump(input, chunks: chunks)
                let table = dump.profile.stacks
                return Reading(
                    frameNames: table.frameNames, stacks: table.indices.map { Array(table.frames(at: $0)) },
                    weights: table.weights, threadNames: table.threadNames,
                    threads: table.indices.map { table.threadIndex(at: $0) }, labels: dump.profile.run.labels,
                    warnings: dump.warnings, locations: dump.profile.locations)
            } catch {
                return Reading(failure: "\(error.kind) line \(error.line ?? -1): \(error.message)")
            }
        }
    }

    @Test(arguments: sampleNames("collapsed"))
    func everySampleReadsTheSameInChunks(_ name: String) throws {
        let raw = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Samples.path("collapsed/" + name))))
        let bytes = try InputDecoding.decode(raw, maximumBytes: 1 << 30).bytes
        let one = Self.read(bytes, chunks: 1)
        for chunks in [2, 3, 7] {
            #expect(Self.read(bytes, chunks: chunks) == one, "\(chunks) chunks")
        }
    }

    /// Sorted-looking stacks with comments, blank and bad lines, CRLF, a missing final line
    /// feed, empty frames; chunk boundaries fall anywhere.
    @Test(arguments: [1, 2, 3, 4])
    func generatedLinesReadTheSameInChunks(seed: UInt64) {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let pieces = ["main", "a", "ab", "f g", "", "parse (x.py:12)", "run"]
        var text = "# a comment\n"
        var previous: [String] = []
        for _ in 0..<300 {
            var frames = Array(previous.prefix(next(previous.count + 1)))
            for _ in 0..<(1 + next(3)) { frames.append(pieces[next(pieces.count)]) }
            previous = frames
            switch next(20) {
            case 0: text += "not a stack line\n"
            case 1: text += "\n"
            case 2: text += "// another comment\n"
            default: text += "\(frames.joined(separator: ";")) \(1 + next(50))\(next(5) == 0 ? "\r" : "")\n"
            }
        }
        text += "main;tail 3"
        let bytes = Array(text.utf8)
        let one = Self.read(bytes, chunks: 1)
        #expect(one.failure == nil)
        for chunks in 2...6 {
            #expect(Self.read(bytes, chunks: chunks) == one, "\(chunks) chunks")
        }
    }

    /// Threads (austin's `P;T` prefix), the differential form, fractional counts (read in one
    /// pass: their sums depend on the order), a count in milliseconds, and errors, which must
    /// name the line one pass names.
    @Test(arguments: [
        "P1;T1;main;a 3\nP1;T2;main;b 4\nP1;T1;main;a 5\nP1;T3;main 1\n",
        "main;a 3 4\nmain;b 1 2\nmain;a 5 6\nmain;c 7 8\n",
        "main;a 0.1\nmain;b 0.2\nmain;a 0.7\nmain;c 0.3\nmain;a 0.2\n",
        "main;a 1e3\nmain;b 2\n",
        "main;a 3\nmain;b \(String(repeating: "9", count: 309))\nmain;c 1\n",
        "main;a \(String(repeating: "9", count: 308))\nmain;b 2\nmain;a \(String(repeating: "9", count: 308))\n",
        "bad line\nanother\n",
        "main;a 0\nmain;b 0\nbad\n",
    ])
    func edgeCasesReadTheSameInChunks(_ text: String) {
        let bytes = Array(text.utf8)
        for options in [IngestOptions(), IngestOptions(collapsedUnit: .milliseconds)] {
            let one = Self.read(bytes, chunks: 1, options: options)
            for chunks in 2...4 {
                #expect(Self.read(bytes, chunks: chunks, options: options) == one, "\(chunks) chunks")
            }
        }
    }

    /// Enough stacks for a later chunk's to be looked up in the first chunk's table on every
    /// core, many of them repeated across chunks (found there) and many new (added in order).
    @Test func manyStacksRepeatedAcrossChunksReadTheSame() {
        var state: UInt64 = 7
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var text = ""
        for _ in 0..<20_000 {
            let stack = next(9_000)
            let thread = stack % 3
            text += "P1;T\(thread);main;f\(stack % 97);g\(stack / 97);h\(stack % 13) \(1 + next(9))\n"
        }
        let bytes = Array(text.utf8)
        let one = Self.read(bytes, chunks: 1)
        #expect(one.failure == nil && one.stacks.count > 4_096)
        for chunks in 2...4 {
            #expect(Self.read(bytes, chunks: chunks) == one, "\(chunks) chunks")
        }
    }

    /// Whether the input was all ASCII (which spares the ingestor its UTF-8 pass) is told in any
    /// number of chunks, wherever the one byte above 0x7F is: a comment, a bad line, a frame, the
    /// unterminated last line.
    @Test(arguments: [nil, "# caf\u{E9}\n", "b\u{E9}d\n", "main;caf\u{E9} 2\n", "main;\u{1F525} 2"])
    func theInputIsASCIIOnlyWithoutAByteAbove0x7F(_ extra: String?) {
        let lines = (0..<40).map { "main;parse;frame\($0 % 7) \($0 + 1)\n" }
        for position in [0, 20, 40] {
            var text = lines
            if let extra { text.insert(extra, at: position) }
            let bytes = Array(text.joined().utf8)
            for chunks in 1...4 {
                let ascii = bytes.withUnsafeBytes { buffer in
                    let input = DumpInput(bytes: buffer, fileName: "ascii.folded", options: IngestOptions())
                    return try? CollapsedStacksImporter().importDump(input, chunks: chunks).inputIsASCII
                }
                #expect(ascii == (extra == nil), "\(chunks) chunks, at line \(position)")
            }
        }
    }

    @Test func chunksAreWholeLinesCoveringTheInput() {
        let bytes = Array("a 1\nbb 2\n\nccc 3\nd 4".utf8)
        bytes.withUnsafeBytes { buffer in
            for count in 1...12 {
                let ranges = CollapsedStacksImporter.chunkRanges(buffer, count: count)
                #expect(ranges.first?.lowerBound == 0)
                #expect(ranges.last?.upperBound == bytes.count)
                #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
                #expect(ranges.allSatisfy { !$0.isEmpty })
                #expect(ranges.dropLast().allSatisfy { bytes[$0.upperBound - 1] == 0x0A })
                #expect(ranges.count <= count)
            }
        }
        #expect(CollapsedStacksImporter.chunkCount(byteCount: 1000) == 1)
    }
}
