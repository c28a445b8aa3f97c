import HotpathModel

/// One of a Firefox profile's tables (samples, stacks, frames, functions, markers) in either of
/// its two shapes: the Gecko format's rows, `{"schema": {"stack": 0, "time": 1}, "data": [[3,
/// 0.5], …]}`, each row an array indexed by the schema (trailing nulls left out), or the
/// processed format's columns, `{"length": 2, "stack": [3, 4], "time": [0.5, 1.5]}`.
///
/// A value's position (for an error) is its row and column's JSON path, looked up only when
/// an error needs it.
struct FirefoxTable {
    let node: JSONNode
    let count: Int
    private let schema: [String: Int]
    private let rows: [JSONValue]
    private let columns: [String: [JSONValue]]
    let isRows: Bool

    /// The table at `node`; `what` names it in errors ("stackTable").
    init(_ node: JSONNode, what: String, in bytes: UnsafeRawBufferPointer) throws(ImportFailure) {
        self.node = node
        guard let members = node.members else {
            throw node.failure("expected the \(what) object, found \(node.value.typeDescription)", in: bytes)
        }
        if let schemaNode = node["schema"] {
            guard let schemaMembers = schemaNode.members else {
                throw schemaNode.failure(
                    "expected a schema object (column → index), found \(schemaNode.value.typeDescription)", in: bytes)
            }
            var schema: [String: Int] = [:]
            for (key, value) in schemaMembers {
                let index = try value.number("a column index", in: bytes) { $0 >= 0 && $0 < 1e6 && $0 == $0.rounded() }
                schema[key] = Int(index)
            }
            let data = try node.required("data", in: bytes)
            guard let rows = data.value.array else {
                throw data.failure("expected an array of rows, found \(data.value.typeDescription)", in: bytes)
            }
            self.schema = schema
            self.rows = rows
            self.columns = [:]
            self.count = rows.count
            self.isRows = true
        } else {
            var columns: [String: [JSONValue]] = [:]
            var longest = 0
            for (key, value) in members {
                if let column = value.value.array {
                    columns[key] = column
                    longest = max(longest, column.count)
                }
            }
            var count = longest
            if let lengthNode = node["length"] {
                let length = try lengthNode.number(
                    "the table's length, a whole number no larger than its longest column (\(longest))", in: bytes
                ) { $0 >= 0 && $0 == $0.rounded() && $0 <= Double(longest) }
                count = Int(length)
            }
            self.schema = [:]
            self.rows = []
            self.columns = columns
            self.count = count
            self.isRows = false
        }
    }

    func has(_ column: String) -> Bool { isRows ? schema[column] != nil : columns[column] != nil }

    /// The value at `row` in `column`; nil when the column, the row's cell, or the value is missing or null.
    func value(_ column: String, _ row: Int) -> JSONValue? {
        let value: JSONValue
        if isRows {
            guard let index = schema[column], row < rows.count, let cells = rows[row].array, index < cells.count
            else { return nil }
            value = cells[index]
        } else {
            guard let cells = columns[column], row < cells.count else { return nil }
            value = cells[row]
        }
        return value == .null ? nil : value
    }

    func number(_ column: String, _ row: Int) -> Double? { value(column, row)?.number }

    /// A table index in `column` at `row`: nil when null or missing; an error when not a whole
    /// number in `0..<limit`.
    func index(_ column: String, _ row: Int, below limit: Int, what: String, in bytes: UnsafeRawBufferPointer)
        throws(ImportFailure) -> Int?
    {
        guard let value = value(column, row) else { return nil }
        let number = try JSONNode(value, path: cell(column, row).path).number(
            "\(what): a whole number below \(limit)", in: bytes
        ) { $0 >= 0 && $0 < Double(limit) && $0 == $0.rounded() }
        return Int(number)
    }

    /// The JSON path of a cell, for messages and positions.
    func cell(_ column: String, _ row: Int) -> JSONNode {
        if isRows {
            guard let index = schema[column] else {
                return JSONNode(.null, path: node.path + [JSONPathKey("data"), JSONPathKey(row)])
            }
            return JSONNode(.null, path: node.path + [JSONPathKey("data"), JSONPathKey(row), JSONPathKey(index)])
        }
        return JSONNode(.null, path: node.path + [JSONPathKey(column), JSONPathKey(row)])
    }

    func failure(_ column: String, _ row: Int, _ message: String, in bytes: UnsafeRawBufferPointer) -> ImportFailure {
        cell(column, row).failure(message, in: bytes)
    }

    func warning(_ column: String, _ row: Int, _ message: String, in bytes: UnsafeRawBufferPointer) -> ImportWarning {
        cell(column, row).warning(message, in: bytes)
    }
}
