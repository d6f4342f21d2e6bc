import Foundation

extension ConfigDocument {
    /// The document without the sections `ids` names, cut with the same rule as `removeSection`
    /// (from the header to the last key, with the blank lines after it; comments after the last key
    /// stay) but in one pass and one parse: pruning hundreds of profiles one edit at a time would parse
    /// the file hundreds of times. Should the one-pass cut ever read back differently from the
    /// expected sections, the edits are made one at a time instead.
    /// - Throws: `ConfigError` only if the result does not parse.
    public func removingSections(_ ids: Set<SectionID>) throws(ConfigError) -> ConfigDocument {
        guard !ids.isEmpty else { return self }
        let lines = self.lines
        let sections = self.sections
        var removed = [Bool](repeating: false, count: lines.count)
        let headers = sections.map { $0.line - 1 }
        // From the end, so that a section followed only by removed ones counts as the last one.
        for (index, section) in sections.enumerated().reversed() where ids.contains(section.id) {
            let start = headers[index]
            let blockEnd = index + 1 < headers.count ? headers[index + 1] - 1 : lines.count - 1
            var end = start
            if start < blockEnd {
                for line in (start + 1)...blockEnd where Self.isContent(lines[line].text) { end = line }
            }
            while end < blockEnd, Self.isBlank(lines[end + 1].text) { end += 1 }
            var first = start
            if removed[(end + 1)...].allSatisfy({ $0 }) {
                while first > 0, Self.isBlank(lines[first - 1].text) { first -= 1 }
            }
            for line in first...end { removed[line] = true }
        }
        var data = Data()
        for (index, line) in lines.enumerated() where !removed[index] {
            data.append(contentsOf: Array(line.text.utf8))
            data.append(contentsOf: Array(line.ending.rawValue.utf8))
        }
        let result = try ConfigDocument(parsing: data, file: file)
        let expected = sections.filter { !ids.contains($0.id) }.map { [$0.id.description] + $0.entries.map(\.key) }
        if result.sections.map({ [$0.id.description] + $0.entries.map(\.key) }) == expected { return result }
        var fallback = self
        for id in ids { fallback.removeSection(id) }
        return fallback
    }

    private static func isBlank(_ text: String) -> Bool {
        text.allSatisfy(\.isWhitespace)
    }

    /// A key or continuation line: neither blank nor a full-line comment.
    private static func isContent(_ text: String) -> Bool {
        let stripped = text.drop { $0.isWhitespace }
        guard let first = stripped.first else { return false }
        return first != "#" && first != ";"
    }
}
