public import FileStore
import Foundation

/// Resolves one SSO profile from only the sections it needs (its `[profile NAME]` or `[default]`, its
/// `[sso-session]`, its `[services]`, and any `[DEFAULT]`), found by one scan of the config bytes, so
/// that `credential-process` costs the same with 10 or 10,000 profiles. Those sections are parsed and
/// resolved by the full parser and resolver; whatever the scan cannot decide on its own (a byte outside
/// printable ASCII, tab and line breaks, an indented `[`, a header line that is not one, a role chain,
/// any error) gives nil, and the caller loads the whole file instead.
public struct ConfigExcerpt {
    /// One section header line: where it starts and the bytes between its first `[` and last `]`.
    struct Header {
        var offset: Int
        var name: Range<Int>
        var line: Int
        /// The header has a quote or a backslash, so its shell words are not plain substrings.
        var quoted: Bool
    }

    let bytes: [UInt8]
    let headers: [Header]
    let file: URL

    /// Scans `bytes`; nil when the scan cannot decide where the sections are.
    init?(bytes: [UInt8], file: URL) {
        guard let headers = Self.scanHeaders(bytes), !Self.repeatsAHeader(headers, in: bytes) else { return nil }
        self.bytes = bytes
        self.headers = headers
        self.file = file
    }

    /// The SSO profile `name` of the config file `environment` names, as
    /// `AWSConfigFile.load(environment).credentials(forProfile: name)` gives it, or nil when the scan
    /// cannot decide (the full path then reports what is wrong).
    public static func ssoProfile(named name: String, environment: AWSEnvironment) -> SSOProfile? {
        let file = environment.configFile
        guard
            let bytes = try? AtomicFile.readRegularFileBytes(
                file.resolvingSymlinksInPath(), limit: AWSConfigFile.sizeLimit),
            let excerpt = ConfigExcerpt(bytes: bytes, file: file)
        else { return nil }
        return excerpt.ssoProfile(named: name, environment: environment)
    }

    /// The SSO profile `name` resolved from its own sections, or nil.
    func ssoProfile(named name: String, environment: AWSEnvironment) -> SSOProfile? {
        let id = SectionID.profile(name)
        let own = headers.indices.filter { isDefaults($0) } + matching(id)
        guard let first = try? document(own), let profile = first.section(id) else { return nil }
        var wanted = own
        if let session = profile.entry("sso_session")?.value.text { wanted += matching(.ssoSession(session)) }
        if let services = profile.entry("services")?.value.text { wanted += matching(.services(services)) }
        guard let document = try? document(wanted),
            case .sso(let resolved)? = try? AWSConfigFile(document: document, file: file, environment: environment)
                .credentials(forProfile: name)
        else { return nil }
        return resolved
    }

    /// The document made of the preamble and the sections at `indices`, with their real line numbers.
    private func document(_ indices: [Int]) throws(ConfigError) -> ConfigDocument {
        var lines: [ConfigLine] = []
        var numbers: [Int] = []
        func append(_ range: Range<Int>, firstLine: Int) throws(ConfigError) {
            let block = try LineSplitter.split(Data(bytes[range]), file: file)
            lines += block
            numbers += firstLine..<(firstLine + block.count)
        }
        try append(0..<(headers.first?.offset ?? bytes.count), firstLine: 0)
        for index in Set(indices).sorted() {
            let end = index + 1 < headers.count ? headers[index + 1].offset : bytes.count
            try append(headers[index].offset..<end, firstLine: headers[index].line)
        }
        return try ConfigDocument(lines: lines, file: file, lineNumbers: numbers)
    }

    /// Whether a header other than `[DEFAULT]` appears twice (the full parser refuses the file).
    static func repeatsAHeader(_ headers: [Header], in bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var seen = ByteRangeSet(minimumCapacity: headers.count)
            for header in headers {
                if buffer[header.name].elementsEqual(INILexer.defaultSectionName.utf8) { continue }
                if !seen.insert(header.name, of: buffer) { return true }
            }
            return false
        }
    }

    /// Whether header `index` is configparser's `[DEFAULT]`, which every section inherits from.
    private func isDefaults(_ index: Int) -> Bool {
        Self.isDefaults(index, headers, bytes)
    }

    static func isDefaults(_ index: Int, _ headers: [Header], _ bytes: [UInt8]) -> Bool {
        bytes[headers[index].name].elementsEqual(INILexer.defaultSectionName.utf8)
    }

    /// The headers that name `id`. Without quotes and backslashes a header's shell words are its
    /// blank-separated words, so only a header ending in the name (after trailing blanks) can name
    /// it; those, and quoted ones, are classified exactly as the full parser does.
    private func matching(_ id: SectionID) -> [Int] {
        bytes.withUnsafeBufferPointer { Self.matching(id, headers: headers, bytes: $0) }
    }

    static func matching(_ id: SectionID, headers: [Header], bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        let needle = Array(id.name.utf8)
        return headers.indices.filter { index in
            let header = headers[index]
            let name = UnsafeBufferPointer(rebasing: bytes[header.name])
            guard header.quoted || endsWithWord(name, needle) else { return false }
            return SectionID.classify(header: String(decoding: name, as: UTF8.self)) == id
        }
    }

    private static func endsWithWord(_ text: UnsafeBufferPointer<UInt8>, _ word: [UInt8]) -> Bool {
        var end = text.count
        while end > 0, text[end - 1] == 0x20 || text[end - 1] == 0x09 { end -= 1 }
        guard end >= word.count else { return false }
        return UnsafeBufferPointer(rebasing: text[(end - word.count)..<end]).elementsEqual(word)
    }
}
