// libFuzzer target for the PprofImporter on its own; see Docs/fuzzing.md.
import HotpathFuzzSupport
import HotpathIngest

FuzzDriver.run("FuzzPprof", check: ImporterFuzzing(PprofImporter()).check)
