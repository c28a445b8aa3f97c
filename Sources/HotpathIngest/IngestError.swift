import Foundation
import HotpathModel

/// Why a dump could not be read, with where: file, line and column (or byte offset), format.
public struct IngestError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The file could not be opened or read.
        case unreadable
        /// No importer recognized the content.
        case unknownFormat
        /// The bytes are not valid for the format's syntax (e.g. broken JSON).
        case syntax
        /// Valid syntax, but the content breaks the format's rules (a missing field, a negative duration).
        case invalidContent
        /// Over a configured cap on events, operations or size.
        case limitExceeded
    }

    public var kind: Kind
    public var file: String
    public var format: DumpFormat?
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(
        _ kind: Kind, file: String, format: DumpFormat? = nil, line: Int? = nil, column: Int? = nil, message: String
    ) {
        self.kind = kind
        self.file = file
        self.format = format
        self.line = line
        self.column = column
        self.message = message
    }

    public var diagnostic: Diagnostic {
        let prefix = format.map { "\($0.rawValue): " } ?? ""
        return Diagnostic(.error, file: file, line: line, column: column, message: prefix + message)
    }

    public var description: String { diagnostic.description }

    /// Why a file could not be opened or listed, in words rather than Foundation's
    /// `Error Domain=NSPOSIXErrorDomain Code=21 "…"`.
    static func plainReason(_ error: any Error) -> String {
        guard let code = FileErrorText.posixCode(error) else {
            return "cannot read it: \(FileErrorText.describe(error))"
        }
        switch code {
        case ENOENT: return "no such file"
        case EISDIR: return "is a folder; one dump file is expected here"
        case EACCES, EPERM: return "permission denied"
        case ENODEV: return "not a regular file (a device, pipe or socket); give a dump file"
        case ENOTDIR: return "a part of the path is not a folder"
        case ELOOP: return "too many levels of symbolic links"
        default: return "cannot read it: \(String(cString: strerror(code)))"
        }
    }
}

/// A failure inside an importer, before the ingest layer adds the file name and position.
public struct ImportFailure: Error, Sendable {
    public var kind: IngestError.Kind
    /// Byte offset into the (decompressed, UTF-8) input, when the importer knows it.
    public var offset: Int?
    /// Line number (from 1) for line-based formats that know it without an offset.
    public var line: Int?
    public var message: String

    public init(_ kind: IngestError.Kind, offset: Int? = nil, line: Int? = nil, message: String) {
        self.kind = kind
        self.offset = offset
        self.line = line
        self.message = message
    }

    public init(_ error: JSONError) {
        self.init(.syntax, offset: error.offset, message: error.message)
    }
}
