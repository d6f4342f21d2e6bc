import AWSFormats
import Foundation

extension RoleCredentials {
    /// The credential file's bytes, exactly `CacheFile`'s encoding of ``jsonValue`` (Python's
    /// `json.dumps` with default separators), written straight into one buffer: `login --all` writes
    /// thousands of these, and building the value tree first cost more than the write itself.
    /// `Tests/CacheTests/CredentialFileBytesTests.swift` compares the two over many credentials.
    var cacheFileBytes: Data {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(
            160 + accessKeyID.utf8.count + secretAccessKey.utf8.count + sessionToken.utf8.count
                + (accountID?.utf8.count ?? 0))
        bytes.append(contentsOf: #"{"ProviderType": "sso", "Credentials": {"AccessKeyId": "#.utf8)
        Self.appendQuoted(accessKeyID, to: &bytes)
        bytes.append(contentsOf: #", "SecretAccessKey": "#.utf8)
        Self.appendQuoted(secretAccessKey, to: &bytes)
        bytes.append(contentsOf: #", "SessionToken": "#.utf8)
        Self.appendQuoted(sessionToken, to: &bytes)
        bytes.append(contentsOf: #", "Expiration": "#.utf8)
        Self.appendQuoted(CacheTimestamp.format(expiration), to: &bytes)
        if let accountID {
            bytes.append(contentsOf: #", "AccountId": "#.utf8)
            Self.appendQuoted(accountID, to: &bytes)
        }
        bytes.append(contentsOf: "}}".utf8)
        return Data(bytes)
    }

    /// A JSON string as Python writes it: printable ASCII without `"` or `\` copied as it is, anything
    /// else through ``PythonJSON/quote(_:)``.
    private static func appendQuoted(_ text: String, to bytes: inout [UInt8]) {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 <= 0x7E && $0 != 0x22 && $0 != 0x5C }) {
            bytes.append(0x22)
            bytes.append(contentsOf: text.utf8)
            bytes.append(0x22)
        } else {
            bytes.append(contentsOf: PythonJSON.quote(text).utf8)
        }
    }
}
