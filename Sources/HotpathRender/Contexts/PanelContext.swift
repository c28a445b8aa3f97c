import HotpathModel

/// Memory, I/O, cache and parallel panels with their charts.
extension ReportContext {
    func memoryPanel(profileMemory: [MemorySample], idPrefix: String) -> MemoryPanel? {
        guard let memory = report.memory else { return nil }
        var panel = MemoryPanel(
            samples: memory.samples, startText: UnitFormat.bytes(memory.startBytes),
            peakText: UnitFormat.bytes(memory.peakBytes), averageText: UnitFormat.bytes(memory.averageBytes),
            endText: UnitFormat.bytes(memory.endBytes), overheadText: UnitFormat.bytes(memory.overheadBytes),
            budgetText: UnitFormat.bytes(memory.budgetBytes), overBudget: memory.overBudget,
            growthText: UnitFormat.bytes(memory.growthBytesPerSecond) + "/s", leakSuspect: memory.leakSuspect,
            gcEvents: memory.gcEvents, gcPauseText: UnitFormat.duration(memory.gcPauseNs),
            pressureEvents: memory.pressureEvents)
        if let start = profileMemory.first?.rssBytes, profileMemory.count >= 2 {
            let chart = LineChart(
                id: "\(idPrefix)-memory", title: "Resident memory over the run",
                series: [
                    .init(
                        name: "resident memory", className: "rss", points: profileMemory.map { ($0.tNs, $0.rssBytes) })
                ],
                reference: (start + memory.budgetBytes, "start + budget"),
                formatX: { UnitFormat.duration($0) }, formatY: { UnitFormat.bytes($0) }, yFromZero: false,
                xTitle: "time into the run", yTitle: "resident memory (bytes)")
            panel.chart = Markup(chart.svg())
        }
        return panel
    }

    func ioPanel(idPrefix: String) -> IOPanel? {
        guard let io = report.io else { return nil }
        var chart: Markup?
        if let top = io.groups.first?.totalNs, top > 0 {
            // Room past the longest bar for its "time, bytes" text.
            chart = Markup(
                BarChart(
                    id: "\(idPrefix)-io",
                    title: "I/O time per issuing operation and kind (largest \(io.groups.count) of \(io.groupCount))",
                    bars: io.groups.map { group in
                        let label =
                            group.source == group.kind.rawValue
                            ? group.source : "\(group.source) (\(group.kind.rawValue))"
                        let time = UnitFormat.duration(group.totalNs)
                        let bytes = UnitFormat.bytes(group.bytes)
                        return .init(
                            label: label, value: group.totalNs, valueText: "\(time), \(bytes)",
                            tooltip:
                                "\(label): \(UnitFormat.grouped(Double(group.count))) operation\(group.count == 1 ? "" : "s"), \(bytes) in \(time)"
                        )
                    },
                    maximum: top * 1.4
                ).svg())
        }
        return IOPanel(
            chart: chart, groupCount: io.groupCount, charted: io.groups.count, operations: io.operations,
            operationsText: UnitFormat.grouped(Double(io.operations)), bytesText: UnitFormat.bytes(io.bytes),
            timeText: UnitFormat.duration(io.totalNs),
            throughputText: UnitFormat.bytes(io.throughputBytesPerSecond) + "/s", asyncRatio: io.asyncRatio,
            asyncTarget: io.asyncTarget, belowTarget: io.asyncRatio < io.asyncTarget,
            batchCandidates: io.batchCandidates.map {
                IOPanel.BatchCandidate(
                    source: $0.source, kind: $0.kind.rawValue, count: $0.count,
                    meanBytesText: UnitFormat.bytes($0.meanBytes), timeText: UnitFormat.duration($0.totalNs))
            })
    }

