import HotpathModel

extension Profiler {
    /// Everything recorded so far as a native `Profile`.
    ///
    /// Spans are those that have ended, in start order, numbered from 1; a span whose parent
    /// has not ended yet becomes a root, so take the snapshot after the measured work is done.
    /// `operations` holds each span name's durations in start order, names sorted. Safe to
    /// call while other threads keep recording.
    public func snapshot() -> Profile {
        var labels = options.labels
        if isEnabled, options.recordsMemory, let peak = peakResidentBytes {
            labels["peak_rss_bytes"] = String(Int(peak))
        }
        let run = RunMetadata(
            workflow: workflow, runID: runID, startTime: HostEnvironment.iso8601(startTime), git: options.git,
            host: HostEnvironment.hostName, environment: HostEnvironment.fingerprint, labels: labels)
        guard isEnabled else { return Profile(run: run) }

        let (spans, spanNames) = finishedSpans()
        let memory = self.memory.withLock { $0 }.sorted { $0.tNs < $1.tNs }
        let caches = self.caches.withLock { $0 }
            .map {
                $0.value.stats(name: $0.key, windowCount: options.cacheWindowCount, hotMissLimit: options.hotMissLimit)
            }
            .sorted { $0.name < $1.name }
        let io = self.io.withLock { $0 }.sorted { $0.start < $1.start }.map { record in
            IOOperation(
                operation: record.operation ?? spanNames[record.span], kind: record.kind, bytes: record.bytes,
                durationNs: record.durationNs, startNs: Double(record.start &- min(record.start, runStart)),
                isAsync: record.isAsync, path: record.path)
        }
        return Profile(
            run: run, operations: Self.operations(of: spans), spans: SpanTable(spans),
            memory: MemoryTimeline(samples: memory),
            io: io, caches: caches, parallel: parallel.withLock { $0 })
    }

    /// The finished spans renumbered in start order, and each raw id's name (for I/O attribution).
    func finishedSpans() -> (spans: [Span], names: [Int: String]) {
        var records: [SpanRecord] = []
        let buffers = self.buffers.withLock { $0 }
        for buffer in buffers { buffer.publishedRecords(into: &records) }
        records.sort { a, b in
            if a.start != b.start { return a.start < b.start }
            if a.end != b.end { return a.end > b.end }  // an enclosing span first
            return a.id < b.id
        }
        let failures = self.failures.withLock { $0 }
        let threadLabels = Self.threadLabels(buffers: buffers, records: records)
        var newIDs: [Int: Int] = [:]
        var names: [Int: String] = [:]
        newIDs.reserveCapacity(records.count)
        names.reserveCapacity(records.count)
        for (index, record) in records.enumerated() {
            newIDs[record.id] = index + 1
            names[record.id] = record.name
        }
        let spans = records.enumerated().map { index, record in
            Span(
                id: index + 1, name: record.name, startNs: Double(record.start &- min(record.start, runStart)),
                durationNs: Double(record.end &- min(record.end, record.start)),
                thread: threadLabels[Int(record.thread)],
                parent: newIDs[record.parent], args: failures[record.id].map { ["error": $0] })
        }
        return (spans, names)
    }

    /// `main`, a name given with `nameCurrentThread`, or `thread-N` numbered in the order the
    /// threads began their first span.
    static func threadLabels(buffers: [SpanBuffer], records: [SpanRecord]) -> [String] {
        var labels = [String](repeating: "", count: buffers.count)
        var next = 1
        for record in records where labels[Int(record.thread)].isEmpty {
            let buffer = buffers[Int(record.thread)]
            if let name = buffer.name.withLock({ $0 }) {
                labels[Int(record.thread)] = name
            } else if buffer.isMainThread {
                labels[Int(record.thread)] = "main"
            } else {
                labels[Int(record.thread)] = "thread-\(next)"
                next += 1
            }
        }
        return labels
    }

    /// Each span name's durations, in start order, as raw timing samples.
    static func operations(of spans: [Span]) -> [ProfileResult] {
        var samples: [String: [Double]] = [:]
        for span in spans { samples[span.name, default: []].append(span.durationNs) }
        return samples.keys.sorted().map { ProfileResult(name: $0, metric: .timing, samples: samples[$0] ?? []) }
    }
}
