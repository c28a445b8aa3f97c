/// A profile's spans, stored column by column.
///
/// A trace of a million spans holds a few thousand distinct names and threads: keeping each
/// span as small numbers (name and thread indexes, times, ids) instead of a struct with strings
/// makes it a quarter of the memory and lets the analyzer read the columns it needs without
/// touching strings. To everything else it is a collection of `Span`s: it can be iterated,
/// indexed, mutated and appended to like an array, and it encodes as a JSON array of spans.
public struct SpanTable: Sendable {
    /// Distinct names, threads and argument sets, referred to by index from the columns.
    public private(set) var names: [String] = []
    public private(set) var threads: [String] = []
    public private(set) var argumentSets: [[String: String]] = []
    private var nameLookup: [String: Int32] = [:]
    private var threadLookup: [String: Int32] = [:]
    private var argumentLookup: [[String: String]: Int32] = [:]

    /// One entry per span.
    public private(set) var ids: [Int] = []
    public private(set) var nameIndexes: [Int32] = []
    public private(set) var startsNs: [Double] = []
    public private(set) var durationsNs: [Double] = []
    /// -1 for a span without a thread.
    public private(set) var threadIndexes: [Int32] = []
    /// `SpanTable.noParent` for a root.
    public private(set) var parentIDs: [Int] = []
    /// -1 for a span without arguments.
    public private(set) var argumentIndexes: [Int32] = []

    public static let noParent = Int.min

    public init() {}

    public init(_ spans: some Sequence<Span>) {
        self.init()
        for span in spans { append(span) }
    }

    // MARK: Building fast

    /// The index of `name` in `names`, adding it when new.
    public mutating func internName(_ name: String) -> Int32 {
        if let index = nameLookup[name] { return index }
        let index = Int32(names.count)
        names.append(name)
        nameLookup[name] = index
        return index
    }

    public mutating func internThread(_ thread: String) -> Int32 {
        if let index = threadLookup[thread] { return index }
        let index = Int32(threads.count)
        threads.append(thread)
        threadLookup[thread] = index
        return index
    }

    public mutating func internArguments(_ arguments: [String: String]) -> Int32 {
        if let index = argumentLookup[arguments] { return index }
        let index = Int32(argumentSets.count)
        argumentSets.append(arguments)
        argumentLookup[arguments] = index
        return index
    }

    /// Appends a span given by indexes already interned in this table.
    public mutating func append(
        id: Int, nameIndex: Int32, startNs: Double, durationNs: Double, threadIndex: Int32 = -1, parentID: Int? = nil,
        argumentsIndex: Int32 = -1
    ) {
        ids.append(id)
        nameIndexes.append(nameIndex)
        startsNs.append(startNs)
        durationsNs.append(durationNs)
        threadIndexes.append(threadIndex)
        parentIDs.append(parentID ?? Self.noParent)
        argumentIndexes.append(argumentsIndex)
    }

    /// Takes all its spans at once, column by column, by indexes already interned in this
    /// table, which holds no spans yet: the columns become the table's as they are, not
    /// copied (a trace of a million spans makes its columns on all cores, then hands them over:
    /// appending them was a twentieth of `hotpath analyze`).
    public mutating func setColumns(
        ids newIDs: [Int], nameIndexes newNames: [Int32], startsNs newStarts: [Double],
        durationsNs newDurations: [Double], threadIndexes newThreads: [Int32], parentIDs newParents: [Int],
        argumentIndexes newArguments: [Int32]
    ) {
        precondition(isEmpty, "columns are set on a table without spans")
        precondition(
            [
                newNames.count, newStarts.count, newDurations.count, newThreads.count, newParents.count,
                newArguments.count,
            ]
            .allSatisfy { $0 == newIDs.count }, "every column needs a value per span")
        ids = newIDs
        nameIndexes = newNames
        startsNs = newStarts
        durationsNs = newDurations
        threadIndexes = newThreads
        parentIDs = newParents
        argumentIndexes = newArguments
    }

