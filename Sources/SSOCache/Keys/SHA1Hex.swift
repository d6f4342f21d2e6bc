internal import Crypto
import Foundation

/// The lowercase hex SHA-1 of a string's UTF-8 bytes: how the AWS CLI names every cache file.
enum SHA1Hex {
    static func digest(_ text: String) -> String {
        var text = text
        let digest = text.withUTF8 { Insecure.SHA1.hash(data: UnsafeRawBufferPointer($0)) }
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: 2 * Insecure.SHA1.byteCount) { buffer in
            var index = 0
            for byte in digest {
                buffer[index] = digits[Int(byte >> 4)]
                buffer[index + 1] = digits[Int(byte & 0x0F)]
                index += 2
            }
            return index
        }
    }
}
