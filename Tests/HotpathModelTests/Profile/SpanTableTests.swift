import HotpathModel
import Testing

@Suite struct SpanTableTests {
    /// A table with two threads, two names and one argument set interned, in that order.
    static func interned() -> SpanTable {
        var table = SpanTable()
        _ = table.internThread("main")
        _ = table.internThread("worker")
        _ = table.internName("parse")
        _ = table.internName("emit")
        _ = table.internArguments(["file": "a.swift"])
        return table
    }

    /// Two threads' spans set column by column, as the trace importer builds its table, give
    /// the table appending them one by one gives.
    @Test func columnsSetAsSpansAppendDo() {
        var bySpan = Self.interned()
        bySpan.append(id: 0, nameIndex: 0, startNs: 0, durationNs: 10, threadIndex: 0)
        bySpan.append(id: 1, nameIndex: 1, startNs: 2, durationNs: 3, threadIndex: 0, parentID: 0, argumentsIndex: 0)
        bySpan.append(id: 2, nameIndex: 1, startNs: 5, durationNs: 1, threadIndex: 1)
        var byColumn = Self.interned()
        byColumn.setColumns(
            ids: [0, 1, 2], nameIndexes: [0, 1, 1], startsNs: [0, 2, 5], durationsNs: [10, 3, 1],
            threadIndexes: [0, 0, 1], parentIDs: [SpanTable.noParent, 0, SpanTable.noParent],
            argumentIndexes: [-1, 0, -1])
        #expect(byColumn == bySpan)
        #expect(byColumn.map(\.thread) == ["main", "main", "worker"])
        #expect(byColumn.map(\.name) == ["parse", "emit", "emit"])
        #expect(byColumn[1].parent == 0 && byColumn[1].args == ["file": "a.swift"] && byColumn[0].args == nil)
        // Spans appended after the columns were set go after them.
        byColumn.append(id: 3, nameIndex: 0, startNs: 7, durationNs: 1, threadIndex: 1)
        #expect(byColumn.map(\.id) == [0, 1, 2, 3])
    }
}
