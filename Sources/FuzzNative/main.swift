// libFuzzer target for the NativeImporter on its own; see Docs/fuzzing.md.
import HotpathFuzzSupport
import HotpathIngest

FuzzDriver.run("FuzzNative", check: ImporterFuzzing(NativeImporter()).check)
