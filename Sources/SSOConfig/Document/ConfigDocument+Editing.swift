/// Edits that rewrite only the lines they concern: a changed key keeps its line's spelling, indentation
/// and spacing; new lines use the file's line break and indentation; every other byte stays as it was.
/// Keys, values and names are made writable rather than refused: line breaks become spaces, and a
/// key's whitespace, `=` and `:` become `_` (see `writableKey`).
extension ConfigDocument {
    /// The line break new lines get: the one most lines of the file use, `\n` for a new file.
    public var lineEnding: LineEnding {
        table.dominantEnding
    }

    /// Sets `key` in the section botocore uses for `id`, replacing the value in place when the key is
    /// there, adding a line after the section's last key otherwise, and adding the section at the end
    /// of the file when it is missing.
    public mutating func setValue(_ value: String, forKey key: String, in id: SectionID) {
        let key = Self.writableKey(key)
        setEntry(
            key: key, texts: { prefix in [prefix + Self.writableValue(value)] },
            newTexts: { indent in
                [indent + key + " = " + Self.writableValue(value)]
            }, in: id)
    }

    /// Sets `key` to an indented sub-section (`key =` then one `  k = v` line per entry), the shape
    /// botocore reads in `[services]` sections.
    public mutating func setSubsection(_ key: String, to entries: [(key: String, value: String)], in id: SectionID) {
        let key = Self.writableKey(key)
        let body = entries.map { Self.writableKey($0.key) + " = " + Self.writableValue($0.value) }
        setEntry(
            key: key,
            texts: { prefix in
                let indent = Self.indentation(of: prefix) + "  "
                return [PythonText.string(PythonText.rstrip(ArraySlice(prefix.unicodeScalars)))]
                    + body.map { indent + $0 }
            },
            newTexts: { indent in
                [indent + key + " ="] + body.map { indent + "  " + $0 }
            }, in: id)
    }

    /// Removes `key` (with its continuation lines) from the section botocore uses for `id`.
    public mutating func removeKey(_ key: String, from id: SectionID) {
        guard let index = lexedIndex(of: id),
            let entry = lexed[index].entries.last(where: { $0.key.isExactly(PythonText.lower(key)) })
        else { return }
        var newLines = lines
        newLines.removeSubrange(entry.keyLine...entry.lastLine)
        Self.dedentHeader(after: entry.keyLine - 1, in: &newLines)
        replaceLines(newLines)
    }

    /// Adds the section at the end of the file (after a blank line), or sets the entries in it when
    /// botocore already has a section for `id`.
    public mutating func addSection(_ id: SectionID, entries: [(key: String, value: String)]) {
        if section(id) != nil {
            for entry in entries { setValue(entry.value, forKey: entry.key, in: id) }
            return
        }
        var texts = ["[\(id.header)]"]
        texts += entries.map { Self.writableKey($0.key) + " = " + Self.writableValue($0.value) }
        var newLines = lines
        if let last = newLines.last, !PythonText.strip(last.text).isEmpty { texts.insert("", at: 0) }
        Self.insert(texts, after: newLines.count - 1, in: &newLines)
        replaceLines(newLines)
    }

    /// Removes every section botocore maps to `id` (for a profile: `[profile a]` and `[profile "a"]`),
    /// from its header to its last key, with the blank lines after it. Comments after the last key stay.
    public mutating func removeSection(_ id: SectionID) {
        var newLines = lines
        for index in lexed.indices.reversed() where self.id(at: index) == id {
            let block = lexed[index]
            var start = block.headerLine
            var end = block.entries.last?.lastLine ?? block.headerLine
            while end + 1 < block.endLine, PythonText.strip(newLines[end + 1].text).isEmpty { end += 1 }
            if end + 1 == newLines.count {
                while start > 0, PythonText.strip(newLines[start - 1].text).isEmpty { start -= 1 }
            }
            newLines.removeSubrange(start...end)
            Self.dedentHeader(after: start - 1, in: &newLines)
        }
        replaceLines(newLines)
    }

    // MARK: - Lines

