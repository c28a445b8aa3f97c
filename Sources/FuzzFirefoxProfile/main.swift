// libFuzzer target for the FirefoxProfileImporter on its own; see Docs/fuzzing.md.
import HotpathFuzzSupport
import HotpathIngest

FuzzDriver.run("FuzzFirefoxProfile", check: ImporterFuzzing(FirefoxProfileImporter()).check)
