import ArgumentParser
import Foundation
import HotpathIngest

/// `hotpath formats`: what Hotpath reads.
struct FormatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "formats",
        abstract: "List the dump formats Hotpath reads, one line each.",
        discussion: """
            Formats are detected by content; pass --format NAME to report, analyze or check to \
            force one (the first word of each line below).

            Example:
              hotpath formats
              hotpath analyze perf.folded --format collapsed --unit ms
            """)

    func run() throws {
        let known = Set(Ingestor.defaultImporters.map(\.format))
        for format in DumpFormat.allCases where known.contains(format) {
            print("\(format.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)) \(format.summary)")
        }
    }
}
