import ArgumentParser
import HotpathIngest
import HotpathModel

/// Options shared by every command that reads dumps.
struct InputOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Read every input as this format instead of detecting it by content.",
            discussion: "One of: \(DumpFormat.allCases.map(\.rawValue).joined(separator: ", ")).",
            valueName: "name"))
    var format: DumpFormat?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "For collapsed stacks: read counts as this unit instead of sample counts (ns, bytes).",
            valueName: "unit"))
    var unit: WeightUnit?

    var ingestOptions: IngestOptions {
        IngestOptions(forcedFormat: format, collapsedUnit: unit)
    }
}

extension DumpFormat: ExpressibleByArgument {}
extension WeightUnit: ExpressibleByArgument {}
