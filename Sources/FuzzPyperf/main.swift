// libFuzzer target for the PyperfImporter on its own; see Docs/fuzzing.md.
import HotpathFuzzSupport
import HotpathIngest

FuzzDriver.run("FuzzPyperf", check: ImporterFuzzing(PyperfImporter()).check)
