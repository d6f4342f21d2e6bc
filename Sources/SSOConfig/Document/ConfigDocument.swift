public import Foundation

/// Lossless model of `~/.aws/config`: every byte of the file is kept (comments, spacing, line breaks,
/// a missing final line break), the sections and keys are read exactly as botocore reads them, and an
/// edit rewrites only the lines it touches.
public struct ConfigDocument: Sendable, Equatable {
    /// The file the document came from, named in every error.
    public private(set) var file: URL
    /// The lines of the file, each with its own line break.
    public private(set) var lines: [ConfigLine]
    /// The sections in file order (with `[DEFAULT]` blocks and sections botocore ignores).
    public private(set) var sections: [ConfigSection]
    private(set) var lexed: [LexedSection]
    /// The index of the last section of each id: `section(_:)` is called for every profile of a
    /// command over all profiles, and a scan of every section each time made that quadratic.
    private var lastIndexByID: [SectionID: Int]
    /// The index of each profile's section in botocore's order (see ``profileSections``), worked out
    /// once: commands over all profiles list them several times.
    private var profileOrder: [Int]

    /// Parses the bytes of a config file.
    /// - Throws: `ConfigError` with the file and line for invalid UTF-8, a NUL byte, a byte-order mark,
    ///   a malformed header or line, a key before any section, a duplicate section or key, or a
    ///   sub-section line without `=`: the same files botocore refuses (plus NUL bytes).
    public init(parsing data: Data, file: URL) throws(ConfigError) {
        try self.init(parsing: [UInt8](data), file: file)
    }

    /// ``init(parsing:file:)`` for bytes already in an array.
    public init(parsing bytes: [UInt8], file: URL) throws(ConfigError) {
        if let (lines, lexed) = try ASCIILexer.lex(bytes, file: file) {
            self.init(lines: lines, lexed: lexed, file: file)
        } else {
            try self.init(lines: LineSplitter.split(bytes, file: file), file: file)
        }
    }

    /// An empty document for a file that does not exist yet.
    public init(file: URL) {
        self.file = file
        self.lines = []
        self.sections = []
        self.lexed = []
        self.lastIndexByID = [:]
        self.profileOrder = []
    }

    /// - Parameter lineNumbers: the line index in the file of each of `lines`, when they are an
    ///   excerpt of it (see ``ConfigExcerpt``), so that sections and keys keep their real lines.
    init(lines: [ConfigLine], file: URL, lineNumbers: [Int]? = nil) throws(ConfigError) {
        var lexed = try INILexer(lines: lines, file: file).lex()
        if let lineNumbers { lexed = lexed.map { $0.renumbered(lineNumbers) } }
        self.init(lines: lines, lexed: lexed, file: file)
    }

    private init(lines: [ConfigLine], lexed: [LexedSection], file: URL) {
        self.file = file
        self.lines = lines
        self.lexed = lexed
        self.sections = Self.makeSections(lexed)
        var lastIndexByID: [SectionID: Int] = [:]
        lastIndexByID.reserveCapacity(sections.count)
        var profileIDs: [SectionID] = []
        for (index, section) in sections.enumerated() {
            let isNew = lastIndexByID.updateValue(index, forKey: section.id) == nil
            if isNew, !section.isIgnoredByBotocore, Self.isProfile(section.id.kind) { profileIDs.append(section.id) }
        }
        self.lastIndexByID = lastIndexByID
        self.profileOrder = profileIDs.compactMap { lastIndexByID[$0] }
    }

    /// The file's bytes: parsing and then reading `data` gives back the input unchanged.
    public var data: Data {
        var bytes = Data()
        for line in lines {
            bytes.append(contentsOf: Array(line.text.utf8))
            bytes.append(contentsOf: Array(line.ending.rawValue.utf8))
        }
        return bytes
    }

    /// The section botocore uses for `id` (the last of several that map to the same name), or nil.
    public func section(_ id: SectionID) -> ConfigSection? {
        lastIndexByID[id].map { sections[$0] }
    }

