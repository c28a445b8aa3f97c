/// One file of a generated site, by its path relative to the site's root.
public struct SiteFile: Sendable, Equatable {
    /// Slash-separated, relative, e.g. `operations/render_template.html`.
    public var path: String
    /// The bytes as given: a rendered page stays the text it was made as, as most pages of a
    /// nightly build are linked from the last build, never copied into bytes.
    private var storage: Storage
    /// A file on disk that holds exactly `contents` (the last build's copy of a page kept from
    /// it): linked instead of written when the file system allows, so a nightly build does not
    /// copy the older runs' pages again.
    public var sameAs: String?

    private enum Storage: Sendable, Equatable {
        case bytes([UInt8])
        case text(String)
    }

    public init(path: String, contents: [UInt8], sameAs: String? = nil) {
        self.path = path
        self.storage = .bytes(contents)
        self.sameAs = sameAs
    }

    public init(path: String, text: String, sameAs: String? = nil) {
        self.path = path
        self.storage = .text(text)
        self.sameAs = sameAs
    }

    public var contents: [UInt8] {
        switch storage {
        case .bytes(let bytes): bytes
        case .text(let text): Array(text.utf8)
        }
    }

    /// The number of bytes, without making them.
    public var byteCount: Int {
        switch storage {
        case .bytes(let bytes): bytes.count
        case .text(let text): text.utf8.count
        }
    }

    /// Hands the bytes to `body` without copying a text into an array first.
    public func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        switch storage {
        case .bytes(let bytes): return try bytes.withUnsafeBytes(body)
        case .text(var text): return try text.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
        }
    }

    public static func == (left: SiteFile, right: SiteFile) -> Bool {
        left.path == right.path && left.sameAs == right.sameAs && left.contents == right.contents
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
