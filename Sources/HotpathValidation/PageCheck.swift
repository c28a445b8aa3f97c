/// What validating one page found: its problems, and the ids and links the site-wide link
/// check needs.
public struct PageCheck: Sendable, Equatable {
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var column: Int?
        public var message: String

        public init(line: Int, column: Int? = nil, message: String) {
            self.line = line
            self.column = column
            self.message = message
        }

        public var description: String { "\(line)\(column.map { ":\($0)" } ?? ""): \(message)" }
    }

    public struct Link: Sendable, Equatable {
        /// The attribute's value as written.
        public var target: String
        /// `href` or `src`.
        public var attribute: String
        /// The element it is on, e.g. `a`, `link`, `img`, `script`.
        public var element: String
        public var line: Int

        public init(target: String, attribute: String, element: String, line: Int) {
            self.target = target
            self.attribute = attribute
            self.element = element
            self.line = line
        }
    }

    public var problems: [Problem]
    public var ids: [String]
    /// The line of each id in `ids`, for pointing at duplicates.
    public var idLines: [Int] = []
    public var links: [Link]

    public init(problems: [Problem] = [], ids: [String] = [], links: [Link] = []) {
        self.problems = problems
        self.ids = ids
        self.links = links
    }
}
