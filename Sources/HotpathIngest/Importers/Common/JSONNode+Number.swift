import HotpathModel

extension JSONNode {
    /// The number here when `isValid` accepts it, else a failure here: "expected `expected`,
    /// found …" (the number, or the type of what is there).
    ///
    /// One function for every such check: written inline (`guard let x = node.number, … else {
    /// throw node.failure(… node.number …) }`), the check crashes the Swift 6.3.1 release
    /// optimizer (CopyPropagation's ownership verifier) in the BenchmarkDotNet and Firefox readers.
    @inline(never)
    func number(
        _ expected: String, in bytes: UnsafeRawBufferPointer, where isValid: (Double) -> Bool
    ) throws(ImportFailure) -> Double {
        let found = number
        if let found, isValid(found) { return found }
        let text = found.map(formatNumber) ?? value.typeDescription
        throw failure("expected \(expected), found \(text)", in: bytes)
    }
}
