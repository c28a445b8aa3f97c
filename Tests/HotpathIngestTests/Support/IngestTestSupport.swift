import Foundation
import HotpathModel
import Testing
import _HotpathTestSupport

@testable import HotpathIngest

/// Fixtures committed next to the tests (see `Fixtures/README.md` for how each was made).
enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
}

/// Text with one `⏏` marking where a diagnostic should point; `line`/`column` are the marker's
/// position (1-based, columns in bytes) in the text without it.
struct MarkedText {
    static let marker = "⏏"
    let text: String
    let line: Int
    let column: Int

    init(_ marked: String) {
        let parts = marked.components(separatedBy: Self.marker)
        precondition(parts.count == 2, "exactly one marker expected")
        text = parts[0] + parts[1]
        let before = Array(parts[0].utf8)
        line = before.filter { $0 == UInt8(ascii: "\n") }.count + 1
        let lastNewline = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        column = before.count - lastNewline + 1
    }
}

extension Ingestor {
    /// Imports in-memory text as if it were the file `name`.
    func load(text: String, name: String = "input.json") throws(IngestError) -> IngestedDump {
        let bytes = Array(text.utf8)
        let decoded: InputDecoding.Decoded
        do {
            decoded = try InputDecoding.decode(bytes, maximumBytes: options.maximumBytes)
        } catch {
            throw IngestError(error.kind, file: name, message: error.message)
        }
        let result = decoded.bytes.withUnsafeBytes { buffer in
            Result { () throws(IngestError) in
                try importBytes(buffer, path: name, byteCount: bytes.count, notes: decoded.notes)
            }
        }
        return try result.get()
    }
}

/// Loads a file with the default importers, failing the test with the error's text.
func load(_ path: String, options: IngestOptions = IngestOptions()) throws -> IngestedDump {
    try Ingestor(options: options).loadFile(path)
}

/// The error a load gives, or nil when it succeeds.
func loadError(_ path: String, options: IngestOptions = IngestOptions()) -> IngestError? {
    do {
        _ = try Ingestor(options: options).loadFile(path)
        return nil
    } catch {
        return error
    }
}

func loadError(text: String, name: String = "input.json", options: IngestOptions = IngestOptions()) -> IngestError? {
    do {
        _ = try Ingestor(options: options).load(text: text, name: name)
        return nil
    } catch {
        return error
    }
}

extension IngestedDump {
    var warningMessages: [String] { diagnostics.filter { $0.severity == .warning }.map(\.message) }

    func hasWarning(containing text: String) -> Bool { warningMessages.contains { $0.contains(text) } }
}

func fileName(_ path: String) -> String { (path as NSString).lastPathComponent }

/// `Samples.files(in:)` for arguments, by file name so test names stay readable.
func sampleNames(_ folder: String) -> [String] {
    Samples.files(in: folder).map { String($0.dropFirst(Samples.path(folder).count + 1)) }
}
