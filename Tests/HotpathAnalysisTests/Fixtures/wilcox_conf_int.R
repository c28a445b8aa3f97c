# Reads cases written by make_statistics_expectations.py and prints R's Hodges-Lehmann estimate
# and confidence interval for each: wilcox.test(x, y, conf.int = TRUE, conf.level, tol.root).
# Run by that script; by hand: Rscript wilcox_conf_int.R CASES OUT  (R 4.2.2, Debian r-base-core)
args <- commandArgs(trailingOnly = TRUE)
lines <- readLines(args[1])
out <- character(0)
for (i in seq(1, length(lines), by = 4)) {
    header <- strsplit(lines[i], " ")[[1]]
    level <- as.numeric(header[2])
    tol <- as.numeric(header[3])
    x <- as.numeric(strsplit(lines[i + 1], " ")[[1]])
    y <- as.numeric(strsplit(lines[i + 2], " ")[[1]])
    r <- wilcox.test(x, y, conf.int = TRUE, conf.level = level, tol.root = tol)
    method <- if (grepl("exact", r$method)) "exact" else "asymptotic"
    out <- c(out, paste(header[1], method, sprintf("%.17g", r$estimate), sprintf("%.17g", r$conf.int[1]),
                        sprintf("%.17g", r$conf.int[2]), sprintf("%.17g", attr(r$conf.int, "conf.level"))))
}
writeLines(out, args[2])
