#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Nanoseconds on the system's monotonic clock, which wall-clock changes never move.
///
/// `clock_gettime(CLOCK_MONOTONIC)` goes through the vDSO on Linux and costs about 21 ns on
/// the project's machine, against about 40 ns for `ContinuousClock.now`: a span reads the
/// clock twice, so this is the largest single part of its cost.
enum MonotonicClock {
    @inline(__always)
    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }
}