    /// The profiles as botocore's `load_config` maps them: `[default]` and `[profile NAME]` in the order
    /// each name first appears, each with the last section of that name.
    public var profileSections: [ConfigSection] {
        profileOrder.map { sections[$0] }
    }

    /// The names of ``profileSections``.
    public var profileNames: [String] {
        profileOrder.map { sections[$0].id.name }
    }

    private static func isProfile(_ kind: SectionKind) -> Bool {
        kind == .defaultProfile || kind == .profile
    }

    /// The `[sso-session NAME]` sections as botocore maps them.
    public var ssoSessionSections: [ConfigSection] {
        effective { $0 == .ssoSession }
    }

    /// The `[services NAME]` sections as botocore maps them.
    public var servicesSections: [ConfigSection] {
        effective { $0 == .services }
    }

    /// The remaining sections botocore keeps under their own header (neither profiles, sessions,
    /// services nor `[DEFAULT]`).
    public var otherSections: [ConfigSection] {
        effective { $0 == .other }
    }

    /// The sections botocore's `raw_config_parse` returns: every section but `[DEFAULT]`, in file order.
    public var rawSections: [ConfigSection] {
        zip(sections, lexed).filter { !$0.1.isDefaults }.map(\.0)
    }

    private func effective(_ include: (SectionKind) -> Bool) -> [ConfigSection] {
        // Indices rather than sections in the table: copying every section twice was most of the cost
        // of listing the profiles of a large file.
        var order: [SectionID] = []
        var latest: [SectionID: Int] = [:]
        for (index, section) in sections.enumerated() where !section.isIgnoredByBotocore && include(section.id.kind) {
            if latest.updateValue(index, forKey: section.id) == nil { order.append(section.id) }
        }
        return order.compactMap { latest[$0].map { sections[$0] } }
    }

    /// The index (in `lexed`) of the section botocore uses for `id`.
    func lexedIndex(of id: SectionID) -> Int? {
        lastIndexByID[id]
    }

    /// Replaces the lines and reparses; an edit that would not parse leaves the document unchanged.
    mutating func replaceLines(_ newLines: [ConfigLine]) {
        guard let parsed = try? ConfigDocument(lines: newLines, file: file) else { return }
        self = parsed
    }

    private static func makeSections(_ lexed: [LexedSection]) -> [ConfigSection] {
        let defaults = lexed.filter(\.isDefaults).flatMap(\.entries).map(makeEntry)
        return lexed.map { block in
            let entries = block.entries.map(makeEntry)
            let own = defaults.isEmpty ? [] : Set(entries.map { ExactKey($0.key) })
            let classified = block.isDefaults ? nil : SectionID.classify(header: block.header)
            return ConfigSection(
                id: classified ?? SectionID(kind: .other, name: block.header),
                header: block.header,
                line: block.headerLine + 1,
                entries: entries,
                inherited: block.isDefaults ? [] : defaults.filter { !own.contains(ExactKey($0.key)) },
                isIgnoredByBotocore: classified == nil
            )
        }
    }

    private static func makeEntry(_ entry: LexedEntry) -> ConfigEntry {
        let joined = entry.joinedValue
        guard INILexer.isSubsection(entry) else {
            return ConfigEntry(key: entry.key, value: .text(joined), line: entry.keyLine + 1)
        }
        var items: [ConfigSubsectionEntry] = []
        var positions: [ExactKey: Int] = [:]
        for part in PythonText.splitLines(joined) {
            let stripped = PythonText.strip(part)
            guard !stripped.isEmpty, let equals = stripped.unicodeScalars.firstIndex(of: "=") else { continue }
            let scalars = stripped.unicodeScalars
            let key = PythonText.strip(PythonText.string(scalars[..<equals]))
            let value = PythonText.strip(PythonText.string(scalars[scalars.index(after: equals)...]))
            if let position = positions[ExactKey(key)] {
                items[position].value = value
            } else {
                positions[ExactKey(key)] = items.count
                items.append(ConfigSubsectionEntry(key: key, value: value))
            }
        }
        return ConfigEntry(key: entry.key, value: .subsection(items), line: entry.keyLine + 1)
    }
}