    public mutating func append(_ span: Span) {
        append(
            id: span.id, nameIndex: internName(span.name), startNs: span.startNs, durationNs: span.durationNs,
            threadIndex: span.thread.map { internThread($0) } ?? -1, parentID: span.parent,
            argumentsIndex: span.args.map { internArguments($0) } ?? -1)
    }

    public mutating func reserveCapacity(_ count: Int) {
        ids.reserveCapacity(count)
        nameIndexes.reserveCapacity(count)
        startsNs.reserveCapacity(count)
        durationsNs.reserveCapacity(count)
        threadIndexes.reserveCapacity(count)
        parentIDs.reserveCapacity(count)
        argumentIndexes.reserveCapacity(count)
    }

    /// The name of the span at `index`, without building the whole `Span`.
    public func name(at index: Int) -> String { names[Int(nameIndexes[index])] }
}

extension SpanTable: RandomAccessCollection, MutableCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { ids.count }

    public subscript(position: Int) -> Span {
        get {
            let thread = threadIndexes[position]
            let parent = parentIDs[position]
            let arguments = argumentIndexes[position]
            return Span(
                id: ids[position], name: names[Int(nameIndexes[position])], startNs: startsNs[position],
                durationNs: durationsNs[position], thread: thread >= 0 ? threads[Int(thread)] : nil,
                parent: parent == Self.noParent ? nil : parent,
                args: arguments >= 0 ? argumentSets[Int(arguments)] : nil)
        }
        set {
            ids[position] = newValue.id
            nameIndexes[position] = internName(newValue.name)
            startsNs[position] = newValue.startNs
            durationsNs[position] = newValue.durationNs
            threadIndexes[position] = newValue.thread.map { internThread($0) } ?? -1
            parentIDs[position] = newValue.parent ?? Self.noParent
            argumentIndexes[position] = newValue.args.map { internArguments($0) } ?? -1
        }
    }
}

extension SpanTable: RangeReplaceableCollection {
    public mutating func replaceSubrange<C: Collection>(_ range: Range<Int>, with newElements: C)
    where C.Element == Span {
        var replacement = SpanTable()
        replacement.names = names
        replacement.nameLookup = nameLookup
        replacement.threads = threads
        replacement.threadLookup = threadLookup
        replacement.argumentSets = argumentSets
        replacement.argumentLookup = argumentLookup
        for index in startIndex..<range.lowerBound { replacement.appendColumns(of: self, at: index) }
        for span in newElements { replacement.append(span) }
        for index in range.upperBound..<endIndex { replacement.appendColumns(of: self, at: index) }
        self = replacement
    }

    /// Copies a span's columns from a table whose strings this table already holds.
    private mutating func appendColumns(of other: SpanTable, at index: Int) {
        append(
            id: other.ids[index], nameIndex: other.nameIndexes[index], startNs: other.startsNs[index],
            durationNs: other.durationsNs[index], threadIndex: other.threadIndexes[index],
            parentID: other.parentIDs[index] == Self.noParent ? nil : other.parentIDs[index],
            argumentsIndex: other.argumentIndexes[index])
    }
}

extension SpanTable: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Span...) {
        self.init(elements)
    }
}

extension SpanTable: Equatable {
    /// Equal when they hold the same spans in the same order, however their strings are stored.
    public static func == (lhs: SpanTable, rhs: SpanTable) -> Bool {
        lhs.count == rhs.count && lhs.elementsEqual(rhs)
    }
}

extension SpanTable: Codable {
    /// Encodes as a plain array of spans: the native format does not change.
    public init(from decoder: any Decoder) throws {
        self.init()
        var container = try decoder.unkeyedContainer()
        if let count = container.count { reserveCapacity(count) }
        while !container.isAtEnd { append(try container.decode(Span.self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        for span in self { try container.encode(span) }
    }
}
