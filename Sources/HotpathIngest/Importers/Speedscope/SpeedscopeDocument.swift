/// A speedscope file read in one pass, its bulk kept compact.
///
/// Evented profiles hold millions of `{"type":"O","frame":3,"at":1200}` events and sampled ones
/// millions of stacks; as a `JSONValue` tree each event would be a dictionary (a 78 MB file took
/// 850 MB and 3.5 s). So `events`, `samples` and `weights` arrays are read straight into flat
/// arrays of numbers with the byte offset of each element, and only the rest of the document
/// (frames, names, units) becomes JSON values. Checks that need the frame table (an index in
/// range) are left to the importer, which may meet `shared` after `profiles`.
struct SpeedscopeDocument {
    /// The document without the compact arrays (each profile keeps its other members).
    var root: JSONNode
    /// Per profile, in order: its compact arrays (nil for a profile that is not an object).
    var profiles: [Bulk?]

    struct Bulk {
        var events: Events?
        var samples: Samples?
        var weights: [Double]?
    }

    struct Events {
        /// 1 open, 2 close; 0 a type that is not a string, 3 a string other than "O" and "C".
        var types: [UInt8] = []
        var frames: [Double] = []
        var times: [Double] = []
        /// The byte offset of each event object, for lint findings and errors.
        var offsets: [Int] = []
        var count: Int { times.count }
    }

    struct Samples {
        /// Every sample's frame indexes, one after another: -1 for a value that is not an index
        /// (a fraction, a negative or too large number), -2 for a sample that is not an array;
        /// the importer reports them.
        var frames: [Int32] = []
        /// Where each sample's frames start in `frames` (one more entry than samples).
        var starts: [Int] = [0]
        var count: Int { starts.count - 1 }
        func stack(_ index: Int) -> ArraySlice<Int32> { frames[starts[index]..<starts[index + 1]] }
    }

    static func read(_ bytes: UnsafeRawBufferPointer) throws(ImportFailure) -> SpeedscopeDocument {
        var scanner = JSONScanner(bytes: bytes)
        var profiles: [Bulk?] = []
        let root: JSONValue
        do throws(JSONError) {
            guard scanner.peek() == UInt8(ascii: "{") else {
                return SpeedscopeDocument(root: JSONNode(try JSONScanner.parseDocument(bytes)), profiles: [])
            }
            var members: [(key: String, value: JSONValue)] = []
            try scanner.forEachMember { (scanner, key) throws(JSONError) in
                guard key == "profiles", scanner.peek() == UInt8(ascii: "[") else {
                    members.append((key, try scanner.parseValue()))
                    return
                }
                // A repeated key: the last one wins, as in `JSONObject`.
                profiles = []
                var values: [JSONValue] = []
                try scanner.forEachElement { (scanner) throws(JSONError) in
                    let (value, bulk) = try readProfile(&scanner)
                    values.append(value)
                    profiles.append(bulk)
                }
                members.append((key, .array(values)))
            }
            scanner.skipWhitespace()
            guard scanner.isAtEnd else {
                throw scanner.error(
                    "expected the end of the document after the top-level value, found \(scanner.describeFound(at: scanner.offset))"
                )
            }
            root = .object(JSONObject(members: members))
        } catch {
            throw ImportFailure(error)
        }
        return SpeedscopeDocument(root: JSONNode(root), profiles: profiles)
    }

    /// A profile: its small members as JSON, `events`, `samples` and `weights` compactly.
    private static func readProfile(_ scanner: inout JSONScanner) throws(JSONError) -> (JSONValue, Bulk?) {
        guard scanner.peek() == UInt8(ascii: "{") else { return (try scanner.parseValue(), nil) }
        var members: [(key: String, value: JSONValue)] = []
        var bulk = Bulk()
        try scanner.forEachMember { (scanner, key) throws(JSONError) in
            let isArray = scanner.peek() == UInt8(ascii: "[")
            switch key {
            case "events" where isArray:
                bulk.events = try readEvents(&scanner)
            case "samples" where isArray:
                bulk.samples = try readSamples(&scanner)
            case "weights" where isArray:
                bulk.weights = try readWeights(&scanner)
            default:
                // Dropped a compact array read earlier under the same key: the last one wins.
                switch key {
                case "events": bulk.events = nil
                case "samples": bulk.samples = nil
                case "weights": bulk.weights = nil
                default: break
                }
                members.append((key, try scanner.parseValue()))
            }
        }
        return (.object(JSONObject(members: members)), bulk)
    }

