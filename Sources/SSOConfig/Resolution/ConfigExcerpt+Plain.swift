import FileStore

/// What names an SSO profile's role-credential cache file: its account, its role, and its
/// `[sso-session]` (or, for the legacy keys, its start URL).
public struct PlainSSOProfile: Sendable, Equatable {
    public var accountID: String
    public var roleName: String
    /// The `[sso-session]` the profile names; nil for a profile with the legacy keys.
    public var sessionName: String?
    /// The start URL (the legacy keys' cache key; the session's for an `sso_session` profile).
    public var startURL: String

    public init(accountID: String, roleName: String, sessionName: String?, startURL: String) {
        self.accountID = accountID
        self.roleName = roleName
        self.sessionName = sessionName
        self.startURL = startURL
    }
}

extension ConfigExcerpt {
    /// The SSO profile `name` read straight from the bytes of its sections, without the parser, the
    /// resolver, dictionaries or `URL`s (each first use of a hashed type costs the Swift runtime a scan
    /// of every protocol conformance in the binary), for `credential-process`'s start-up. It answers
    /// only for the plainest shape: `key = value` lines (no continuation lines except in the sub-sections
    /// of the `[services]` section), no `[DEFAULT]`, no role chain, no `ignore_configured_endpoint_urls`,
    /// none of the endpoint variables set, endpoint URLs plain `http(s)://host[:port][/path]`; and only
    /// when the full resolution would succeed with the same fields. Anything else gives nil.
    /// - Parameter variable: the value of an environment variable, nil when unset.
    public static func plainSSOProfile(
        named name: String, configPath: String, variable: (String) -> String?
    ) -> PlainSSOProfile? {
        let endpointVariables = [
            "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SSO",
            "AWS_ENDPOINT_URL_SSO_OIDC",
        ]
        for endpointVariable in endpointVariables where variable(endpointVariable) != nil { return nil }
        guard let bytes = try? AtomicFile.readRegularFileBytes(atPath: configPath, limit: AWSConfigFile.sizeLimit),
            let headers = scanHeaders(bytes), !repeatsAHeader(headers, in: bytes),
            !headers.indices.contains(where: { isDefaults($0, headers, bytes) })
        else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            PlainReader(buffer: buffer, headers: headers).profile(named: name)
        }
    }
}

/// Reads the plain sections ``ConfigExcerpt/plainSSOProfile(named:configPath:variable:)`` answers for.
private struct PlainReader {
    /// One `key = value` line; `items` are the `k = v` lines of a sub-section (`key =` followed by
    /// indented lines), empty for a one-line value.
    struct Entry {
        var key: String
        var value: String
        var items: [Entry]
        var isSubsection: Bool
    }

    let buffer: UnsafeBufferPointer<UInt8>
    let headers: [ConfigExcerpt.Header]

    func profile(named name: String) -> PlainSSOProfile? {
        guard preambleIsEmpty(), let profile = section(.profile(name), allowingSubsections: false),
            !profile.contains(where: { ["role_arn", "ignore_configured_endpoint_urls"].contains($0.key) }),
            profile.contains(where: { AWSConfigFile.ssoKeys.contains($0.key) })
        else { return nil }
        var merged = profile
        var sessionName: String?
        if let reference = value("sso_session", in: profile) {
            guard let session = section(.ssoSession(reference), allowingSubsections: false),
                value("sso_start_url", in: session) != nil, value("sso_region", in: session) != nil
            else { return nil }
            for entry in session {
                if let index = merged.firstIndex(where: { $0.key == entry.key }) {
                    guard merged[index].value == entry.value else { return nil }
                } else {
                    merged.append(entry)
                }
            }
            sessionName = reference
        }
        guard let accountID = value("sso_account_id", in: merged), let roleName = value("sso_role_name", in: merged),
            let startURL = value("sso_start_url", in: merged), value("sso_region", in: merged) != nil,
            endpointsResolve(profile)
        else { return nil }
        return PlainSSOProfile(accountID: accountID, roleName: roleName, sessionName: sessionName, startURL: startURL)
    }

    private func value(_ key: String, in entries: [Entry]) -> String? {
        entries.first { $0.key == key }?.value
    }

