/// File-name-safe, unique names derived from untrusted text (operation names, run ids).
///
/// A slug keeps lowercase ASCII letters, digits and single dashes (at most 48 characters) and
/// always ends in 8 hex digits of a hash of the full name, so different names never share a
/// file even when they sanitize alike (`a/b` and `a?b`), and nothing like `..`, `/` or a NUL
/// can reach a path.
public enum Slug {
    public static func make(_ name: String) -> String {
        var slug = ""
        var lastWasDash = true
        for scalar in name.lowercased().unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                slug.unicodeScalars.append(scalar)
                lastWasDash = false
            } else if !lastWasDash {
                slug += "-"
                lastWasDash = true
            }
            if slug.count >= 48 { break }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        let hash = fnv1a(name)
        let hex = String(hash & 0xFFFF_FFFF, radix: 16)
        let padded = String(repeating: "0", count: 8 - hex.count) + hex
        return slug.isEmpty ? padded : slug + "-" + padded
    }

    /// Slugs for many names at once, guaranteed unique even if two hashes collide.
    public static func unique(_ names: [String]) -> [String: String] {
        var result: [String: String] = [:]
        var used = Set<String>()
        for name in names.sorted() where result[name] == nil {
            var candidate = make(name)
            var counter = 2
            while used.contains(candidate) {
                candidate = make(name) + "-\(counter)"
                counter += 1
            }
            used.insert(candidate)
            result[name] = candidate
        }
        return result
    }

    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