    private static func readEvents(_ scanner: inout JSONScanner) throws(JSONError) -> Events {
        var events = Events()
        try scanner.forEachElement { (scanner) throws(JSONError) in
            scanner.skipWhitespace()
            let start = scanner.offset
            var type: UInt8 = 0
            var frame = Double.nan
            var at = Double.nan
            if scanner.peek() == UInt8(ascii: "{") {
                try scanner.forEachRawMember { (scanner, key) throws(JSONError) in
                    let bytes = scanner.bytes
                    if key.isEqual(to: "type", in: bytes) {
                        type = 0
                        guard scanner.peek() == UInt8(ascii: "\"") else { return try scanner.skipValue() }
                        let value = try scanner.readRawString()
                        type = value.isEqual(to: "O", in: bytes) ? 1 : value.isEqual(to: "C", in: bytes) ? 2 : 3
                    } else if key.isEqual(to: "frame", in: bytes) {
                        frame = try scanner.readNumberOrSkip() ?? .nan
                    } else if key.isEqual(to: "at", in: bytes) {
                        at = try scanner.readNumberOrSkip() ?? .nan
                    } else {
                        try scanner.skipValue()
                    }
                }
            } else {
                try scanner.skipValue()
            }
            // A bad type (0 or 3) or a missing or non-numeric field (NaN): the importer re-reads
            // the event as JSON to say what is wrong with it.
            events.types.append(type)
            events.frames.append(frame)
            events.times.append(at)
            events.offsets.append(start)
        }
        return events
    }

    private static func readSamples(_ scanner: inout JSONScanner) throws(JSONError) -> Samples {
        var samples = Samples()
        try scanner.forEachElement { (scanner) throws(JSONError) in
            if scanner.peek() == UInt8(ascii: "[") {
                try scanner.forEachElement { (scanner) throws(JSONError) in
                    guard let number = try scanner.readNumberOrSkip(), number == number.rounded(), number >= 0,
                        number <= Double(Int32.max)
                    else {
                        samples.frames.append(-1)
                        return
                    }
                    samples.frames.append(Int32(number))
                }
            } else {
                // Not a stack: marked by -2, for the importer to report.
                try scanner.skipValue()
                samples.frames.append(-2)
            }
            samples.starts.append(samples.frames.count)
        }
        return samples
    }

    private static func readWeights(_ scanner: inout JSONScanner) throws(JSONError) -> [Double] {
        var weights: [Double] = []
        try scanner.forEachElement { (scanner) throws(JSONError) in
            weights.append(try scanner.readNumberOrSkip() ?? .nan)
        }
        return weights
    }

    /// The value at `path` parsed as JSON, to say what is wrong with it (only on errors: it
    /// walks the file to find the value).
    static func node(at path: [JSONPathKey], _ bytes: UnsafeRawBufferPointer) -> JSONNode {
        var scanner = JSONScanner(bytes: bytes, offset: JSONPathLocator.offset(of: path, in: bytes))
        return JSONNode((try? scanner.parseValue()) ?? .null, path: path)
    }
}

extension JSONScanner {
    /// A number, or nil for any other value (skipped).
    fileprivate mutating func readNumberOrSkip() throws(JSONError) -> Double? {
        switch peek() ?? 0 {
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "N"), UInt8(ascii: "I"):
            return try readNumber()
        default:
            try skipValue()
            return nil
        }
    }
}
