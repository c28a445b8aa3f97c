import Foundation
import HotpathIngest
import HotpathRender
import HotpathSite
import HotpathValidation

/// The pages an earlier build validated, by path: a page whose bytes are the same again is
/// not parsed and checked again, and its ids and links (which the site-wide link check needs
/// every page's of) come from here. Links are still checked across the whole site each build.
///
/// It is also the page cache: a page whose inputs are known without rendering it
/// (`SiteRenderer.PageJob.cacheKey`: a run's pages) is not rendered again while its key, the
/// templates, Hotpath itself and what its links look up are the same; its text is read back
/// from the site the last build wrote (`reused(_:key:entry:linksHold:)`), checked against its
/// digest. A nightly history adds a run: the older runs' pages stay as they were.
///
/// Kept in the history cache (`--cache DIR`, `pages/<site>.json`), one entry per page of the
/// newest build (so it never grows with the history), rewritten atomically; a missing or
/// damaged file only means every page is rendered and validated.
public struct ValidatedPages: Sendable {
    public let file: String
    /// The folder the last build wrote its pages to, where a reused page is read back from; nil
    /// reuses no page.
    public let site: String?

    /// Changes whenever what validation checks changes, so a new Hotpath checks every page again.
    static let version = "hotpath-validated-4"

    public init(file: String, site: String? = nil) {
        self.file = file
        self.site = site
    }

    /// The file in the history cache `cache` for the site written to `site`: one per output
    /// folder, so two sites built from one cache do not take each other's pages.
    public init(cache: String, site: String) {
        let folder = URL(fileURLWithPath: site).standardizedFileURL.path
        self.init(file: cache + "/pages/" + ContentHash.of(folder) + ".json", site: site)
    }

    /// A page's digest and what its validation found: no problem (only clean pages are kept),
    /// its ids and its links; for a page with a cache key, the key and what its links looked up.
    /// Ids and links are each one string of records (`Records`): a site's thousands of pages
    /// are read back on every build, and one string per page parses far faster than an array
    /// of arrays.
    struct Entry: Codable, Sendable {
        var digest: String
        /// Each id and its line.
        var ids: String
        /// Each link as target, attribute, element, line.
        var links: String
        var key: String?
        var dependencies: [String: String]?

        /// Nil when an id or link holds a separator (a page Hotpath writes never does): such a
        /// page is not remembered, and only validated again.
        static func make(
            digest: String, check: PageCheck, key: String? = nil, dependencies: [String: String]? = nil
        ) -> Entry? {
            guard
                let ids = Records.join(zip(check.ids, check.idLines).map { [$0, String($1)] }),
                let links = Records.join(
                    check.links.map { [$0.target, $0.attribute, $0.element, String($0.line)] })
            else { return nil }
            return Entry(digest: digest, ids: ids, links: links, key: key, dependencies: dependencies)
        }

        /// Nil when the records do not read back whole (a damaged file): the page is validated again.
        var check: PageCheck? {
            guard let idRecords = Records.split(ids, fields: 2), let linkRecords = Records.split(links, fields: 4)
            else { return nil }
            var links: [PageCheck.Link] = []
            links.reserveCapacity(linkRecords.count)
            for link in linkRecords {
                guard let line = Int(link[3]) else { return nil }
                links.append(
                    PageCheck.Link(
                        target: String(link[0]), attribute: String(link[1]), element: String(link[2]), line: line))
            }
            var lines: [Int] = []
            lines.reserveCapacity(idRecords.count)
            for id in idRecords {
                guard let line = Int(id[1]) else { return nil }
                lines.append(line)
            }
            var check = PageCheck(ids: idRecords.map { String($0[0]) }, links: links)
            check.idLines = lines
            return check
        }
    }

    /// Records of text fields in one string: each field ends with U+007F (DEL), and a record
    /// is a fixed number of fields. DEL never reaches a page (the template engine and
    /// `SVG.escape` write controls as their pictures), and JSON writes it as it is: the
    /// separators of the earlier format (U+001F, U+001E) were escaped to six bytes each, half
    /// of a site's page cache file.
    enum Records {
        static let separator = UInt8(0x7F)

        /// Nil when a field holds the separator.
        static func join(_ records: [[String]]) -> String? {
            var text = ""
            for record in records {
                for value in record {
                    guard !value.utf8.contains(separator) else { return nil }
                    text += value
                    text += "\u{7F}"
                }
            }
            return text
        }

