// libFuzzer target for the CallgrindImporter on its own; see Docs/fuzzing.md.
import HotpathFuzzSupport
import HotpathIngest

FuzzDriver.run("FuzzCallgrind", check: ImporterFuzzing(CallgrindImporter()).check)
