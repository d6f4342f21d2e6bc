import Foundation

/// Reads the flat values of an awsQuery XML answer (STS's `<Credentials>`, `<Error>` members) without
/// an XML library: the text of the first element with a given name, entities decoded. The answers
/// have no attributes on these elements, no CDATA and no repeated names that matter.
enum QueryXML {
    /// The text of the first `<name>…</name>` in `xml`, or nil when absent.
    static func value(_ name: String, in xml: String) -> String? {
        let bytes = Array(xml.utf8)
        guard let open = find(Array("<\(name)>".utf8), in: bytes, from: 0),
            let close = find(Array("</\(name)>".utf8), in: bytes, from: open.upperBound)
        else { return nil }
        return decodeEntities(String(decoding: bytes[open.upperBound..<close.lowerBound], as: UTF8.self))
    }

    /// The first occurrence of `needle` in `haystack` at or after `start`, byte for byte (the
    /// element names are ASCII, so a match never splits a character).
    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Range<Int>? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else {
            return nil
        }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return index..<(index + needle.count)
            }
            index += 1
        }
        return nil
    }

    /// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;` and numeric references.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            guard let semicolon = rest[ampersand...].firstIndex(of: ";") else { break }
            let entity = rest[rest.index(after: ampersand)..<semicolon]
            switch entity {
            case "amp": result += "&"
            case "lt": result += "<"
            case "gt": result += ">"
            case "quot": result += "\""
            case "apos": result += "'"
            default:
                let number =
                    entity.hasPrefix("#x")
                    ? UInt32(entity.dropFirst(2), radix: 16)
                    : entity.hasPrefix("#") ? UInt32(entity.dropFirst()) : nil
                if let number, let scalar = Unicode.Scalar(number) {
                    result.unicodeScalars.append(scalar)
                } else {
                    result += "&\(entity);"
                }
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return result + rest
    }
}
