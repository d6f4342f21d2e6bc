import Foundation

/// One `key = value` of a section as the lexer found it, with the lines it spans.
struct LexedEntry: Sendable, Hashable {
    /// The key lower-cased, as configparser's `optionxform` stores it.
    var key: String
    /// `key` numbered when it is one resolution reads.
    var code: ConfigKey
    // The line indices in 32 bits: a large config holds tens of thousands of entries (a file of more
    // than 2^31 lines cannot be read: `AWSConfigFile.sizeLimit` is 16 MiB).
    private var storedKeyLine: Int32
    private var storedLastLine: Int32
    /// The stripped text of the first line's value.
    var first: String
    /// The stripped text of every continuation line ("" for blank lines, kept only when another
    /// continuation follows them: trailing ones would be stripped from the value), and the line index
    /// of each: empty for a one-line value (most values), so that those cost no array.
    var continuations: [String] = []
    var continuationLines: [Int] = []

    init(key: String, code: ConfigKey, keyLine: Int, lastLine: Int, first: String) {
        self.key = key
        self.code = code
        self.storedKeyLine = Int32(truncatingIfNeeded: keyLine)
        self.storedLastLine = Int32(truncatingIfNeeded: lastLine)
        self.first = first
    }

    /// Index (0-based) of the line holding the key.
    var keyLine: Int {
        get { Int(storedKeyLine) }
        set { storedKeyLine = Int32(truncatingIfNeeded: newValue) }
    }

    /// Index of the last continuation line (equal to `keyLine` for a one-line value).
    var lastLine: Int {
        get { Int(storedLastLine) }
        set { storedLastLine = Int32(truncatingIfNeeded: newValue) }
    }

    /// Every piece of the value: the first line's, then the continuations.
    var pieces: [String] { [first] + continuations }

    /// The value as configparser joins it: pieces joined by "\n", then right-stripped.
    var joinedValue: String {
        // A one-line value was stripped when it was read.
        if continuations.isEmpty { return first }
        return PythonText.string(PythonText.rstrip(ArraySlice(pieces.joined(separator: "\n").unicodeScalars)))
    }
}

/// One `[header]` block as the lexer found it.
struct LexedSection: Sendable, Hashable {
    /// The text between the first `[` and the last `]` of the header line, unchanged.
    var header: String
    var headerLine: Int
    /// The index of the first line after this block (the next header, or the end of the file).
    var endLine: Int
    var entries: [LexedEntry]
    /// The block is configparser's `[DEFAULT]`, whose keys every other section inherits.
    var isDefaults: Bool
}

/// Reads lines exactly as Python's `configparser.RawConfigParser` (botocore's settings: `=` and `:`
/// delimiters, `#`/`;` full-line comments only, strict duplicates, blank lines kept in values) and
/// records where every section and key is, so that edits can touch only their own lines.
struct INILexer {
    static let defaultSectionName = "DEFAULT"

    let lines: [ConfigLine]
    let file: URL

