import Foundation
import HotpathModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension Profiler {
    /// Writes `snapshot()` as a native dump at `path`, atomically: to a temporary file in the
    /// same folder, then renamed over `path`, so a reader never sees half a dump.
    public func write(to path: String) throws(ProfilerError) {
        let data: Data
        do {
            data = try Self.encode(snapshot())
        } catch {
            throw ProfilerError(.encoding, path: path, message: "cannot encode the profile: \(error)")
        }
        let target = URL(fileURLWithPath: path)
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).\(getpid())-\(UUID().uuidString.prefix(8)).tmp")
        do {
            try data.write(to: temporary)
        } catch {
            throw ProfilerError(
                .write, path: path, message: "cannot write \(temporary.path): \(FileErrorText.describe(error))")
        }
        guard rename(temporary.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw ProfilerError(.write, path: path, message: "cannot move the dump into place: \(reason)")
        }
    }

    /// The dump's bytes: JSON with sorted keys, so the same profile always gives the same bytes.
    public static func encode(_ profile: Profile) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(profile)
    }
}
