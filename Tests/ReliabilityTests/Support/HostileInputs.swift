import Foundation

/// Generators of hostile inputs, each a pure function of (seed, index) so that a failing input can be
/// rebuilt alone: config files built from the grammar's own pieces (and broken on purpose), and cache
/// documents mutated from valid ones (wrong types, missing fields, odd timestamps, deep nesting, bytes).
enum HostileInputs {
    static func generator(seed: UInt64, index: Int) -> SeededGenerator {
        SeededGenerator(seed: seed ^ (UInt64(index) &* 0x9E37_79B9_7F4A_7C15))
    }

    // MARK: - Config files

    private static let sectionNames = [
        "default", "profile a", "profile b", "profile a b", "profile  spaced ", "sso-session s", "sso-session t",
        "services svc", "profile", "sso-session", "preview", "plugins", "profile é", "profile \u{0}", "PROFILE a",
        "profile [x]", "profile a]", "", " ", "profile a # comment",
    ]
    private static let keys = [
        "sso_session", "sso_start_url", "sso_region", "sso_account_id", "sso_role_name", "sso_registration_scopes",
        "sso_use_device_code", "region", "output", "endpoint_url", "services", "sso", "sso_oidc", "s3",
        "credential_process", "source_profile", "role_arn", "ignore_configured_endpoint_urls", "aws_access_key_id",
        "aws_secret_access_key", "", " ", "=", "key with spaces", "ключ", "a\tb",
    ]
    private static let values = [
        "s", "t", "a", "b", "svc", "https://d-1234567890.awsapps.com/start", "https://x.example/start#",
        "us-east-1", "eu-west-1", "123456789012", "12345678901", "AdministratorAccess", "sso:account:access",
        "sso:account:access, openid", "true", "false", "TRUE", "http://127.0.0.1:1", "not a url", "", " ", "=",
        "\"quoted\"", "'single'", "$(rm -rf /)", "`id`", "; ls", "| cat", "&& echo", "value # not a comment",
        "value ; comment", "\\", "\u{FEFF}bom", "\u{202E}rtl", "x\u{0}y", String(repeating: "v", count: 300),
    ]
    private static let newlines = ["\n", "\r\n", "\r", "\n\n"]

