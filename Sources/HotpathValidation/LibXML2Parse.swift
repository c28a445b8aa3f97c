import CLibXML2

/// One parse by libxml2 with the problems it reports collected: the only place Hotpath installs
/// libxml2's error handler, reads its errors and frees its documents.
///
/// Builds against libxml2 2.9 through 2.14: from 2.12 the structured error handler receives a
/// `const xmlError *` (before, an `xmlErrorPtr`); the handler is a closure literal whose parameter
/// type the compiler takes from whichever declaration the installed headers have, and both read
/// the same fields through `pointee`.
///
/// The document lives only for the body given to `read`: nodes must not escape it.
///
/// Thread safety: the handler is per thread; `read` installs it, parses and removes it without
/// suspending, so it is safe to call from many threads.
enum LibXML2Parse {
    enum Parser {
        /// libxml2's HTML parser, without the implied `<html>`/`<body>` it would otherwise add.
        case html
        /// The same parser, reading the tree only: errors and warnings are not even produced.
        case htmlTreeOnly
        /// The XML parser (well-formedness only; no DTD is loaded).
        case xml
    }

    /// A problem libxml2 reported: its error code (`xmlParserErrors`), position and message.
    struct Problem {
        var code: Int
        var line: Int
        var column: Int?
        var message: String
    }

    /// What one parse gave: valid only inside the body passed to `read`.
    struct Outcome {
        /// Whether libxml2 made a document at all.
        var parsed: Bool
        /// The document's root element, if there is one.
        var root: xmlNodePtr?
        var problems: [Problem]
    }

    /// Parses `text` (UTF-8) and hands the outcome to `body`, then frees the document; `name` is
    /// the document name libxml2 puts in its messages.
    static func read<Result>(
        _ text: String, with parser: Parser, name: String, _ body: (Outcome) -> Result
    ) -> Result {
        let bytes = Array(text.utf8)
        var problems: [Problem] = []
        let document = withUnsafeMutablePointer(to: &problems) { sink in
            xmlSetStructuredErrorFunc(UnsafeMutableRawPointer(sink)) { context, error in
                guard let context, let error else { return }
                // libxml2 2.9 calls every HTML5, SVG and MathML element "invalid" (XML_HTML_UNKNOWN_TAG,
                // the tag in str1): a chart has hundreds, so those are dropped before a message
                // is made of them (`HTMLValidator` drops any that come without str1).
                if error.pointee.code == 801, let tag = error.pointee.str1,
                    HTMLElements.isKnown(String(cString: tag))
                {
                    return
                }
                let sink = context.assumingMemoryBound(to: [Problem].self)
                sink.pointee.append(Problem(error.pointee))
            }
            defer { xmlSetStructuredErrorFunc(nil, nil) }
            return bytes.withUnsafeBufferPointer { buffer -> xmlDocPtr? in
                // Empty input has no base address; libxml2 makes no document of it either.
                guard let base = buffer.baseAddress else { return nil }
                return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                    let count = Int32(clamping: buffer.count)
                    switch parser {
                    case .html:
                        return htmlReadMemory(
                            pointer, count, name, "UTF-8",
                            Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOIMPLIED.rawValue))
                    case .htmlTreeOnly:
                        return htmlReadMemory(
                            pointer, count, name, "UTF-8",
                            Int32(
                                HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
                                    | HTML_PARSE_NOWARNING.rawValue))
                    case .xml:
                        return xmlReadMemory(pointer, count, name, "UTF-8", Int32(XML_PARSE_NONET.rawValue))
                    }
                }
            }
        }
        defer { if let document { xmlFreeDoc(document) } }
        return body(
            Outcome(parsed: document != nil, root: document.flatMap { xmlDocGetRootElement($0) }, problems: problems))
    }
}

extension LibXML2Parse.Problem {
    init(_ error: xmlError) {
        code = Int(error.code)
        line = Int(error.line)
        // For parser errors, int2 holds the column (0 when unknown).
        column = error.int2 > 0 ? Int(error.int2) : nil
        message = error.message.map { trimmed(String(cString: $0)) } ?? "unknown libxml2 error"
    }
}

/// The text without leading and trailing whitespace.
func trimmed(_ text: String) -> String {
    // libxml2's messages end with a newline: most need only that cut, which the bytes tell.
    let utf8 = text.utf8
    if let first = utf8.first, first > 0x20, first < 0x80 {
        var end = utf8.endIndex
        while end > utf8.startIndex {
            let byte = utf8[utf8.index(before: end)]
            guard byte == 0x20 || (0x09...0x0D).contains(byte) else { break }
            end = utf8.index(before: end)
        }
        // Past the ASCII whitespace, an ASCII byte ends the text (else a wider space may).
        if end > utf8.startIndex, utf8[utf8.index(before: end)] < 0x80 { return String(Substring(utf8[..<end])) }
    }
    var view = Substring(text)
    while let first = view.first, first.isWhitespace { view.removeFirst() }
    while let last = view.last, last.isWhitespace { view.removeLast() }
    return String(view)
}
