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
        var cursor = Cursor(bytes: bytes)
        guard let fields = cursor.topLevel(), cursor.atEndAfterSpace(),
            let accessKeyID = fields.values[Field.accessKeyID.rawValue],
            let secretAccessKey = fields.values[Field.secretAccessKey.rawValue],
            let sessionToken = fields.values[Field.sessionToken.rawValue],
            let expirationRange = fields.values[Field.expiration.rawValue],
            let expiration = CacheTimestamp.parse(cursor.text(expirationRange))
        else { return nil }
        return RoleCredentials(
            accessKeyID: cursor.text(accessKeyID), secretAccessKey: cursor.text(secretAccessKey),
            sessionToken: cursor.text(sessionToken), expiration: expiration,
            accountID: fields.values[Field.accountID.rawValue].map { cursor.text($0) })
    }

    /// The members of `Credentials` that are read, by their index in ``Fields/values``.
    enum Field: Int, CaseIterable {
        case accessKeyID, secretAccessKey, sessionToken, expiration, accountID

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

    /// Where the read members' values are (byte ranges between the quotes).
    struct Fields {
        var values: [Range<Int>?] = Array(repeating: nil, count: Field.allCases.count)
    }

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

        /// The top-level object: string members, and one `Credentials` object; each key once.
        mutating func topLevel() -> Fields? {
            guard take(0x7B) else { return nil }
            var fields: Fields?
            var seen = Set<String>()
            if take(0x7D) { return nil }
            repeat {
                guard let key = string(), take(0x3A), seen.insert(text(key)).inserted else { return nil }
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
            var seen = Set<String>()
            if take(0x7D) { return fields }
            repeat {
                guard let key = string(), take(0x3A), let value = string() else { return nil }
                if let field = Field.allCases.first(where: { matches(key, $0.key) }) {
                    guard fields.values[field.rawValue] == nil else { return nil }
                    fields.values[field.rawValue] = value
                } else {
                    guard seen.insert(text(key)).inserted else { return nil }
                }
            } while take(0x2C)
            return take(0x7D) ? fields : nil
        }
    }
}
