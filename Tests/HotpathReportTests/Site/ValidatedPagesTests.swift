import HotpathValidation
import Testing

@testable import HotpathReport

/// The page cache's records: a page's ids and links, one string each, read back exactly or not
/// at all.
@Suite struct ValidatedPagesTests {
    @Test func recordsReadBackAsWritten() throws {
        let records = [["../index.html", "href", "a", "12"], ["", "src", "img", "3"], ["#top", "href", "a", "40"]]
        let text = try #require(ValidatedPages.Records.join(records))
        #expect(!text.utf8.contains(0x1F) && !text.utf8.contains(0x1E))
        let read = try #require(ValidatedPages.Records.split(text, fields: 4))
        #expect(read.map { $0.map(String.init) } == records)
        #expect(ValidatedPages.Records.split("", fields: 4)?.isEmpty == true)
        // A field holding the separator is not written: the page is only validated again.
        #expect(ValidatedPages.Records.join([["a\u{7F}b", "href", "a", "1"]]) == nil)
    }

    @Test func aDamagedEntryIsValidatedAgain() throws {
        let links = try #require(
            ValidatedPages.Records.join([["a.html", "href", "a", "7"], ["b.html", "href", "a", "8"]]))
        let ids = try #require(ValidatedPages.Records.join([["content", "20"]]))
        let whole = ValidatedPages.Entry(digest: "d", ids: ids, links: links)
        let check = try #require(whole.check)
        #expect(check.links.map(\.target) == ["a.html", "b.html"] && check.links.map(\.line) == [7, 8])
        #expect(check.ids == ["content"] && check.idLines == [20])
        // Cut anywhere inside a record, or a line that is not a number: no checks. (Cut between
        // records, the first record is whole; files are written atomically.)
        let firstRecord = try #require(ValidatedPages.Records.join([["a.html", "href", "a", "7"]])).utf8.count
        for cut in 1..<links.utf8.count where cut != firstRecord {
            let damaged = String(decoding: Array(links.utf8.prefix(cut)), as: UTF8.self)
            #expect(ValidatedPages.Entry(digest: "d", ids: ids, links: damaged).check == nil)
        }
        let notALine = try #require(ValidatedPages.Records.join([["a.html", "href", "a", "seven"]]))
        #expect(ValidatedPages.Entry(digest: "d", ids: ids, links: notALine).check == nil)
    }
}
