// libFuzzer target for the JMHImporter on its own; see Docs/fuzzing.md.
import HotpathFuzzSupport
import HotpathIngest

FuzzDriver.run("FuzzJMH", check: ImporterFuzzing(JMHImporter()).check)
