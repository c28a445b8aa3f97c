import Foundation
import HotpathModel
import Testing

@Suite struct UnitFormatISO8601Tests {
    /// 2026-11-20T02:00:00Z.
    static let night = Date(timeIntervalSince1970: 1_795_140_000)

    @Test(arguments: [
        ("2026-11-20T02:00:00Z", 0.0), ("2026-11-20T03:00:00+01:00", 0), ("2026-11-20T03:00:00+0100", 0),
        ("2026-11-20T03:00:00+01", 0), ("2026-11-19T21:30:00-0430", 0), ("2026-11-19T21:30:00-04:30", 0),
        ("2026-11-20T02:00:00z", 0), ("2026-11-20t02:00:00Z", 0), ("2026-11-20 02:00:00", 0),
        ("2026-11-20T02:00:00", 0),
        ("2026-11-20T02:00", 0), ("2026-11-20T02:00Z", 0), ("2026-11-20", -7_200), ("2026-11-20T02:00:00.250Z", 0.25),
        ("2026-11-20T02:00:00,5", 0.5), ("2026-11-20 03:00:00.750+01:00", 0.75), ("2026-11-20T01:59:60Z", 0),
    ])
    func readsTheFormsDumpsWrite(text: String, offsetFromNight: Double) throws {
        let date = try #require(UnitFormat.parseISO8601(text))
        #expect(date.timeIntervalSince1970 == Self.night.timeIntervalSince1970 + offsetFromNight)
    }

    @Test func readsLeapDaysAndTheYearsAround() throws {
        #expect(UnitFormat.parseISO8601("2024-02-29T12:00:00Z")?.timeIntervalSince1970 == 1_709_208_000)
        #expect(UnitFormat.parseISO8601("1970-01-01T00:00:00Z")?.timeIntervalSince1970 == 0)
        #expect(UnitFormat.parseISO8601("1969-12-31T23:59:59Z")?.timeIntervalSince1970 == -1)
        #expect(UnitFormat.parseISO8601("2026-12-31T23:30:00-01:00")?.timeIntervalSince1970 == 1_798_763_400)
        #expect(UnitFormat.parseISO8601("0000-01-01T00:00:00Z")?.timeIntervalSince1970 == -62_167_219_200)
    }

    @Test(arguments: [
        "", "yesterday", "2026-11-20T", "2026-02-30", "2025-02-29T00:00:00Z", "2026-13-01", "2026-00-10",
        "2026-11-31T00:00:00Z", "2026-11-20T25:00Z", "2026-11-20T02:60:00Z", "2026-11-20T02:00:61Z",
        "2026-11-20T02:00:00+01:00x", "2026-11-20T02:00:00Zx", "2026-11-20T02:00:00+24:00", "2026-11-20T02:00:00+01:60",
        "2026-11-20T02:00:00+1", "2026-11-20T02:00:00+01:", "2026-11-20T02:00:00.Z", "2026-11-20T02:00.5Z",
        "2026-11-20Z", "26-11-20", "2026/11/20", " 2026-11-20",
    ])
    func rejectsWhatIsNotAnInstant(text: String) {
        #expect(UnitFormat.parseISO8601(text) == nil)
    }

    @Test func writesEachStyleInUTC() {
        #expect(UnitFormat.iso8601(Self.night) == "2026-11-20T02:00:00Z")
        #expect(UnitFormat.iso8601(Self.night, style: .date) == "2026-11-20")
        #expect(UnitFormat.iso8601(Self.night, style: .dateTime) == "2026-11-20 02:00 UTC")
        #expect(UnitFormat.DateStyle(rawValue: "datetime") == .dateTime)
        #expect(UnitFormat.DateStyle.allCases.map(\.rawValue) == ["iso", "date", "datetime"])
    }

    @Test func dropsTheFractionRatherThanRoundingUp() {
        #expect(UnitFormat.iso8601(Date(timeIntervalSince1970: 1_795_140_000.9)) == "2026-11-20T02:00:00Z")
        #expect(UnitFormat.iso8601(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59Z")
        #expect(UnitFormat.iso8601(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
    }

    @Test func writesOnlyFourDigitYears() {
        #expect(UnitFormat.iso8601(Date(timeIntervalSince1970: -62_167_219_200)) == "0000-01-01T00:00:00Z")
        #expect(UnitFormat.iso8601(Date(timeIntervalSince1970: 253_402_300_799)) == "9999-12-31T23:59:59Z")
        #expect(UnitFormat.iso8601(Date(timeIntervalSince1970: 253_402_300_800)) == nil)
        #expect(UnitFormat.iso8601(Date(timeIntervalSince1970: -62_167_219_201)) == nil)
        #expect(UnitFormat.iso8601(Date(timeIntervalSince1970: .infinity)) == nil)
    }

    @Test func whatItWritesItReads() {
        var generator = SeededGenerator(seed: 8601)
        for _ in 0..<2_000 {
            let seconds = Double(Int(generator.next() % 253_402_300_800) - 62_167_219_200 / 2)
            let date = Date(timeIntervalSince1970: seconds)
            let text = UnitFormat.iso8601(date)
            #expect(text.flatMap(UnitFormat.parseISO8601) == date, "\(seconds)")
        }
    }
}
