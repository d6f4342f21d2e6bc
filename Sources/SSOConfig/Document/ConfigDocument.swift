public import Foundation

/// Lossless model of `~/.aws/config`: every byte of the file is kept (comments, spacing, line breaks,
/// a missing final line break), the sections and keys are read exactly as botocore reads them, and an
/// edit rewrites only the lines it touches.
public struct ConfigDocument: Sendable, Equatable {
    /// The file the document came from, named in every error.
    public private(set) var file: URL
    /// The file's bytes and where each line ends: a `String` per line would cost a 10,000-profile
    /// file several times its size.
    private(set) var table: LineTable
    private(set) var lexed: [LexedSection]
    /// How botocore looks up each section of `lexed`; nil for a section it drops (see
    /// ``ConfigSection/isIgnoredByBotocore``). Sections are made from `lexed` when asked for.
    private var ids: [SectionID?]
    /// The keys of every `[DEFAULT]` block, which every other section inherits (usually none).
    private var defaults: [ConfigEntry]
    /// The index of the last section of each id: `section(_:)` is called for every profile of a
    /// command over all profiles, and a scan of every section each time made that quadratic.
    private var lastIndexByID: [SectionID: Int]
    /// The index of each profile's section in botocore's order (see ``profileSections``), worked out
    /// once: commands over all profiles list them several times.
    private(set) var profileIndices: [Int]

    /// Parses the bytes of a config file.
    /// - Throws: `ConfigError` with the file and line for invalid UTF-8, a NUL byte, a byte-order mark,
    ///   a malformed header or line, a key before any section, a duplicate section or key, or a
    ///   sub-section line without `=`: the same files botocore refuses (plus NUL bytes).
    public init(parsing data: Data, file: URL) throws(ConfigError) {
        try self.init(parsing: [UInt8](data), file: file)
    }

    /// ``init(parsing:file:)`` for bytes already in an array.
    public init(parsing bytes: [UInt8], file: URL) throws(ConfigError) {
        if let (lineEnds, lexed) = try ASCIILexer.lex(bytes, file: file) {
            self.init(table: LineTable(bytes: bytes, ends: lineEnds), lexed: lexed, file: file)
        } else {
            try self.init(lines: LineSplitter.split(bytes, file: file), file: file)
        }
    }

    /// An empty document for a file that does not exist yet.
    public init(file: URL) {
        self.init(table: .empty, lexed: [], file: file)
    }

    /// - Parameter lineNumbers: the line index in the file of each of `lines`, when they are an
    ///   excerpt of it (see ``ConfigExcerpt``), so that sections and keys keep their real lines.
    init(lines: [ConfigLine], file: URL, lineNumbers: [Int]? = nil) throws(ConfigError) {
        var lexed = try INILexer(lines: lines, file: file).lex()
        if let lineNumbers { lexed = lexed.map { $0.renumbered(lineNumbers) } }
        self.init(table: LineTable(lines: lines), lexed: lexed, file: file)
    }

    private init(table: LineTable, lexed: [LexedSection], file: URL) {
        self.file = file
        self.table = table
        self.lexed = lexed
        self.defaults = lexed.filter(\.isDefaults).flatMap(\.entries).map(Self.makeEntry)
        var ids: [SectionID?] = []
        ids.reserveCapacity(lexed.count)
        var lastIndexByID: [SectionID: Int] = [:]
        lastIndexByID.reserveCapacity(lexed.count)
        // Each profile section's place in `profileIndices` (where its name first appeared), so that a
        // later section of the same name takes that place without hashing the name again.
        var profileOrder: [Int] = []
        var orderPosition = [Int](repeating: -1, count: lexed.count)
        for (index, block) in lexed.enumerated() {
            let classified = block.isDefaults ? nil : SectionID.classify(header: block.header)
            ids.append(classified)
            let id = classified ?? SectionID(kind: .other, name: block.header)
            let previous = lastIndexByID.updateValue(index, forKey: id)
            guard classified != nil, Self.isProfile(id.kind) else { continue }
            if let previous {
                let position = orderPosition[previous]
                profileOrder[position] = index
                orderPosition[index] = position
            } else {
                orderPosition[index] = profileOrder.count
                profileOrder.append(index)
            }
        }
        self.ids = ids
        self.lastIndexByID = lastIndexByID
        self.profileIndices = profileOrder
    }

