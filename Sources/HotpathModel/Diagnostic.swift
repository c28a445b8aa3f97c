/// A problem found while running Hotpath, as a value; one printer renders it as
/// `file:line:column: error: message`, the form editors and CI annotate.
public struct Diagnostic: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable {
        case error
        case warning
        case note
    }

    public var severity: Severity
    /// The file the problem is in, as the user named it; nil for problems with no file.
    public var file: String?
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(_ severity: Severity, file: String? = nil, line: Int? = nil, column: Int? = nil, message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: severity: message`, leaving out what is unknown.
    public var description: String {
        var location = ""
        if let file {
            location = file
            if let line {
                location += ":\(line)"
                if let column { location += ":\(column)" }
            }
            location += ": "
        }
        return "\(location)\(severity.rawValue): \(message)"
    }
}
