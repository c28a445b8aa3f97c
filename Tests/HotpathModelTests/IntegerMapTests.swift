import HotpathModel
import Testing

@Suite struct IntegerMapTests {
    @Test func agreesWithADictionary() {
        var generator = SeededGenerator(seed: 3)
        var map = IntegerMap()
        var reference: [Int: Int32] = [:]
        for step in 0..<50_000 {
            // Packed pairs (the callers' keys), arbitrary 64-bit keys, and the extremes.
            let key: Int =
                switch step % 4 {
                case 0: Int(generator.next() % 500) << 31 | Int(generator.next() % 40)
                case 1: Int(truncatingIfNeeded: generator.next())
                case 2: [Int.min, Int.max, 0, -1][Int(generator.next() % 4)]
                default: Int(generator.next() % 1000)
                }
            let value = Int32(step)
            map.set(key, value)
            reference[key] = value
        }
        #expect(map.count == reference.count)
        for (key, value) in reference { #expect(map[key] == value) }
        #expect(Dictionary(uniqueKeysWithValues: map.entries.map { ($0.key, $0.value) }) == reference)
        #expect(map[12345 << 31 | 7] == nil)
    }

    @Test func emptyMapFindsNothing() {
        let map = IntegerMap(capacity: 0)
        #expect(map[0] == nil && map[Int.min] == nil && map.count == 0 && map.entries.isEmpty)
    }
}
