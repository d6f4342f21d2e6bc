/// Percent-encoding as botocore applies it to query values and as the AWS CLI applies it to the
/// authorize URL: only `A–Z a–z 0–9 - . _ ~` stay literal; every other UTF-8 byte becomes `%XX`
/// (upper-case hex), so a space is `%20`, `:` is `%3A` and `/` is `%2F`.
public enum PercentEncoding {
    public static func encode(_ value: String) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        for byte in value.utf8 {
            if isUnreserved(byte) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += "%" + hexDigit(byte >> 4) + hexDigit(byte & 0x0F)
            }
        }
        return result
    }

    /// Builds `name=value&name=value` in the given order, skipping nil values.
    public static func query(_ items: [(String, String?)]) -> String {
        items.compactMap { name, value in value.map { "\(encode(name))=\(encode($0))" } }
            .joined(separator: "&")
    }

    /// Whether a byte is in the RFC 3986 unreserved set.
    public static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> String {
        String(UnicodeScalar(nibble < 10 ? nibble + 48 : nibble + 55))
    }
}
