import Foundation
import HotpathModel
import Testing
import _HotpathTestSupport

@testable import HotpathIngest

@Suite struct ContentSniffTests {
    func sniff(_ bytes: [UInt8]) -> ContentSniff { bytes.withUnsafeBytes { ContentSniff(bytes: $0) } }

    @Test func binaryDataIsNotText() {
        #expect(sniff([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00] + Array("main;a 1\n".utf8)).isBinary)
        var generator = SeededGenerator(seed: 7)
        #expect(sniff((0..<2048).map { _ in UInt8.random(in: 1...255, using: &generator) }).isBinary)
        // Text, with a few stray bytes or Latin-1 letters, is text.
        #expect(!sniff(Array("main;caf\u{E9} 3\nmain;b 1\n".utf8)).isBinary)
        #expect(!sniff(Array("main;caf".utf8) + [0xE9] + Array(" 3\nmain;pr\u{E9}parer 12\n".utf8)).isBinary)
        #expect(!sniff(Array("{\"traceEvents\": []}\r\n".utf8)).isBinary)
    }

    @Test func theOpeningOfUnknownContent() {
        func opening(_ bytes: [UInt8]) -> String { bytes.withUnsafeBytes { ContentSniff.opening(of: $0) } }
        #expect(opening(Array("  hello world\nsecond line".utf8)) == "\"hello world\"")
        #expect(opening(Array(String(repeating: "x", count: 50).utf8)) == "\"\(String(repeating: "x", count: 40))…\"")
        #expect(opening([0, 0, 0, 1, 2, 3, 4, 5, 6, 7]) == "bytes 00 00 00 01 02 03 04 05 …")
    }

    /// pprof profiles are read (protobuf, gzipped or not); the legacy binary CPU form is refused
    /// by name, never imported as collapsed stacks of garbage.
    @Test func pprofFilesAreReadAndLegacyOnesRefused() throws {
        let files = Samples.files(in: "pprof").filter { !$0.contains("/legacy/") }
        #expect(files.count >= 4)
        for path in files {
            #expect(loadError(path) == nil, "\(path) was refused")
        }
        let legacy = try #require(loadError(Samples.path("pprof/legacy/from-pprof/profile__testdata__cppbench.cpu")))
        #expect(legacy.kind == .unknownFormat)
        #expect(legacy.message.contains("pprof"), "\(legacy.message)")
    }

    @Test func unknownTextSaysHowItStarts() throws {
        let error = try #require(
            loadError(text: "Flat profile:\nEach sample counts as 0.01 seconds.\n", name: "gprof.txt"))
        #expect(error.kind == .unknownFormat)
        #expect(
            error.message.hasPrefix(
                "not a dump format Hotpath recognizes (its first line is \"Flat profile:\"; expected one of: "))
    }

    @Test func theFirstBytesAreSearchedAsBytes() {
        let text = Array("{\"a\": \"\u{FF}".utf8) + [0xFF, 0xFE] + Array(#"", "traceEvents": []}"#.utf8)
        let sniff = text.withUnsafeBytes { ContentSniff(bytes: $0) }
        #expect(sniff.prefixContains(#""traceEvents""#))
        #expect(sniff.prefixContains("}"))
        #expect(!sniff.prefixContains(#""traceEvents"x"#))
        #expect(!sniff.prefixContains(String(repeating: "a", count: text.count + 1)))
        // A match only past the first bytes does not count.
        let long = Array(repeating: UInt8(ascii: " "), count: ContentSniff.prefixLength) + Array("\"ph\"".utf8)
        #expect(!long.withUnsafeBytes { ContentSniff(bytes: $0) }.prefixContains(#""ph""#))
        let edge = Array(repeating: UInt8(ascii: " "), count: ContentSniff.prefixLength - 4) + Array("\"ph\"".utf8)
        #expect(edge.withUnsafeBytes { ContentSniff(bytes: $0) }.prefixContains(#""ph""#))
    }
}
