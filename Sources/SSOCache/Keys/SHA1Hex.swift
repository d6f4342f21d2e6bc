internal import Crypto
import Foundation

/// The lowercase hex SHA-1 of a string's UTF-8 bytes: how the AWS CLI names every cache file.
enum SHA1Hex {
    static func digest(_ text: String) -> String {
        Insecure.SHA1.hash(data: Data(text.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }
}
