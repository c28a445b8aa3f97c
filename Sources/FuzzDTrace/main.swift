// libFuzzer target for the DTraceImporter on its own; see Docs/fuzzing.md.
import HotpathFuzzSupport
import HotpathIngest

FuzzDriver.run("FuzzDTrace", check: ImporterFuzzing(DTraceImporter()).check)
