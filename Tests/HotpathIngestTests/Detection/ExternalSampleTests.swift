import Foundation
import HotpathModel
import Testing
import _HotpathTestSupport

@testable import HotpathIngest

/// The vendored samples' checks over a larger collection outside the repository, laid out the
/// same way (`<format>/<from-producer>/<file>`): `HOTPATH_SAMPLES=DIR swift test`. Opt-in, so a
/// clone with nothing beside it passes; skipped with this reason, never failed, when unset.
@Suite(.enabled(if: Samples.external != nil, "opt-in: set HOTPATH_SAMPLES=DIR to check a larger sample collection"))
struct ExternalSampleTests {
    static var root: URL { Samples.external ?? Samples.root }

    static func relative(_ path: String) -> String { String(path.dropFirst(root.path.count + 1)) }

    /// Every file in a format's folder is detected as that format (empty files excepted).
    @Test func everyFileIsDetectedAsItsFolder() throws {
        var wrong: [String] = []
        var checked = 0
        for (folder, format) in DetectionTests.folders {
            for path in Samples.files(in: folder, under: Self.root)
            where !DetectionTests.undetectable.contains(fileName(path)) {
                checked += 1
                let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
                let detected = DetectionTests().detect(bytes)
                if detected != format {
                    wrong.append(
                        "\(Self.relative(path)): \(detected?.rawValue ?? "nothing") instead of \(format.rawValue)")
                }
            }
        }
        #expect(checked > 0, "no samples under \(Self.root.path)")
        #expect(wrong.isEmpty, "\(wrong.joined(separator: "\n"))")
    }

    /// Every file imports, or fails with a clear error of its own format; none crashes.
    @Test func everyFileImportsOrSaysWhy() throws {
        var unclear: [String] = []
        for (folder, format) in DetectionTests.folders {
            for path in Samples.files(in: folder, under: Self.root) {
                do {
                    let dump = try Ingestor().loadFile(path)
                    if dump.format != format {
                        unclear.append("\(Self.relative(path)): read as \(dump.format.rawValue)")
                    }
                } catch {
                    if error.message.isEmpty { unclear.append("\(Self.relative(path)): an error without a message") }
                }
            }
        }
        #expect(unclear.isEmpty, "\(unclear.joined(separator: "\n"))")
    }

    /// Files of formats Hotpath does not read are refused, not claimed by a look-alike.
    @Test func otherFormatsAreNotClaimed() throws {
        var claimed: [String] = []
        for path in DetectionTests.notRead(under: Self.root) {
            let error = loadError(path)
            if error?.kind != .unknownFormat && error?.message != "the file is empty" {
                claimed.append("\(Self.relative(path)): \(error.map(String.init(describing:)) ?? "imported")")
            }
        }
        #expect(claimed.isEmpty, "\(claimed.joined(separator: "\n"))")
    }
}
