/// Template text with inline markers instead of counted columns (like swift-format's
/// `MarkedText`): `‸` marks where an error should point. The marker is removed from the text and
/// its line and column (1-based, in characters) are kept.
struct MarkedText {
    static let marker: Character = "‸"

    let text: String
    let line: Int
    let column: Int

    init(_ marked: String) {
        var text = ""
        var line = 1
        var column = 1
        var markerLine = 0
        var markerColumn = 0
        for character in marked {
            if character == Self.marker {
                markerLine = line
                markerColumn = column
                continue
            }
            text.append(character)
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        precondition(markerLine > 0, "marked text needs a ‸ marker")
        self.text = text
        self.line = markerLine
        self.column = markerColumn
    }
}
