// libFuzzer target for the CollapsedStacksImporter on its own; see Docs/fuzzing.md.
import HotpathFuzzSupport
import HotpathIngest

FuzzDriver.run("FuzzCollapsed", check: ImporterFuzzing(CollapsedStacksImporter()).check)
