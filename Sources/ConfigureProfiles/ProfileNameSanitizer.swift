import Foundation

/// Turns any text into a profile name that every tool reads the same way: ASCII letters, digits,
/// `-`, `_` and `.` only (no spaces or quotes to trip up `[profile NAME]`, shells or scripts).
///
/// Accents are dropped (`é` → `e`), every other character and run of whitespace becomes `-`, runs of
/// `-` collapse to one, and `-` and `.` are trimmed from both ends. An empty result becomes `profile`.
public enum ProfileNameSanitizer {
    /// The sanitised name.
    public static func sanitize(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            let kept: Unicode.Scalar = isAllowed(scalar) ? scalar : "-"
            if kept == "-", result.last == "-" { continue }
            result.append(kept)
        }
        var name = Substring(String(result))
        while let first = name.first, first == "-" || first == "." { name = name.dropFirst() }
        while let last = name.last, last == "-" || last == "." { name = name.dropLast() }
        return name.isEmpty ? "profile" : String(name)
    }

    /// Whether `name` is already what `sanitize` would make of it.
    public static func isSanitized(_ name: String) -> Bool {
        sanitize(name) == name
    }

    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".": true
        default: false
        }
    }
}
