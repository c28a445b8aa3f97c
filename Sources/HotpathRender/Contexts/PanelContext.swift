import HotpathModel
import HotpathTemplates

/// Memory, I/O, cache and parallel panels with their charts.
extension ReportContext {
    func memoryPanel(profileMemory: [MemorySample], idPrefix: String) -> TemplateValue {
        guard let memory = report.memory else { return .null }
        var panel: Context = [
            "samples": .int(memory.samples),
            "start_text": .string(UnitFormat.bytes(memory.startBytes)),
            "peak_text": .string(UnitFormat.bytes(memory.peakBytes)),
            "average_text": .string(UnitFormat.bytes(memory.averageBytes)),
            "end_text": .string(UnitFormat.bytes(memory.endBytes)),
            "overhead_text": .string(UnitFormat.bytes(memory.overheadBytes)),
            "budget_text": .string(UnitFormat.bytes(memory.budgetBytes)),
            "over_budget": .bool(memory.overBudget),
            "growth_text": .string(UnitFormat.bytes(memory.growthBytesPerSecond) + "/s"),
            "leak_suspect": .bool(memory.leakSuspect),
            "gc_events": .int(memory.gcEvents),
            "gc_pause_text": .string(UnitFormat.duration(memory.gcPauseNs)),
            "pressure_events": .int(memory.pressureEvents),
            "chart": .null,
        ]
        if profileMemory.count >= 2 {
            let start = profileMemory.first!.rssBytes
            let chart = LineChart(
                id: "\(idPrefix)-memory", title: "Resident memory over the run",
                series: [
                    .init(
                        name: "resident memory", className: "rss", points: profileMemory.map { ($0.tNs, $0.rssBytes) })
                ],
                reference: (start + memory.budgetBytes, "start + budget"),
                formatX: { UnitFormat.duration($0) }, formatY: { UnitFormat.bytes($0) }, yFromZero: false)
            panel["chart"] = .markup(chart.svg())
        }
        return .dictionary(panel)
    }

    func ioPanel(idPrefix: String) -> TemplateValue {
        guard let io = report.io else { return .null }
        var chart: TemplateValue = .null
        if let top = io.groups.first?.totalNs, top > 0 {
            // Room past the longest bar for its "time, bytes" text.
            chart = .markup(
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
        return .dictionary([
            "chart": chart,
            "group_count": .int(io.groupCount),
            "charted": .int(io.groups.count),
            "operations": .int(io.operations),
            "operations_text": .string(UnitFormat.grouped(Double(io.operations))),
            "bytes_text": .string(UnitFormat.bytes(io.bytes)),
            "time_text": .string(UnitFormat.duration(io.totalNs)),
            "throughput_text": .string(UnitFormat.bytes(io.throughputBytesPerSecond) + "/s"),
            "async_ratio": .number(io.asyncRatio),
            "async_target": .number(io.asyncTarget),
            "below_target": .bool(io.asyncRatio < io.asyncTarget),
            "batch_candidates": .list(
                io.batchCandidates.map {
                    [
                        "source": .string($0.source), "kind": .string($0.kind.rawValue), "count": .int($0.count),
                        "mean_bytes_text": .string(UnitFormat.bytes($0.meanBytes)),
                        "time_text": .string(UnitFormat.duration($0.totalNs)),
                    ]
                }),
        ])
    }

    func cachePanels(profileCaches: [TemplateCacheStats], idPrefix: String) -> TemplateValue {
        .list(
            report.caches.enumerated().map { index, cache in
                var panel: Context = [
                    "name": .string(cache.name),
                    "hit_rate": .number(cache.hitRate),
                    "target": .number(cache.target),
                    "below_target": .bool(cache.hitRate < cache.target),
                    "lookups_text": .string(UnitFormat.grouped(Double(cache.lookups))),
                    "hits_text": .string(UnitFormat.grouped(Double(cache.hits))),
                    "misses_text": .string(UnitFormat.grouped(Double(cache.misses))),
                    "evictions_text": .string(UnitFormat.grouped(Double(cache.evictions))),
                    "fill": .number(cache.fill),
                    "size": .count(cache.size),
                    "capacity": .count(cache.capacity),
                    "trend": .string(cache.trend.rawValue),
                    "warm_hit_rate": .number(cache.warmHitRate),
                    "miss_cost_text": .text(cache.missCostNs.map { UnitFormat.duration($0) }),
                    "hot_misses": .array(cache.hotMisses.map { .string($0) }),
                    "chart": .null,
                ]
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
                    panel["chart"] = .markup(chart.svg())
                }
                return panel
            })
    }

    func parallelPanels(idPrefix: String) -> TemplateValue {
        .list(
            report.parallel.enumerated().map { index, executor in
                var panel: Context = [
                    "name": .string(executor.name),
                    "tasks": .int(executor.tasks),
                    "concurrency_limit": .int(executor.concurrencyLimit),
                    "cores": .int(executor.cores),
                    "wall_text": .string(UnitFormat.duration(executor.wallNs)),
                    "busy_text": .string(UnitFormat.duration(executor.busyNs)),
                    "speedup_text": .string(UnitFormat.speedup(executor.achievedSpeedup)),
                    "target_text": .string(UnitFormat.speedup(executor.targetSpeedup)),
                    "efficiency": .number(executor.efficiency),
                    "below_target": .bool(
                        executor.achievedSpeedup < min(executor.targetSpeedup, Double(executor.cores)) * 0.9),
                    "imbalance_text": .text(executor.stageImbalance.map { UnitFormat.fixed($0, digits: 2) + "×" }),
                    "slowest_stage": .text(executor.slowestStage),
                    "chart": .null,
                ]
                if !executor.workerUtilization.isEmpty {
                    let chart = BarChart(
                        id: "\(idPrefix)-parallel-\(index)", title: "Busy share of each worker of \(executor.name)",
                        bars: executor.workerUtilization.map {
                            .init(
                                label: $0.id, value: $0.utilization, valueText: UnitFormat.percent($0.utilization),
                                tooltip: "\($0.id) busy \(UnitFormat.percent($0.utilization)) of the wall time")
                        },
                        maximum: 1)
                    panel["chart"] = .markup(chart.svg())
                }
                return panel
            })
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
