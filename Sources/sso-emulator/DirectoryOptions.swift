import ArgumentParser
import Foundation
import SSOEmulator

/// Where the emulator listens and what it serves.
struct DirectoryOptions: ParsableArguments {
    @Option(help: ArgumentHelp("TCP port on 127.0.0.1; 0 picks a free port.", valueName: "N"))
    var port: Int = 0

    @Option(help: ArgumentHelp("Number of portals (start URLs) to generate.", valueName: "K"))
    var portals: Int = 1

    @Option(help: ArgumentHelp("Accounts per generated portal.", valueName: "N"))
    var accounts: Int = 5

    @Option(help: ArgumentHelp("Roles (permission sets) per generated account.", valueName: "R"))
    var rolesPerAccount: Int = 2

    @Option(
        help: ArgumentHelp(
            "Seed of the generated directory (same seed, same start URLs and account IDs).", valueName: "S"))
    var seed: UInt64 = 1

    @Option(
        help: ArgumentHelp(
            "Load portals, accounts and roles from this JSON file instead of generating them (format below).",
            valueName: "FILE"))
    var directory: String?

    @Option(
        help: ArgumentHelp(
            "Page size of ListAccounts and ListAccountRoles when the client sends no max_result (1-100).",
            valueName: "P"))
    var pageSize: Int = 20

    @Option(help: ArgumentHelp("Serve HTTPS with this PEM certificate chain (needs --tls-key).", valueName: "PEM"))
    var tlsCertificate: String?

    @Option(help: ArgumentHelp("PEM private key of --tls-certificate.", valueName: "PEM"))
    var tlsKey: String?

    func apply(to configuration: inout EmulatorConfiguration) throws {
        configuration.port = port
        if let tlsCertificate, let tlsKey {
            configuration.tls = EmulatorTLS(certificatePath: tlsCertificate, privateKeyPath: tlsKey)
        }
        configuration.portals = portals
        configuration.accountsPerPortal = accounts
        configuration.rolesPerAccount = rolesPerAccount
        configuration.seed = seed
        configuration.pageSize = pageSize
        if let directory {
            do {
                configuration.directory = try EmulatorDirectory.load(from: URL(fileURLWithPath: directory))
            } catch {
                throw ValidationError(error.description)
            }
        }
    }

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        guard portals >= 1 else { throw ValidationError("--portals must be at least 1.") }
        guard accounts >= 0, rolesPerAccount >= 0 else {
            throw ValidationError("--accounts and --roles-per-account must not be negative.")
        }
        guard (tlsCertificate == nil) == (tlsKey == nil) else {
            throw ValidationError("--tls-certificate and --tls-key go together.")
        }
        guard (1...100).contains(pageSize) else { throw ValidationError("--page-size must be between 1 and 100.") }
    }
}
