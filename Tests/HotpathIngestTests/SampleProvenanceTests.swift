import Foundation
import Testing
import _HotpathTestSupport

/// The vendored samples stay accounted for: every file has its row in PROVENANCE.md (source,
/// commit, license), every row names a file that is there, and every source repository's
/// license text is in LICENSES/.
@Suite struct SampleProvenanceTests {
    static let provenance =
        (try? String(contentsOf: Samples.root.appendingPathComponent("PROVENANCE.md"), encoding: .utf8)) ?? ""

    /// `folder/file` for each table row, under its `## \`folder/\`` heading, with the row's text.
    static var rows: [(file: String, row: String)] {
        var section = ""
        var rows: [(String, String)] = []
        for line in provenance.split(separator: "\n") {
            if line.hasPrefix("## `"), let name = line.split(separator: "`").dropFirst().first {
                section = String(name)
            } else if line.hasPrefix("| `"), let name = line.split(separator: "`").dropFirst().first {
                rows.append((section + name, String(line)))
            }
        }
        return rows
    }

    @Test func everyFileHasItsRowAndEveryRowItsFile() throws {
        let listed = Set(Self.rows.map(\.file))
        let root = Samples.root.path + "/"
        let files = try FileManager.default.subpathsOfDirectory(atPath: root).filter { path in
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: root + path, isDirectory: &isFolder)
            return exists && !isFolder.boolValue && path != "PROVENANCE.md" && !path.hasPrefix("LICENSES/")
        }
        #expect(files.count > 300)
        #expect(Set(files).subtracting(listed).sorted() == [], "files without a row")
        #expect(listed.subtracting(files).sorted() == [], "rows without a file")
    }

    @Test func everySourceRepositoryHasItsLicenseText() throws {
        var missing: Set<String> = []
        for (file, row) in Self.rows {
            guard let range = row.range(of: #"\(https://github\.com/([^/)]+)/([^)]+)\)"#, options: .regularExpression)
            else {
                #expect(row.contains("generated here"), "\(file): no source repository and not generated here")
                continue
            }
            let parts = row[range].dropFirst("(https://github.com/".count).dropLast().split(separator: "/")
            let license = Samples.root.appendingPathComponent("LICENSES/\(parts[0])__\(parts[1]).txt").path
            if !FileManager.default.fileExists(atPath: license) { missing.insert("\(parts[0])/\(parts[1])") }
        }
        #expect(missing.sorted() == [])
    }
}
