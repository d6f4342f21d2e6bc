extension ConfigNames {
    /// The names read from the headers and keys alone, or nil when the scan cannot decide them without
    /// the full parser: whatever ``ConfigExcerpt`` declines (a byte outside printable ASCII, tab and
    /// line breaks, an indented `[`, a line starting with `[` that is not a header, an unindented line
    /// that is neither a comment nor `key = value`), a repeated header, a `[DEFAULT]` block (its keys
    /// are inherited), a key before any section, an indented line that is not a continuation, a
    /// sub-section line without `=`, a repeated key, or a section of more than 64 keys.
    public static func scan(_ bytes: [UInt8]) -> ConfigNames? {
        var scanner = Scanner()
        guard ConfigExcerpt.scanLines(bytes, { scanner.read($1, in: $0) }),
            !ConfigExcerpt.repeatsAHeader(scanner.headers, in: bytes)
        else { return nil }
        return scanner.names
    }

    /// What the scan keeps: every header, and for each profile name its first position and whether
    /// its last section has an SSO key.
    private struct Scanner {
        var headers: [ConfigExcerpt.Header] = []
        var profiles: [String] = []
        var isSSO: [Bool] = []
        var profileIndex: [String: Int] = [:]
        var sessions: [String] = []
        var sessionNames = Set<String>()
        /// The profile being read (an index into `profiles`), nil in other sections.
        var profile: Int?
        var inSection = false
        /// The keys of the section being read, for the duplicate check.
        var keys: [Range<Int>] = []
        /// A key has been read in this section, and whether its value on its own line is empty (then
        /// indented lines after it form a sub-section, whose lines need `=`).
        var entry: (open: Bool, emptyValue: Bool) = (false, false)

        var names: ConfigNames {
            ConfigNames(ssoProfiles: profiles.indices.filter { isSSO[$0] }.map { profiles[$0] }, ssoSessions: sessions)
        }

        mutating func read(_ line: ConfigExcerpt.ScannedLine, in buffer: UnsafeBufferPointer<UInt8>) -> Bool {
            switch line {
            case .header(let header):
                return open(header, buffer)
            case .entry(let start, let delimiter, let end):
                guard inSection, keys.count < 64 else { return false }
                var last = delimiter
                while last > start, buffer[last - 1] == 0x20 || buffer[last - 1] == 0x09 { last -= 1 }
                let key = start..<last
                if keys.contains(where: { Self.sameKey(buffer, $0, key) }) { return false }
                keys.append(key)
                if let profile, !isSSO[profile] {
                    isSSO[profile] = Self.ssoKeys.contains { Self.isKey(buffer, key, $0) }
                }
                var value = delimiter + 1
                while value < end, buffer[value] == 0x20 || buffer[value] == 0x09 { value += 1 }
                entry = (true, value == end)
                return true
            case .indented(let start, let end):
                guard entry.open else { return false }
                return !entry.emptyValue || buffer[start..<end].contains(UInt8(ascii: "="))
            }
        }

        private mutating func open(_ header: ConfigExcerpt.Header, _ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
            let text = String(decoding: buffer[header.name], as: UTF8.self)
            if text == INILexer.defaultSectionName { return false }
            headers.append(header)
            inSection = true
            keys.removeAll(keepingCapacity: true)
            entry = (false, false)
            profile = nil
            guard let id = SectionID.classify(header: text) else { return true }
            switch id.kind {
            case .profile, .defaultProfile:
                if let index = profileIndex[id.name] {
                    isSSO[index] = false
                    profile = index
                } else {
                    profileIndex[id.name] = profiles.count
                    profile = profiles.count
                    profiles.append(id.name)
                    isSSO.append(false)
                }
            case .ssoSession:
                if sessionNames.insert(id.name).inserted { sessions.append(id.name) }
            case .services, .other:
                break
            }
            return true
        }

        private static let ssoKeys = AWSConfigFile.ssoKeys.map { Array($0.utf8) }

        /// Whether the key at `range` is `key` (lower-case ASCII) in any case, as configparser
        /// lower-cases keys.
        private static func isKey(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ key: [UInt8]) -> Bool {
            guard range.count == key.count else { return false }
            return zip(buffer[range], key).allSatisfy { Self.lower($0) == $1 }
        }

        private static func sameKey(_ buffer: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ b: Range<Int>) -> Bool {
            a.count == b.count && zip(buffer[a], buffer[b]).allSatisfy { lower($0) == lower($1) }
        }

        private static func lower(_ byte: UInt8) -> UInt8 {
            byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
        }
    }
}
