import CMalloc
import HotpathCommands

// Keep freed memory for reuse instead of handing it back to the kernel: a big trace's import
// and analysis allocate and free arrays of millions of elements one after another, and with
// glibc's defaults each came back as fresh pages to fault in and zero (a twentieth of
// `hotpath analyze` on a 115 MB trace, for about 40 MB more peak memory).
mallopt(M_MMAP_THRESHOLD, 512 << 20)
mallopt(M_TRIM_THRESHOLD, 1 << 30)

await Hotpath.runFromCommandLine()