    private mutating func setEntry(
        key: String,
        texts: (_ prefix: String) -> [String],
        newTexts: (_ indent: String) -> [String],
        in id: SectionID
    ) {
        guard let index = lexedIndex(of: id) else {
            addSection(id, entries: [])
            guard lexedIndex(of: id) != nil else { return }
            setEntry(key: key, texts: texts, newTexts: newTexts, in: id)
            return
        }
        let block = lexed[index]
        var newLines = lines
        if let entry = block.entries.last(where: { $0.key.isExactly(PythonText.lower(key)) }) {
            let replacement = texts(Self.valuePrefix(of: newLines[entry.keyLine].text))
            let ending = newLines[entry.lastLine].ending
            var replaced = replacement.map { ConfigLine(text: $0, ending: lineEnding) }
            replaced[replaced.count - 1].ending = ending
            newLines.replaceSubrange(entry.keyLine...entry.lastLine, with: replaced)
        } else {
            let after = block.entries.last?.lastLine ?? block.headerLine
            let indent = block.entries.last.map { Self.indentation(of: newLines[$0.keyLine].text) } ?? ""
            let added = newTexts(indent)
            Self.insert(added, after: after, in: &newLines)
            Self.dedentHeader(after: after + added.count, in: &newLines)
        }
        replaceLines(newLines)
    }

    /// Inserts lines after `index` (-1: at the start). A file without a final line break keeps that
    /// style: the line that was last gets a line break and the new last line gets none.
    private static func insert(_ texts: [String], after index: Int, in lines: inout [ConfigLine]) {
        guard !texts.isEmpty else { return }
        let ending = LineSplitter.dominantEnding(of: lines)
        var added = texts.map { ConfigLine(text: $0, ending: ending) }
        if index >= 0, lines[index].ending == .none {
            lines[index].ending = ending
            added[added.count - 1].ending = .none
        }
        lines.insert(contentsOf: added, at: index + 1)
    }

    /// An indented header right after the edited lines could now read as a continuation of the key
    /// above it; it is moved to the left margin, which keeps its meaning.
    private static func dedentHeader(after index: Int, in lines: inout [ConfigLine]) {
        var next = index + 1
        while next < lines.count {
            let stripped = PythonText.strip(ArraySlice(lines[next].text.unicodeScalars))
            if stripped.isEmpty || stripped.first == "#" || stripped.first == ";" {
                next += 1
                continue
            }
            if INILexer.header(in: stripped) != nil, stripped.count != lines[next].text.unicodeScalars.count {
                lines[next].text = PythonText.string(PythonText.lstrip(ArraySlice(lines[next].text.unicodeScalars)))
            }
            return
        }
    }

    /// The key line up to where its value starts (indentation, key, delimiter, spacing).
    static func valuePrefix(of text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        guard let delimiter = scalars.firstIndex(where: { $0 == "=" || $0 == ":" }) else { return text + " = " }
        var start = delimiter + 1
        while start < scalars.count, PythonText.isWhitespace(scalars[start]) { start += 1 }
        var prefix = PythonText.string(scalars[..<start])
        if start == delimiter + 1, delimiter > 0, PythonText.isWhitespace(scalars[delimiter - 1]) { prefix += " " }
        return prefix
    }

    static func indentation(of text: String) -> String {
        PythonText.string(text.unicodeScalars.prefix { PythonText.isWhitespace($0) })
    }

    /// A key botocore will read back as itself: no whitespace, `=` or `:` (each becomes `_`), not
    /// starting like a header or comment, never empty.
    public static func writableKey(_ key: String) -> String {
        var scalars = key.unicodeScalars.map { scalar -> Unicode.Scalar in
            PythonText.isWhitespace(scalar) || scalar == "=" || scalar == ":" ? "_" : scalar
        }
        if let first = scalars.first, first == "[" || first == "#" || first == ";" { scalars[0] = "_" }
        return scalars.isEmpty ? "_" : PythonText.string(scalars)
    }

    /// A value botocore will read back as itself: one line (line breaks become spaces), no surrounding
    /// whitespace (botocore strips it anyway).
    public static func writableValue(_ value: String) -> String {
        let scalars = value.unicodeScalars.map { PythonText.isLineBoundary($0) ? " " : $0 }
        return PythonText.string(PythonText.strip(ArraySlice(scalars)))
    }
}
