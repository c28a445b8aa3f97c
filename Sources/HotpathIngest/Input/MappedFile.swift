#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file mapped into memory read-only: big dumps are parsed where the kernel already keeps
/// them, without copying them into (and zeroing) a buffer of the same size first. Unmapped when
/// released. A file truncated by another process while mapped would fault; dumps are not
/// rewritten while Hotpath reads them.
final class MappedFile {
    let bytes: UnsafeRawBufferPointer

    /// Maps `path`, or returns nil when it cannot be mapped (empty, not a regular file).
    init?(path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, status.st_size > 0 else {
            return nil
        }
        let size = Int(status.st_size)
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
            return nil
        }
        bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
    }
}

extension MappedFile {
    /// Drops the whole pages of a part of a mapped file already read from resident memory;
    /// reading them again (say, for a warning's line number) faults them back in from the file.
    /// Keeps a big input's pages from adding up with the profile built from them.
    static func release(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) {
        #if canImport(Glibc)
            guard let base = bytes.baseAddress else { return }
            let page = Int(sysconf(Int32(_SC_PAGESIZE)))
            let address = Int(bitPattern: base) + start
            let first = (address + page - 1) / page * page
            let last = (Int(bitPattern: base) + end) / page * page
            guard last > first, let pointer = UnsafeMutableRawPointer(bitPattern: first) else { return }
            _ = madvise(pointer, last - first, MADV_DONTNEED)
        #endif
    }
}
