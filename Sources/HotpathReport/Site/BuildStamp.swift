import Foundation

/// Which build of Hotpath is running: its version with the size and modification time of its
/// executable, so a page cache kept by one build is not served by another (whose pages may be
/// rendered differently under the same version number).
enum BuildStamp {
    static let current: String? = {
        let candidates = ["/proc/self/exe", Bundle.main.executablePath].compactMap { $0 }
        for path in candidates {
            var info = stat()
            guard stat(path, &info) == 0 else { continue }
            #if os(Linux)
                let modified = info.st_mtim
            #else
                let modified = info.st_mtimespec
            #endif
            return "\(info.st_size)-\(modified.tv_sec).\(modified.tv_nsec)"
        }
        return nil
    }()
}
