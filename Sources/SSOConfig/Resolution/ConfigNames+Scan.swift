extension ConfigNames {
    /// The names read from the headers and keys alone, or nil when the scan cannot decide them without
    /// the full parser: whatever ``ConfigExcerpt`` declines (a byte outside printable ASCII, tab and
    /// line breaks, an indented `[`, a line starting with `[` that is not a header, an unindented line
    /// that is neither a comment nor `key = value`), a repeated header, a `[DEFAULT]` block (its keys
    /// are inherited), a key before any section, an indented line that is not a continuation, a
    /// sub-section line without `=`, a repeated key, or a section of more than 64 keys.
    public static func scan(_ bytes: [UInt8]) -> ConfigNames? {
        bytes.withUnsafeBufferPointer { scan($0) }
    }

    /// ``scan(_:)`` over bytes already in memory.
    static func scan(_ buffer: UnsafeBufferPointer<UInt8>) -> ConfigNames? {
        var scanner = Scanner(headers: ByteRangeSet(minimumCapacity: buffer.count / 128))
        scanner.profiles.reserveCapacity(buffer.count / 128)
        guard ConfigExcerpt.scanLines(buffer, { scanner.read($1, in: $0) }) else { return nil }
        return scanner.names
    }

    /// What the scan keeps: every header (to refuse a repeated one, as the parser does), each profile
    /// section's name and whether it has an SSO key, and the `[sso-session]` names.
    private struct Scanner {
        var headers: ByteRangeSet
        /// Every profile section in file order (a name may come twice: `[default]` and `[profile
        /// default]`, or headers differing in blanks or quotes).
        var profiles: [(name: String, isSSO: Bool)] = []
        /// Some profile header is not `profile NAME` with a plain NAME, so two sections may name one profile.
        var irregular = false
        var sessions: [String] = []
        var sessionNames = Set<String>()
        var inProfile = false
        var inSection = false
        /// The keys of the section being read, for the duplicate check.
        var keys: [Range<Int>] = []
        /// A key has been read in this section, and whether its value on its own line is empty (then
        /// indented lines after it form a sub-section, whose lines need `=`).
        var entry: (open: Bool, emptyValue: Bool) = (false, false)

        /// botocore's profiles: each name where it first appears, SSO when its last section has an SSO key.
        var names: ConfigNames {
            guard irregular else {
                return ConfigNames(ssoProfiles: profiles.filter(\.isSSO).map(\.name), ssoSessions: sessions)
            }
            var merged: [(name: String, isSSO: Bool)] = []
            var position: [String: Int] = [:]
            for profile in profiles {
                if let index = position[profile.name] {
                    merged[index].isSSO = profile.isSSO
                } else {
                    position[profile.name] = merged.count
                    merged.append(profile)
                }
            }
            return ConfigNames(ssoProfiles: merged.filter(\.isSSO).map(\.name), ssoSessions: sessions)
        }

        mutating func read(_ line: ConfigExcerpt.ScannedLine, in buffer: UnsafeBufferPointer<UInt8>) -> Bool {
            switch line {
            case .header(let header):
                return open(header.name, buffer)
            case .entry(let start, let delimiter, let end):
                guard inSection, keys.count < 64 else { return false }
                var last = delimiter
                while last > start, buffer[last - 1] == 0x20 || buffer[last - 1] == 0x09 { last -= 1 }
                let key = start..<last
                if keys.contains(where: { Self.sameKey(buffer, $0, key) }) { return false }
                keys.append(key)
                if inProfile, !profiles[profiles.count - 1].isSSO,
                    Self.ssoKeys.contains(where: { Self.isKey(buffer, key, $0) })
                {
                    profiles[profiles.count - 1].isSSO = true
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

        private mutating func open(_ range: Range<Int>, _ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
            guard !buffer[range].elementsEqual(Self.defaultsWord), headers.insert(range, of: buffer) else {
                return false
            }
            inSection = true
            keys.removeAll(keepingCapacity: true)
            entry = (false, false)
            inProfile = false
            if let name = Self.plainName(buffer, range, after: Self.profileWord), !name.elementsEqual(Self.defaultWord)
            {
                profiles.append((String(decoding: UnsafeBufferPointer(rebasing: name), as: UTF8.self), false))
                inProfile = true
                return true
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
            guard let id = SectionID.classify(header: text) else { return true }
            switch id.kind {
            case .profile, .defaultProfile:
                profiles.append((id.name, false))
                irregular = true
                inProfile = true
            case .ssoSession:
                if sessionNames.insert(id.name).inserted { sessions.append(id.name) }
            case .services, .other:
                break
            }
            return true
        }

        /// The NAME of a header that is `word NAME` with one space and a NAME without blanks, quotes or
        /// backslashes (its shell words are then exactly those two), or nil.
        private static func plainName(
            _ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, after word: [UInt8]
        ) -> Slice<UnsafeBufferPointer<UInt8>>? {
            let nameStart = range.lowerBound + word.count + 1
            guard nameStart < range.upperBound, buffer[nameStart - 1] == 0x20,
                buffer[range.lowerBound..<(nameStart - 1)].elementsEqual(word)
            else { return nil }
            let name = buffer[nameStart..<range.upperBound]
            let special: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x22 || $0 == 0x27 || $0 == 0x5C }
            return name.contains(where: special) ? nil : name
        }

        private static let profileWord = Array("profile".utf8)
        private static let defaultWord = Array("default".utf8)
        private static let defaultsWord = Array(INILexer.defaultSectionName.utf8)
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
