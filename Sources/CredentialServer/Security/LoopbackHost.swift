import Foundation

/// Which addresses and `Host` headers count as loopback: a server on loopback answers only requests
/// addressed to a loopback name, so a web page that rebinds its own DNS name to 127.0.0.1 gets nothing.
enum LoopbackHost {
    /// True for `localhost`, `127.x.y.z` and `::1` (with or without brackets).
    static func isLoopback(_ host: String) -> Bool {
        let name = host.lowercased()
        if name == "localhost" || name == "::1" || name == "[::1]" { return true }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.allSatisfy { part in UInt8(part) != nil }
    }

    /// The host part of a `Host` header value (`name`, `name:port`, `[v6]`, `[v6]:port`).
    static func hostPart(ofHeader value: Substring) -> Substring {
        if value.utf8.first == UInt8(ascii: "["), let close = value.utf8.firstIndex(of: UInt8(ascii: "]")) {
            return value[value.startIndex...close]
        }
        if let colon = value.utf8.lastIndex(of: UInt8(ascii: ":")) { return value[..<colon] }
        return value
    }

    /// Whether a request with this `Host` header may be answered by a server listening on `boundHost`.
    static func acceptsHeader(_ value: Substring?, boundHost: String) -> Bool {
        guard let value, !value.isEmpty else { return false }
        let part = hostPart(ofHeader: value)
        // What clients send almost always, decided without a copy.
        if part.isASCII("127.0.0.1") || part.isASCII("localhost") { return true }
        let host = String(part)
        if isLoopback(host) { return true }
        if isLoopback(boundHost) { return false }
        // Listening elsewhere on purpose: the address itself, and Docker's name for the host.
        let bare = host.trimmingCharacters(in: ["[", "]"])
        return bare == boundHost.trimmingCharacters(in: ["[", "]"]) || host.lowercased() == "host.docker.internal"
    }
}