    func cachePanels(profileCaches: [TemplateCacheStats], idPrefix: String) -> [CachePanel] {
        report.caches.enumerated().map { index, cache in
            var panel = CachePanel(
                name: cache.name, hitRate: cache.hitRate, target: cache.target,
                belowTarget: cache.hitRate < cache.target, lookupsText: UnitFormat.grouped(Double(cache.lookups)),
                hitsText: UnitFormat.grouped(Double(cache.hits)), missesText: UnitFormat.grouped(Double(cache.misses)),
                evictionsText: UnitFormat.grouped(Double(cache.evictions)), fill: cache.fill, size: cache.size,
                capacity: cache.capacity, trend: cache.trend.rawValue, warmHitRate: cache.warmHitRate,
                missCostText: cache.missCostNs.map { UnitFormat.duration($0) }, hotMisses: cache.hotMisses)
            let windows = index < profileCaches.count ? profileCaches[index].windows : []
            if !windows.isEmpty {
                let chart = BarChart(
                    id: "\(idPrefix)-cache-\(index)", title: "Hit rate of \(cache.name) per window of the run",
                    bars: windows.enumerated().map { number, window in
                        let lookups = window.hits + window.misses
                        let rate = lookups > 0 ? Double(window.hits) / Double(lookups) : 0
                        return .init(
                            label: "window \(number + 1)", value: rate, valueText: UnitFormat.percent(rate),
                            tooltip: "window \(number + 1): \(window.hits) hits, \(window.misses) misses",
                            emphasis: rate < cache.target ? "below" : nil)
                    },
                    marker: (cache.target, "target"), maximum: 1)
                panel.chart = Markup(chart.svg())
            }
            return panel
        }
    }

    func parallelPanels(idPrefix: String) -> [ParallelPanel] {
        report.parallel.enumerated().map { index, executor in
            var panel = ParallelPanel(
                name: executor.name, tasks: executor.tasks, concurrencyLimit: executor.concurrencyLimit,
                cores: executor.cores, wallText: UnitFormat.duration(executor.wallNs),
                busyText: UnitFormat.duration(executor.busyNs),
                speedupText: UnitFormat.speedup(executor.achievedSpeedup),
                targetText: UnitFormat.speedup(executor.targetSpeedup), efficiency: executor.efficiency,
                belowTarget: executor.achievedSpeedup < min(executor.targetSpeedup, Double(executor.cores)) * 0.9,
                imbalanceText: executor.stageImbalance.map { UnitFormat.fixed($0, digits: 2) + "×" },
                slowestStage: executor.slowestStage)
            if !executor.workerUtilization.isEmpty {
                let chart = BarChart(
                    id: "\(idPrefix)-parallel-\(index)", title: "Busy share of each worker of \(executor.name)",
                    bars: executor.workerUtilization.map {
                        .init(
                            label: $0.id, value: $0.utilization, valueText: UnitFormat.percent($0.utilization),
                            tooltip: "\($0.id) busy \(UnitFormat.percent($0.utilization)) of the wall time")
                    },
                    maximum: 1)
                panel.chart = Markup(chart.svg())
            }
            return panel
        }
    }

    /// The bar chart of the largest shares, hot paths emphasized, threshold marked.
    func shareChart(idPrefix: String, limit: Int = 15) -> String? {
        let operations = report.operations.filter { $0.metric == .timing }.prefix(limit)
        guard !operations.isEmpty else { return nil }
        return BarChart(
            id: "\(idPrefix)-shares", title: "Share of the run per operation (largest \(operations.count))",
            bars: operations.map { operation in
                .init(
                    label: operation.name, value: operation.share, valueText: UnitFormat.percent(operation.share),
                    tooltip: "\(operation.name): \(UnitFormat.percent(operation.share)) of the run"
                        + (operation.selfShare.map { ", self \(UnitFormat.percent($0))" } ?? ""),
                    emphasis: operation.share >= report.hotPathThreshold ? "hot" : nil)
            },
            marker: (report.hotPathThreshold, "hot-path threshold"), maximum: 1
        ).svg()
    }
}
