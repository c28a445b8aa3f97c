import HotpathCommands

await Hotpath.runFromCommandLine()
