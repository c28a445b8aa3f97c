extension Profiler {
    /// Runs a whole workflow `iterations` times, each run a root span named `name`, so that
    /// every operation inside collects one sample per call across all iterations: the seed
    /// system's `profile_workflow`.
    ///
    /// When memory is recorded, a memory sample is taken before the first iteration and after
    /// each one. The body gets the iteration's index, from 0.
    ///
    /// - Returns: the body's value of each iteration, in order.
    @discardableResult
    public func measureWorkflow<T, E: Error>(
        _ name: String = "workflow", iterations: Int, isolation: isolated (any Actor)? = #isolation,
        _ body: (Int) async throws(E) -> T
    ) async throws(E) -> [T] {
        var results: [T] = []
        results.reserveCapacity(max(0, iterations))
        guard isEnabled else {
            for iteration in 0..<max(0, iterations) { results.append(try await body(iteration)) }
            return results
        }
        sampleMemory()
        for iteration in 0..<max(0, iterations) {
            let value = try await measureAsync(name, parent: .explicit(nil), isolation: isolation) {
                () async throws(E) -> T in
                try await body(iteration)
            }
            results.append(value)
            sampleMemory()
        }
        return results
    }
}
