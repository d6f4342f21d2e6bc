import Foundation

extension ConfigDocument {
    /// The document with new sections appended at the end of the file, each after a blank line, in
    /// the file's line break, parsed once (appending hundreds of profiles one edit at a time would
    /// parse the growing file hundreds of times). A file without a final line break keeps that style.
    /// - Parameter sections: ids that are not in the document yet, with their keys in order.
    /// - Throws: `ConfigError` only if the result does not parse.
    public func appendingSections(_ sections: [(SectionID, [(String, String)])]) throws(ConfigError) -> ConfigDocument {
        guard !sections.isEmpty else { return self }
        let ending = lineEnding.rawValue
        var text = String(decoding: data, as: UTF8.self)
        let last = table.count > 0 ? table.line(table.count - 1) : nil
        let noFinalBreak = last?.ending == LineEnding.none
        if let last {
            if noFinalBreak { text += ending }
            if !last.text.allSatisfy(\.isWhitespace) { text += ending }
        }
        for (index, (id, entries)) in sections.enumerated() {
            if index > 0 { text += ending }
            text += "[\(id.header)]" + ending
            for (key, value) in entries {
                text += Self.writableKey(key) + " = " + Self.writableValue(value) + ending
            }
        }
        if noFinalBreak { text.removeLast(ending.count) }
        return try ConfigDocument(parsing: Data(text.utf8), file: file)
    }
}
