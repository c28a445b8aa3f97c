/// One file of a generated site, by its path relative to the site's root.
public struct SiteFile: Sendable, Equatable {
    /// Slash-separated, relative, e.g. `operations/render_template.html`.
    public var path: String
    public var contents: [UInt8]
    /// A file on disk that holds exactly `contents` (the last build's copy of a page kept from
    /// it): linked instead of written when the file system allows, so a nightly build does not
    /// copy the older runs' pages again.
    public var sameAs: String?

    public init(path: String, contents: [UInt8], sameAs: String? = nil) {
        self.path = path
        self.contents = contents
        self.sameAs = sameAs
    }

    public init(path: String, text: String, sameAs: String? = nil) {
        self.init(path: path, contents: Array(text.utf8), sameAs: sameAs)
    }
}

/// Why a site could not be written. The previous site is intact whenever this is thrown.
public struct SiteError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The folder holds files Hotpath did not write; pass `--force` to write there anyway.
        case foreignFolder
        /// The output path, or something on the way, is a symlink Hotpath will not follow.
        case symlink
        /// A file path would land outside the output folder or is not a valid name.
        case unsafePath
        /// The file system refused.
        case io
    }

    public var kind: Kind
    public var path: String
    public var message: String

    public init(_ kind: Kind, path: String, message: String) {
        self.kind = kind
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): error: \(message)" }
}
