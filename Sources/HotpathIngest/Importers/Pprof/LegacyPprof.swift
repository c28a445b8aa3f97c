/// pprof's formats from before `profile.proto`, which Hotpath recognizes to refuse by name:
/// gperftools' and old Go's binary CPU profiles, and the text heap, contention, thread and
/// growth profiles (`heap profile: …`, `--- contentionz 1 ---`, `threadcreate profile: total 7`).
/// Google's pprof still reads them and writes them out as `profile.proto`.
enum LegacyPprof {
    enum Format: Equatable {
        case cpu
        case text(String)
    }

    /// The legacy format `bytes` are in, if any.
    static func format(of bytes: UnsafeRawBufferPointer) -> Format? {
        if isBinaryCPUProfile(bytes) { return .cpu }
        var end = 0
        while end < min(bytes.count, 200), bytes[end] != 0x0A { end += 1 }
        let line = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[0..<end]), as: UTF8.self)
        let headers: [(prefix: String, name: String)] = [
            ("heap profile:", "heap profile"), ("heap_v2/", "heap profile"), ("--- heapz", "heap profile"),
            ("--- heap", "heap profile"), ("growth profile:", "heap growth profile"),
            ("--- growthz", "heap growth profile"),
            ("--- contentionz", "contention profile"), ("--- contention", "contention profile"),
            ("--- mutex", "mutex contention profile"), ("--- threadz", "thread profile"),
            ("threadcreate profile:", "threadcreate profile"), ("goroutine profile:", "goroutine profile"),
        ]
        for header in headers where line.hasPrefix(header.prefix) { return .text(header.name) }
        return nil
    }

    /// The binary CPU profile's header: the words 0, 3 (header size), 0 or 1 (version), in
    /// 32- or 64-bit words of either byte order.
    static func isBinaryCPUProfile(_ bytes: UnsafeRawBufferPointer) -> Bool {
        for width in [4, 8] {
            guard bytes.count >= width * 5 else { continue }
            for littleEndian in [true, false] {
                func word(_ index: Int) -> UInt64 {
                    var value: UInt64 = 0
                    for byte in 0..<width {
                        let shift = littleEndian ? byte : width - 1 - byte
                        value |= UInt64(bytes[index * width + byte]) << (8 * UInt64(shift))
                    }
                    return value
                }
                if word(0) == 0, word(1) == 3, word(2) <= 1, word(3) > 0 { return true }
            }
        }
        return false
    }

    static func refusal(_ format: Format) -> String {
        let what =
            switch format {
            case .cpu: "a legacy binary CPU profile (gperftools or Go before 1.9, before profile.proto)"
            case .text(let name): "a legacy text \(name) (pprof's format before profile.proto)"
            }
        return
            "\(what), which Hotpath does not read: convert it to profile.proto with Google's pprof (`pprof -proto PROGRAM FILE > profile.pb.gz`, or `go tool pprof -proto`) and give Hotpath that"
    }
}
