// libFuzzer target for the GoogleBenchmarkImporter on its own; see Docs/fuzzing.md.
import HotpathFuzzSupport
import HotpathIngest

FuzzDriver.run("FuzzGoogleBenchmark", check: ImporterFuzzing(GoogleBenchmarkImporter()).check)
