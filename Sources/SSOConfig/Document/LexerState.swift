import Foundation

/// configparser's reading state, shared by both lexers (``INILexer`` on Unicode scalars,
/// ``ASCIILexer`` on bytes): each works out what a line is on its own representation, and this decides
/// what that means (a value's next piece, a new section, a key) and which error it is, so the rules are
/// written once.
struct LexerState {
    let file: URL
    private(set) var sections: [LexedSection] = []
    private var current: Int?
    private var entry: Int?
    private var indentLevel = 0
    private var deferred: ConfigError?
    private var seenSections: [ExactKey: Int] = [:]
    // Keys of the current section, for the duplicate check: sections have a handful of keys, so
    // they are scanned; a table is built only for a section with many (see `firstLine(of:)`).
    private var keyTable: [ExactKey: Int]?
    /// Blank lines read since the last piece of the value being read. configparser keeps them in the
    /// value and strips them from its end, so they become pieces only when another piece follows:
    /// otherwise the blank line after every section would give its last value two arrays.
    private var pendingBlanks: [Int] = []
    /// The entry being read has a key (its value may go on): kept beside `entry` because reading the
    /// entry's key back copies the entry.
    private var entryHasKey = false

    /// - Parameter sections: about how many sections the file has (a hint: the list of sections is
    ///   made that large at once instead of growing through a dozen copies on a large file).
    init(file: URL, sections: Int = 0) {
        self.file = file
        if sections > 0 { self.sections.reserveCapacity(sections) }
    }

    /// A blank line (`isComment` false) or a comment line (a comment never joins a value).
    mutating func blankOrComment(line: Int, isComment: Bool) {
        guard !isComment, entryHasKey else { return }
        pendingBlanks.append(line)
    }

    /// Takes a line indented by `indent` as the next piece of the value being read, when it is one
    /// (`text` gives the stripped line); otherwise records the indentation and returns false.
    mutating func continuation(line: Int, indent: Int, text: () -> String) -> Bool {
        if entryHasKey, indent > indentLevel, let current, let entry {
            for blank in pendingBlanks {
                sections[current].entries[entry].continuations.append("")
                sections[current].entries[entry].continuationLines.append(blank)
            }
            pendingBlanks.removeAll(keepingCapacity: true)
            sections[current].entries[entry].continuations.append(text())
            sections[current].entries[entry].continuationLines.append(line)
            sections[current].entries[entry].lastLine = line
            return true
        }
        indentLevel = indent
        return false
    }

    /// A `[header]` line.
    /// `checked`: the caller found the header is not a repeated one already (see ``ASCIILexer``).
    mutating func header(_ header: String, line: Int, checked: Bool = false) throws(ConfigError) {
        let isDefaults = header.isExactly(INILexer.defaultSectionName)
        if !isDefaults, !checked {
            let key = ExactKey(header)
            if let first = seenSections[key] {
                throw .duplicateSection(file: file, line: line + 1, header: header, firstLine: first + 1)
            }
            seenSections[key] = line
        }
        keyTable = nil
        pendingBlanks.removeAll(keepingCapacity: true)
        if let current { sections[current].endLine = line }
        sections.append(
            LexedSection(header: header, headerLine: line, endLine: line + 1, entries: [], isDefaults: isDefaults))
        // Room for as many keys as the section before had (a large config's profiles are alike), made
        // at once rather than in four growing copies.
        var room = 0
        if let current { room = sections[current].entries.count }
        current = sections.count - 1
        if room > 0 { sections[sections.count - 1].entries.reserveCapacity(room) }
        entry = nil
        entryHasKey = false
    }

    /// A line that is neither blank, a comment, a continuation nor a header: it must be in a section.
    func requireSection(line: Int, startsWithBracket: Bool) throws(ConfigError) {
        guard current == nil else { return }
        if startsWithBracket { throw .malformedSectionHeader(file: file, line: line + 1) }
        throw .keyOutsideSection(file: file, line: line + 1)
    }

    /// A line in a section without `=` or `:` (reported once the file is read, as configparser does).
    mutating func missingDelimiter(line: Int, startsWithBracket: Bool) {
        guard deferred == nil, let current else { return }
        deferred =
            startsWithBracket
            ? .malformedSectionHeader(file: file, line: line + 1)
            : .malformedLine(file: file, line: line + 1, section: sections[current].header)
    }

    /// A `key = value` line: `name` lower-cased and stripped, `value` the stripped text after the delimiter;
    /// `code` is `name`'s ``ConfigKey`` when the caller knows it.
    mutating func key(_ name: String, code: ConfigKey? = nil, line: Int, value: () -> String) throws(ConfigError) {
        guard let current else { return }
        if name.isEmpty, deferred == nil {
            deferred = .malformedLine(file: file, line: line + 1, section: sections[current].header)
        }
        let code = code ?? ConfigKey(name)
        if let first = INILexer.firstLine(of: name, code: code, in: sections, current: current, table: &keyTable) {
            throw .duplicateKey(
                file: file, line: line + 1, section: sections[current].header, key: name, firstLine: first + 1)
        }
        keyTable?[ExactKey(name)] = line
        pendingBlanks.removeAll(keepingCapacity: true)
        sections[current].entries.append(
            LexedEntry(key: name, code: code, keyLine: line, lastLine: line, first: value()))
        entry = sections[current].entries.count - 1
        entryHasKey = !name.isEmpty
    }

    /// The sections, once all `lineCount` lines were read, or the first error deferred to the end.
    mutating func finish(lineCount: Int) throws(ConfigError) -> [LexedSection] {
        if let deferred { throw deferred }
        if let current { sections[current].endLine = lineCount }
        try INILexer.checkSubsections(sections, file: file)
        return sections
    }
}
