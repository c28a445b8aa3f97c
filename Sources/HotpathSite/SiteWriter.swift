import CLinuxRename
import CSpawn
import Foundation
import HotpathModel

#if canImport(Glibc)
    import Glibc
#endif

/// Writes a site atomically: everything goes into a temporary sibling folder, which then
/// takes the output folder's place in one rename, so a web server never serves a half-written
/// site and a failed run leaves the previous one intact.
///
/// Hotpath records what it wrote in `.hotpath-manifest` and never deletes anything else: files
/// in the output folder that the previous manifest does not list (a `.gitignore`, a team's own
/// pages) are carried over into the new site. It refuses a non-empty folder it did not create
/// unless `force` is set, and never follows a symlink out of the output folder.
public struct SiteWriter: Sendable {
    public static let manifestName = ".hotpath-manifest"

    public var destination: String
    /// Write into a folder that holds files Hotpath did not write.
    public var force: Bool
    /// Test hook: fail after writing this many files, to prove failures leave no trace.
    public var failAfterFiles: Int?

    public init(destination: String, force: Bool = false, failAfterFiles: Int? = nil) {
        self.destination = destination
        self.force = force
        self.failAfterFiles = failAfterFiles
    }

    public struct Summary: Sendable, Equatable {
        public var filesWritten: Int
        public var bytesWritten: Int
        public var filesCarriedOver: [String]
    }

    /// Writes `files` as the site: staged, put in place, and the site it replaces removed.
    public func write(_ files: [SiteFile]) throws(SiteError) -> Summary {
        let staged = try stage(files)
        if let retired = try commit(staged) { Self.removeRetired(retired) }
        return staged.summary
    }

    /// A site written into its staging folder beside the output folder, not yet in place:
    /// `commit` puts it there, `discard` removes it.
    public struct StagedSite: Sendable {
        let staging: URL
        let destination: URL
        let destinationExists: Bool
        public let summary: Summary
    }

