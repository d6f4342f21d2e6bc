extension LexedSection {
    /// The section with every line index mapped through `numbers` (an index past the end maps to one
    /// past the last number), for a document parsed from an excerpt of a file.
    func renumbered(_ numbers: [Int]) -> LexedSection {
        func map(_ index: Int) -> Int { index < numbers.count ? numbers[index] : (numbers.last ?? -1) + 1 }
        var copy = self
        copy.headerLine = map(headerLine)
        copy.endLine = map(endLine)
        copy.entries = entries.map { entry in
            var moved = entry
            moved.keyLine = map(entry.keyLine)
            moved.lastLine = map(entry.lastLine)
            moved.continuationLines = entry.continuationLines.map(map)
            return moved
        }
        return copy
    }
}
