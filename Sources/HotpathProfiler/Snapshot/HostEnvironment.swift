import Foundation
import HotpathModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the run's metadata says about the machine and the build: read once per process.
enum HostEnvironment {
    static let fingerprint = EnvironmentFingerprint(
        os: operatingSystem(), cpuModel: cpuModel(), cores: ProcessInfo.processInfo.activeProcessorCount,
        toolchain: toolchain, buildConfiguration: buildConfiguration)

    static let hostName: String? = {
        var name = [CChar](repeating: 0, count: 256)
        guard gethostname(&name, name.count - 1) == 0 else { return nil }
        let text = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return text.isEmpty ? nil : text
    }()

    /// The compiler that built this module, e.g. `Swift 6.3`.
    static var toolchain: String {
        #if compiler(>=7.0)
            "Swift 7 or later"
        #elseif compiler(>=6.5)
            "Swift 6.5"
        #elseif compiler(>=6.4)
            "Swift 6.4"
        #elseif compiler(>=6.3)
            "Swift 6.3"
        #elseif compiler(>=6.2)
            "Swift 6.2"
        #elseif compiler(>=6.1)
            "Swift 6.1"
        #else
            "Swift 6.0"
        #endif
    }

    /// How this module was compiled: a debug build's timings say little about a release build's.
    static var buildConfiguration: String {
        #if DEBUG
            "debug"
        #else
            "release"
        #endif
    }

    /// The distribution's pretty name on Linux (`/etc/os-release`), else the system's version string.
    static func operatingSystem() -> String? {
        #if os(Linux)
            if let release = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8) {
                for line in release.split(separator: "\n") where line.hasPrefix("PRETTY_NAME=") {
                    let value = line.dropFirst("PRETTY_NAME=".count).trimmingCharacters(
                        in: CharacterSet(charactersIn: "\""))
                    if !value.isEmpty { return value }
                }
            }
            return "Linux"
        #else
            return ProcessInfo.processInfo.operatingSystemVersionString
        #endif
    }

    /// The first `model name` of `/proc/cpuinfo` on Linux; `machdep.cpu.brand_string` on Apple platforms.
    static func cpuModel() -> String? {
        #if os(Linux)
            guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
            for line in info.split(separator: "\n") where line.hasPrefix("model name") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                return value.isEmpty ? nil : value
            }
            return nil
        #elseif canImport(Darwin)
            var size = 0
            guard sysctlbyname("machdep.cpu.brand_string", nil, &size, nil, 0) == 0, size > 0 else { return nil }
            var name = [CChar](repeating: 0, count: size)
            guard sysctlbyname("machdep.cpu.brand_string", &name, &size, nil, 0) == 0 else { return nil }
            return String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        #else
            return nil
        #endif
    }

    /// `2026-11-20T02:00:00Z`: ISO 8601 in UTC, to the second.
    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        return formatter.string(from: date)
    }
}
