/// The handful of Python string rules botocore's config loader depends on (`str.strip`, `str.lower`,
/// `str.splitlines`, the `\s` class of `re`), reproduced on Unicode scalars so that multisso reads a
/// line exactly as botocore does, including tabs and non-ASCII spaces.
enum PythonText {
    /// `str.isspace()` / `re`'s `\s` for `str` patterns (Unicode 14, Python 3.11).
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            true
        default:
            false
        }
    }

    /// Line boundaries of `str.splitlines()` other than `\r\n`, which is handled as a pair.
    static func isLineBoundary(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }

    /// `str.strip()`.
    static func strip(_ scalars: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
        rstrip(lstrip(scalars))
    }

    /// `str.lstrip()`.
    static func lstrip(_ scalars: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
        var start = scalars.startIndex
        while start < scalars.endIndex, isWhitespace(scalars[start]) { start += 1 }
        return scalars[start...]
    }

    /// `str.rstrip()`.
    static func rstrip(_ scalars: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
        var end = scalars.endIndex
        while end > scalars.startIndex, isWhitespace(scalars[end - 1]) { end -= 1 }
        return scalars[..<end]
    }

    /// `str.strip()` on a `String`.
    static func strip(_ text: String) -> String {
        string(strip(ArraySlice(text.unicodeScalars)))
    }

    /// `str.lower()` (full Unicode lower-case mapping).
    static func lower(_ text: String) -> String {
        text.lowercased()
    }

    /// `str.splitlines()` without the line ends.
    static func splitLines(_ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        var lines: [String] = []
        var start = 0
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if isLineBoundary(scalar) {
                lines.append(string(scalars[start..<index]))
                if scalar == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" { index += 1 }
                start = index + 1
            }
            index += 1
        }
        if start < scalars.count { lines.append(string(scalars[start...])) }
        return lines
    }

    /// Builds a `String` from scalars.
    static func string<S: Sequence<Unicode.Scalar>>(_ scalars: S) -> String {
        string(ArraySlice(scalars))
    }

    /// Builds a `String` from scalars, encoding them straight into the string's storage (one
    /// allocation, none for short strings): config files have thousands of lines, and appending scalars
    /// one by one to a `String.UnicodeScalarView` was the largest cost of reading them.
    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var count = 0
        for scalar in scalars { count += UTF8.width(scalar) }
        return String(unsafeUninitializedCapacity: count) { buffer in
            var index = 0
            for scalar in scalars {
                if scalar.value < 0x80 {
                    buffer[index] = UInt8(truncatingIfNeeded: scalar.value)
                    index += 1
                } else {
                    UTF8.encode(scalar) { byte in
                        buffer[index] = byte
                        index += 1
                    }
                }
            }
            return index
        }
    }
}

/// A string compared by its Unicode scalars, as Python compares `str` values (Swift's `==` on `String`
/// uses canonical equivalence, so "é" and "e\u{301}" would wrongly be the same key). Two strings have
/// the same scalars exactly when they have the same UTF-8 bytes, so the bytes are compared and hashed
/// (in one call, without copying them out of the string).
struct ExactKey: Hashable, Sendable {
    let text: String

    init(_ text: String) {
        self.text = text
    }

    static func == (lhs: ExactKey, rhs: ExactKey) -> Bool {
        lhs.text.utf8.count == rhs.text.utf8.count && lhs.text.utf8.elementsEqual(rhs.text.utf8)
    }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

extension String {
    /// Whether two strings have the same Unicode scalars (Python's `==`).
    func isExactly(_ other: String) -> Bool {
        // Same scalars exactly when same UTF-8 bytes; comparing bytes is cheaper than decoding scalars.
        guard utf8.count == other.utf8.count else { return false }
        let contiguous = utf8.withContiguousStorageIfAvailable { mine in
            other.utf8.withContiguousStorageIfAvailable { theirs in mine.elementsEqual(theirs) }
        }
        return (contiguous ?? nil) ?? utf8.elementsEqual(other.utf8)
    }

    /// Whether the string starts with `prefix`, scalar by scalar (Python's `str.startswith`).
    func hasExactPrefix(_ prefix: String) -> Bool {
        // A scalar prefix is exactly a UTF-8 byte prefix (UTF-8 is prefix-free).
        utf8.starts(with: prefix.utf8)
    }
}
