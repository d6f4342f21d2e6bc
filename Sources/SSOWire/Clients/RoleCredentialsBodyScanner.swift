import Foundation

/// Reads a `GetRoleCredentials` answer straight from its bytes, the one response `login --all` gets by
/// the thousand: `{"roleCredentials":{"accessKeyId":"…","secretAccessKey":"…","sessionToken":"…",
/// "expiration":1234}}`, in any key order, with any whitespace and other scalar members.
///
/// It accepts only a strict subset of JSON, and answers nil for anything else (an escape in a string,
/// a nested object or array it does not know, a repeated or missing key, invalid UTF-8, bytes after
/// the document): the caller then decodes with `JSONDecoder`, whose answers and error messages stay
/// the reference. So it never accepts what `JSONDecoder` would refuse, and where it answers, it
/// answers the same (`Tests/WireTests/RoleCredentialsBodyScannerTests.swift` compares them).
struct RoleCredentialsBodyScanner {
    typealias Credentials = GetRoleCredentialsResponse.Credentials

    private let bytes: UnsafeRawBufferPointer
    private var index = 0

    private init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// The credentials, or nil when the body is outside the subset (decode it with `JSONDecoder`).
    static func scan(_ body: Data) -> Credentials? {
        body.withUnsafeBytes { raw in
            var scanner = RoleCredentialsBodyScanner(raw)
            return scanner.document()
        }
    }

    private mutating func document() -> Credentials? {
        var credentials: Credentials?
        let complete = object { key, scanner in
            guard key == "roleCredentials", credentials == nil else { return scanner.skipScalar() }
            credentials = scanner.roleCredentials()
            return credentials != nil
        }
        skipWhitespace()
        guard complete, index == bytes.count else { return nil }
        return credentials
    }

    private mutating func roleCredentials() -> Credentials? {
        var accessKeyId: String?
        var secretAccessKey: String?
        var sessionToken: String?
        var expiration: Double?
        let complete = object { key, scanner in
            // A repeated key never reaches here (`object` declines it); false when the value is unreadable.
            switch key {
            case "accessKeyId":
                accessKeyId = scanner.string()
                return accessKeyId != nil
            case "secretAccessKey":
                secretAccessKey = scanner.string()
                return secretAccessKey != nil
            case "sessionToken":
                sessionToken = scanner.string()
                return sessionToken != nil
            case "expiration":
                expiration = scanner.number()
                return expiration != nil
            default: return scanner.skipScalar()
            }
        }
        guard complete, let accessKeyId, let secretAccessKey, let sessionToken, let expiration else { return nil }
        return Credentials(
            accessKeyId: accessKeyId, secretAccessKey: secretAccessKey, sessionToken: sessionToken,
            expiration: expiration)
    }

    /// `{ "key": value, … }`, `member` reading each value; false when outside the subset.
    private mutating func object(_ member: (String, inout Self) -> Bool) -> Bool {
        skipWhitespace()
        guard consume(UInt8(ascii: "{")) else { return false }
        skipWhitespace()
        if consume(UInt8(ascii: "}")) { return true }
        var seen: Set<String> = []
        while true {
            skipWhitespace()
            guard let key = string(), seen.insert(key).inserted else { return false }
            skipWhitespace()
            guard consume(UInt8(ascii: ":")) else { return false }
            skipWhitespace()
            guard member(key, &self) else { return false }
            skipWhitespace()
            if consume(UInt8(ascii: ",")) { continue }
            return consume(UInt8(ascii: "}"))
        }
    }

    /// A string without escapes or control characters, in valid UTF-8.
    private mutating func string() -> String? {
        guard consume(UInt8(ascii: "\"")) else { return nil }
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(validating: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            index += 1
        }
        return nil
    }

    /// A JSON number (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`) that is a finite Double.
    private mutating func number() -> Double? {
        let start = index
        _ = consume(UInt8(ascii: "-"))
        if consume(UInt8(ascii: "0")) {
            // no further integer digits
        } else {
            guard digits() else { return nil }
        }
        if consume(UInt8(ascii: ".")) { guard digits() else { return nil } }
        if consume(UInt8(ascii: "e")) || consume(UInt8(ascii: "E")) {
            if !consume(UInt8(ascii: "+")) { _ = consume(UInt8(ascii: "-")) }
            guard digits() else { return nil }
        }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    private mutating func digits() -> Bool {
        let start = index
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
        return index > start
    }

    /// Skips a string, number, `true`, `false` or `null`; false for objects, arrays and anything else.
    private mutating func skipScalar() -> Bool {
        guard index < bytes.count else { return false }
        switch bytes[index] {
        case UInt8(ascii: "\""): return string() != nil
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number() != nil
        default: return literal("true") || literal("false") || literal("null")
        }
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard bytes.count - index >= count else { return false }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
        index += count
        return true
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }
}
