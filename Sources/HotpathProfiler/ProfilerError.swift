/// Why a dump could not be written.
public struct ProfilerError: Error, CustomStringConvertible, Sendable {
    public enum Kind: String, Sendable {
        /// The profile could not be encoded as JSON.
        case encoding
        /// The dump's file could not be written or moved into place.
        case write
    }

    public var kind: Kind
    /// The dump's path.
    public var path: String
    public var message: String

    public init(_ kind: Kind, path: String, message: String) {
        self.kind = kind
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): error: \(message)" }
}
