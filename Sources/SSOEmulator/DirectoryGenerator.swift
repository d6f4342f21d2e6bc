/// Builds a realistic-looking, reproducible directory from counts: start URLs of the form
/// `https://d-XXXXXXXXXX.awsapps.com/start`, unique 12-digit account IDs, common permission-set names.
struct DirectoryGenerator {
    private var random: SeededRandom

    init(seed: UInt64) {
        random = SeededRandom(seed: seed)
    }

    static let regions = ["us-east-1", "eu-west-1", "us-west-2", "ap-southeast-2", "eu-central-1"]
    static let environments = ["prod", "staging", "dev", "sandbox", "shared", "audit", "logs", "network"]
    static let roleNames = [
        "AdministratorAccess", "ReadOnlyAccess", "PowerUserAccess", "ViewOnlyAccess", "Billing",
        "SecurityAudit", "DatabaseAdministrator", "NetworkAdministrator", "SupportUser", "DataScientist",
    ]

    mutating func generate(portals: Int, accountsPerPortal: Int, rolesPerAccount: Int) -> EmulatorDirectory {
        var usedAccountIDs = Set<String>()
        var result: [EmulatorPortal] = []
        for index in 1...portals {
            let directoryID = "d-" + randomString(length: 10, alphabet: "0123456789abcdef")
            var accounts: [EmulatorAccount] = []
            for number in stride(from: 1, through: accountsPerPortal, by: 1) {
                var accountID = randomString(length: 12, alphabet: "0123456789")
                while accountID.hasPrefix("0") || !usedAccountIDs.insert(accountID).inserted {
                    accountID = randomString(length: 12, alphabet: "0123456789")
                }
                let environment = Self.environments[(number - 1) % Self.environments.count]
                let name = "\(environment)-\(String(number).leftPadded(to: 4))"
                accounts.append(
                    EmulatorAccount(
                        accountID: accountID,
                        accountName: name,
                        emailAddress: "aws+\(name)@portal-\(index).example.com",
                        roles: Self.roles(count: rolesPerAccount)
                    )
                )
            }
            result.append(
                EmulatorPortal(
                    name: "portal-\(index)",
                    startURL: "https://\(directoryID).awsapps.com/start",
                    region: Self.regions[(index - 1) % Self.regions.count],
                    accounts: accounts
                )
            )
        }
        return EmulatorDirectory(portals: result)
    }

    static func roles(count: Int) -> [String] {
        (0..<count).map { $0 < roleNames.count ? roleNames[$0] : "CustomRole\($0 + 1)" }
    }

    private mutating func randomString(length: Int, alphabet: String) -> String {
        let characters = Array(alphabet)
        return String((0..<length).map { _ in characters[Int(random.next() % UInt64(characters.count))] })
    }
}

/// SplitMix64: a tiny deterministic generator, so a seed always gives the same directory.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
