import Dispatch
import Foundation

/// Checks links across a whole site: every relative `href`/`src` resolves to a file of the
/// site, every `#fragment` to an id on its page, and nothing depends on the site's location or
/// the network (no root-relative paths, no external scripts, styles or images).
public struct LinkChecker: Sendable {
    public init() {}

    /// `pages` maps a site-relative path (e.g. `runs/r1/index.html`) to its check; `files` lists
    /// every file of the site by the same kind of path.
    public func check(pages: [String: PageCheck], files: Set<String>) -> [(file: String, problem: PageCheck.Problem)] {
        let sorted = pages.sorted(by: { $0.key < $1.key })
        // Pages are checked independently, a slice per core (a site of thousands of pages has
        // hundreds of thousands of links); the problems keep the pages' order.
        let slices = max(1, min(sorted.count / 64, 4 * ProcessInfo.processInfo.activeProcessorCount))
        let found = [[(String, PageCheck.Problem)]](unsafeUninitializedCapacity: slices) { buffer, initialized in
            // Each iteration writes only its own slot, so sharing the pointer is safe.
            nonisolated(unsafe) let output = buffer.baseAddress!
            DispatchQueue.concurrentPerform(iterations: slices) { slice in
                var problems: [(String, PageCheck.Problem)] = []
                var lookup = Lookup(pages: pages, files: files)
                let range = (slice * sorted.count / slices)..<((slice + 1) * sorted.count / slices)
                for (page, check) in sorted[range] {
                    let folder = page.lastIndex(of: "/").map { String(page[..<$0]) } ?? ""
                    for link in check.links {
                        // Most links are the same few targets from pages of one folder (the
                        // stylesheet, a run's pages): each is resolved once per folder. A link that
                        // may lead to its own page is checked on its own.
                        let message: String?
                        if !Self.sharesOutcome(link.target) {
                            message = problem(with: link, on: page, lookup: &lookup)
                        } else {
                            let key = "\(folder)\u{0}\(link.target)\u{0}\(link.element)\u{0}\(link.attribute)"
                            if let known = lookup.outcomes[key] {
                                message = known
                            } else {
                                message = problem(with: link, on: page, lookup: &lookup)
                                lookup.outcomes[key] = message
                            }
                        }
                        if let message { problems.append((page, .init(line: link.line, message: message))) }
                    }
                }
                (output + slice).initialize(to: problems)
            }
            initialized = slices
        }
        return found.flatMap { $0 }
    }

    /// Whether a link's outcome is the same from every page of a folder: not when it may resolve
    /// to the page itself (`#id`, `?query`, or whitespace, maybe Unicode, before either).
    private static func sharesOutcome(_ target: String) -> Bool {
        guard let first = target.utf8.first else { return false }
        return first != UInt8(ascii: "#") && first != UInt8(ascii: "?") && first > 0x20 && first < 0x7F
    }

    /// What one slice of pages has looked up so far: each page's ids as a set, made when a link
    /// first needs them, and the outcome of each link already checked from a folder.
    private struct Lookup {
        let pages: [String: PageCheck]
        let files: Set<String>
        var ids: [String: Set<String>] = [:]
        var outcomes: [String: String?] = [:]

        init(pages: [String: PageCheck], files: Set<String>) {
            self.pages = pages
            self.files = files
        }

        mutating func ids(of page: String) -> Set<String>? {
            if let known = ids[page] { return known }
            guard let check = pages[page] else { return nil }
            let set = Set(check.ids)
            ids[page] = set
            return set
        }
    }

    private func problem(with link: PageCheck.Link, on page: String, lookup: inout Lookup) -> String? {
        let files = lookup.files
        let target = trimmed(link.target)
        if target.isEmpty { return "empty \(link.attribute) on <\(link.element)>" }
        let lowered = target.lowercased()
        if lowered.hasPrefix("javascript:") { return "javascript: URL in \(link.attribute)" }
        if lowered.hasPrefix("data:") { return nil }
        if let scheme = schemeOf(lowered) {
            // External pages may be linked; external resources would break offline use.
            if link.element == "a", ["http", "https", "mailto"].contains(scheme) { return nil }
            return "\(link.attribute)=\"\(target)\" loads from the network; the site must work offline"
        }
        if target.hasPrefix("//") { return "protocol-relative URL \(target) loads from the network" }
        if target.hasPrefix("/") {
            return "root-relative link \(target) breaks when the site is served under a URL prefix"
        }
        var pathPart = target
        var fragment: String?
        if let hash = pathPart.firstIndex(of: "#") {
            fragment = String(pathPart[pathPart.index(after: hash)...])
            pathPart = String(pathPart[..<hash])
        }
        if let query = pathPart.firstIndex(of: "?") { pathPart = String(pathPart[..<query]) }
        let resolved: String
        if pathPart.isEmpty {
            resolved = page
        } else {
            guard let path = resolve(percentDecoded(pathPart), from: page) else {
                return "link \(target) leaves the site"
            }
            resolved = files.contains(path) || !files.contains(path + "/index.html") ? path : path + "/index.html"
            guard files.contains(resolved) else {
                return "link \(target) points to \(resolved), which the site does not have"
            }
        }
        if let fragment, !fragment.isEmpty, let ids = lookup.ids(of: resolved),
            !ids.contains(percentDecoded(fragment))
        {
            return "link \(target): \(resolved) has no element with id \"\(fragment)\""
        }
        return nil
    }

    private func schemeOf(_ target: String) -> String? {
        guard let colon = target.firstIndex(of: ":") else { return nil }
        let scheme = target[..<colon]
        guard let first = scheme.first, first.isLetter,
            scheme.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." })
        else { return nil }
        return String(scheme)
    }

    /// Resolves a relative path against the folder of `page`; nil if it climbs out of the site.
    func resolve(_ relative: String, from page: String) -> String? {
        var components = page.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if !components.isEmpty { components.removeLast() }
        let trailingSlash = relative.hasSuffix("/")
        for part in relative.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !components.isEmpty else { return nil }
                components.removeLast()
            default: components.append(String(part))
            }
        }
        let path = components.joined(separator: "/")
        return trailingSlash ? (path.isEmpty ? "index.html" : path + "/index.html") : path
    }

    private func percentDecoded(_ text: String) -> String {
        guard text.contains("%") else { return text }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "%"), iterator.count >= 2,
                let value = UInt8(String(decoding: iterator.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
