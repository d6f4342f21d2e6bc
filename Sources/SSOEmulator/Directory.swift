public import Foundation

/// The accounts and roles the emulator serves, grouped by IAM Identity Center portal (start URL).
///
/// Its JSON form is what `sso-emulator --directory FILE` reads and `GET /_admin/directory` returns:
/// `{"portals": [{"name", "startUrl", "region", "accounts": [{"accountId", "accountName",
/// "emailAddress", "roles": ["RoleName", ...]}]}]}`.
public struct EmulatorDirectory: Sendable, Codable, Equatable {
    public var portals: [EmulatorPortal]

    public init(portals: [EmulatorPortal]) {
        self.portals = portals
    }

    /// Reads and validates a directory file.
    /// - Throws: ``EmulatorError/directoryUnreadable(path:reason:)`` or
    ///   ``EmulatorError/invalidDirectory(path:reason:)``.
    public static func load(from file: URL) throws(EmulatorError) -> EmulatorDirectory {
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw .directoryUnreadable(path: file.path, reason: "\(error.localizedDescription)")
        }
        let directory: EmulatorDirectory
        do {
            directory = try JSONDecoder().decode(EmulatorDirectory.self, from: data)
        } catch {
            throw .invalidDirectory(path: file.path, reason: "not the directory JSON shape (\(error))")
        }
        if let problem = directory.validationProblem() {
            throw .invalidDirectory(path: file.path, reason: problem)
        }
        return directory
    }

    /// Why this directory cannot be served, or nil when it can.
    public func validationProblem() -> String? {
        if portals.isEmpty { return "it has no portals" }
        var names = Set<String>()
        var startURLs = Set<String>()
        for portal in portals {
            if !names.insert(portal.name).inserted { return "portal name \"\(portal.name)\" appears twice" }
            let key = StartURL.normalized(portal.startURL)
            if !startURLs.insert(key).inserted { return "start URL \(portal.startURL) appears twice" }
            guard let url = URL(string: portal.startURL), url.scheme == "https", url.host != nil else {
                return "portal \"\(portal.name)\": start URL \(portal.startURL) is not an https URL"
            }
            var accountIDs = Set<String>()
            for account in portal.accounts {
                if account.accountID.count != 12 || !account.accountID.allSatisfy(\.isASCIIDigit) {
                    return "portal \"\(portal.name)\": account ID \"\(account.accountID)\" is not 12 digits"
                }
                if !accountIDs.insert(account.accountID).inserted {
                    return "portal \"\(portal.name)\": account \(account.accountID) appears twice"
                }
            }
        }
        return nil
    }
}

/// One IAM Identity Center portal: a start URL with its own accounts; tokens are bound to it.
public struct EmulatorPortal: Sendable, Codable, Equatable {
    public var name: String
    public var startURL: String
    public var region: String
    public var accounts: [EmulatorAccount]

    public init(name: String, startURL: String, region: String, accounts: [EmulatorAccount]) {
        self.name = name
        self.startURL = startURL
        self.region = region
        self.accounts = accounts
    }

    enum CodingKeys: String, CodingKey {
        case name, region, accounts
        case startURL = "startUrl"
    }

    func account(_ accountID: String) -> EmulatorAccount? {
        accounts.first { $0.accountID == accountID }
    }
}

/// An AWS account of a portal and the permission sets (role names) assigned in it.
public struct EmulatorAccount: Sendable, Codable, Equatable {
    public var accountID: String
    public var accountName: String
    public var emailAddress: String
    public var roles: [String]

    public init(accountID: String, accountName: String, emailAddress: String, roles: [String]) {
        self.accountID = accountID
        self.accountName = accountName
        self.emailAddress = emailAddress
        self.roles = roles
    }

    enum CodingKeys: String, CodingKey {
        case accountName, emailAddress, roles
        case accountID = "accountId"
    }
}

/// Start URLs compare equal whatever their trailing `/` or `#`, as the service treats them.
enum StartURL {
    static func normalized(_ url: String) -> String {
        var text = Substring(url)
        while let last = text.last, last == "/" || last == "#" { text = text.dropLast() }
        return text.lowercased()
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
