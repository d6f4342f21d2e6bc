import AWSFormats
import Testing

@testable import SSOCache

/// The cache key's JSON written directly (`plainHashInput`) against `PythonJSON`'s `json.dumps` with
/// `sort_keys` and compact separators: the same text for every value it writes, and nil for any value
/// `json.dumps` would escape.
@Suite("Role credential cache key: the direct JSON equals json.dumps")
struct RoleCredentialCacheKeyPlainTests {
    static let values: [String] = [
        "", "123456789012", "AdministratorAccess", "my-sso", "portal-1", "https://d-123.awsapps.com/start",
        "a b", "~", " ", "!#$%&'()*+,-./:;<=>?@[]^_`{|}", "quote\"d", "back\\slash", "tab\t", "new\nline",
        "\u{7F}", "\u{1F}", "é", "日本", "\u{2028}", "emoji 🙂",
    ]

    @Test("every combination of account, role and portal")
    func combinations() {
        for account in Self.values {
            for role in Self.values {
                for value in Self.values {
                    for portal in [TokenCacheKey.session(name: value), .startURL(value)] {
                        let expected = Self.pythonJSON(accountID: account, roleName: role, portal: portal)
                        let plain = RoleCredentialCacheKey.plainHashInput(
                            accountID: account, roleName: role, portal: portal)
                        let escapes = [account, role, value].contains { text in
                            text.unicodeScalars.contains {
                                $0.value < 0x20 || $0.value >= 0x7F || $0 == "\"" || $0 == "\\"
                            }
                        }
                        if escapes {
                            #expect(plain == nil, "\(expected) has escapes; the direct path must decline")
                        } else {
                            #expect(plain == expected)
                        }
                        #expect(
                            RoleCredentialCacheKey(accountID: account, roleName: role, portal: portal).hashInput
                                == expected)
                    }
                }
            }
        }
    }

    static func pythonJSON(accountID: String, roleName: String, portal: TokenCacheKey) -> String {
        var members: [(key: String, value: PythonJSON.Value)] = [
            ("roleName", .string(roleName)), ("accountId", .string(accountID)),
        ]
        switch portal {
        case .session(let name): members.append(("sessionName", .string(name)))
        case .startURL(let url): members.append(("startUrl", .string(url)))
        }
        return PythonJSON.encode(.object(members), separators: .compact, sortKeys: true)
    }
}
