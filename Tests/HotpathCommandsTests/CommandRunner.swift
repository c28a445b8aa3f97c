import ArgumentParser
import Foundation
@testable import HotpathCommands

/// Runs a `hotpath` command in-process and reports how it exited.
enum CommandRunner {
    /// The exit code the command would have ended the process with.
    static func run(_ arguments: [String]) async -> Int32 {
        do {
            var command = try Hotpath.parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch {
            return Hotpath.exitCode(for: error).rawValue
        }
    }
}