    /// Writes `files` (and what the output folder holds that Hotpath did not write) into a new
    /// staging folder. The output folder is not touched, so a report can stage its site while it
    /// is still checking the site's links, and discard it if they fail.
    public func stage(_ files: [SiteFile]) throws(SiteError) -> StagedSite {
        let fileManager = FileManager.default
        let destinationURL = URL(fileURLWithPath: destination).standardizedFileURL
        let parent = destinationURL.deletingLastPathComponent()
        for file in files { try Self.checkRelativePath(file.path) }
        let uniquePaths = Set(files.map(\.path))
        guard uniquePaths.count == files.count else {
            throw SiteError(.unsafePath, path: destination, message: "two generated files share one path")
        }

        let existing = try inspectDestination(destinationURL)
        try Self.checkConflicts(foreign: existing.foreignFiles, generated: uniquePaths, in: destinationURL.path)
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw SiteError(
                .io, path: parent.path, message: "cannot create the parent folder: \(FileErrorText.describe(error))")
        }
        let staging = parent.appendingPathComponent(
            ".\(destinationURL.lastPathComponent).hotpath-staging-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        var summary = Summary(filesWritten: 0, bytesWritten: 0, filesCarriedOver: [])
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)
            let ordered = files.sorted(by: { $0.path < $1.path })
            try Self.makeFolders(for: ordered.map(\.path), under: staging)
            // The site being replaced, for the files that come out as they were (`unchangedCopy`).
            let previous = existing.exists ? (folder: destinationURL.path, files: existing.ownFiles) : nil
            try writeAll(ordered, under: staging.path, previous: previous)
            summary.filesWritten = ordered.count
            summary.bytesWritten = ordered.reduce(0) { $0 + $1.byteCount }
            // Carry over what the previous manifest does not list: Hotpath never deletes it.
            // Links are copied as links (`copyItem` does not follow them), never followed.
            for path in existing.foreignFiles {
                let source = destinationURL.appendingPathComponent(path)
                let target = staging.appendingPathComponent(path)
                try fileManager.createDirectory(
                    at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try fileManager.copyItem(at: source, to: target)
                summary.filesCarriedOver.append(path)
            }
            let manifest = files.map(\.path).sorted().joined(separator: "\n") + "\n"
            let manifestFile = SiteFile(path: Self.manifestName, text: manifest)
            let manifestCopy = previous.flatMap { previous -> (String, FileIdentity)? in
                let copy = previous.folder + "/" + Self.manifestName
                return Self.unchangedCopy(copy, of: manifestFile).map { (copy, $0) }
            }
            try writeFile(manifestFile, under: staging.path, unchanged: manifestCopy)
        } catch let error as SiteError {
            Self.removeTree(staging.path)
            throw error
        } catch {
            Self.removeTree(staging.path)
            throw SiteError(
                .io, path: destination, message: "could not write the site: \(FileErrorText.describe(error))")
        }
        return StagedSite(
            staging: staging, destination: destinationURL, destinationExists: existing.exists, summary: summary)
    }

    /// Puts a staged site in place of the output folder. Returns where the site it replaced now
    /// is, for `removeRetired` (nil when there was none); on failure the staged site is removed
    /// and the output folder is as it was.
    public func commit(_ staged: StagedSite) throws(SiteError) -> String? {
        do {
            return try swap(
                staging: staged.staging, destination: staged.destination, destinationExists: staged.destinationExists)
        } catch {
            Self.removeTree(staged.staging.path)
            throw error
        }
    }

    /// Removes a staged site that will not be put in place.
    public static func discard(_ staged: StagedSite) {
        removeTree(staged.staging.path)
    }

    /// Removes the site a commit replaced, before returning.
    public static func removeRetired(_ path: String) {
        removeTree(path)
    }

    /// Removes the site a commit replaced without waiting for it (what a report does): the
    /// site is in place and nothing reads the old one, so a nightly build returns then. On a
    /// disk, removing the thousand pages a night replaces was a tenth of the build, mostly spent
    /// waiting for the file system. The old site is renamed `.<output>.hotpath-retired-…` and
    /// removed by a detached `rm -rf`, with any retired site an earlier build left behind (its
    /// remover killed with the machine); where no remover can be started it is removed here.
    public static func retire(_ path: String, replacing destination: String) {
        let output = URL(fileURLWithPath: destination).standardizedFileURL
        let parent = output.deletingLastPathComponent().path
        let prefix = ".\(output.lastPathComponent).hotpath-retired-"
        let retired = parent + "/" + prefix + "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        var paths = [rename(path, retired) == 0 ? retired : path]
        let earlier = (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
        paths += earlier.filter { $0.hasPrefix(prefix) }.map { parent + "/" + $0 }.filter { $0 != paths[0] }
        if !spawnRemover(paths) { paths.forEach(removeTree) }
    }

    /// Starts `/bin/rm -rf` on `paths` in the background and returns at once: through `sh`, which
    /// puts it in the background and exits, so the remover is nobody's child here (no zombie
    /// in a long-lived process) and ignores an interrupt meant for the terminal's job. It
    /// inherits no descriptor but /dev/null: a caller reading Hotpath's output to its end
    /// does not wait for it. False when `sh` or `rm` is missing, or `sh` could not be started
    /// or failed.
    static func spawnRemover(_ paths: [String]) -> Bool {
        guard access("/bin/sh", X_OK) == 0, access("/bin/rm", X_OK) == 0 else { return false }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        _ = hotpath_spawn_close_from(&actions, 3)
        let arguments = ["/bin/sh", "-c", #"/bin/rm -rf -- "$@" &"#, "hotpath-remove-retired"] + paths
        let cArguments = arguments.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, arguments[0], &actions, nil, cArguments, environ) == 0 else { return false }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return status == 0
    }

    private struct ExistingSite {
        var exists: Bool
        /// Files (relative paths) present now that Hotpath's previous manifest does not list.
        var foreignFiles: [String]
        /// Files present now that the previous manifest lists: the site Hotpath wrote last.
        var ownFiles: Set<String> = []
    }

    /// Looks at the output folder as it is: must be absent, empty, ours, or allowed by `force`.
    private func inspectDestination(_ url: URL) throws(SiteError) -> ExistingSite {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        if let attributes = try? fileManager.attributesOfItem(atPath: url.path),
            attributes[.type] as? FileAttributeType == .typeSymbolicLink
        {
            throw SiteError(
                .symlink, path: url.path,
                message: "the output folder is a symlink; Hotpath replaces the folder itself and will not follow it")
        }
        guard fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            return ExistingSite(exists: false, foreignFiles: [])
        }
        guard isDirectory.boolValue else {
            throw SiteError(.foreignFolder, path: url.path, message: "the output path exists and is not a folder")
        }
        let present = Self.listFiles(under: url)
        let manifestPath = url.appendingPathComponent(Self.manifestName).path
        let ours: Set<String>
        if let text = try? String(contentsOfFile: manifestPath, encoding: .utf8) {
            ours = Set(text.split(separator: "\n").map(String.init)).union([Self.manifestName])
        } else {
            ours = [Self.manifestName]
            // Without a manifest, only hidden files (a .gitignore) are expected.
            let visible = present.filter { !$0.split(separator: "/").contains { $0.hasPrefix(".") } }
            if !visible.isEmpty && !force {
                throw SiteError(
                    .foreignFolder, path: url.path,
                    message:
                        "the folder holds \(visible.count) file(s) Hotpath did not write (e.g. \(visible[0])); choose an empty or new folder, or pass --force to write there and keep those files"
                )
            }
        }
        return ExistingSite(
            exists: true, foreignFiles: present.filter { !ours.contains($0) },
            ownFiles: Set(present.filter { ours.contains($0) }))
    }

    /// Files Hotpath did not write that the new site cannot keep: one at a path the site writes
    /// (it would be replaced), or a file or link where the site needs a folder (a link planted in
    /// place of `runs/` would otherwise have the site written through it). Refused before
    /// anything is written, naming the path.
    static func checkConflicts(foreign: [String], generated: Set<String>, in destination: String) throws(SiteError) {
        guard !foreign.isEmpty else { return }
        var folders = Set<String>()
        for path in generated {
            var components = path.split(separator: "/").dropLast()
            while !components.isEmpty {
                folders.insert(components.joined(separator: "/"))
                components = components.dropLast()
            }
        }
        for path in foreign {
            if generated.contains(path) {
                throw SiteError(
                    .foreignFolder, path: destination + "/" + path,
                    message:
                        "the output folder holds \(path), which Hotpath did not write and the new site would replace; move it away or choose another output folder"
                )
            }
            if folders.contains(path) {
                throw SiteError(
                    .foreignFolder, path: destination + "/" + path,
                    message:
                        "the output folder holds \(path), a file or link Hotpath did not write, where the new site needs a folder; move it away or choose another output folder"
                )
            }
        }
    }

    /// Relative paths of the regular files under `root`; symlinks are listed, never followed.
    static func listFiles(under root: URL) -> [String] {
        var result: [String] = []
        func walk(_ folder: Int32, prefix: String) {
            guard let stream = fdopendir(folder) else {
                close(folder)
                return
            }
            defer { closedir(stream) }
            for entry in entries(of: stream) {
                let path = prefix.isEmpty ? entry.name : prefix + "/" + entry.name
                if entry.isFolder {
                    let child = openat(dirfd(stream), entry.name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                    if child >= 0 { walk(child, prefix: path) }
                } else {
                    result.append(path)
                }
            }
        }
        let folder = open(root.path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        if folder >= 0 { walk(folder, prefix: "") }
        return result.sorted()
    }

    static func checkRelativePath(_ path: String) throws(SiteError) {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\0"), path.utf8.count < 1024,
            components.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." && $0.utf8.count <= 255 })
        else {
            throw SiteError(
                .unsafePath, path: path,
                message: "refusing to write a file outside the output folder or with an invalid name")
        }
    }

    /// Makes the folders the files go in, each once, before the files are written.
    private static func makeFolders(for paths: [String], under root: URL) throws {
        var made: Set<Substring> = []
        for path in paths {
            guard let slash = path.lastIndex(of: "/"), made.insert(path[..<slash]).inserted else { continue }
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent(String(path[..<slash])), withIntermediateDirectories: true)
        }
    }

    /// Writes the files on every core: a nightly build writes a thousand pages, which on one
    /// core was most of its tail. Which files the replaced site holds as they are is found
    /// first (`unchangedCopy`); each of the others is made without a name and then named
    /// (`createUnnamed`). The first failure in path order is the one thrown.
    private func writeAll(
        _ files: [SiteFile], under root: String, previous: (folder: String, files: Set<String>)?
    ) throws {
        let failures = UnsafeMutableBufferPointer<(any Error)?>.allocate(capacity: files.count)
        _ = failures.initialize(from: repeatElement(nil, count: files.count))
        let identities = UnsafeMutableBufferPointer<FileIdentity?>.allocate(capacity: files.count)
        _ = identities.initialize(from: repeatElement(nil, count: files.count))
        defer {
            _ = failures.deinitialize()
            failures.deallocate()
            _ = identities.deinitialize()
            identities.deallocate()
        }
        // Each file writes only its own slots.
        nonisolated(unsafe) let slots = failures
        nonisolated(unsafe) let unchanged = identities
        let previousCopies = files.map { file in
            previous.flatMap { $0.files.contains(file.path) ? $0.folder + "/" + file.path : nil }
        }
        if previous != nil {
            DispatchQueue.concurrentPerform(iterations: files.count) { index in
                guard files[index].sameAs == nil, let copy = previousCopies[index] else { return }
                unchanged[index] = Self.unchangedCopy(copy, of: files[index])
            }
        }
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            do {
                if let limit = failAfterFiles, index >= limit {
                    throw SiteError(.io, path: files[index].path, message: "injected failure after \(limit) files")
                }
                let kept = unchanged[index].flatMap { identity in previousCopies[index].map { ($0, identity) } }
                try writeFile(files[index], under: root, unchanged: kept)
            } catch {
                slots[index] = error
            }
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
    }

    /// Writes one file into a folder that exists; `unchanged` is the file at its path in the site
    /// being replaced, when that holds its bytes (`unchangedCopy`).
    private func writeFile(_ file: SiteFile, under root: String, unchanged: (String, FileIdentity)? = nil) throws {
        let path = root + "/" + file.path
        if let source = file.sameAs, Self.link(source, to: path, size: file.byteCount) { return }
        if let (source, identity) = unchanged, Self.link(source, to: path, identity: identity) { return }
        if Self.createUnnamed(file, at: path) { return }
        // O_EXCL + O_NOFOLLOW: never write through a link planted in the staging folder.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw SiteError(.io, path: file.path, message: "cannot create: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        try Self.write(file, to: descriptor)
    }

    /// Writes `file`'s bytes to the open file `descriptor`.
    private static func write(_ file: SiteFile, to descriptor: Int32) throws {
        var offset = 0
        try file.withBytes { buffer in
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                guard written > 0 else {
                    throw SiteError(.io, path: file.path, message: "cannot write: \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }
    }

    /// Makes `path` with `file`'s bytes: a file written with no name in its
    /// folder (O_TMPFILE), then named there (linkat through /proc, which never replaces what is
    /// at the name); false when the system cannot, or naming fails, for the caller to create it
    /// the usual way and report what goes wrong. A named file is created holding its folder's
    /// lock the whole time the file system looks for a free inode, which on ext4 without a
    /// journal walks past every inode freed in the last minutes: workers creating pages of one
    /// folder waited on each other (and spun), where an unnamed file takes the lock only to be named.
    static func createUnnamed(_ file: SiteFile, at path: String) -> Bool {
        let folder = path[..<(path.lastIndex(of: "/") ?? path.startIndex)]
        let descriptor = hotpath_open_unnamed(String(folder), 0o644)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        guard (try? write(file, to: descriptor)) != nil else { return false }
        return linkat(AT_FDCWD, "/proc/self/fd/\(descriptor)", AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0
    }

    /// Makes `target` a second name of `source` when that is a regular file (not a symlink) of
    /// `size` bytes; false when it is not or the file system has no hard links (then the file is
    /// written). The old site's name goes when it is retired; the new one keeps the file.
    private static func link(_ source: String, to target: String, size: Int) -> Bool {
        var status = stat()
        guard lstat(source, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size == size else {
            return false
        }
        return Glibc.link(source, target) == 0
    }

    /// A file by its device and inode: what a name is checked to still lead to.
    struct FileIdentity: Equatable {
        var device: UInt64
        var inode: UInt64
    }

    /// The identity of `source`, the same page in the site being replaced, when that holds
    /// exactly `file`'s bytes and is a regular file with no other name (one linked elsewhere is
    /// not the site's own); nil when it is not. Such a file is linked into the new site instead
    /// of written, so a report run again over the same input creates no file: on ext4 without a
    /// journal, each new inode is found by walking past the inodes the last site's removal
    /// freed, which made writing 500 pages take up to a quarter second.
    static func unchangedCopy(_ source: String, of file: SiteFile) -> FileIdentity? {
        // O_NONBLOCK: a FIFO planted in the old site must not stall the build.
        let descriptor = open(source, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_nlink == 1,
            status.st_size == file.byteCount, file.withBytes({ Self.holds(descriptor, $0) })
        else { return nil }
        return FileIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    }

    /// Makes `target` a second name of `source` when that is still the file `identity` names
    /// (linked by name: not one put there since it was compared).
    static func link(_ source: String, to target: String, identity: FileIdentity) -> Bool {
        guard Glibc.link(source, target) == 0 else { return false }
        var linked = stat()
        guard lstat(target, &linked) == 0,
            FileIdentity(device: UInt64(linked.st_dev), inode: UInt64(linked.st_ino)) == identity
        else {
            _ = unlink(target)
            return false
        }
        return true
    }

    /// Whether the file open as `descriptor` holds exactly `bytes`, read from its start.
    static func holds(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let chunk = 1 << 16
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        var offset = 0
        while true {
            let count = pread(descriptor, buffer.baseAddress!, chunk, off_t(offset))
            guard count >= 0 else { return false }
            if count == 0 { return offset == bytes.count }
            guard offset + count <= bytes.count,
                memcmp(buffer.baseAddress!, bytes.baseAddress! + offset, count) == 0
            else { return false }
            offset += count
        }
    }

    /// Removes what is at `path`, a folder with everything in it, never following a link: what
    /// `FileManager.removeItem` does, in system calls only. A retired site is thousands of
    /// files, and Foundation took most of a nightly build's writing time to remove them.
    /// Best effort, as what is left is only the previous site's copy.
    static func removeTree(_ path: String) {
        let folder = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard folder >= 0 else {
            _ = unlink(path)
            return
        }
        removeContents(of: folder)
        _ = rmdir(path)
    }

    /// Empties the folder open as `folder`, and closes it. The folders in it are emptied on
    /// every core when `concurrently`: unlinking is the kernel's work, one folder's names under
    /// one lock, and a site's files sit in a few big folders (`trends/`, a run's `operations/`).
    private static func removeContents(of folder: Int32, concurrently: Bool = true) {
        guard let stream = fdopendir(folder) else {
            close(folder)
            return
        }
        defer { closedir(stream) }
        let entries = entries(of: stream)
        let parent = dirfd(stream)
        for entry in entries where !entry.isFolder { _ = unlinkat(parent, entry.name, 0) }
        let folders = entries.filter(\.isFolder).map(\.name)
        @Sendable func remove(_ name: String) {
            let child = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if child >= 0 { removeContents(of: child, concurrently: false) }
            _ = unlinkat(parent, name, AT_REMOVEDIR)
        }
        if concurrently && folders.count > 1 {
            DispatchQueue.concurrentPerform(iterations: folders.count) { remove(folders[$0]) }
        } else {
            folders.forEach(remove)
        }
    }

    /// The entries of an open folder, read whole (removing entries while reading may make
    /// readdir skip some), with whether each is a folder; a link never is.
    private static func entries(of stream: OpaquePointer) -> [(name: String, isFolder: Bool)] {
        var entries: [(name: String, isFolder: Bool)] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(cString: bytes.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            guard name != ".", name != ".." else { continue }
            var isFolder = entry.pointee.d_type == UInt8(DT_DIR)
            if entry.pointee.d_type == UInt8(DT_UNKNOWN) {
                var status = stat()
                isFolder =
                    fstatat(dirfd(stream), name, &status, AT_SYMLINK_NOFOLLOW) == 0
                    && status.st_mode & S_IFMT == S_IFDIR
            }
            entries.append((name, isFolder))
        }
        return entries
    }

    /// Puts the staged folder in place: an atomic exchange where the kernel offers it
    /// (renameat2 with RENAME_EXCHANGE), else two renames in quick succession. Returns where
    /// the old site now is, nil when there was none.
    private func swap(staging: URL, destination: URL, destinationExists: Bool) throws(SiteError) -> String? {
        guard destinationExists else {
            guard rename(staging.path, destination.path) == 0 else {
                throw SiteError(
                    .io, path: destination.path,
                    message: "cannot move the site into place: \(String(cString: strerror(errno)))")
            }
            return nil
        }
        // After an exchange, the old site sits at the staging path.
        if hotpath_exchange_paths(staging.path, destination.path) == 0 { return staging.path }
        let retired = staging.deletingLastPathComponent().appendingPathComponent(staging.lastPathComponent + "-old")
        guard rename(destination.path, retired.path) == 0 else {
            throw SiteError(
                .io, path: destination.path, message: "cannot replace the site: \(String(cString: strerror(errno)))")
        }
        guard rename(staging.path, destination.path) == 0 else {
            _ = rename(retired.path, destination.path)
            throw SiteError(
                .io, path: destination.path,
                message: "cannot move the site into place: \(String(cString: strerror(errno)))")
        }
        return retired.path
    }
}
