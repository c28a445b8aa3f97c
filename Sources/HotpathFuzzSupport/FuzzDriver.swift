import CLibFuzzer
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The `main` of every fuzz target: hands the target to libFuzzer when the build linked it in
/// (`swift build --sanitize fuzzer`), else replays the files and folders named on the command
/// line through the target, so an ordinary `swift build` links the targets and a crashing input
/// can be reproduced without the fuzzer (`swift run FuzzNative crash-1234`).
///
/// A target reports a bug by trapping (`fatalError`, a failed `precondition`, or any crash);
/// every input that returns is fine, whether the importer accepted it or refused it with an error.
public enum FuzzDriver {
    /// The target libFuzzer calls; set once by `run` before the fuzzer starts.
    nonisolated(unsafe) static var target: (UnsafeRawBufferPointer) -> Void = { _ in }

    public static func run(_ name: String, _ body: @escaping (UnsafeRawBufferPointer) -> Void) -> Never {
        target = body
        if hotpath_libfuzzer_linked() != 0 {
            // Swift's runtime backtracer catches crashes before libFuzzer's handler could save
            // the input that caused them; start again without it.
            if getenv("SWIFT_BACKTRACE") == nil {
                setenv("SWIFT_BACKTRACE", "enable=no", 1)
                execv("/proc/self/exe", CommandLine.unsafeArgv)
            }
            var argc = CommandLine.argc
            var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
            exit(
                hotpath_libfuzzer_run(&argc, &argv) { data, size in
                    FuzzDriver.target(UnsafeRawBufferPointer(start: data, count: size))
                    return 0
                })
        }
        exit(replay(name, arguments: Array(CommandLine.arguments.dropFirst())))
    }

    /// Runs every file named (folders: every regular file inside, recursively) through the target.
    static func replay(_ name: String, arguments: [String]) -> Int32 {
        let paths = arguments.filter { !$0.hasPrefix("-") }
        guard !paths.isEmpty else {
            print(
                """
                usage: \(name) FILE-OR-FOLDER...
                Replays inputs through the \(name) fuzz target. Built with `swift build --sanitize fuzzer`, \
                this program is a libFuzzer fuzzer instead: see Docs/fuzzing.md.
                """)
            return 64
        }
        var count = 0
        for path in paths {
            for file in files(at: path) {
                guard let data = FileManager.default.contents(atPath: file) else {
                    print("\(file): cannot read")
                    return 1
                }
                data.withUnsafeBytes { target($0) }
                count += 1
            }
        }
        print("\(name): replayed \(count) input(s), no crash")
        return 0
    }

    private static func files(at path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [path] }
        guard isDirectory.boolValue else { return [path] }
        let names = (FileManager.default.subpaths(atPath: path) ?? []).sorted()
        return names.map { (path as NSString).appendingPathComponent($0) }.filter {
            var childIsDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: $0, isDirectory: &childIsDirectory)
                && !childIsDirectory.boolValue
        }
    }
}

/// libFuzzer's entry point by its conventional name. `FuzzDriver` passes its own callback to
/// `LLVMFuzzerRunDriver`, but libFuzzer's own `main`, linked in with it, refers to this symbol.
@_cdecl("LLVMFuzzerTestOneInput")
public func hotpathFuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzDriver.target(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

/// A broken expectation found by a fuzz target: what went wrong, for the crash report (a
/// `precondition`'s message would not survive a release build) or for a regression test.
public struct FuzzFinding: Error, CustomStringConvertible {
    public var description: String
}

func fuzzCheck(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) throws(FuzzFinding) {
    if !condition() { throw FuzzFinding(description: message()) }
}

func fuzzFailure(_ message: String) throws(FuzzFinding) -> Never {
    throw FuzzFinding(description: message)
}

extension FuzzDriver {
    /// A fuzz target's body: returns for any input, throws a finding for a bug.
    public typealias Check = (UnsafeRawBufferPointer) throws(FuzzFinding) -> Void

    /// Runs `check` as a fuzz target: a finding stops the process, so libFuzzer saves the input.
    public static func run(_ name: String, check: @escaping Check) -> Never {
        run(name) { bytes in
            do throws(FuzzFinding) {
                try check(bytes)
            } catch {
                fatalError("\(name): \(error)")
            }
        }
    }
}
