import AWSFormats
import Foundation

/// Reads a role credential file in one pass over its bytes, without `JSONSerialization`: `status` and
/// `login --all` read thousands of them, and the general parser's boxing and casting was most of that.
///
/// It accepts only the plain shape the AWS CLI and multisso write (an object of string members and one
/// `Credentials` object of string members, ASCII text without escapes, each key once) and returns nil
/// for anything else, so that the general path (``CacheJSONObject``) decides every other file, with its
/// errors. Whatever it returns is what the general path returns for the same bytes.
enum CredentialFileScanner {
    /// The credentials of a plainly written file, or nil when the general path must decide.
    static func credentials(_ bytes: UnsafeRawBufferPointer) -> RoleCredentials? {
        guard let (cursor, fields, expiration) = scan(bytes),
            let accessKeyID = fields[.accessKeyID],
            let secretAccessKey = fields[.secretAccessKey],
            let sessionToken = fields[.sessionToken]
        else { return nil }
        return RoleCredentials(
            accessKeyID: cursor.text(accessKeyID), secretAccessKey: cursor.text(secretAccessKey),
            sessionToken: cursor.text(sessionToken), expiration: expiration,
            accountID: fields[.accountID].map { cursor.text($0) })
    }

    /// The expiration of the credentials ``credentials(_:)`` would return, without making their strings
    /// (`status` and `login --all` need only the time): nil exactly when it returns nil.
    static func expiration(_ bytes: UnsafeRawBufferPointer) -> Date? {
        scan(bytes)?.expiration
    }

    /// The plain shape checked, with every member a ``RoleCredentials`` needs present.
    private static func scan(_ bytes: UnsafeRawBufferPointer) -> (cursor: Cursor, fields: Fields, expiration: Date)? {
        var cursor = Cursor(bytes: bytes)
        guard let fields = cursor.topLevel(), cursor.atEndAfterSpace(),
            fields[.accessKeyID] != nil, fields[.secretAccessKey] != nil, fields[.sessionToken] != nil,
            let expirationRange = fields[.expiration],
            let expiration = CacheTimestamp.parse(cursor.text(expirationRange))
        else { return nil }
        return (cursor, fields, expiration)
    }

    /// The members of `Credentials` that are read, by their index in ``Fields/values``.
    enum Field: Int, CaseIterable {
        case accessKeyID, secretAccessKey, sessionToken, expiration, accountID

        /// `allCases` made once (each use of `allCases` makes an array: five per file).
        static let all = allCases

        var key: StaticString {
            switch self {
            case .accessKeyID: "AccessKeyId"
            case .secretAccessKey: "SecretAccessKey"
            case .sessionToken: "SessionToken"
            case .expiration: "Expiration"
            case .accountID: "AccountId"
            }
        }
    }

    /// Where the read members' values are (byte ranges between the quotes). Kept as bounds, and the keys
    /// seen as strings in an array: an array of `Range<Int>` or a `Set<String>` would cost the first
    /// file read a scan of every protocol conformance in the binary (`credential-process` start-up).
    struct Fields {
        var bounds: [(lower: Int, upper: Int)?] = Array(repeating: nil, count: Field.allCases.count)

        subscript(_ field: Field) -> Range<Int>? {
            get { bounds[field.rawValue].map { $0.lower..<$0.upper } }
            set { bounds[field.rawValue] = newValue.map { ($0.lowerBound, $0.upperBound) } }
        }
    }

    /// More distinct keys than this in one object leave the file to the general path (the check for
    /// repeated keys is a linear search).
    static let keyLimit = 64

    private struct Cursor {
        let bytes: UnsafeRawBufferPointer
        var index = 0

        init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

        func text(_ range: Range<Int>) -> String {
            String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }

        func matches(_ range: Range<Int>, _ key: StaticString) -> Bool {
            range.count == key.utf8CodeUnitCount
                && key.withUTF8Buffer { key in bytes[range].elementsEqual(UnsafeRawBufferPointer(key)) }
        }

        mutating func skipSpace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        mutating func atEndAfterSpace() -> Bool {
            skipSpace()
            return index == bytes.count
        }

        mutating func take(_ byte: UInt8) -> Bool {
            skipSpace()
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        /// A string of printable ASCII without escapes: the range between its quotes.
        mutating func string() -> Range<Int>? {
            guard take(0x22) else { return nil }
            let start = index
            skipPlainWords()
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x22 {
                    index += 1
                    return start..<(index - 1)
                }
                guard byte >= 0x20, byte < 0x7F, byte != 0x5C else { return nil }
                index += 1
            }
            return nil
        }

        /// Skips whole 8-byte words of printable ASCII without `"` or `\` (a session token is most of
        /// a file), each tested at once: a word with any other byte is left to the byte-by-byte loop.
        mutating func skipPlainWords() {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            while index + 8 <= bytes.count {
                let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                // Nonzero exactly when a byte is a quote, a backslash, below 0x20 or above 0x7E.
                let quote = word ^ (ones &* 0x22)
                let backslash = word ^ (ones &* 0x5C)
                let flagged =
                    ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- ones &* 0x20) & ~word)
                    | ((word &+ ones) | word)
                guard flagged & highs == 0 else { return }
                index += 8
            }
        }

        /// Adds `key` to `seen`; false when it is there already or `seen` is full.
        private static func insert(_ key: String, into seen: inout [String]) -> Bool {
            guard seen.count < CredentialFileScanner.keyLimit, !seen.contains(key) else { return false }
            seen.append(key)
            return true
        }

        /// The top-level object: string members, and one `Credentials` object; each key once.
        mutating func topLevel() -> Fields? {
            guard take(0x7B) else { return nil }
            var fields: Fields?
            var seen: [String] = []
            if take(0x7D) { return nil }
            repeat {
                guard let key = string(), take(0x3A), Self.insert(text(key), into: &seen) else { return nil }
                skipSpace()
                if matches(key, "Credentials") {
                    guard let nested = credentials() else { return nil }
                    fields = nested
                } else {
                    guard string() != nil else { return nil }
                }
            } while take(0x2C)
            return take(0x7D) ? fields : nil
        }

        /// The `Credentials` object: string members only, each key once.
        mutating func credentials() -> Fields? {
            guard take(0x7B) else { return nil }
            var fields = Fields()
            var seen: [String] = []
            if take(0x7D) { return fields }
            repeat {
                guard let key = string(), take(0x3A), let value = string() else { return nil }
                if let field = Field.all.first(where: { matches(key, $0.key) }) {
                    guard fields[field] == nil else { return nil }
                    fields[field] = value
                } else {
                    guard Self.insert(text(key), into: &seen) else { return nil }
                }
            } while take(0x2C)
            return take(0x7D) ? fields : nil
        }
    }
}
