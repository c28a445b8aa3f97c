import Foundation
import HotpathModel

/// Writes one file atomically: a temporary file in the same folder, then a rename over the target.
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to path: String) throws(SiteError) {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(
                ".\(url.lastPathComponent).hotpath-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: temporary, options: .withoutOverwriting)
            guard rename(temporary.path, url.path) == 0 else {
                throw SiteError(
                    .io, path: path, message: "cannot replace the file: \(String(cString: strerror(errno)))")
            }
        } catch let error as SiteError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw SiteError(.io, path: path, message: "cannot write the file: \(FileErrorText.describe(error))")
        }
    }

    /// Appends to a file (creating it): for files other tools collect into, like
    /// `$GITHUB_STEP_SUMMARY`. One `write` call, so concurrent appenders do not interleave.
    public static func append(_ bytes: [UInt8], to path: String) throws(SiteError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw SiteError(.io, path: path, message: "cannot open the file: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else {
            throw SiteError(.io, path: path, message: "cannot append to the file: \(String(cString: strerror(errno)))")
        }
    }
}
