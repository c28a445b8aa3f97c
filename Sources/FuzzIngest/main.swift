// libFuzzer target for the whole reading path: decoding, detection, any importer; see Docs/fuzzing.md.
import HotpathFuzzSupport

FuzzDriver.run("FuzzIngest", check: IngestFuzzing().check)
