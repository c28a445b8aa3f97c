#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The process's memory as the operating system reports it, in bytes.
///
/// On Linux from `/proc/self/statm` (resident pages) and `/proc/self/status` (`VmHWM`, the
/// peak resident size); on Apple platforms from `task_info`. Each read costs a few
/// microseconds: fine for periodic samples, not for every span.
enum ProcessMemory {
    /// The resident set size now.
    static func residentBytes() -> Double? {
        #if os(Linux)
            // statm: size resident shared text lib data dt, in pages.
            guard let text = readProcFile("/proc/self/statm") else { return nil }
            let fields = text.split(separator: " ")
            guard fields.count >= 2, let pages = Double(fields[1]) else { return nil }
            return pages * Double(sysconf(Int32(_SC_PAGESIZE)))
        #elseif canImport(Darwin)
            return taskInfo().map { Double($0.resident_size) }
        #else
            return nil
        #endif
    }

    /// The highest resident set size the process has reached.
    static func peakResidentBytes() -> Double? {
        #if os(Linux)
            guard let text = readProcFile("/proc/self/status") else { return nil }
            for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
                // "VmHWM:     12345 kB"
                let parts = line.split(separator: " ", omittingEmptySubsequences: true)
                guard parts.count >= 2, let kibibytes = Double(parts[1]) else { return nil }
                return kibibytes * 1024
            }
            return nil
        #elseif canImport(Darwin)
            return taskInfo().map { Double($0.resident_size_max) }
        #else
            return nil
        #endif
    }

    #if os(Linux)
        /// A small file of `/proc`, read with plain system calls: the background sampler reads
        /// one every few milliseconds, and this costs less than going through `Data`.
        static func readProcFile(_ path: String) -> String? {
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { return nil }
            defer { close(descriptor) }
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                bytes.append(contentsOf: chunk[0..<count])
            }
            return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
        }
    #endif

    #if canImport(Darwin)
        static func taskInfo() -> mach_task_basic_info? {
            var info = mach_task_basic_info()
            var count = mach_msg_type_number_t(MemoryLayout<mach_task_basic_info>.size / MemoryLayout<natural_t>.size)
            let result = withUnsafeMutablePointer(to: &info) { pointer in
                pointer.withMemoryRebound(to: integer_t.self, capacity: Int(count)) {
                    task_info(mach_task_self_, task_flavor_t(MACH_TASK_BASIC_INFO), $0, &count)
                }
            }
            guard result == KERN_SUCCESS else { return nil }
            return info
        }
    #endif
}
