// libFuzzer target for the PerfScriptImporter on its own; see Docs/fuzzing.md.
import HotpathFuzzSupport
import HotpathIngest

FuzzDriver.run("FuzzPerfScript", check: ImporterFuzzing(PerfScriptImporter()).check)
