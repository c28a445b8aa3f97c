// libFuzzer target for the V8CPUProfileImporter on its own; see Docs/fuzzing.md.
import HotpathFuzzSupport
import HotpathIngest

FuzzDriver.run("FuzzV8CPUProfile", check: ImporterFuzzing(V8CPUProfileImporter()).check)
