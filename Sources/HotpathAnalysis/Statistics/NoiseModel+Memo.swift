#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension NoiseModel {
    /// The t quantiles' sum that `minimumDetectableEffect` multiplies the CV by, for one sample
    /// size, test, α and power: it does not depend on the CV, so a history of thousands of
    /// operations asks for the same few hundred values over and over (each a root search over an
    /// incomplete beta function). Remembered for the process.
    static func multiplier(effective: Double, alpha: Double, power: Double) -> Double {
        let key = MultiplierKey(effective: effective, alpha: alpha, power: power)
        if let known = multipliers.value(for: key) { return known }
        let nu = 2 * effective - 2
        let value =
            StudentT.quantile(1 - alpha / 2, degreesOfFreedom: nu) + StudentT.quantile(power, degreesOfFreedom: nu)
        multipliers.store(value, for: key)
        return value
    }

    struct MultiplierKey: Hashable {
        var effective: Double
        var alpha: Double
        var power: Double
    }

    private static let multipliers = Memo<MultiplierKey, Double>(limit: 65_536)
}

/// A dictionary behind a pthread mutex (the package declares macOS 13, before `Mutex`), held
/// only to read or add one entry; past `limit` entries it starts over.
final class Memo<Key: Hashable, Value>: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var entries: [Key: Value] = [:]
    private let limit: Int

    init(limit: Int) {
        self.limit = limit
        mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    func value(for key: Key) -> Value? {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return entries[key]
    }

    func store(_ value: Value, for key: Key) {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
        entries[key] = value
    }
}
