import Testing

@testable import AWSFormats
@testable import SSOCache

@Suite("PythonJSON")
struct PythonJSONTests {
    @Test("default separators and insertion order")
    func defaultSeparators() {
        let value = PythonJSON.Value.object([
            ("b", .string("x/y")), ("a", .array([.integer(1), .bool(true), .null])), ("c", .object([])),
        ])
        #expect(PythonJSON.encode(value) == #"{"b": "x/y", "a": [1, true, null], "c": {}}"#)
    }

    @Test("compact separators and sorted keys")
    func compact() {
        let value = PythonJSON.Value.object([("roleName", .string("Admin")), ("accountId", .string("1"))])
        #expect(
            PythonJSON.encode(value, separators: .compact, sortKeys: true) == #"{"accountId":"1","roleName":"Admin"}"#)
    }

    @Test("escapes like ensure_ascii: short escapes, lowercase \\u, surrogate pairs, DEL")
    func escapes() {
        let text = "\"\\\n\r\t\u{08}\u{0C}\u{01}\u{1F}\u{7F}é€😀/"
        #expect(PythonJSON.quote(text) == #""\"\\\n\r\t\b\f\u0001\u001f\u007f\u00e9\u20ac\ud83d\ude00/""#)
    }

    @Test("keys sort by code point, not UTF-16 or Unicode collation")
    func codePointSort() {
        let value = PythonJSON.Value.object([
            ("😀", .integer(1)), ("\u{FFFF}", .integer(2)), ("a", .integer(3)), ("B", .integer(4)), ("é", .integer(5)),
        ])
        #expect(
            PythonJSON.encode(value, sortKeys: true)
                == #"{"B": 4, "a": 3, "\u00e9": 5, "\uffff": 2, "\ud83d\ude00": 1}"#)
    }
}