    /// A config file: mostly well-formed pieces in random order, with broken lines mixed in.
    static func configFile(seed: UInt64, index: Int) -> Data {
        var random = generator(seed: seed, index: index)
        var text = ""
        if Bool.random(using: &random) && index % 7 == 0 { text += "\u{FEFF}" }
        // Half the inputs start from a valid SSO profile and session, so that resolution is reached.
        if index.isMultiple(of: 2) {
            text += "[profile a]\nsso_session = s\nsso_account_id = 123456789012\nsso_role_name = R\n"
            text += "[sso-session s]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = us-east-1\n"
        }
        let lines = Int.random(in: 0..<(index % 5 == 0 ? 40 : 10), using: &random)
        let hostility = Int.random(in: 16..<22, using: &random)
        for _ in 0..<lines {
            let newline = newlines.randomElement(using: &random) ?? "\n"
            switch Int.random(in: 0..<hostility, using: &random) {
            case 0..<4:
                let name = sectionNames.randomElement(using: &random) ?? ""
                text += Int.random(in: 0..<6, using: &random) > 0 ? "[\(name)]" : "[\(name)"
            case 4..<13:
                let key = keys.randomElement(using: &random) ?? ""
                let value = values.randomElement(using: &random) ?? ""
                let separator = ["=", " = ", " = ", "=", ":", " : ", "==", " "].randomElement(using: &random) ?? "="
                text += key + separator + value
            case 13..<16:
                // A nested sub-section line (continuation of `services`/`s3 =`).
                let indent = ["  ", "\t", " ", "    "].randomElement(using: &random) ?? " "
                text +=
                    indent + (keys.randomElement(using: &random) ?? "") + " = "
                    + (values.randomElement(using: &random) ?? "")
            case 16:
                text +=
                    ["#", ";", " #", "\t;"].randomElement(using: &random)!
                    + (values.randomElement(using: &random) ?? "")
            case 17:
                text += String(repeating: "[", count: Int.random(in: 1..<200, using: &random))
            case 18:
                text += String(repeating: " ", count: Int.random(in: 1..<50, using: &random)) + "="
            default:
                break
            }
            text += newline
        }
        var bytes = Array(text.utf8)
        // Sometimes break the encoding or the structure at the byte level.
        let mutations = index % 3 == 0 ? Int.random(in: 1..<4, using: &random) : 0
        for _ in 0..<mutations where !bytes.isEmpty {
            let at = Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<4, using: &random) {
            case 0: bytes[at] = UInt8.random(in: 0...255, using: &random)
            case 1: bytes.insert(contentsOf: [0xFF, 0xFE, 0xC3], at: at)
            case 2: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1..<20, using: &random)))
            default: bytes.insert(0, at: at)
            }
        }
        return Data(bytes)
    }

    // MARK: - Cache documents

    enum CacheKind: CaseIterable, Sendable {
        case token, registration, credentials
    }

    private static var timestamps: [Any] {
        [
            "2030-01-01T00:00:00Z", "2030-01-01T00:00:00UTC", "2030-01-01T00:00:00.123456Z",
            "2030-01-01T00:00:00+02:00",
            "2030-01-01 00:00:00", "2030-13-45T99:99:99Z", "0000-00-00T00:00:00Z", "-2030-01-01T00:00:00Z",
            "99999-01-01T00:00:00Z", "", "now", "2030-01-01T00:00:00\u{0}Z", 1_900_000_000, 1.9e12, -1, 1e308,
            NSNull(), true, ["2030-01-01T00:00:00Z"], ["at": "2030"],
        ]
    }
    private static var strings: [Any] {
        [
            "", "x", "aoa\u{0}", String(repeating: "k", count: 10_000), "\u{D7FF}\u{E000}", "é", 0, -0.0,
            NSNull(), false, [Any](), [String: Any](), ["nested": ["deeper": "x"]],
        ]
    }

    /// A valid document of `kind`, then mutated: fields dropped, replaced by wrong types, timestamps odd.
    static func cacheDocument(_ kind: CacheKind, seed: UInt64, index: Int) -> Data {
        var random = generator(seed: seed, index: index)
        var object: [String: Any]
        switch kind {
        case .token:
            object = [
                "startUrl": "https://d-1234567890.awsapps.com/start", "region": "us-east-1", "accessToken": "aoaTOKEN",
                "expiresAt": "2030-01-01T00:00:00Z", "clientId": "cid", "clientSecret": "csecret",
                "registrationExpiresAt": "2030-01-01T00:00:00Z", "refreshToken": "aorREFRESH",
            ]
        case .registration:
            object = [
                "clientId": "cid", "clientSecret": "csecret", "expiresAt": "2030-01-01T00:00:00Z",
                "scopes": ["sso:account:access"], "grantTypes": ["authorization_code", "refresh_token"],
            ]
        case .credentials:
            object = [
                "ProviderType": "sso",
                "Credentials": [
                    "AccessKeyId": "ASIAXXXX", "SecretAccessKey": "secret", "SessionToken": "token",
                    "Expiration": "2030-01-01T00:00:00Z", "AccountId": "123456789012",
                ] as [String: Any],
            ]
        }
        let mutations = Int.random(in: 0..<5, using: &random)
        for _ in 0..<mutations {
            guard let key = object.keys.sorted().randomElement(using: &random) else { break }
            switch Int.random(in: 0..<5, using: &random) {
            case 0: object[key] = nil
            case 1: object[key] = timestamps.randomElement(using: &random)
            case 2: object[key] = strings.randomElement(using: &random)
            case 3:
                if var inner = object[key] as? [String: Any],
                    let innerKey = inner.keys.sorted().randomElement(using: &random)
                {
                    inner[innerKey] = (timestamps + strings).randomElement(using: &random)
                    object[key] = inner
                } else {
                    object["extra\(Int.random(in: 0..<3, using: &random))"] = strings.randomElement(using: &random)
                }
            default: object[key] = timestamps.randomElement(using: &random)
            }
        }
        var bytes = Array(
            (try? JSONSerialization.data(withJSONObject: object, options: [.fragmentsAllowed])) ?? Data("{}".utf8))
        switch Int.random(in: 0..<12, using: &random) {
        case 0 where !bytes.isEmpty:
            bytes.removeSubrange(Int.random(in: 0..<bytes.count, using: &random)...)
        case 1 where !bytes.isEmpty:
            bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
        case 2:
            let depth = Int.random(in: 1..<20_000, using: &random)
            bytes = Array(String(repeating: "[", count: depth).utf8) + Array(String(repeating: "]", count: depth).utf8)
        case 3:
            let depth = Int.random(in: 1..<20_000, using: &random)
            bytes = Array(
                ("{\"accessToken\":" + String(repeating: "{\"a\":", count: depth) + "1"
                    + String(repeating: "}", count: depth) + "}").utf8)
        case 4:
            bytes = Array("{\"accessToken\": \"\\ud800\", \"expiresAt\": \"\\udfff\", \"startUrl\": \"\\u0000\"}".utf8)
        case 5:
            bytes = [0xEF, 0xBB, 0xBF] + bytes
        case 6:
            bytes = Array(
                "{\"expiresAt\": 1e999999, \"accessToken\": -0, \"startUrl\": 123456789012345678901234567890}".utf8)
        case 7:
            bytes += Array(" garbage".utf8)
        default:
            break
        }
        return Data(bytes)
    }
}