    /// The lines of the file, each with its own line break.
    public var lines: [ConfigLine] {
        table.lines
    }

    /// The sections in file order (with `[DEFAULT]` blocks and sections botocore ignores).
    public var sections: [ConfigSection] {
        lexed.indices.map(section(at:))
    }

    /// The file's bytes: parsing and then reading `data` gives back the input unchanged.
    public var data: Data {
        Data(table.bytes)
    }

    /// The section botocore uses for `id` (the last of several that map to the same name), or nil.
    public func section(_ id: SectionID) -> ConfigSection? {
        lastIndexByID[id].map(section(at:))
    }

    /// The profiles as botocore's `load_config` maps them: `[default]` and `[profile NAME]` in the order
    /// each name first appears, each with the last section of that name.
    public var profileSections: [ConfigSection] {
        profileIndices.map(section(at:))
    }

    /// The names of ``profileSections``.
    public var profileNames: [String] {
        profileIndices.map { id(at: $0).name }
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
        lexed.indices.filter { !lexed[$0].isDefaults }.map(section(at:))
    }

    /// The sections botocore drops whose header starts with one of `prefixes`, in file order.
    func ignoredSections(startingWith prefixes: [String]) -> [ConfigSection] {
        lexed.indices.filter { index in
            ids[index] == nil && prefixes.contains { lexed[index].header.hasPrefix($0) }
        }.map(section(at:))
    }

    private func effective(_ include: (SectionKind) -> Bool) -> [ConfigSection] {
        var order: [SectionID] = []
        var latest: [SectionID: Int] = [:]
        for (index, id) in ids.enumerated() {
            guard let id, include(id.kind) else { continue }
            if latest.updateValue(index, forKey: id) == nil { order.append(id) }
        }
        return order.compactMap { latest[$0].map(section(at:)) }
    }

    /// The id of the section at `index` in `lexed` (its header for one botocore drops).
    func id(at index: Int) -> SectionID {
        ids[index] ?? SectionID(kind: .other, name: lexed[index].header)
    }

    /// The file has a `[DEFAULT]` block with keys (which every other section inherits).
    var hasDefaults: Bool {
        !defaults.isEmpty
    }

    /// Whether the section at `index` sets `key` or inherits it from `[DEFAULT]`:
    /// ``ConfigSection/entry(_:)`` without making the section.
    func hasKey(_ key: ConfigKey, at index: Int) -> Bool {
        if lexed[index].entries.firstIndex(of: key) != nil { return true }
        return !lexed[index].isDefaults && defaults.firstIndex(of: key) != nil
    }

    /// The section at `index` in `lexed`, made from what the lexer found.
    func section(at index: Int) -> ConfigSection {
        let block = lexed[index]
        let entries = block.entries.map(Self.makeEntry)
        var inherited: [ConfigEntry] = []
        if !defaults.isEmpty, !block.isDefaults {
            let own = Set(entries.map { ExactKey($0.key) })
            inherited = defaults.filter { !own.contains(ExactKey($0.key)) }
        }
        return ConfigSection(
            id: id(at: index), header: block.header, line: block.headerLine + 1, entries: entries,
            inherited: inherited, isIgnoredByBotocore: ids[index] == nil)
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

    private static func makeEntry(_ entry: LexedEntry) -> ConfigEntry {
        let joined = entry.joinedValue
        guard INILexer.isSubsection(entry) else {
            return ConfigEntry(key: entry.key, code: entry.code, value: .text(joined), line: entry.keyLine + 1)
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
        return ConfigEntry(key: entry.key, code: entry.code, value: .subsection(items), line: entry.keyLine + 1)
    }
}
