import Foundation

enum DebugTimer {
    static let enabled = ProcessInfo.processInfo.environment["HOTPATH_TIMING"] != nil
    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
    static func report(_ label: String, since start: UInt64) {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\(label): \(Double(now() - start) / 1e6) ms\n".utf8))
    }
}