    func lex() throws(ConfigError) -> [LexedSection] {
        var state = LexerState(file: file)
        // One buffer for every line's scalars (each line's slice is gone before the next line, so the
        // buffer is reused in place instead of allocating an array per line).
        var buffer: [Unicode.Scalar] = []
        for (index, line) in lines.enumerated() {
            buffer.removeAll(keepingCapacity: true)
            for scalar in line.text.unicodeScalars { buffer.append(scalar) }
            let scalars = buffer[...]
            let value = PythonText.strip(scalars)
            let isComment = value.first == "#" || value.first == ";"
            if value.isEmpty || isComment {
                state.blankOrComment(line: index, isComment: isComment)
                continue
            }
            let indent = scalars.count - PythonText.lstrip(scalars).count
            if state.continuation(line: index, indent: indent, text: { PythonText.string(value) }) { continue }
            if let header = Self.header(in: value) {
                try state.header(header, line: index)
                continue
            }
            let startsWithBracket = value.first == "["
            try state.requireSection(line: index, startsWithBracket: startsWithBracket)
            guard let delimiter = value.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
                state.missingDelimiter(line: index, startsWithBracket: startsWithBracket)
                continue
            }
            let name = PythonText.lower(PythonText.string(PythonText.rstrip(value[..<delimiter])))
            try state.key(name, line: index) { PythonText.string(PythonText.strip(value[(delimiter + 1)...])) }
        }
        return try state.finish(lineCount: lines.count)
    }

    /// configparser's `\[(?P<header>.+)\]` matched at the start of the stripped line: the text between
    /// the first `[` and the last `]`, which must not be empty; anything after that `]` is ignored.
    static func header(in value: ArraySlice<Unicode.Scalar>) -> String? {
        guard value.first == "[", let close = value.lastIndex(of: "]"), close > value.startIndex + 1 else { return nil }
        return PythonText.string(value[(value.startIndex + 1)..<close])
    }

    /// botocore parses every value that starts with a line break as a sub-section (`_parse_nested`)
    /// and fails the whole file when a line of it has no `=`; this finds that line.
    static func checkSubsections(_ sections: [LexedSection], file: URL) throws(ConfigError) {
        let defaults = sections.filter(\.isDefaults).flatMap(\.entries)
        for section in sections where !section.isDefaults {
            // Only a value whose first line is empty can be a sub-section; the others are not copied.
            for index in section.entries.indices where section.entries[index].first.isEmpty {
                let entry = section.entries[index]
                if let badLine = Self.firstBadSubsectionLine(entry) {
                    throw .malformedSubsection(file: file, line: badLine + 1, section: section.header, key: entry.key)
                }
            }
            guard !defaults.isEmpty else { continue }
            let own = Set(section.entries.map { ExactKey($0.key) })
            for entry in defaults where !own.contains(ExactKey(entry.key)) {
                if let badLine = Self.firstBadSubsectionLine(entry) {
                    throw .malformedSubsection(file: file, line: badLine + 1, section: section.header, key: entry.key)
                }
            }
        }
    }

    /// The line index where `name` was already set in the section being read, or nil. configparser
    /// reads every `[DEFAULT]` block as one section, so those are all searched; other headers are
    /// unique (a repeated one was refused already). Past 16 keys, a table replaces the scan.
    /// `code` is `name`'s ``ConfigKey``: two known keys are the same exactly when their codes are.
    static func firstLine(
        of name: String, code: ConfigKey, in sections: [LexedSection], current: Int, table: inout [ExactKey: Int]?
    ) -> Int? {
        // The section's entries read in place (a copy of the section, or of each entry a scan passes,
        // cost every key line of a large file a few retains and releases).
        if sections[current].isDefaults {
            for block in sections.indices where sections[block].isDefaults {
                if let line = firstLine(of: name, in: sections[block].entries) { return line }
            }
            return nil
        }
        if table == nil, sections[current].entries.count >= 16 {
            var built: [ExactKey: Int] = [:]
            for entry in sections[current].entries { built[ExactKey(entry.key)] = entry.keyLine }
            table = built
        }
        if let table { return table[ExactKey(name)] }
        if code != .other {
            return sections[current].entries.firstIndex(of: code).map { sections[current].entries[$0].keyLine }
        }
        return firstLine(of: name, in: sections[current].entries)
    }

    /// The line index of the entry of `entries` whose key is `name`.
    private static func firstLine(of name: String, in entries: [LexedEntry]) -> Int? {
        entries.withUnsafeBufferPointer { buffer in
            for index in buffer.indices where buffer[index].key.isExactly(name) { return buffer[index].keyLine }
            return nil
        }
    }

    /// The line index of the first sub-section line without `=`, or nil when the entry is fine.
    static func firstBadSubsectionLine(_ entry: LexedEntry) -> Int? {
        guard isSubsection(entry) else { return nil }
        for (piece, line) in zip(entry.continuations, entry.continuationLines) {
            for part in PythonText.splitLines(piece) where !PythonText.strip(part).isEmpty {
                if !part.unicodeScalars.contains("=") { return line }
            }
        }
        return nil
    }

    /// Whether botocore reads the entry as a sub-section: its joined value starts with a line break.
    static func isSubsection(_ entry: LexedEntry) -> Bool {
        entry.first.isEmpty && !entry.joinedValue.isEmpty
    }
}
