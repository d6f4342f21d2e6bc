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
        var scanner = Cursor(bytes: bytes)
        guard let top = scanner.object(nestedKey: "Credentials"), scanner.atEndAfterSpace(),
            let credentials = top.nested,
            let accessKeyID = credentials.members["AccessKeyId"],
            let secretAccessKey = credentials.members["SecretAccessKey"],
            let sessionToken = credentials.members["SessionToken"],
            let expirationText = credentials.members["Expiration"],
            let expiration = CacheTimestamp.parse(expirationText)
        else { return nil }
        return RoleCredentials(
            accessKeyID: accessKeyID, secretAccessKey: secretAccessKey, sessionToken: sessionToken,
            expiration: expiration, accountID: credentials.members["AccountId"])
    }

    /// One object: its string members, and the object under the one key allowed to hold one.
    struct Object {
        var members: [String: String] = [:]
        var nested: Nested?
    }

    /// An object inside the top-level one: string members only.
    struct Nested {
        var members: [String: String] = [:]
    }

    private struct Cursor {
        let bytes: UnsafeRawBufferPointer
        var index = 0

        init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

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

        /// A string of printable ASCII without escapes.
        mutating func string() -> String? {
            guard take(0x22) else { return nil }
            let start = index
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x22 {
                    let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                    index += 1
                    return text
                }
                guard byte >= 0x20, byte < 0x7F, byte != 0x5C else { return nil }
                index += 1
            }
            return nil
        }

        /// The top-level object, where only `nestedKey` may hold an object.
        mutating func object(nestedKey: String) -> Object? {
            guard take(0x7B) else { return nil }
            var object = Object()
            if take(0x7D) { return object }
            repeat {
                guard let key = string(), take(0x3A) else { return nil }
                skipSpace()
                if key == nestedKey, index < bytes.count, bytes[index] == 0x7B {
                    guard object.nested == nil, object.members[key] == nil, let nested = nestedObject() else {
                        return nil
                    }
                    object.nested = nested
                } else {
                    guard let value = string(), object.members.updateValue(value, forKey: key) == nil,
                        key != nestedKey || object.nested == nil
                    else { return nil }
                }
            } while take(0x2C)
            return take(0x7D) ? object : nil
        }

        mutating func nestedObject() -> Nested? {
            guard take(0x7B) else { return nil }
            var nested = Nested()
            if take(0x7D) { return nested }
            repeat {
                guard let key = string(), take(0x3A), let value = string(),
                    nested.members.updateValue(value, forKey: key) == nil
                else { return nil }
            } while take(0x2C)
            return take(0x7D) ? nested : nil
        }
    }
}
