// libFuzzer target for the HyperfineImporter on its own; see Docs/fuzzing.md.
import HotpathFuzzSupport
import HotpathIngest

FuzzDriver.run("FuzzHyperfine", check: ImporterFuzzing(HyperfineImporter()).check)
