import Foundation

/// Files botocore (or multisso) refuses, each with the error multisso must give and its line.
enum MalformedCorpus {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var bytes: [UInt8]
        var code: String
        var line: Int
        /// botocore refuses the file too (NUL bytes are refused by multisso only).
        var botocoreRefuses = true
        var description: String { name }

        init(_ name: String, _ text: String, code: String, line: Int) {
            self.name = name
            self.bytes = Array(text.utf8)
            self.code = code
            self.line = line
        }

        init(_ name: String, bytes: [UInt8], code: String, line: Int, botocoreRefuses: Bool = true) {
            self.name = name
            self.bytes = bytes
            self.code = code
            self.line = line
            self.botocoreRefuses = botocoreRefuses
        }
    }

    static let all: [Case] = [
        Case(
            "unclosed header", "[default]\nregion = x\n[profile dev\noutput = y\n",
            code: "config_malformed_section_header", line: 3),
        Case("empty header", "[default]\n[]\n", code: "config_malformed_section_header", line: 2),
        Case("unclosed first header", "[profile a\nregion = x\n", code: "config_malformed_section_header", line: 1),
        Case(
            "key before any section", "# top\nregion = us-east-1\n[default]\n", code: "config_key_outside_section",
            line: 2),
        Case("line without delimiter", "[default]\nregion us-east-1\n", code: "config_malformed_line", line: 2),
        Case("key without name", "[default]\n= value\n", code: "config_malformed_line", line: 2),
        Case(
            "duplicate section", "[profile a]\nregion = x\n\n[profile a]\nregion = y\n",
            code: "config_duplicate_section", line: 4),
        Case(
            "duplicate key (case-insensitive)", "[default]\nregion = x\nRegion = y\n", code: "config_duplicate_key",
            line: 3),
        Case(
            "sub-section line without =", "[services s]\nsso =\n  endpoint_url http://x\n",
            code: "config_malformed_subsection", line: 3),
        Case(
            "deferred line error loses to later duplicate", "[a]\nbogus\n[a]\n", code: "config_duplicate_section",
            line: 3),
        Case(
            "invalid UTF-8", bytes: Array("[default]\nregion = ".utf8) + [0xFF, 0xFE] + Array("\n".utf8),
            code: "config_invalid_utf8", line: 2),
        Case(
            "overlong UTF-8", bytes: Array("[default]\n\nname = ".utf8) + [0xC0, 0xAF], code: "config_invalid_utf8",
            line: 3),
        Case(
            "UTF-8 surrogate", bytes: Array("[a]\nk = ".utf8) + [0xED, 0xA0, 0x80], code: "config_invalid_utf8", line: 2
        ),
        Case(
            "byte-order mark", bytes: [0xEF, 0xBB, 0xBF] + Array("[default]\nregion = x\n".utf8),
            code: "config_byte_order_mark", line: 1),
        Case(
            "NUL byte", bytes: Array("[default]\r\nregion = x\r\nout\u{0}put = json\r\n".utf8), code: "config_nul_byte",
            line: 3, botocoreRefuses: false),
        Case("CR-only file with bad line", "[default]\rregion = x\rjunk\r", code: "config_malformed_line", line: 3),
    ]
}
