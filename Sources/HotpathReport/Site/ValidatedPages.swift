import Foundation
import HotpathIngest
import HotpathRender
import HotpathSite
import HotpathValidation

/// The pages an earlier build validated, by path: a page whose bytes are the same again is
/// not parsed and checked again, and its ids and links (which the site-wide link check needs
/// every page's of) come from here. Links are still checked across the whole site each build.
///
/// A nightly history re-renders every page but changes few: validation was two fifths of a
/// build with nothing new. Kept in the history cache (`--cache DIR`, `pages.json`), one entry
/// per page of the newest build (so it never grows with the history), rewritten atomically;
/// a missing or damaged file only means every page is validated.
public struct ValidatedPages: Sendable {
    public let file: String

    /// Changes whenever what validation checks changes, so a new Hotpath checks every page again.
    static let version = "hotpath-validated-1"

    public init(file: String) {
        self.file = file
    }

    /// The file in the history cache `cache` for the site written to `site`: one per output
    /// folder, so two sites built from one cache do not take each other's pages.
    public init(cache: String, site: String) {
        let folder = URL(fileURLWithPath: site).standardizedFileURL.path
        self.init(file: cache + "/pages/" + ContentHash.of(folder) + ".json")
    }

    /// A page's digest and what its validation found: no problem (only clean pages are kept),
    /// its ids and its links.
    struct Entry: Codable, Sendable {
        var digest: String
        var ids: [String]
        var idLines: [Int]
        /// Each link as target, attribute, element, line.
        var links: [[String]]

        init(digest: String, check: PageCheck) {
            self.digest = digest
            ids = check.ids
            idLines = check.idLines
            links = check.links.map { [$0.target, $0.attribute, $0.element, String($0.line)] }
        }

        var check: PageCheck {
            var check = PageCheck(
                ids: ids,
                links: links.compactMap { link in
                    guard link.count == 4, let line = Int(link[3]) else { return nil }
                    return PageCheck.Link(target: link[0], attribute: link[1], element: link[2], line: line)
                })
            check.idLines = idLines
            return check
        }
    }

    struct Document: Codable {
        var version: String
        var pages: [String: Entry]
    }

    /// The entries of the last build, or none when there is no readable file of this version.
    func load() -> [String: Entry] {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: file)),
            let value = try? data.withUnsafeBytes({ bytes throws in try JSONScanner.parseDocument(bytes) }),
            let document = try? JSONValueDecoder().decode(Document.self, from: value),
            document.version == Self.version
        else { return [:] }
        return document.pages
    }

    /// Remembers the clean pages of a build; a cache that cannot be written is only slower.
    func save(_ files: [RenderedFile], digests: [String?], checks: [PageCheck?]) {
        var pages: [String: Entry] = [:]
        for (file, (digest, check)) in zip(files, zip(digests, checks)) {
            guard let digest, let check, check.problems.isEmpty else { continue }
            pages[file.path] = Entry(digest: digest, check: check)
        }
        guard let bytes = try? JSONBytesEncoder().encode(Document(version: Self.version, pages: pages)) else { return }
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
