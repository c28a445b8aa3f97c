// libFuzzer target for the BenchmarkDotNetImporter on its own; see Docs/fuzzing.md.
import HotpathFuzzSupport
import HotpathIngest

FuzzDriver.run("FuzzBenchmarkDotNet", check: ImporterFuzzing(BenchmarkDotNetImporter()).check)
