import Testing

@testable import HotpathIngest

@Suite struct JSONScannerTests {
    func parse(_ text: String) throws -> JSONValue {
        try Array(text.utf8).withUnsafeBytes { try JSONScanner.parseDocument($0) }
    }

    func failure(_ text: String) -> JSONError? {
        do {
            _ = try parse(text)
            return nil
        } catch let error as JSONError {
            return error
        } catch {
            return nil
        }
    }

    @Test func parsesEveryType() throws {
        let value = try parse(#"{"a": [1, -2.5e3, true, false, null, "x\n\u00e9\ud83d\ude00"], "b": {}}"#)
        #expect(value["a"]?.array?.count == 6)
        #expect(value["a"]?.array?[1] == .number(-2500))
        #expect(value["a"]?.array?[5] == .string("x\né😀"))
        #expect(value["b"]?.object?.members.isEmpty == true)
    }

    @Test(arguments: [
        "0.1", "1e22", "123456789012345678901234", "2.2250738585072014e-308", "0.30000000000000004", "-0",
    ])
    func numbersMatchTheStandardLibrary(text: String) throws {
        #expect(try parse(text).number == Double(text))
    }

    /// viztracer writes durations as a float's full repr (16–17 digits); mantissas below 2^53
    /// take the exact fast path, the rest `strtod`: both must give the correctly rounded value.
    @Test(arguments: [
        "0.7523346904124866", "0.036918280564007956", "9007199254740992", "9007199254740993", "9007199254740991.5",
        "81995702647.507", "0.000012345678901234567", "123456789012345678", "1234567890123456789",
        "12345678901234567890.5", "4.9406564584124654e-324", "1.7976931348623157e308", "-0.08057165285253089",
    ])
    func longMantissasMatchTheStandardLibrary(text: String) throws {
        #expect(try parse(text).number == Double(text))
    }

    @Test func shortestReprsOfRandomDoublesRoundTrip() throws {
        // SplitMix64, seeded: the same 20,000 cases on every run.
        var state: UInt64 = 42
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        for _ in 0..<20_000 {
            // Full 52-bit fractions between 2^-31 and 2: their shortest reprs have 15 to 17 digits.
            let value = Double(bitPattern: next() >> 2 | 0x3E00_0000_0000_0000) * (next() & 1 == 0 ? 1 : -1)
            let digits = String(1 + next() % 99_999_999_999_999_999) + "e-" + String(next() % 31)
            #expect(try parse(value.description).number == value)
            #expect(try parse(digits).number == Double(digits))
        }
    }

    @Test func pythonNonFiniteLiteralsAreNumbers() throws {
        #expect(try parse("NaN").number?.isNaN == true)
        #expect(try parse("-Infinity").number == -.infinity)
    }

    @Test func errorsSayWhatWasExpectedAndWhere() {
        #expect(failure(#"{"a" 1}"#) == JSONError(offset: 5, message: "expected ':' after the key \"a\", found '1'"))
        #expect(failure("[1, 2")?.message == "expected ']' to close the array, found the end of the file")
        #expect(failure("[1 2]")?.offset == 3)
        #expect(failure("1e400")?.message.contains("out of range") == true)
        #expect(failure(#"{"a": 1} x"#)?.message.contains("end of the document") == true)
        #expect(failure("\"abc")?.message == "unterminated string")
        #expect(failure("01")?.offset == 0)
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(failure(deep)?.message.contains("nesting deeper") == true)
        let skipped: Bool = Array(deep.utf8).withUnsafeBytes { bytes in
            var scanner = JSONScanner(bytes: bytes)
            return (try? scanner.skipValue()) != nil
        }
        #expect(!skipped)
    }

    @Test func skipValueAgreesWithParse() throws {
        let text = #"[{"a": [1, {"b": "}"}], "c": null}, "x", 3, [[], {}]] 7"#
        try Array(text.utf8).withUnsafeBytes { bytes in
            var scanner = JSONScanner(bytes: bytes)
            try scanner.skipValue()
            #expect(scanner.peek() == UInt8(ascii: "7"))
        }
    }

    /// Flat objects (a trace event's `args`) are skipped in one pass; anything it does not take
    /// is walked in full from the same place, so where the skip ends and which error it
    /// reports, at which offset, are the full walk's.
    @Test(arguments: [
        #"{"i": 12, "s": "x y", "b": true, "n": null, "f": false, "d": -0.5} ,"#, #"{ } ,"#,
        #"{"a": 1e5, "b": 2} ,"#, #"{"a": "x\"y"} ,"#, #"{"a": {"b": [1, 2]}} ,"#, #"{"a": 01} ,"#,
        #"{"a": 1,} ,"#, #"{"a" 1} ,"#, #"{"a": tru} ,"#, #"{"a": "x"#, #"{"a": 1"#, #"{"a": "\q"} ,"#,
        #"{"a": NaN} ,"#, #"{"a\u0062": 1} ,"#,
    ])
    func skipValueEndsWhereTheFullWalkEnds(text: String) {
        let (skipped, walked): (Result<Int, JSONError>, Result<Int, JSONError>) = Array(text.utf8).withUnsafeBytes {
            bytes in
            var skipper = JSONScanner(bytes: bytes)
            var walker = JSONScanner(bytes: bytes)
            return (
                Result { () throws(JSONError) in
                    try skipper.skipValue()
                    return skipper.offset
                },
                Result { () throws(JSONError) in
                    try walker.skipAnyValue()
                    return walker.offset
                }
            )
        }
        #expect(skipped == walked, "\(text)")
    }

    /// Strings are scanned a word at a time: a quote, backslash or control character at every
    /// position of a long string is still found there.
    @Test func stringsEndWhereTheyEndAtEveryAlignment() throws {
        for length in 0..<40 {
            let plain = String(repeating: "aé", count: length / 2) + String(repeating: "b", count: length % 2)
            #expect(try parse("\"\(plain)\"").string == plain)
            #expect(try parse("\"\(plain)\\n\(plain)\"").string == plain + "\n" + plain)
            #expect(failure("\"\(plain)\u{01}\"")?.offset == 1 + plain.utf8.count)
            #expect(failure("\"\(plain)")?.message == "unterminated string")
        }
    }

    @Test func skipValueRejectsMalformedContainers() {
        for text in [#"[1,"a":2]"#, #"{"a":1, 2}"#, "[1,]", #"{"a"}"#] {
            let skipped: Bool = Array(text.utf8).withUnsafeBytes { bytes in
                var scanner = JSONScanner(bytes: bytes)
                return (try? scanner.skipValue()) != nil
            }
            #expect(!skipped, "accepted \(text)")
        }
    }

    @Test func invalidUTF8IsRepairedAndCounted() throws {
        let bytes: [UInt8] = Array(#"["a"#.utf8) + [0xFF] + Array(#""]"#.utf8)
        try bytes.withUnsafeBytes { buffer in
            var scanner = JSONScanner(bytes: buffer)
            let value = try scanner.parseValue()
            #expect(value.array?.first?.string == "a\u{FFFD}")
            #expect(scanner.repairedStrings == 1)
        }
    }

    @Test func positionsCountLinesAndColumns() {
        let text = "{\n  \"a\": x\n}"
        Array(text.utf8).withUnsafeBytes { bytes in
            #expect(SourcePosition(offset: 9, in: bytes) == SourcePosition(line: 2, column: 8))
        }
    }
}

@Suite struct SourcePositionTests {
    /// Counted eight bytes at a time: every offset of a text with lines of every length
    /// agrees with counting byte by byte.
    @Test func agreesWithCountingByteByByte() {
        var text = ""
        for length in 0..<40 {
            text += String(repeating: "é", count: length % 3) + String(repeating: "x", count: length) + "\n"
        }
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { buffer in
            var line = 1
            var column = 1
            for offset in 0...bytes.count {
                #expect(
                    SourcePosition(offset: offset, in: buffer) == SourcePosition(line: line, column: column),
                    "offset \(offset)")
                if offset < bytes.count, bytes[offset] == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            }
        }
    }
}
