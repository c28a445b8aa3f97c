import Foundation
import Testing

@testable import HotpathRender

/// Escaping for hand-written SVG: what came from a dump must neither break the markup nor make
/// it invalid XML.
@Suite struct SVGTests {
    @Test func cleanTextIsReturnedAsItIs() {
        #expect(SVG.escape("BM_Sort/1024") == "BM_Sort/1024")
        #expect(SVG.escape("") == "")
    }

    @Test func markupCharactersBecomeEntities() {
        #expect(SVG.escape(#"a < b && c > "d" 'e'"#) == "a &lt; b &amp;&amp; c &gt; &quot;d&quot; &#39;e&#39;")
    }

    @Test func nonASCIITextIsKeptWhole() {
        #expect(SVG.escape("103 µs → 2× 🔥 ü") == "103 µs → 2× 🔥 ü")
        #expect(SVG.escape("run 7\n12 µs") == "run 7\n12 µs")
    }

    @Test func controlsAndNoncharactersAreReplacedAsTheTemplateEngineDoes() {
        #expect(SVG.escape("a\u{0}b\u{1B}c\u{7F}d") == "a\u{2400}b\u{241B}c\u{2421}d")
        #expect(SVG.escape("x\u{85}y\u{9F}z\u{A0}") == "x\u{FFFD}y\u{FFFD}z\u{A0}")
        #expect(SVG.escape("p\u{FFFE}q\u{FFFF}r\u{FFFD}s\u{FEFF}") == "p\u{FFFD}q\u{FFFD}r\u{FFFD}s\u{FEFF}")
        #expect(SVG.escape("\t<\r>") == "\t&lt;\r&gt;")
    }

    /// Coordinates with one decimal, a whole number without its `.0`.
    @Test(arguments: [
        (0.0, "0"), (12.0, "12"), (12.25, "12.2"), (12.35, "12.3"), (-3.0, "-3"), (-0.04, "-0"), (70.5, "70.5"),
        (1e6, "1000000"), (.nan, "0"), (.infinity, "0"), (0.96, "1"), (99.96, "100"),
    ])
    func coordinatesHaveOneDecimalAtMost(value: Double, text: String) {
        #expect(SVG.number(value) == text)
    }

    /// Coordinates appended as bytes are `number`'s text, on random values of every size and
    /// sign, on the grid of tenths and halfway between.
    @Test func appendedCoordinatesAreNumbersText() {
        var values: [Double] = [
            0, -0.0, 0.05, -0.05, 0.25, 0.35, 12.25, 99.96, -0.04, 1e6, 0x1p43, 1e300, .nan, -.infinity,
        ]
        for _ in 0..<100_000 {
            let value = Double.random(in: -1e5...1e5) / pow(10, Double(Int.random(in: 0...5)))
            values += [value, (value * 10).rounded() / 10 + 0.05]
        }
        var mismatches: [String] = []
        for value in values {
            var bytes: [UInt8] = []
            SVG.appendNumber(value, to: &bytes)
            let text = String(decoding: bytes, as: UTF8.self)
            if text != SVG.number(value), mismatches.count < 5 {
                mismatches.append("\(value): \(text) vs \(SVG.number(value))")
            }
        }
        #expect(mismatches == [])
    }
}
