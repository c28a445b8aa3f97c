// libFuzzer target for the MacOSSampleImporter on its own; see Docs/fuzzing.md.
import HotpathFuzzSupport
import HotpathIngest

FuzzDriver.run("FuzzMacOSSample", check: ImporterFuzzing(MacOSSampleImporter()).check)
