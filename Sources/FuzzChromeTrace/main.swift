// libFuzzer target for the ChromeTraceImporter on its own; see Docs/fuzzing.md.
import HotpathFuzzSupport
import HotpathIngest

FuzzDriver.run("FuzzChromeTrace", check: ImporterFuzzing(ChromeTraceImporter()).check)
