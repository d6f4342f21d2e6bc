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
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars)
        return String(result)
    }
}

/// A string compared by its Unicode scalars, as Python compares `str` values (Swift's `==` on `String`
/// uses canonical equivalence, so "é" and "e\u{301}" would wrongly be the same key).
struct ExactKey: Hashable, Sendable {
    let scalars: [UInt32]

    init(_ text: String) {
        scalars = text.unicodeScalars.map(\.value)
    }
}

extension String {
    /// Whether two strings have the same Unicode scalars (Python's `==`).
    func isExactly(_ other: String) -> Bool {
        unicodeScalars.elementsEqual(other.unicodeScalars)
    }

    /// Whether the string starts with `prefix`, scalar by scalar (Python's `str.startswith`).
    func hasExactPrefix(_ prefix: String) -> Bool {
        unicodeScalars.starts(with: prefix.unicodeScalars)
    }
}
