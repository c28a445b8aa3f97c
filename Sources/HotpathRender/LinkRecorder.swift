import Synchronization

/// Notes what the links of the page being rendered looked up (`SiteLinks`), so a page kept from
/// the last build is reused only while its links would come out the same.
///
/// Bound to one page's rendering, which runs on one thread from start to end
/// (`SiteRenderer.render(_:recordingLinks:)`); the lock only makes that safe to rely on.
final class LinkRecorder: Sendable {
    @TaskLocal static var current: LinkRecorder?

    private let noted = Mutex<[String: String]>([:])

    func note(_ name: String, _ value: String) {
        noted.withLock { $0[name] = value }
    }

    var dependencies: [String: String] { noted.withLock { $0 } }
}
