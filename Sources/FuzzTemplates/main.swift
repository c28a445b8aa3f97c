// libFuzzer target for the template engine's lexer, parser, renderer and escaping; see Docs/fuzzing.md.
import HotpathFuzzSupport

FuzzDriver.run("FuzzTemplates", check: TemplateFuzzing().check)
