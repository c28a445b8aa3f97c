// Benchmarks for Hotpath's own machinery; run with `swift run -c release hotpath-bench`.
// `hotpath-bench ITERATIONS WARMUP` changes the counts (a short run suits callgrind).
let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
print(runTemplateBenchmark(warmUp: arguments.count > 1 ? arguments[1] : 5, iterations: arguments.first ?? 50))
