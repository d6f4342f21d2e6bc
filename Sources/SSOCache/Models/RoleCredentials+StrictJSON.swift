import AWSFormats

extension RoleCredentials {
    /// The credentials of a cache file read by ``StrictJSON``, or nil when that reader declines the
    /// file or the fields are not all there as ``init(json:)`` wants them (which then reads it, and
    /// reports what is wrong).
    init?(strictJSON bytes: [UInt8]) {
        guard case .object(let top)? = StrictJSON.parse(bytes),
            case .object(let fields)? = StrictJSON.member(top, "Credentials", in: bytes)
        else { return nil }
        func text(_ key: String) -> String? {
            guard case .string(let range)? = StrictJSON.member(fields, key, in: bytes) else { return nil }
            return String(decoding: bytes[range], as: UTF8.self)
        }
        let accountID: String?
        switch StrictJSON.member(fields, "AccountId", in: bytes) {
        case nil, .null?: accountID = nil
        case .string?: accountID = text("AccountId")
        case .object?, .other?: return nil
        }
        guard let accessKeyID = text("AccessKeyId"), let secretAccessKey = text("SecretAccessKey"),
            let sessionToken = text("SessionToken"), let expiration = text("Expiration").flatMap(CacheTimestamp.parse)
        else { return nil }
        self.init(
            accessKeyID: accessKeyID, secretAccessKey: secretAccessKey, sessionToken: sessionToken,
            expiration: expiration, accountID: accountID)
    }
}
