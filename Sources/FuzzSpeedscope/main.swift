// libFuzzer target for the SpeedscopeImporter on its own; see Docs/fuzzing.md.
import HotpathFuzzSupport
import HotpathIngest

FuzzDriver.run("FuzzSpeedscope", check: ImporterFuzzing(SpeedscopeImporter()).check)
