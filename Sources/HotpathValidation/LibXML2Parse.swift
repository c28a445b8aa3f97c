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
        var text = text
        var problems: [Problem] = []
        let document = collectingProblems(into: &problems) {
            text.withUTF8 { buffer -> xmlDocPtr? in
                // Empty input has no base address; libxml2 makes no document of it either.
                guard let base = buffer.baseAddress, !buffer.isEmpty else { return nil }
                return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                    let count = Int32(clamping: buffer.count)
                    switch parser {
                    case .html:
                        return htmlReadMemory(pointer, count, name, "UTF-8", htmlOptions)
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

    /// What `scanHTML` hands over for each start tag: its name and attributes as libxml2 read
    /// them (NUL-terminated, valid only during the call) and the line the tag ends on.
    struct StartTag {
        var name: UnsafePointer<xmlChar>
        /// Name, value, name, value, … ending with a null name; nil when there are none.
        var attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
        var line: Int
    }

    /// Parses `bytes` as HTML with the same parser and options as `read(_:with: .html, …)`, so
    /// with the same problems, but builds no tree: `startTag` sees every start tag in document
    /// order. Validating a page needs only its ids and links, and a tree of thousands of nodes
    /// made and freed per page was a quarter of a site's validation. Returns false for empty
    /// input, of which libxml2 makes no document.
    static func scanHTML(
        _ bytes: UnsafeBufferPointer<UInt8>, name: String, problems: inout [Problem], startTag: (StartTag) -> Void
    ) -> Bool {
        guard let base = bytes.baseAddress, !bytes.isEmpty, let context = htmlNewParserCtxt() else { return false }
        defer { htmlFreeParserCtxt(context) }
        return withoutActuallyEscaping(startTag) { startTag in
            withUnsafePointer(to: startTag) { visitor in
                // Only start tags are asked for: no document, nodes or text are made.
                var handler = htmlSAXHandler()
                handler.initialized = 1
                handler.startElement = { userData, name, attributes in
                    guard let userData, let name else { return }
                    let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
                    guard let visitorPointer = context.pointee._private else { return }
                    let visitor = visitorPointer.assumingMemoryBound(to: ((StartTag) -> Void).self)
                    let line = context.pointee.input.map { Int($0.pointee.line) } ?? 0
                    visitor.pointee(StartTag(name: name, attributes: attributes, line: line))
                }
                context.pointee.sax.pointee = handler
                context.pointee._private = UnsafeMutableRawPointer(mutating: visitor)
                let document = collectingProblems(into: &problems) {
                    base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { pointer in
                        htmlCtxtReadMemory(context, pointer, Int32(clamping: bytes.count), name, "UTF-8", htmlOptions)
                    }
                }
                if let document { xmlFreeDoc(document) }
                return true
            }
        }
    }

    /// The HTML parser's options: no network, and no `<html>`/`<body>` implied around a page.
    private static let htmlOptions = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOIMPLIED.rawValue)

    /// Runs `parse` with this thread's libxml2 error handler appending to `problems`.
    private static func collectingProblems<Result>(into problems: inout [Problem], _ parse: () -> Result) -> Result {
        withUnsafeMutablePointer(to: &problems) { sink in
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
            return parse()
        }
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
