// Benchmarks of Hotpath's own code. Run a release build: `swift run -c release hotpath-bench`.
for line in await runProfilerBenchmark() {
    print(line)
}
