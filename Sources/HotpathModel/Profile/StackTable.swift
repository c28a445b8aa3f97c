/// A sampled profile's stacks, stored flat: frame names once each, every stack as a run of
/// frame indexes, and its weight.
///
/// Collapsed-stack files run to hundreds of thousands of lines over a few thousand distinct
/// frames; an array of `StackSample`s (an array of strings each) would cost several times the
/// input's size. To everything else this is a collection of `StackSample`s, used like an array,
/// and it encodes as a JSON array of stacks.
public struct StackTable: Sendable {
    public private(set) var frameNames: [String] = []
    private var frameLookup: [String: Int32] = [:]
    /// Stack `i` is `frameIndexes[stackStarts[i]..<stackStarts[i + 1]]`, root first.
    public private(set) var stackStarts: [Int] = [0]
    public private(set) var frameIndexes: [Int32] = []
    public private(set) var weights: [Double] = []
    /// Thread names once each; `threadIndexes` is empty while no stack has a thread, else one
    /// entry per stack (-1 for none).
    public private(set) var threadNames: [String] = []
    private var threadLookup: [String: Int32] = [:]
    public private(set) var threadIndexes: [Int32] = []

    public init() {}

    public init(_ stacks: some Sequence<StackSample>) {
        self.init()
        for stack in stacks { append(stack) }
    }

    /// A table from its columns, taken as they are: for readers that build stacks in bulk,
    /// where appending them one by one would copy every frame index a second time.
    ///
    /// `frameNames` and `threadNames` are distinct; stack `i` is
    /// `frameIndexes[stackStarts[i]..<stackStarts[i + 1]]`, root first, weighing `weights[i]`;
    /// `threadIndexes` is empty (no stack has a thread) or one entry per stack, -1 for none.
    public init(
        frameNames: [String], stackStarts: [Int], frameIndexes: [Int32], weights: [Double],
        threadNames: [String] = [], threadIndexes: [Int32] = []
    ) {
        precondition(stackStarts.count == weights.count + 1, "one start per stack, and the end")
        precondition(threadIndexes.isEmpty || threadIndexes.count == weights.count, "one thread per stack, or none")
        self.frameNames = frameNames
        self.frameLookup = Dictionary(frameNames.enumerated().map { ($1, Int32($0)) }) { first, _ in first }
        self.stackStarts = stackStarts
        self.frameIndexes = frameIndexes
        self.weights = weights
        self.threadNames = threadNames
        self.threadLookup = Dictionary(threadNames.enumerated().map { ($1, Int32($0)) }) { first, _ in first }
        self.threadIndexes = threadIndexes
    }

    /// The index of a frame name, adding it when new.
    public mutating func internFrame(_ name: String) -> Int32 {
        if let index = frameLookup[name] { return index }
        let index = Int32(frameNames.count)
        frameNames.append(name)
        frameLookup[name] = index
        return index
    }

    /// The index of a thread name, adding it when new.
    public mutating func internThread(_ name: String) -> Int32 {
        if let index = threadLookup[name] { return index }
        let index = Int32(threadNames.count)
        threadNames.append(name)
        threadLookup[name] = index
        return index
    }

    /// Appends a stack of frame indexes already interned here, root first, with the index of
    /// its thread (from `internThread`) or -1.
    public mutating func append(frames: some Sequence<Int32>, weight: Double, thread: Int32 = -1) {
        // The column exists from the first stack with a thread on; earlier stacks have none.
        if thread >= 0 || !threadIndexes.isEmpty {
            if threadIndexes.count < weights.count {
                threadIndexes += repeatElement(-1, count: weights.count - threadIndexes.count)
            }
            threadIndexes.append(thread)
        }
        frameIndexes.append(contentsOf: frames)
        stackStarts.append(frameIndexes.count)
        weights.append(weight)
    }

    public mutating func append(_ stack: StackSample) {
        append(
            frames: stack.frames.map { internFrame($0) }, weight: stack.weight,
            thread: stack.thread.map { internThread($0) } ?? -1)
    }

    /// The thread of stack `index`, or nil.
    public func thread(at index: Int) -> String? {
        let thread = threadIndex(at: index)
        return thread >= 0 ? threadNames[Int(thread)] : nil
    }

    /// The index of stack `index`'s thread in `threadNames`, or -1 for none.
    public func threadIndex(at index: Int) -> Int32 {
        index < threadIndexes.count ? threadIndexes[index] : -1
    }

    /// Replaces every stack's weight (for importers that merge identical stacks as they go).
    public mutating func setWeights(_ newWeights: [Double]) {
        precondition(newWeights.count == weights.count, "one weight per stack")
        weights = newWeights
    }

    /// Removes the stacks whose weight matches, keeping the order of the rest.
    public mutating func removeStacks(where shouldRemove: (Double) -> Bool) {
        guard weights.contains(where: shouldRemove) else { return }
        var kept = StackTable()
        kept.frameNames = frameNames
        kept.frameLookup = frameLookup
        kept.threadNames = threadNames
        kept.threadLookup = threadLookup
        for index in weights.indices where !shouldRemove(weights[index]) {
            kept.append(
                frames: frames(at: index), weight: weights[index],
                thread: threadIndex(at: index))
        }
        self = kept
    }

    /// The frame indexes of stack `index`, root first.
    public func frames(at index: Int) -> ArraySlice<Int32> {
        frameIndexes[stackStarts[index]..<stackStarts[index + 1]]
    }
}

extension StackTable: RandomAccessCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { weights.count }

    public subscript(position: Int) -> StackSample {
        StackSample(
            frames: frames(at: position).map { frameNames[Int($0)] }, weight: weights[position],
            thread: thread(at: position))
    }
}

extension StackTable: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: StackSample...) {
        self.init(elements)
    }
}

extension StackTable: Equatable {
    /// Equal when they hold the same stacks in the same order, however their frames are stored.
    public static func == (lhs: StackTable, rhs: StackTable) -> Bool {
        lhs.count == rhs.count && lhs.elementsEqual(rhs)
    }
}

extension StackTable: Codable {
    /// Encodes as a plain array of stacks: the native format does not change.
    public init(from decoder: any Decoder) throws {
        self.init()
        var container = try decoder.unkeyedContainer()
        while !container.isAtEnd { append(try container.decode(StackSample.self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        for stack in self { try container.encode(stack) }
    }
}