    /// Whether botocore's endpoint lookup for `sso` and `sso_oidc` succeeds: the `[services]` section
    /// exists, has entries, each of the two keys it has is a sub-section, and every endpoint URL is plain.
    private func endpointsResolve(_ profile: [Entry]) -> Bool {
        if let servicesName = value("services", in: profile) {
            guard let services = section(.services(servicesName), allowingSubsections: true), !services.isEmpty
            else { return false }
            for service in services where service.key == "sso" || service.key == "sso_oidc" {
                guard service.isSubsection else { return false }
                if let url = service.items.first(where: { $0.key == "endpoint_url" })?.value, !url.isEmpty,
                    !Self.isPlainEndpoint(url)
                {
                    return false
                }
            }
        }
        if let url = value("endpoint_url", in: profile), !url.isEmpty, !Self.isPlainEndpoint(url) { return false }
        return true
    }

    /// `http(s)://host[:port][/path]` with a host of letters, digits, `.` and `-`, a port of at most
    /// 65535 and a path of unreserved characters and `/`: what `URL(string:)` reads with that host.
    static func isPlainEndpoint(_ url: String) -> Bool {
        let bytes = Array(url.utf8)
        let prefix = url.hasPrefix("https://") ? 8 : url.hasPrefix("http://") ? 7 : 0
        guard prefix > 0 else { return false }
        var index = prefix
        func isHostByte(_ byte: UInt8) -> Bool {
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
        }
        while index < bytes.count, isHostByte(bytes[index]) { index += 1 }
        guard index > prefix else { return false }
        if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
            index += 1
            var port = 0
            let first = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39, index - first < 5 {
                port = port * 10 + Int(bytes[index] - 0x30)
                index += 1
            }
            guard index > first, port <= 65_535 else { return false }
        }
        guard index == bytes.count || bytes[index] == UInt8(ascii: "/") else { return false }
        while index < bytes.count {
            let byte = bytes[index]
            guard
                isHostByte(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
            else { return false }
            index += 1
        }
        return true
    }

    /// Whether the lines before the first header are only blank lines and comments.
    private func preambleIsEmpty() -> Bool {
        let end = headers.first?.offset ?? buffer.count
        return ConfigExcerpt.scanLines(UnsafeBufferPointer(rebasing: buffer[0..<end])) { _, _ in false }
    }

    /// The entries of the one section named `id`, or nil when there is none, more than one, or a line
    /// the plain reading does not cover: an indented line (outside a sub-section), a key other than
    /// lower-case letters, digits and `_`, a repeated key, a tab or a carriage return.
    private func section(_ id: SectionID, allowingSubsections: Bool) -> [Entry]? {
        let found = ConfigExcerpt.matching(id, headers: headers, bytes: buffer)
        guard found.count == 1, let index = found.first else { return nil }
        var start = headers[index].offset
        while start < buffer.count, buffer[start] != 0x0A { start += 1 }
        let end = index + 1 < headers.count ? headers[index + 1].offset : buffer.count
        guard start < end else { return [] }
        let body = UnsafeBufferPointer(rebasing: buffer[start..<end])
        guard !body.contains(0x09), !body.contains(0x0D) else { return nil }
        var entries: [Entry] = []
        let complete = ConfigExcerpt.scanLines(body) { body, line in
            switch line {
            case .header:
                return false
            case .entry(let start, let delimiter, let end):
                var keyEnd = delimiter
                while keyEnd > start, body[keyEnd - 1] == 0x20 { keyEnd -= 1 }
                let key = UnsafeBufferPointer(rebasing: body[start..<keyEnd])
                guard key.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }) else {
                    return false
                }
                let name = String(decoding: key, as: UTF8.self)
                guard !entries.contains(where: { $0.key == name }) else { return false }
                entries.append(
                    Entry(key: name, value: Self.stripped(body, delimiter + 1, end), items: [], isSubsection: false))
                return true
            case .indented(let start, let end):
                // A continuation line: only `k = v` lines under a `key =` of a [services] section.
                guard allowingSubsections, let last = entries.indices.last, entries[last].value.isEmpty,
                    let equals = body[start..<end].firstIndex(of: UInt8(ascii: "="))
                else { return false }
                let itemKey = Self.stripped(body, start, equals)
                guard !entries[last].items.contains(where: { $0.key == itemKey }) else { return false }
                entries[last].items.append(
                    Entry(key: itemKey, value: Self.stripped(body, equals + 1, end), items: [], isSubsection: false))
                entries[last].isSubsection = true
                return true
            }
        }
        return complete ? entries : nil
    }

    /// The bytes `start..<end` without leading and trailing spaces, as a string.
    private static func stripped(_ body: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        var start = start
        var end = end
        while start < end, body[start] == 0x20 { start += 1 }
        while end > start, body[end - 1] == 0x20 { end -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: body[start..<end]), as: UTF8.self)
    }
}
