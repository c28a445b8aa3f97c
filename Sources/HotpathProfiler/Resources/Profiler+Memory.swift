import HotpathModel

extension Profiler {
    /// Records the resident memory now, and returns the sample; nil when memory is not
    /// recorded or the system does not tell.
    @discardableResult
    public func sampleMemory() -> MemorySample? {
        guard isEnabled, options.recordsMemory, let resident = ProcessMemory.residentBytes() else { return nil }
        let sample = MemorySample(tNs: Double(elapsedNanoseconds), rssBytes: resident)
        memory.withLock { $0.append(sample) }
        return sample
    }

    /// Samples memory every `interval` in the background, replacing any sampler already running.
    public func startMemorySampling(every interval: Duration) {
        guard isEnabled, options.recordsMemory else { return }
        let sampler = MemorySampler(every: interval) { [weak self] in self?.sampleMemory() }
        self.sampler.withLock { current in
            current?.cancel()
            current = sampler
        }
    }

    public func stopMemorySampling() {
        sampler.withLock { current in
            current?.cancel()
            current = nil
        }
    }

    /// The highest resident memory the process has reached so far (Linux: `VmHWM`), in bytes.
    public var peakResidentBytes: Double? {
        ProcessMemory.peakResidentBytes()
    }
}
