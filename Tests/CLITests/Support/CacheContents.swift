import Foundation
import TestSupport

/// A token file of ~/.aws/sso/cache as multisso wrote it (AWS CLI v2 field names).
struct TokenFile: Decodable, Equatable {
    var startUrl: String
    var region: String
    var accessToken: String
    var expiresAt: String
    var clientId: String?
    var clientSecret: String?
    var registrationExpiresAt: String?
    var refreshToken: String?
}

/// A role credential file of ~/.aws/cli/cache.
struct CredentialFile: Decodable, Equatable {
    struct Credentials: Decodable, Equatable {
        var AccessKeyId: String
        var SecretAccessKey: String
        var SessionToken: String
        var Expiration: String
        var AccountId: String?
    }

    var ProviderType: String
    var Credentials: Credentials
}

/// The `credential_process` Version 1 document.
struct ProcessDocument: Decodable, Equatable {
    var Version: Int
    var AccessKeyId: String
    var SecretAccessKey: String
    var SessionToken: String
    var Expiration: String
    var AccountId: String?
}

/// Reads the caches of a sandbox HOME with the AWS CLI's file names.
struct CacheContents {
    let home: URL

    var ssoCache: URL { home.appendingPathComponent(".aws/sso/cache") }
    var cliCache: URL { home.appendingPathComponent(".aws/cli/cache") }

    /// The token file of an `[sso-session NAME]`: SHA-1 of the name.
    func tokenURL(session: String) -> URL { ssoCache.appendingPathComponent(SHA1.hex(session) + ".json") }

    func token(session: String) throws -> TokenFile {
        try JSONDecoder().decode(TokenFile.self, from: Data(contentsOf: tokenURL(session: session)))
    }

    /// The credential file of a role reached through a session: SHA-1 of the compact sorted JSON key.
    func credentialURL(accountID: String, roleName: String, session: String) -> URL {
        let key = #"{"accountId":"\#(accountID)","roleName":"\#(roleName)","sessionName":"\#(session)"}"#
        return cliCache.appendingPathComponent(SHA1.hex(key) + ".json")
    }

    func credentials(_ profile: SandboxProfile) throws -> CredentialFile {
        let url = credentialURL(accountID: profile.accountID, roleName: profile.roleName, session: profile.session)
        return try JSONDecoder().decode(CredentialFile.self, from: Data(contentsOf: url))
    }

    /// Every file name in a cache folder (empty when the folder does not exist).
    func files(in folder: URL) -> [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "json" }
    }

    /// Files of ~/.aws/sso/cache that hold an access token.
    func tokenFiles() -> [URL] {
        files(in: ssoCache).filter { url in
            guard let data = try? Data(contentsOf: url),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            else { return false }
            return object["accessToken"] != nil
        }
    }

    /// Files of ~/.aws/sso/cache that hold a client registration (a `clientId` and no access token).
    func registrationFiles() -> [URL] {
        files(in: ssoCache).filter { url in
            guard let data = try? Data(contentsOf: url),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            else { return false }
            return object["clientId"] != nil && object["accessToken"] == nil
        }
    }

    /// Every secret the caches hold: access and refresh tokens, client secrets, secret keys and session tokens.
    func secrets() -> Set<String> {
        var found = Set<String>()
        for url in files(in: ssoCache) + files(in: cliCache) {
            guard let data = try? Data(contentsOf: url),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            else { continue }
            let credentials = object["Credentials"] as? [String: Any] ?? [:]
            for value in [
                object["accessToken"], object["refreshToken"], object["clientSecret"],
                credentials["SecretAccessKey"], credentials["SessionToken"],
            ] {
                if let secret = value as? String, !secret.isEmpty { found.insert(secret) }
            }
        }
        return found
    }

    /// The permission bits of a path.
    static func mode(_ url: URL) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }
}
