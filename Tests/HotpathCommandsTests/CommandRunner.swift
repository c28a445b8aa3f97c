import ArgumentParser
import Foundation

@testable import HotpathCommands

/// Runs a `hotpath` command in-process and reports how it exited.
enum CommandRunner {
    /// The exit code the command would have ended the process with.
    static func run(_ arguments: [String]) async -> Int32 {
        await StandardOutputGate.shared.shared { await runUngated(arguments) }
    }

    /// For `captureStandardOutput`, which already holds the gate exclusively.
    static func runUngated(_ arguments: [String]) async -> Int32 {
        do {
            var command = try Hotpath.parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch {
            // As the executable does: parser errors are printed by swift-argument-parser there.
            return HotpathExit.isParserError(error)
                ? HotpathExit.code(for: error).rawValue : HotpathExit.explain(error).rawValue
        }
    }
}

/// Commands run in-process print to the one standard output. Tests that capture it take this gate
/// exclusively, so no other command's lines ("15 page(s) … checked") land in what they read;
/// every other command run takes it shared, so those still run side by side.
actor StandardOutputGate {
    static let shared = StandardOutputGate()

    private var readers = 0
    private var writing = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func shared<T: Sendable>(_ body: @Sendable () async -> T) async -> T {
        while writing { await wait() }
        readers += 1
        let result = await body()
        readers -= 1
        wakeAll()
        return result
    }

    func exclusive<T: Sendable>(_ body: @Sendable () async throws -> T) async rethrows -> T {
        while writing || readers > 0 { await wait() }
        writing = true
        defer {
            writing = false
            wakeAll()
        }
        return try await body()
    }

    private func wait() async {
        await withCheckedContinuation { waiting.append($0) }
    }

    private func wakeAll() {
        let woken = waiting
        waiting.removeAll()
        for continuation in woken { continuation.resume() }
    }
}
