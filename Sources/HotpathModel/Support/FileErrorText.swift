import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Foundation's file errors in plain words — "no such file or folder", "permission denied" —
/// instead of "The operation could not be completed. The file doesn't exist." or an
/// `NSPOSIXErrorDomain Code=2` dump, for every message Hotpath prints about a path.
public enum FileErrorText {
    public static func describe(_ error: any Error) -> String {
        let error = error as NSError
        if let posix = posixCode(error) { return String(cString: strerror(posix)).lowercased() }
        guard error.domain == NSCocoaErrorDomain else { return error.localizedDescription }
        switch CocoaError.Code(rawValue: error.code) {
        case .fileNoSuchFile, .fileReadNoSuchFile: return "no such file or folder"
        case .fileReadNoPermission, .fileWriteNoPermission: return "permission denied"
        case .fileWriteOutOfSpace: return "no space left on the device"
        case .fileWriteVolumeReadOnly: return "read-only file system"
        case .fileWriteFileExists: return "a file is in the way"
        case .fileReadInapplicableStringEncoding, .fileReadCorruptFile: return "not UTF-8 text"
        default: return error.localizedDescription
        }
    }

    /// What stands at `path` when it is not a regular file ("is a folder", "does not exist"…),
    /// checked before reading: Foundation reports a folder or a device as a permission problem.
    public static func notARegularFile(_ path: String) -> String? {
        var status = stat()
        guard stat(path, &status) == 0 else { return String(cString: strerror(errno)).lowercased() }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "is a folder, not a file"
        default: return "is not a regular file"
        }
    }

    /// The errno behind a Foundation file error (a `POSIXError`, or a `CocoaError` wrapping one).
    public static func posixCode(_ error: any Error) -> Int32? {
        let error = error as NSError
        if error.domain == NSPOSIXErrorDomain { return Int32(error.code) }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError { return posixCode(underlying) }
        return nil
    }
}
