import AWSFormats
public import Foundation

/// One value of a report row that ``PrettyReportJSON`` writes itself.
enum PrettyJSONValue {
    case string(String)
    case bool(Bool)
    case int(Int)
    case date(Date)
}

/// A flat row of a report (one profile's outcome): its members as `JSONEncoder` would write them.
protocol PrettyJSONRow: Encodable {
    /// The members in sorted-key order with the value of each present one (absent optionals are left
    /// out, as `encodeIfPresent` does); nil when the row holds something only the encoder writes.
    var prettyJSONMembers: [(key: String, value: PrettyJSONValue)]? { get }
}

/// The JSON of `--output json` reports: what `JSONEncoder` writes with ``encoder()``'s settings, with
/// the rows (one per profile, 10,000 of them at scale) written directly as bytes. Every row shape is
/// checked once against the encoder's own output, and any row or report it cannot vouch for is left to
/// the encoder, so the output is the encoder's byte for byte.
public enum PrettyReportJSON {
    /// The encoder of every `--output json` document: pretty, sorted keys, unescaped slashes, ISO 8601 dates.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// `report` as ``encoder()`` encodes it, its `rows` member written row by row.
    static func encode<Report: Encodable, Row: PrettyJSONRow>(
        _ report: Report, rows: WritableKeyPath<Report, [Row]>
    ) throws -> Data {
        let all = report[keyPath: rows]
        guard !all.isEmpty, let text = try rowsText(all[...]) else { return try encoder().encode(report) }
        return try splice(text, into: report, rows: rows)
    }

    /// ``encode(_:rows:)`` with the rows of each half written at once (`status --all --output json`
    /// writes 10,000 of them, about 2.5 MB); the same bytes.
    static func encodeInHalves<Report: Encodable, Row: PrettyJSONRow & Sendable>(
        _ report: Report, rows: WritableKeyPath<Report, [Row]>
    ) async throws -> Data {
        let all = report[keyPath: rows]
        guard all.count >= 512 else { return try encode(report, rows: rows) }
        let half = all.count / 2
        let second = all[half...]
        async let secondText = rowsText(second)
        guard let firstText = try rowsText(all[..<half]), let secondText = try await secondText else {
            return try encoder().encode(report)
        }
        var text = firstText
        text.bytes.append(contentsOf: ",\n".utf8)
        text.bytes.append(contentsOf: secondText.bytes)
        return try splice(text, into: report, rows: rows)
    }

    /// The rows as the encoder writes them in the report (two levels in, separated by `,\n`), with the
    /// length of the first; nil when a row's shape writes differently from the encoder's text of it.
    private static func rowsText<Row: PrettyJSONRow>(_ all: ArraySlice<Row>) throws
        -> (bytes: [UInt8], firstCount: Int)?
    {
        let encoder = encoder()
        var checkedShapes = Set<[String]>()
        // The keys of the row before, whose shape is checked already: rows of one shape follow each other.
        var lastShape: [String]?
        var rowsText: [UInt8] = []
        rowsText.reserveCapacity(all.count * 300)
        var firstCount = 0
        for (index, row) in all.enumerated() {
            if index > 0 { rowsText.append(contentsOf: ",\n".utf8) }
            let start = rowsText.count
            if let members = row.prettyJSONMembers {
                write(members, indent: "    ", into: &rowsText)
                let sameShape = lastShape.map { last in
                    members.count == last.count && zip(members, last).allSatisfy { $0.key == $1 }
                }
                if sameShape != true, checkedShapes.insert(members.map(\.key)).inserted {
                    // The first row of each shape, against the encoder's own text of it.
                    guard try indented(encoder.encode(row)).elementsEqual(rowsText[start...]) else { return nil }
                }
                if sameShape != true { lastShape = members.map(\.key) }
            } else {
                rowsText.append(contentsOf: try indented(encoder.encode(row)))
            }
            if index == 0 { firstCount = rowsText.count }
        }
        return (rowsText, firstCount)
    }

    /// The report's own text with its first row only, `text`'s rows put in that row's place.
    private static func splice<Report: Encodable, Row: PrettyJSONRow>(
        _ text: (bytes: [UInt8], firstCount: Int), into report: Report, rows: WritableKeyPath<Report, [Row]>
    ) throws -> Data {
        let encoder = encoder()
        let all = report[keyPath: rows]
        guard let first = all.first else { return try encoder.encode(report) }
        // The report with its first row only, to splice the others in after it.
        var shell = report
        shell[keyPath: rows] = [first]
        let shellText = try encoder.encode(shell)
        let firstRow = Data(text.bytes[..<text.firstCount])
        guard let found = shellText.range(of: firstRow),
            shellText.range(of: firstRow, in: found.upperBound..<shellText.endIndex) == nil
        else { return try encoder.encode(report) }
        var result = Data(shellText[..<found.lowerBound])
        result.append(contentsOf: text.bytes)
        result.append(shellText[found.upperBound...])
        return result
    }

    /// A top-level pretty object moved two levels in (a row of an array member of the report).
    private static func indented(_ data: Data) -> [UInt8] {
        var text: [UInt8] = Array("    ".utf8)
        for byte in data {
            text.append(byte)
            if byte == UInt8(ascii: "\n") { text.append(contentsOf: "    ".utf8) }
        }
        return text
    }

    /// Appends the object as the pretty encoder writes it at `indent`.
    private static func write(
        _ members: [(key: String, value: PrettyJSONValue)], indent: String, into text: inout [UInt8]
    ) {
        text.append(contentsOf: indent.utf8)
        text.append(contentsOf: "{\n".utf8)
        for (index, member) in members.enumerated() {
            text.append(contentsOf: indent.utf8)
            text.append(contentsOf: "  \"".utf8)
            text.append(contentsOf: member.key.utf8)
            text.append(contentsOf: "\" : ".utf8)
            switch member.value {
            case .string(let value):
                text.append(UInt8(ascii: "\""))
                text.append(contentsOf: value.utf8)
                text.append(UInt8(ascii: "\""))
            case .bool(let value): text.append(contentsOf: (value ? "true" : "false").utf8)
            case .int(let value): text.append(contentsOf: String(value).utf8)
            case .date(let value):
                text.append(UInt8(ascii: "\""))
                text.append(contentsOf: CacheTimestamp.format(value).utf8)
                text.append(UInt8(ascii: "\""))
            }
            text.append(contentsOf: (index == members.count - 1 ? "\n" : ",\n").utf8)
        }
        text.append(contentsOf: indent.utf8)
        text.append(UInt8(ascii: "}"))
    }

    /// Whether the encoder writes `text` as it is between quotes: printable ASCII without `"` or `\`.
    static func isPlain(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
    }

    /// Whether the date is written by ``write(_:indent:)`` as the encoder writes it: whole seconds,
    /// years 1 to 9999 (others are left to the encoder).
    static func isPlain(_ date: Date) -> Bool {
        let seconds = date.timeIntervalSince1970
        return seconds == seconds.rounded(.down) && seconds > -62_135_596_800 && seconds < 253_402_300_800
    }
}
