// libFuzzer target for the PytestBenchmarkImporter on its own; see Docs/fuzzing.md.
import HotpathFuzzSupport
import HotpathIngest

FuzzDriver.run("FuzzPytestBenchmark", check: ImporterFuzzing(PytestBenchmarkImporter()).check)