        /// The records of `text`, `fields` fields each; nil when the fields do not make whole
        /// records (a damaged file).
        static func split(_ text: String, fields: Int) -> [[Substring]]? {
            let values = text.utf8.split(separator: separator, omittingEmptySubsequences: false)
            // Every field ends with a separator: the last piece is the empty one after it.
            guard let last = values.last, last.isEmpty, (values.count - 1) % fields == 0 else { return nil }
            return stride(from: 0, to: values.count - 1, by: fields).map { start in
                values[start..<start + fields].map { Substring($0) }
            }
        }
    }

    struct Document: Codable {
        var version: String
        var pages: [String: Entry]
        /// What the pages' keys were combined with (`environment(templates:)`), and the outline
        /// of each run whose pages these are, by its record's identity (`RunRecord.outline`).
        var environment: String?
        var records: [String: RunOutline]?
    }

    /// The entries of the last build, or none when there is no readable file of this version.
    func load() -> [String: Entry] {
        loadDocument()?.pages ?? [:]
    }

    /// The last build's document, or nil when there is no readable file of this version.
    func loadDocument() -> Document? {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: file)),
            let value = try? data.withUnsafeBytes({ bytes throws in try JSONScanner.parseDocument(bytes) }),
            let document = try? JSONValueDecoder().decode(Document.self, from: value),
            document.version == Self.version
        else { return nil }
        return document
    }

    /// The text of the page at `path` as the last build wrote it, when `entry` (its entry of
    /// the last build) was rendered with `key`, its links look up the same (`linksHold`), and
    /// the file is still byte for byte what was validated; else nil, and the page is rendered.
    func reused(
        _ path: String, key: String, entry: Entry?, linksHold: ([String: String]) -> Bool
    ) -> String? {
        guard let site, let entry, entry.key == key, linksHold(entry.dependencies ?? [:]),
            let data = FileManager.default.contents(atPath: site + "/" + path)
        else { return nil }
        guard data.withUnsafeBytes({ ContentHash.of($0) }) == entry.digest else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// What a page cache key is combined with: the templates' digest and Hotpath's build, so new
    /// templates or a new Hotpath render every page again. Nil when Hotpath's build cannot be
    /// told (no page is reused then).
    static func environment(templates: [String: String]) -> String? {
        guard let build = BuildStamp.current else { return nil }
        var text = version + "\u{1E}" + build
        for (name, source) in templates.sorted(by: { $0.key < $1.key }) {
            text += "\u{1E}" + name + "\u{1F}" + source
        }
        return ContentHash.of(text)
    }

    /// Remembers the clean pages of a build (`entries`: each page's entry, nil for one not kept,
    /// `Entry.make`); a cache that cannot be written is only slower. `keys` and `dependencies`
    /// are each page's cache key and link lookups, when it has a key.
    func save(
        _ files: [RenderedFile], entries: [Entry?], keys: [String?] = [], dependencies: [[String: String]] = [],
        environment: String? = nil, records: [String: RunOutline] = [:]
    ) {
        if let bytes = encoded(
            files, entries: entries, keys: keys, dependencies: dependencies, environment: environment,
            records: records)
        {
            write(bytes)
        }
    }

    /// What `save` writes, made apart from writing it: a report encodes it while its site is
    /// staged, and writes it only once the site is in place.
    func encoded(
        _ files: [RenderedFile], entries: [Entry?], keys: [String?] = [], dependencies: [[String: String]] = [],
        environment: String? = nil, records: [String: RunOutline] = [:]
    ) -> [UInt8]? {
        var pages: [String: Entry] = [:]
        pages.reserveCapacity(files.count)
        for (index, (file, entry)) in zip(files, entries).enumerated() {
            guard var entry else { continue }
            entry.key = keys.indices.contains(index) ? keys[index] : nil
            entry.dependencies = entry.key == nil || !dependencies.indices.contains(index) ? nil : dependencies[index]
            pages[file.path] = entry
        }
        let document = Document(
            version: Self.version, pages: pages, environment: environment, records: environment == nil ? nil : records)
        return try? JSONBytesEncoder().encode(document)
    }

    /// Writes an `encoded` cache in place of the last one.
    func write(_ bytes: [UInt8]) {
        try? FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? AtomicFile.write(bytes, to: file)
    }

    /// The digest a page is known by: of its bytes, for HTML pages (the only ones cached).
    static func digest(of file: RenderedFile) -> String? {
        guard file.isHTML else { return nil }
        var text = file.text
        return text.withUTF8 { ContentHash.of(UnsafeRawBufferPointer($0)) }
    }
}
