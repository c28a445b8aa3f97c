import Foundation
import HotpathModel
import HotpathSite

/// The last step: the validated site onto the disk, atomically.
extension ReportPipeline {
    /// Writes the validated site atomically, and the Markdown when asked.
    @inline(never)  // not inlined into async callers: see `measured`
    public func write(_ site: RenderedSite, to request: SiteRequest, runCount: Int, started: Date) throws
        -> SiteWriter.Summary
    {
        let written = profiler.measure("write site") { () -> Result<SiteWriter.Summary, SiteError> in
            do throws(SiteError) {
                let summary = try SiteWriter(destination: request.out, force: request.force).write(
                    Self.siteFiles(site))
                if let markdown = request.markdown { try AtomicFile.write(Array(site.markdown.utf8), to: markdown) }
                return .success(summary)
            } catch {
                return .failure(error)
            }
        }
        return try finished(written, site: site, to: request, runCount: runCount, started: started)
    }

    /// Checks the links of a site whose pages are checked (`build` with `checkingLinks` false)
    /// and writes it, overlapping what does not depend on each other: the site is staged while
    /// its links are checked (and discarded if they fail) and its page cache encoded, and once
    /// it is in place the site it replaced is removed in the background (`SiteWriter.retire`)
    /// and the page cache written. A nightly build's tail was these steps one after another.
    public func publish(
        _ site: RenderedSite, to request: SiteRequest, validated: ValidatedPages?, runCount: Int, started: Date
    ) async throws -> SiteWriter.Summary {
        let writer = SiteWriter(destination: request.out, force: request.force)
        async let staging = stage(site, with: writer)
        // Encoded meanwhile, written once the site it describes is in place.
        async let pageCache = validated.flatMap { encodedPageCache(site, for: $0) }
        let problems = linkProblems(site)
        let staged = await staging
        let pageCacheBytes = await pageCache
        guard problems.isEmpty else {
            if case .success(let staged) = staged { SiteWriter.discard(staged) }
            throw Self.validationFailure(problems)
        }
        let committed = commit(staged, with: writer, markdown: site.markdown, to: request.markdown)
        if case .success(let retired) = committed {
            if let retired {
                profiler.measure("retire replaced site") { SiteWriter.retire(retired, replacing: request.out) }
            }
            // The page cache describes the site now in place; a failed write keeps the last one's.
            if let validated, let pageCacheBytes {
                profiler.measure("write validated pages") { validated.write(pageCacheBytes) }
            }
        }
        let written = committed.flatMap { _ in staged.map(\.summary) }
        return try finished(written, site: site, to: request, runCount: runCount, started: started)
    }

    /// The site's files, each kept page with where the last build's copy is (linked, not written).
    private static func siteFiles(_ site: RenderedSite) -> [SiteFile] {
        zip(site.files, site.keptFrom + Array(repeating: nil, count: site.files.count)).map {
            SiteFile(path: $0.path, text: $0.text, sameAs: $1)
        }
    }

    // Typed throws stay in these synchronous steps (see `measured`).

    @inline(never)
    private func stage(_ site: RenderedSite, with writer: SiteWriter) -> Result<SiteWriter.StagedSite, SiteError> {
        profiler.measure("stage site") {
            Result { () throws(SiteError) in try writer.stage(Self.siteFiles(site)) }
        }
    }

    /// Puts the staged site in place and writes the Markdown; the retired site's path on success.
    @inline(never)
    private func commit(
        _ staged: Result<SiteWriter.StagedSite, SiteError>, with writer: SiteWriter, markdown: String,
        to markdownPath: String?
    ) -> Result<String?, SiteError> {
        profiler.measure("commit site") {
            Result { () throws(SiteError) -> String? in
                let retired = try writer.commit(try staged.get())
                if let markdownPath { try AtomicFile.write(Array(markdown.utf8), to: markdownPath) }
                return retired
            }
        }
    }

    /// Says what was written, or turns the writer's failure into the report's.
    private func finished(
        _ written: Result<SiteWriter.Summary, SiteError>, site: RenderedSite, to request: SiteRequest, runCount: Int,
        started: Date
    ) throws -> SiteWriter.Summary {
        switch written {
        case .success(let summary):
            let elapsed = Date().timeIntervalSince(started)
            console.note(
                "Wrote \(summary.filesWritten) files (\(UnitFormat.bytes(Double(summary.bytesWritten)))) to \(request.out) from \(runCount) run(s) in \(UnitFormat.duration(elapsed * 1e9)); every page validated"
                    + (site.reusedPages > 0 ? ", \(site.reusedPages) kept from the last build." : ".")
            )
            return summary
        case .failure(let error):
            throw ReportFailure(.output, file: error.path, message: error.message)
        }
    }
}
